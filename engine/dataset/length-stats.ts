// Token-length statistics per group (split, quadrant), for the dataset report.

export interface LengthStats {
  clips: number;
  tokens: number;
  min: number;
  median: number;
  mean: number;
  p95: number;
  max: number;
}

export function lengthStats(lengths: readonly number[]): LengthStats {
  const s = [...lengths].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : 0);
  const tokens = s.reduce((a, b) => a + b, 0);
  return { clips: s.length, tokens, min: s[0] ?? 0, median: at(0.5), mean: s.length ? tokens / s.length : 0, p95: at(0.95), max: s[s.length - 1] ?? 0 };
}

/** Stats for every value of `key`, plus "all". */
export function groupedStats<T>(items: readonly T[], key: (t: T) => string, length: (t: T) => number): Record<string, LengthStats> {
  const groups = new Map<string, number[]>([['all', []]]);
  for (const it of items) {
    const k = key(it);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(length(it));
    groups.get('all')!.push(length(it));
  }
  return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, lengthStats(v)]));
}
