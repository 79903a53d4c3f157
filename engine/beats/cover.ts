// Extends a tracked beat list with its local period until it covers [first, last],
// so every note has a beat at or before it and the grid runs past the last offset.

/** Beats closer than this fraction of a period after `first` are moved onto it instead. */
const SNAP = 0.1;

export function coverSpan(beats: number[], first: number, last: number, period: number): number[] {
  const out = beats.length > 0 ? [...beats] : [first];
  if (out.length === 1) out.push(out[0] + period);
  const head = out[1] - out[0];
  if (out[0] > first && out[0] - first <= SNAP * head && out[1] > first) out[0] = first;
  const before: number[] = [];
  for (let b = out[0] - head; b + head > first; b -= head) before.push(b);
  const tail = out[out.length - 1] - out[out.length - 2];
  for (let b = out[out.length - 1]; b < last; ) {
    b += tail;
    out.push(b);
  }
  return [...before.reverse(), ...out];
}
