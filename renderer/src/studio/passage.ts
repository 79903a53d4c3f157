// The Transfer form's passage fields: bars "from" and "to" as typed, blank meaning the
// piece's start or end.

import { MAX_BAR, type BarRange } from '../../../engine/piece/passage.js';

/** undefined: the whole piece (both blank); null: not a passage; else the bars. */
export function parsePassage(from: string, to: string): BarRange | undefined | null {
  const [f, t] = [from.trim(), to.trim()];
  if (f === '' && t === '') return undefined;
  const whole = (s: string) => (/^\d+$/.test(s) ? Number(s) : NaN);
  const first = f === '' ? 1 : whole(f);
  const last = t === '' ? MAX_BAR : whole(t);
  return first >= 1 && last >= first && last <= MAX_BAR ? { first, last } : null;
}
