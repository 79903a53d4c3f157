// The fuzz inputs: a real seed file with one to three mutations, all chosen by a PRNG
// seeded from (campaign seed, input index), so input N of seed S is the same bytes on
// every run over the same corpus. Random mutations damage bytes anywhere; the
// structure-aware ones walk the file's chunks and events to damage the fields a parser
// trusts (lengths, variable-length quantities, status bytes, tempo, meter, track count).

import { mix32, mulberry32, type Rng } from '../../engine/rng.js';
import type { Seed } from './seeds.js';
import { chunks, readU32, trackEvents, type Chunk, type TrackEvent, u32, vlq } from './smf.js';

export interface FuzzInput {
  index: number;
  seedFile: string;
  bytes: Uint8Array;
  /** One line per mutation applied, in order. */
  mutations: string[];
}

interface Ctx {
  bytes: Uint8Array;
  rng: Rng;
  /** Another seed, for splices. */
  other: () => Seed;
}

type Mutator = (c: Ctx) => { bytes: Uint8Array; what: string } | undefined;

export function makeInput(seeds: readonly Seed[], seed: number, index: number): FuzzInput {
  const rng = mulberry32(mix32(seed, index));
  const base = seeds[int(rng, seeds.length)];
  const ctx: Ctx = { bytes: base.bytes, rng, other: () => seeds[int(rng, seeds.length)] };
  const r = rng();
  const count = r < 0.6 ? 1 : r < 0.85 ? 2 : 3;
  const mutations: string[] = [];
  for (let m = 0; m < count; m++) {
    // a mutator that does not apply (no tempo event to damage, say) gives way to another
    for (let tries = 0; tries < 8; tries++) {
      const [name, mutate] = MUTATORS[int(rng, MUTATORS.length)];
      const done = mutate(ctx);
      if (!done) continue;
      ctx.bytes = done.bytes;
      mutations.push(`${name}: ${done.what}`);
      break;
    }
  }
  return { index, seedFile: base.name, bytes: ctx.bytes, mutations };
}

const INTERESTING = [0x00, 0x7f, 0x80, 0xff];
/** Note counts of an appended huge track; the largest stays under the 4 MB import limit. */
const HUGE_NOTES = [1_000, 20_000, 200_000];

const MUTATORS: [string, Mutator][] = [
  ['bit-flips', ({ bytes, rng }) => {
    const out = bytes.slice();
    const flips = Array.from({ length: 1 + int(rng, 8) }, () => [int(rng, out.length), int(rng, 8)]);
    for (const [at, bit] of flips) out[at] ^= 1 << bit;
    return { bytes: out, what: flips.map(([at, bit]) => `${at}.${bit}`).join(' ') };
  }],
  ['interesting-bytes', ({ bytes, rng }) => {
    const out = bytes.slice();
    const sets = Array.from({ length: 1 + int(rng, 4) }, () => [int(rng, out.length), pick(rng, INTERESTING)]);
    for (const [at, v] of sets) out[at] = v;
    return { bytes: out, what: sets.map(([at, v]) => `${at}=${hex(v)}`).join(' ') };
  }],
  ['insert', ({ bytes, rng }) => {
    const at = int(rng, bytes.length + 1);
    const ins = Array.from({ length: 1 + int(rng, 16) }, () => int(rng, 256));
    return { bytes: edit(bytes, at, 0, ins), what: `${ins.length} random bytes at ${at}` };
  }],
  ['delete', ({ bytes, rng }) => {
    const at = int(rng, bytes.length);
    const n = Math.min(1 + int(rng, 64), bytes.length - at);
    return { bytes: edit(bytes, at, n, []), what: `${n} bytes at ${at}` };
  }],
  ['truncate', ({ bytes, rng }) => {
    const at = int(rng, bytes.length);
    return { bytes: bytes.slice(0, at), what: `to ${at} of ${bytes.length} bytes` };
  }],
  ['duplicate', ({ bytes, rng }) => {
    const from = int(rng, bytes.length);
    const n = Math.min(1 + int(rng, 256), bytes.length - from);
    const to = int(rng, bytes.length + 1);
    return { bytes: edit(bytes, to, 0, bytes.subarray(from, from + n)), what: `${n} bytes from ${from} to ${to}` };
  }],
  ['chunk-length', ({ bytes, rng }) => {
    const all = chunks(bytes);
    if (!all.length) return undefined;
    const c = pick(rng, all);
    const k = 1 + int(rng, 16);
    const length = pick(rng, [c.declared + k, Math.max(0, c.declared - k), 0, 0xffffffff, int(rng, 2 ** 32)]);
    return { bytes: setU32(bytes, c.at + 4, length), what: `${describe(c)} ${c.declared} -> ${length}` };
  }],
  ['header-tracks', ({ bytes, rng }) => {
    if (bytes.length < 14) return undefined;
    const n = (bytes[10] << 8) | bytes[11];
    const to = pick(rng, [0, Math.max(0, n - 1), n + 1, n + 1 + int(rng, 100), 0xffff]);
    return { bytes: setU16(bytes, 10, to), what: `${n} -> ${to}` };
  }],
  ['division', ({ bytes, rng }) => {
    if (bytes.length < 14) return undefined;
    // 0xE728: SMPTE, -25 frames per second, 40 ticks per frame
    const to = pick(rng, [0xe728, 0x8000 | int(rng, 0x8000), 0, 1, 0x7fff]);
    return { bytes: setU16(bytes, 12, to), what: `${hex((bytes[12] << 8) | bytes[13])} -> ${hex(to)}` };
  }],
  ['overlong-vlq', (c) => {
    // five to eight bytes, all but (maybe) the last with the continuation bit
    const long = Array.from({ length: 5 + int(c.rng, 4) }, () => 0x80 | int(c.rng, 128));
    if (c.rng() < 0.5) long[long.length - 1] &= 0x7f;
    const shown = long.map(hex).join(' ');
    if (c.rng() < 0.5) {
      const hit = anyEvent(c);
      if (!hit) return undefined;
      const { ev, chunk } = hit;
      return resized(c, chunk, edit(c.bytes, ev.at, ev.deltaBytes, long), long.length - ev.deltaBytes, `delta at ${ev.at} -> ${shown}`);
    }
    // a length: of a text, sysex or other variable event where the track has one (end of
    // track and tempo have a fixed length a parser checks), else of a text event put in
    const hit = anyEvent(c, (e) => e.lengthAt !== undefined && e.metaType !== 0x2f && e.metaType !== 0x51 && e.metaType !== 0x58);
    if (hit) {
      const { ev, chunk } = hit;
      return resized(c, chunk, edit(c.bytes, ev.lengthAt!, ev.lengthBytes!, long), long.length - ev.lengthBytes!, `length at ${ev.lengthAt} -> ${shown}`);
    }
    const after = anyEvent(c);
    if (!after) return undefined;
    const text = [0x00, 0xff, 0x01, ...long, ...ascii('fuzz')];
    return resized(c, after.chunk, edit(c.bytes, after.ev.end, 0, text), text.length, `text event with length ${shown} put in at ${after.ev.end}`);
  }],
  ['max-delta', (c) => {
    const hit = anyEvent(c);
    if (!hit) return undefined;
    const { ev, chunk } = hit;
    const delta = pick(c.rng, [0x0fffffff, 0x200000 + int(c.rng, 0x0fe00000)]);
    const enc = vlq(delta);
    return resized(c, chunk, edit(c.bytes, ev.at, ev.deltaBytes, enc), enc.length - ev.deltaBytes, `delta at ${ev.at} -> ${delta}`);
  }],
  ['delta-times', ({ bytes, rng }) => {
    // every event of one track gets a new delta, keeping each quantity's size (no resizing)
    const tracks = chunks(bytes).filter((c) => c.id === 'MTrk');
    if (!tracks.length) return undefined;
    const t = pick(rng, tracks);
    const out = bytes.slice();
    const events = trackEvents(bytes, t);
    for (const ev of events) {
      const enc = vlq(int(rng, 128 ** ev.deltaBytes));
      out.set([...Array(ev.deltaBytes - enc.length).fill(0x80), ...enc], ev.at);
    }
    return { bytes: out, what: `${events.length} events of ${describe(t)}` };
  }],
  ['drop-status', (c) => {
    const hit = anyEvent(c, (e) => e.statusAt >= 0 && e.status < 0xf0);
    if (!hit) return undefined;
    const { ev, chunk } = hit;
    return resized(c, chunk, edit(c.bytes, ev.statusAt, 1, []), -1, `status ${hex(ev.status)} at ${ev.statusAt} removed`);
  }],
  ['meta-length', (c) => {
    const hit = anyEvent(c, (e) => e.lengthAt !== undefined);
    if (!hit) return undefined;
    const { ev, chunk } = hit;
    const toEnd = chunk.end - ev.dataAt;
    const length = pick(c.rng, [toEnd + 1 + int(c.rng, 64), c.bytes.length, 0x0fffffff]);
    const enc = vlq(length);
    return resized(c, chunk, edit(c.bytes, ev.lengthAt!, ev.lengthBytes!, enc), enc.length - ev.lengthBytes!, `${hex(ev.status)} ${hex(ev.metaType ?? 0)} at ${ev.at}: length -> ${length}`);
  }],
  ['meta-type', (c) => {
    // another meta event read as tempo, meter, key or end of track, with its own length
    const hit = anyEvent(c, (e) => e.metaType !== undefined);
    if (!hit) return undefined;
    const to = pick(c.rng, [0x51, 0x58, 0x59, 0x2f, 0x54]);
    const out = c.bytes.slice();
    out[hit.ev.lengthAt! - 1] = to;
    return { bytes: out, what: `${hex(hit.ev.metaType!)} at ${hit.ev.at} -> ${hex(to)} (length ${hit.ev.end - hit.ev.dataAt})` };
  }],
  ['tempo', (c) => {
    const us = pick(c.rng, [0, 1, 0xffffff, int(c.rng, 0x1000000)]);
    const hit = anyEvent(c, (e) => e.metaType === 0x51 && e.end - e.dataAt === 3);
    if (hit) return { bytes: setBytes(c.bytes, hit.ev.dataAt, u32(us).slice(1)), what: `at ${hit.ev.at} -> ${us} us per beat` };
    return insertFirst(c, [0x00, 0xff, 0x51, 0x03, ...u32(us).slice(1)], `inserted, ${us} us per beat`);
  }],
  ['time-signature', (c) => {
    const num = pick(c.rng, [0, 255, int(c.rng, 256)]);
    const den = pick(c.rng, [0, 6, 31, 255, int(c.rng, 256)]);
    const hit = anyEvent(c, (e) => e.metaType === 0x58 && e.end - e.dataAt >= 2);
    if (hit) return { bytes: setBytes(c.bytes, hit.ev.dataAt, [num, den]), what: `at ${hit.ev.at} -> ${num}/2^${den}` };
    return insertFirst(c, [0x00, 0xff, 0x58, 0x04, num, den, 24, 8], `inserted, ${num}/2^${den}`);
  }],
  ['end-of-track', (c) => {
    const hit = anyEvent(c, (e) => e.metaType === 0x2f);
    if (!hit) return undefined;
    const { ev, chunk } = hit;
    return resized(c, chunk, edit(c.bytes, ev.at, ev.end - ev.at, []), ev.at - ev.end, `removed at ${ev.at}`);
  }],
  ['event-data', (c) => {
    const hit = anyEvent(c, (e) => e.status < 0xf0);
    if (!hit) return undefined;
    const at = hit.ev.dataAt + int(c.rng, hit.ev.end - hit.ev.dataAt);
    const v = pick(c.rng, [...INTERESTING, int(c.rng, 256)]);
    return { bytes: setBytes(c.bytes, at, [v]), what: `${hex(hit.ev.status)} data at ${at} -> ${hex(v)}` };
  }],
  ['empty-track', ({ bytes, rng }) => {
    const all = chunks(bytes);
    if (!all.length) return undefined;
    const body = pick(rng, [[], [0x00, 0xff, 0x2f, 0x00]]);
    const at = pick(rng, all).end;
    const out = edit(bytes, at, 0, [...ascii('MTrk'), ...u32(body.length), ...body]);
    return { bytes: countTrack(out, rng), what: `${body.length} bytes at ${at}` };
  }],
  ['huge-track', ({ bytes, rng }) => {
    const notes = pick(rng, HUGE_NOTES);
    const chord = rng() < 0.5;
    const body: number[] = [];
    for (let i = 0; i < notes; i++) {
      const pitch = 21 + int(rng, 88);
      body.push(chord ? 0 : int(rng, 64), 0x90, pitch, 1 + int(rng, 127), int(rng, 64), 0x80, pitch, 0);
    }
    body.push(0x00, 0xff, 0x2f, 0x00);
    const out = edit(bytes, bytes.length, 0, [...ascii('MTrk'), ...u32(body.length), ...body]);
    return { bytes: countTrack(out, rng), what: `${notes} notes${chord ? ' all at one tick' : ''}` };
  }],
  ['splice-chunk', ({ bytes, rng, other }) => {
    const donor = other();
    const theirs = chunks(donor.bytes);
    const ours = chunks(bytes);
    if (!theirs.length || !ours.length) return undefined;
    const c = pick(rng, theirs);
    const piece = donor.bytes.subarray(c.at, c.end);
    const target = pick(rng, ours);
    const replace = rng() < 0.5;
    return {
      bytes: edit(bytes, target.at, replace ? target.end - target.at : 0, piece),
      what: `${describe(c)} of ${donor.name} ${replace ? 'replaces' : 'inserted before'} ${describe(target)}`,
    };
  }],
  ['splice-bytes', ({ bytes, rng, other }) => {
    const donor = other();
    const head = int(rng, bytes.length + 1);
    const from = int(rng, donor.bytes.length);
    const n = 1 + int(rng, donor.bytes.length - from);
    const out = new Uint8Array(head + n);
    out.set(bytes.subarray(0, head));
    out.set(donor.bytes.subarray(from, from + n), head);
    return { bytes: out, what: `first ${head} bytes, then ${n} bytes of ${donor.name} from ${from}` };
  }],
];

function int(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[int(rng, items.length)];
}

const hex = (v: number) => `0x${v.toString(16).toUpperCase().padStart(2, '0')}`;
const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
const describe = (c: Chunk) => `chunk "${c.id.replace(/[^\x20-\x7e]/g, '?')}" at ${c.at}`;

function edit(bytes: Uint8Array, at: number, remove: number, insert: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

function setBytes(bytes: Uint8Array, at: number, values: number[]): Uint8Array {
  const out = bytes.slice();
  out.set(values.slice(0, Math.max(0, out.length - at)), at);
  return out;
}

const setU32 = (bytes: Uint8Array, at: number, v: number) => setBytes(bytes, at, u32(v));
const setU16 = (bytes: Uint8Array, at: number, v: number) => setBytes(bytes, at, [(v >>> 8) & 0xff, v & 0xff]);

/** A random event of a random track (that has one passing `keep`). */
function anyEvent({ bytes, rng }: Ctx, keep: (e: TrackEvent) => boolean = () => true): { chunk: Chunk; ev: TrackEvent } | undefined {
  const found = chunks(bytes)
    .filter((c) => c.id === 'MTrk')
    .flatMap((chunk) => trackEvents(bytes, chunk).filter(keep).map((ev) => ({ chunk, ev })));
  return found.length ? pick(rng, found) : undefined;
}

/**
 * After an edit that changed a track's size by `by` bytes, usually keep its declared
 * length in step, so the damage reaches the event parser instead of the chunk check.
 */
function resized({ rng }: Ctx, chunk: Chunk, bytes: Uint8Array, by: number, what: string) {
  if (rng() < 0.25) return { bytes, what: `${what} (chunk length left as it was)` };
  return { bytes: setU32(bytes, chunk.at + 4, Math.max(0, chunk.declared + by)), what };
}

/** Insert an event at the start of the first track, its length kept in step. */
function insertFirst(c: Ctx, event: number[], what: string) {
  const first = chunks(c.bytes).find((ch) => ch.id === 'MTrk');
  if (!first) return undefined;
  return resized(c, first, edit(c.bytes, first.data, 0, event), event.length, what);
}

/** Usually count an added track in the header, so the parser reads it. */
function countTrack(bytes: Uint8Array, rng: Rng): Uint8Array {
  if (bytes.length < 14 || readU32(bytes, 0) !== 0x4d546864 || rng() < 0.25) return bytes;
  return setU16(bytes, 10, Math.min(0xffff, ((bytes[10] << 8) | bytes[11]) + 1));
}
