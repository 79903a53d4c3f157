// Parsed MIDI events -> what the importer reads: tracks, notes in ticks, sustain pedal,
// tempo and meter events. Follows @tonejs/midi's reading, so files import as they always
// have: a track is split by channel and program, a note-on ends at the first later
// note-off of its pitch in its track, a note-on never released is dropped. Done here in
// linear time (@tonejs/midi pairs notes in quadratic time: a crafted file of a few
// hundred thousand notes would take hours).

import type { TrackInfo } from '../piece/piece.js';
import type { Smf, SmfEvent } from './read-smf.js';
import type { PedalEvent, TickNote } from './sustain.js';

const SUSTAIN = 64;

export interface FileTrack {
  info: TrackInfo;
  notes: TickNote[];
  pedal: PedalEvent[];
}

export interface FileContent {
  tracks: FileTrack[];
  tempos: { ticks: number; bpm: number }[];
  meters: { ticks: number; numerator: number; denominator: number }[];
  /** Text events of every track, in file order. */
  texts: string[];
}

type NoteEvent = Extract<SmfEvent, { type: 'noteOn' | 'noteOff' }>;

export function fileContent(smf: Smf): FileContent {
  const content: FileContent = { tracks: [], tempos: [], meters: [], texts: [] };
  const parts = smf.tracks.flatMap(splitByInstrument);
  parts.forEach((events, i) => {
    const notes = pairNotes(events);
    // As @tonejs/midi does: in format 1 a first track without notes is the conductor track.
    if (i === 0 && smf.header.format === 1 && notes.reduce((m, n) => Math.max(m, n.end), 0) === 0) return readMeta(events, content);
    const name = events.find((e) => e.type === 'trackName');
    const program = events.find((e) => e.type === 'program');
    // the track's channel is its last note-on's, paired or not, as in @tonejs/midi
    let channel = 0;
    for (const e of events) if (e.type === 'noteOn') channel = e.channel;
    const pedal: PedalEvent[] = [];
    for (const e of events) if (e.type === 'controller' && e.controller === SUSTAIN) pedal.push({ ticks: e.tick, channel, value: e.value });
    content.tracks.push({
      info: { name: name?.type === 'trackName' ? name.text : '', channel, program: program?.type === 'program' ? program.program : 0, notes: notes.length },
      notes: notes.map((n) => ({ ...n, channel })),
      pedal,
    });
    readMeta(events, content);
  });
  content.tempos.sort((a, b) => a.ticks - b.ticks);
  content.meters.sort((a, b) => a.ticks - b.ticks);
  return content;
}

function readMeta(events: readonly SmfEvent[], content: FileContent): void {
  for (const e of events) {
    if (e.type === 'tempo') content.tempos.push({ ticks: e.tick, bpm: 60_000_000 / e.microsecondsPerBeat });
    else if (e.type === 'meter') content.meters.push({ ticks: e.tick, numerator: e.numerator, denominator: e.denominator });
    else if (e.type === 'text') content.texts.push(e.text);
  }
}

/**
 * One track per (program, channel) in effect when each channel event happens; events
 * without a channel stay with the track's first part.
 */
function splitByInstrument(events: readonly SmfEvent[]): SmfEvent[][] {
  const parts: SmfEvent[][] = [];
  const index = new Map<string, number>();
  const program = new Array<number>(16).fill(0);
  for (const e of events) {
    let target = 0;
    if ('channel' in e) {
      if (e.type === 'program') program[e.channel] = e.program;
      const key = `${program[e.channel]} ${e.channel}`;
      let k = index.get(key);
      if (k === undefined) index.set(key, (k = index.size));
      target = k;
    }
    while (parts.length <= target) parts.push([]);
    parts[target].push(e);
  }
  return parts;
}

/** Each note-on in order takes the earliest unused note-off of its pitch at or after it. */
function pairNotes(events: readonly SmfEvent[]): TickNote[] {
  const offs = new Map<number, NoteEvent[]>();
  for (const e of events) if (e.type === 'noteOff') pushTo(offs, e.pitch, e);
  const next = new Map<number, number>();
  const notes: TickNote[] = [];
  for (const e of events) {
    if (e.type !== 'noteOn') continue;
    const list = offs.get(e.pitch) ?? [];
    // note-ons come in tick order, so offs skipped here are too early for every later one
    let k = next.get(e.pitch) ?? 0;
    while (k < list.length && list[k].tick < e.tick) k++;
    if (k < list.length) {
      notes.push({ pitch: e.pitch, velocity: e.velocity, start: e.tick, end: list[k].tick, channel: e.channel });
      k++;
    }
    next.set(e.pitch, k);
  }
  return notes;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
