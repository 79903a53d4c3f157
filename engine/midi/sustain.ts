// Sustain pedal (CC64). Decision: a note released while the pedal is down keeps
// sounding until the pedal comes up, so its duration becomes its *sounding* duration.
// That is what a listener hears and what the duration element of the model should
// learn; EMOPIA's transcriptions hold the pedal in almost every file, and without it
// their key-release durations are staccato fragments. A re-struck pitch still ends
// the earlier note (see tidy-notes.ts), as a piano damper would.

export interface TickNote {
  pitch: number;
  velocity: number;
  start: number;
  end: number;
  channel: number;
}

export interface PedalEvent {
  ticks: number;
  channel: number;
  /** CC64 value 0..127; >= 64 is down. */
  value: number;
}

/** Lengthen notes held by the pedal. Returns how many notes were lengthened. */
export function applySustain(notes: TickNote[], pedal: readonly PedalEvent[]): number {
  const byChannel = new Map<number, { start: number; end: number }[]>();
  const sorted = [...pedal].sort((a, b) => a.ticks - b.ticks);
  const downSince = new Map<number, number>();
  for (const e of sorted) {
    const down = e.value >= 64;
    const since = downSince.get(e.channel);
    if (down && since === undefined) downSince.set(e.channel, e.ticks);
    if (!down && since !== undefined) {
      const spans = byChannel.get(e.channel) ?? [];
      spans.push({ start: since, end: e.ticks });
      byChannel.set(e.channel, spans);
      downSince.delete(e.channel);
    }
  }
  // A pedal never released holds to the end of the last note on its channel.
  for (const [channel, since] of downSince) {
    const end = notes.reduce((m, n) => (n.channel === channel ? Math.max(m, n.end) : m), since); // no spread: big files
    const spans = byChannel.get(channel) ?? [];
    spans.push({ start: since, end });
    byChannel.set(channel, spans);
  }
  let lengthened = 0;
  for (const n of notes) {
    const spans = byChannel.get(n.channel);
    if (!spans) continue;
    // spans are sorted and disjoint: binary search the one holding the release
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = spans[mid];
      if (n.end < s.start) hi = mid - 1;
      else if (n.end >= s.end) lo = mid + 1;
      else {
        if (s.end > n.end) {
          n.end = s.end;
          lengthened++;
        }
        break;
      }
    }
  }
  return lengthened;
}
