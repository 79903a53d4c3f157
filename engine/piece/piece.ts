// Piece: the one music type every module of MusER Studio speaks (our NoteSequence).
// It is plain data (JSON-safe) so it crosses IPC and HTTP unchanged.
//
// Time is kept twice on purpose: seconds (what is heard) and beats (where it sits in
// the music). A "beat" is always a quarter note, whatever the meter, so beats map
// one-to-one onto MIDI ticks / ticksPerBeat and onto 16th-note positions (beat * 4).

export interface Note {
  /** MIDI pitch, 21..108 after import (outside notes are folded by octaves). */
  pitch: number;
  /** MIDI velocity 1..127. */
  velocity: number;
  /** Seconds from the start of the piece. */
  onset: number;
  offset: number;
  /** Quarter-note beats from the first beat of the beat grid (beat 0 = beats[0]). */
  onsetBeat: number;
  offsetBeat: number;
}

/** A tempo in effect from `beat` on, in quarter notes per minute. */
export interface TempoEvent {
  beat: number;
  bpm: number;
}

/** A meter in effect from `beat` on; a bar starts there. */
export interface MeterEvent {
  beat: number;
  numerator: number;
  denominator: number;
}

/**
 * How the beat grid was found:
 * - 'grid': the file's own tempo and meter maps (a DAW export, notes on a grid);
 * - 'performance': beats and downbeats tracked from note onsets;
 * - 'tokens': rebuilt from tokens by the detokenizer.
 */
export type Timing = 'grid' | 'performance' | 'tokens';

export interface TrackInfo {
  name: string;
  channel: number;
  program: number;
  notes: number;
  /** Why the track was not merged into the piano part, when it was not. */
  dropped?: string;
}

export interface SourceInfo {
  /** File name (no directories), or a label for pieces made in the app. */
  name: string;
  format: 'midi' | 'tokens';
  midiFormat?: number;
  ticksPerBeat?: number;
  tracks: TrackInfo[];
  /** What import changed, counted, so a user can see it (e.g. notes folded into range). */
  adjustments: Record<string, number>;
}

export interface Piece {
  /** Notes sorted by onset, then pitch. */
  notes: Note[];
  /** Seconds of every quarter-note beat, covering the notes; beat index = beat number. */
  beats: number[];
  /** Seconds of every bar start (a downbeat). */
  downbeats: number[];
  /** Tempo map in beats, sorted, first at beat 0. */
  tempos: TempoEvent[];
  /** Meter map in beats, sorted, first at beat 0. */
  meters: MeterEvent[];
  timing: Timing;
  source: SourceInfo;
}

const PITCH_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

/** 60 -> "C4", 61 -> "C#4" (scientific pitch notation, as Tone.js reads it). */
export function pitchName(pitch: number): string {
  return `${PITCH_NAMES[pitch % 12]}${Math.floor(pitch / 12) - 1}`;
}

/** Seconds of the end of the last note (0 for an empty piece). */
export function pieceDuration(piece: Piece): number {
  let end = 0;
  for (const n of piece.notes) end = Math.max(end, n.offset);
  return end;
}

/**
 * Bars the music spans: the downbeats before the end of its last note. The beat grid
 * runs on past the music (a downbeat may sit at or after its end), so counting every
 * downbeat would give a four-bar piece five.
 */
export function barCount(piece: Piece): number {
  const end = pieceDuration(piece);
  return piece.downbeats.filter((d) => d < end - 1e-6).length;
}

export function compareNotes(a: Note, b: Note): number {
  return a.onset - b.onset || a.pitch - b.pitch;
}
