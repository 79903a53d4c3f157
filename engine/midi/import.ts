// MIDI bytes -> Piece. Pitched tracks merge into one piano part, drums are dropped,
// the sustain pedal lengthens notes, and the beat grid comes either from the file's
// own tempo and meter maps (grid files) or from the beat tracker (performances).

import midiPkg from '@tonejs/midi';
import { InputError, messageOf } from '../errors.js';
import { barBeats, barStarts, secondsToBeats, tempoMapSeconds } from '../piece/beat-map.js';
import { pieceFromBeats } from '../piece/from-beats.js';
import { compareNotes, type MeterEvent, type Note, type Piece, type SourceInfo, type TempoEvent, type TrackInfo } from '../piece/piece.js';
import { authorBarBeat } from '../beats/bar-phase.js';
import { trackBars } from '../beats/bars.js';
import { downbeatSalience } from '../beats/downbeats.js';
import type { FileTempo } from '../beats/file-tempo.js';
import { isOnGrid } from '../beats/grid.js';
import { gridPhase } from '../beats/grid-phase.js';
import { trackMeter } from '../beats/meter.js';
import { trackBeats } from '../beats/track.js';
import { GRID_STATED } from './export.js';
import { fileContent, type FileContent } from './file-content.js';
import { readSmf, type Smf } from './read-smf.js';
import { applySustain, type PedalEvent, type TickNote } from './sustain.js';
import { tidyNotes } from './tidy-notes.js';

// @tonejs/midi keeps the tempo map (ticks -> seconds); the bytes are read by read-smf.ts.
const { Header } = midiPkg;
type TempoMap = InstanceType<typeof Header>;

export const MIN_BPM = 4;
export const MAX_BPM = 1000;
/**
 * Longest piece accepted. A longer span is almost always a corrupt delta time (one
 * 4-byte delta reaches 268 million ticks), and its beat grid and bars would not fit in
 * memory or time (tracking beats over hours of silence takes minutes).
 */
export const MAX_SECONDS = 2 * 3600;
export const MAX_BEATS = 50_000;
const DRUM_CHANNEL = 9;
/** The tempo a MIDI file has when nobody set one (EMOPIA's performances carry it over free timing). */
const DEFAULT_BPM = 120;

export function importMidi(bytes: Uint8Array, name: string): Piece {
  const fail = (problem: string): never => {
    throw new InputError(name, problem);
  };
  let smf: Smf;
  try {
    smf = readSmf(bytes);
  } catch (err) {
    return fail(messageOf(err));
  }
  const ppq = smf.header.ticksPerBeat;
  const content = fileContent(smf);

  const tracks: TrackInfo[] = [];
  const tickNotes: TickNote[] = [];
  const pedal: PedalEvent[] = [];
  for (const t of content.tracks) {
    const info: TrackInfo = { ...t.info };
    if (info.channel === DRUM_CHANNEL) info.dropped = 'drums (MIDI channel 10)';
    tracks.push(info);
    if (info.dropped) continue;
    for (const n of t.notes) tickNotes.push(n);
    for (const e of t.pedal) pedal.push(e);
  }
  if (tickNotes.length === 0) {
    fail(tracks.some((t) => t.dropped && t.notes > 0) ? 'only drum notes (channel 10), nothing pitched to import' : 'no notes');
  }

  for (const t of content.tempos) {
    if (!(t.bpm >= MIN_BPM && t.bpm <= MAX_BPM)) fail(`absurd tempo ${t.bpm.toFixed(2)} BPM at tick ${t.ticks} (allowed ${MIN_BPM}-${MAX_BPM})`);
  }
  for (const s of content.meters) {
    if (!(s.numerator >= 1 && s.numerator <= 32 && [1, 2, 4, 8, 16, 32].includes(s.denominator))) fail(`unsupported time signature ${s.numerator}/${s.denominator} at tick ${s.ticks}`);
  }
  const tempoMap = new Header();
  tempoMap.fromJSON({ name: '', ppq, tempos: content.tempos, timeSignatures: [], keySignatures: [], meta: [] });

  const sustained = applySustain(tickNotes, pedal);
  const { notes: tidy, counts } = tidyNotes(tickNotes, 1);
  const adjustments: Record<string, number> = { sustainedByPedal: sustained, ...counts };
  const source: SourceInfo = { name, format: 'midi', midiFormat: smf.header.format, ticksPerBeat: ppq, tracks, adjustments };

  const lastTick = tidy.reduce((m, n) => Math.max(m, n.end), 0);
  const span = tempoMap.ticksToSeconds(lastTick);
  if (!(span <= MAX_SECONDS && lastTick / ppq <= MAX_BEATS)) {
    fail(`the notes last ${(span / 3600).toFixed(1)} hours (${Math.round(lastTick / ppq)} beats); pieces over ${MAX_SECONDS / 3600} hours or ${MAX_BEATS} beats are refused`);
  }

  const grid = isOnGrid(tidy.map((n) => n.start), ppq);
  return grid ? gridPiece(content, tidy, ppq, source) : { ...performancePiece(tempoMap, tidy), source };
}

type Timed = Omit<Piece, 'source'>;

function gridPiece(content: FileContent, tidy: TickNote[], ppq: number, source: SourceInfo): Piece {
  const fileNotes = tidy.map((n) => ({ pitch: n.pitch, velocity: n.velocity, onsetBeat: n.start / ppq, offsetBeat: n.end / ppq }));
  // The music's beat k sits at file beat k + shift; the piece starts one beat before the
  // file's first music beat, so file beat b becomes piece beat b + lead.
  const stated = content.texts.includes(GRID_STATED);
  const shift = stated ? 0 : gridPhase(fileNotes) / 4;
  const lead = shift > 0 ? 1 - shift : 0;
  const rawTempos: TempoEvent[] = content.tempos.map((t) => ({ beat: t.ticks / ppq + lead, bpm: t.bpm }));
  if (rawTempos.length === 0 || rawTempos[0].beat > lead) rawTempos.unshift({ beat: lead, bpm: 120 });
  if (lead > 0) rawTempos.unshift({ beat: 0, bpm: rawTempos[0].bpm });
  const rawMeters: MeterEvent[] = content.meters.map((s) => ({ beat: s.ticks / ppq, numerator: s.numerator, denominator: s.denominator }));
  if (rawMeters.length === 0 || rawMeters[0].beat > 0) rawMeters.unshift({ beat: 0, numerator: 4, denominator: 4 });
  // Dedupe first: two events at one tick would give a zero-length tempo segment,
  // and tempoMapSeconds stops at the first such segment (every note at 0 s).
  const tempos = dedupeTempos(rawTempos);
  const meters = dedupeMeters(rawMeters);
  const notes = fileNotes.map((n) => ({ ...n, onsetBeat: n.onsetBeat + lead, offsetBeat: n.offsetBeat + lead }));
  const piece = pieceFromBeats(notes, tempos, meters, 'grid', source);
  // Bar lines: the author's, unless they miss the music's beats (a shifted grid) or make
  // every beat a bar (only 1/4 time signatures state no bars; a 1/4 pickup before other
  // meters is a real bar): then tracked as in a performance. One steady meter keeps its
  // bar length, but its bar lines move to another beat where the music clearly has them.
  const bar = barBeats(meters[0]);
  const perBar = Number.isInteger(bar) && bar >= 2 ? bar : undefined;
  const noBars = meters.every((m) => barBeats(m) < 2);
  const salience = downbeatSalience(piece.beats, piece.notes);
  let barMeters: MeterEvent[];
  if (lead > 0 || (noBars && !stated)) {
    const { beatsPerBar, starts } = perBar ? { beatsPerBar: perBar, starts: trackBars(salience, perBar) } : trackMeter(salience);
    barMeters = meterMap(starts[0] === 0 ? starts : [0, ...starts], beatsPerBar);
  } else {
    const first = !stated && meters.length === 1 && perBar !== undefined ? authorBarBeat(salience, perBar) : 0;
    if (first === 0) return piece;
    barMeters = [{ beat: 0, numerator: first, denominator: 4 }, { ...meters[0], beat: first }];
  }
  const tracked = pieceFromBeats(notes, tempos, barMeters, 'grid', source);
  return lead > 0 ? shiftSeconds(tracked, -tempoMapSeconds(tempos, lead)) : tracked;
}

/** The piece with every time in seconds moved by `dt` (the file's tick 0 back at 0 s). */
function shiftSeconds(piece: Piece, dt: number): Piece {
  return {
    ...piece,
    notes: piece.notes.map((n) => ({ ...n, onset: n.onset + dt, offset: n.offset + dt })),
    beats: piece.beats.map((b) => b + dt),
    downbeats: piece.downbeats.map((d) => d + dt),
  };
}

function performancePiece(tempoMap: TempoMap, tidy: TickNote[]): Timed {
  const timed = tidy.map((n) => ({ pitch: n.pitch, velocity: n.velocity, onset: tempoMap.ticksToSeconds(n.start), offset: tempoMap.ticksToSeconds(n.end) }));
  // a tempo other than the MIDI default was set by the file's author: it tells the notated
  // level, and its map may give the beats
  const set = tempoMap.tempos[0]?.bpm;
  const track = trackBeats(timed, set !== undefined && set !== DEFAULT_BPM ? authorTempo(tempoMap, set) : undefined);
  // Beat 0 is always a bar start: before a pickup, extend the grid back to a full bar.
  const beats = [...track.beats];
  const lead = (track.beatsPerBar - track.firstDownbeat) % track.beatsPerBar;
  for (let i = 0; i < lead; i++) beats.unshift(2 * beats[0] - beats[1]);
  const starts = track.barStarts.map((i) => i + lead);
  if (starts[0] !== 0) starts.unshift(0);
  const meters = meterMap(starts, track.beatsPerBar);
  const tempos: TempoEvent[] = [];
  for (let i = 0; i + 1 < beats.length; i++) tempos.push({ beat: i, bpm: 60 / (beats[i + 1] - beats[i]) });
  const downbeats = barStarts(meters, beats.length).map((b) => beats[b]);
  const notes: Note[] = timed.map((n) => ({ ...n, onsetBeat: secondsToBeats(beats, n.onset), offsetBeat: secondsToBeats(beats, n.offset) }));
  return { notes: notes.sort(compareNotes), beats, downbeats, tempos: dedupeTempos(tempos), meters, timing: 'performance' };
}

/** The file's tempo map as seconds <-> beats; before tick 0 its first tempo holds. */
function authorTempo(tempoMap: TempoMap, bpm: number): FileTempo {
  const ppq = tempoMap.ppq;
  return {
    bpm,
    toBeats: (s) => (s < 0 ? (s * bpm) / 60 : tempoMap.secondsToTicks(s) / ppq),
    toSeconds: (b) => (b < 0 ? (b * 60) / bpm : tempoMap.ticksToSeconds(b * ppq)),
  };
}

/** A meter event wherever a bar's length (to the next start; the meter's after the last) changes. */
function meterMap(starts: readonly number[], beatsPerBar: number): MeterEvent[] {
  const meters: MeterEvent[] = [];
  starts.forEach((beat, k) => {
    const length = k + 1 < starts.length ? starts[k + 1] - beat : beatsPerBar;
    if (meters[meters.length - 1]?.numerator !== length) meters.push({ beat, numerator: length, denominator: 4 });
  });
  return meters;
}

/** Keep the last event at each beat and drop events that repeat the tempo in effect. */
function dedupeTempos(tempos: TempoEvent[]): TempoEvent[] {
  const out: TempoEvent[] = [];
  for (const t of tempos) {
    if (out.length && out[out.length - 1].beat === t.beat) out.pop();
    if (out.length && out[out.length - 1].bpm === t.bpm) continue;
    out.push(t);
  }
  return out;
}

/** Keep the last meter event at each beat (a bar restarts at every event). */
function dedupeMeters(meters: MeterEvent[]): MeterEvent[] {
  const out: MeterEvent[] = [];
  for (const m of meters) {
    if (out.length && out[out.length - 1].beat === m.beat) out.pop();
    out.push(m);
  }
  return out;
}
