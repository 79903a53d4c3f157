// Plain arrays <-> onnxruntime tensors (int64 is BigInt64Array, bool is Uint8Array).

import ort from 'onnxruntime-node';

export function int64(values: ArrayLike<number>, dims: number[]): ort.Tensor {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = BigInt(values[i]);
  return new ort.Tensor('int64', data, dims);
}

export function float32(values: Float32Array, dims: number[]): ort.Tensor {
  return new ort.Tensor('float32', values, dims);
}

export function floats(t: ort.Tensor): Float32Array {
  return t.data as Float32Array;
}

export function ints(t: ort.Tensor): Int32Array {
  const src = t.data as BigInt64Array;
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = Number(src[i]);
  return out;
}

/** Token sequences padded with <pad> (0) to the longest: tokens [B, L, fields] and mask [B, L]. */
export function tokenBatch(seqs: readonly (readonly number[])[][], fields: number): { tokens: ort.Tensor; mask: ort.Tensor; length: number } {
  const L = Math.max(...seqs.map((s) => s.length));
  const tokens = new BigInt64Array(seqs.length * L * fields);
  const mask = new Uint8Array(seqs.length * L);
  seqs.forEach((seq, b) =>
    seq.forEach((tok, t) => {
      mask[b * L + t] = 1;
      for (let f = 0; f < fields; f++) tokens[(b * L + t) * fields + f] = BigInt(tok[f]);
    }),
  );
  return { tokens: new ort.Tensor('int64', tokens, [seqs.length, L, fields]), mask: new ort.Tensor('bool', mask, [seqs.length, L]), length: L };
}
