// Beat-tracking F-measure as in mir_eval.beat.f_measure: each estimated beat may
// match at most one reference beat within ±tolerance seconds. For sorted points on
// a line, matching greedily in time order finds a maximum one-to-one matching.

export interface FScore {
  f: number;
  precision: number;
  recall: number;
  matched: number;
}

export function beatFMeasure(
  reference: readonly number[],
  estimated: readonly number[],
  tolerance = 0.07,
): FScore {
  if (reference.length === 0 && estimated.length === 0) return { f: 1, precision: 1, recall: 1, matched: 0 };
  if (reference.length === 0 || estimated.length === 0) return { f: 0, precision: 0, recall: 0, matched: 0 };
  let i = 0;
  let j = 0;
  let matched = 0;
  while (i < reference.length && j < estimated.length) {
    const d = estimated[j] - reference[i];
    if (Math.abs(d) <= tolerance) {
      matched++;
      i++;
      j++;
    } else if (d < 0) j++;
    else i++;
  }
  const precision = matched / estimated.length;
  const recall = matched / reference.length;
  const f = matched === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f, precision, recall, matched };
}
