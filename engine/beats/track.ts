// Beat and downbeat tracking for unquantised piano performances (notes off the file's
// tick grid): onset events -> global tempo -> metrical level (the file's own tempo where
// it agrees up to an octave or 3:2; else re-track at half tempo if the harmony says the
// pulse was the 8th) -> tempo-following DP per segment -> the file's tempo map instead,
// where the tracked beats keep to it -> cover the notes -> meter and bar lines (short
// bars allowed). See the modules for each step.

import { coverSpan } from './cover.js';
import { downbeatSalience } from './downbeats.js';
import { trackFrames } from './dp.js';
import { FPS, onsetEnvelope } from './envelope.js';
import { followedBeats, type FileTempo } from './file-tempo.js';
import { barOfEight, hintedLevel, onHarmonicBeat } from './level.js';
import { trackMeter } from './meter.js';
import { onsetEvents, type OnsetEvent } from './onsets.js';
import type { PerformedNote } from './performed-note.js';
import { bridge, splitAtGaps } from './segments.js';
import { estimatePeriod } from './tempo.js';

export interface BeatTrack {
  /** Seconds of every quarter-note beat, strictly increasing, covering the notes. */
  beats: number[];
  /** Seconds of every bar start, a subset of `beats`. */
  downbeats: number[];
  /** The meter's beats per bar (4 or 3); a bar may be cut short where a phrase ends early. */
  beatsPerBar: number;
  /** Index into `beats` of every bar start, increasing; bars are at most `beatsPerBar` long. */
  barStarts: number[];
  /** Index into `beats` of the first downbeat. */
  firstDownbeat: number;
  /** 60 / median beat interval. */
  bpm: number;
}

/** Envelope frames kept before the first and after the last event, seconds. */
const MARGIN = 0.06;

/**
 * `fileTempo`: a tempo map the file's author set, if any. Where the tracked tempo
 * agrees with its first tempo up to an octave or 3:2, that level is taken as the
 * notated one; where the tracked beats keep to its beats, they are the beats.
 */
export function trackBeats(notes: readonly PerformedNote[], fileTempo?: FileTempo): BeatTrack {
  const valid = notes
    .filter((n) => Number.isFinite(n.onset) && Number.isFinite(n.pitch))
    .map((n) => ({
      ...n,
      offset: Number.isFinite(n.offset) ? Math.max(n.offset, n.onset) : n.onset,
      velocity: Number.isFinite(n.velocity) ? n.velocity : 64,
    }));
  valid.sort((a, b) => a.onset - b.onset);
  const events = onsetEvents(valid);
  const estimate = estimatePeriod(events);
  const hinted = fileTempo === undefined ? undefined : hintedLevel(estimate, 60 / fileTempo.bpm);
  let period = hinted ?? estimate;
  let beats = trackAll(events, period);
  if (hinted === undefined && barOfEight(beats, valid)) {
    period *= 2;
    beats = trackAll(events, period);
  }
  beats = onHarmonicBeat(beats, valid);
  beats = (fileTempo && followedBeats(beats, valid, fileTempo)) ?? beats;
  const first = valid.reduce((m, n) => Math.min(m, n.onset), valid.length > 0 ? Infinity : 0);
  const last = valid.reduce((m, n) => Math.max(m, n.offset), first);
  beats = coverSpan(beats, first, last, period);

  const { beatsPerBar, starts } = trackMeter(downbeatSalience(beats, valid));
  const barStarts = starts.length > 0 ? starts : [0];
  return {
    beats,
    downbeats: barStarts.map((i) => beats[i]),
    beatsPerBar,
    barStarts,
    firstDownbeat: barStarts[0],
    bpm: 60 / medianInterval(beats),
  };
}

/** Beats from the first to the last onset event, every segment tracked at `period`. */
function trackAll(events: readonly OnsetEvent[], period: number): number[] {
  const beats: number[] = [];
  for (const seg of splitAtGaps(events)) {
    const segBeats = trackSegment(seg, period);
    // loops, not push(...xs): a bridge over a very long silence can exceed the argument limit
    if (beats.length > 0) for (const b of bridge(beats[beats.length - 1], segBeats[0], period)) beats.push(b);
    for (const b of segBeats) beats.push(b);
  }
  return beats;
}

function trackSegment(events: readonly OnsetEvent[], period: number): number[] {
  const start = events[0].time - MARGIN;
  const length = Math.ceil((events[events.length - 1].time + MARGIN - start) * FPS) + 1;
  const env = onsetEnvelope(events, start, length);
  return trackFrames(env, period * FPS).map((f) => start + f / FPS);
}

function medianInterval(beats: readonly number[]): number {
  const d = beats.slice(1).map((b, i) => b - beats[i]).sort((a, b) => a - b);
  return d[d.length >> 1];
}
