// The model saw training crops of at most `crop` tokens: the emotion token, then crop-1
// tokens of the piece. Long pieces go through the encoder and the classifier the same way,
// in consecutive windows that each start with the emotion token, covering every token.

export function tokenWindows(tokens: number[][], crop: number): number[][][] {
  const windows: number[][][] = [];
  for (let s = 1; s < tokens.length; s += crop - 1) windows.push([tokens[0], ...tokens.slice(s, s + crop - 1)]);
  return windows.length ? windows : [[tokens[0]]];
}

/** Where token p (p >= 1) sits in the windows: [window, index inside it]. Token 0 is [0, 0]. */
export function windowSlot(p: number, crop: number): [number, number] {
  return p === 0 ? [0, 0] : [Math.floor((p - 1) / (crop - 1)), 1 + ((p - 1) % (crop - 1))];
}
