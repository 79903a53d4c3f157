// Parity of exported ONNX graphs with PyTorch: every case in an export's parity.json
// (inputs and the outputs PyTorch computed) is run through onnxruntime-node.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';

export const PARITY_TOLERANCE = 1e-4;

interface JsonTensor {
  dims: number[];
  type: 'float32' | 'int64' | 'bool';
  data: (number | boolean)[];
}

interface ParityCase {
  inputs: Record<string, JsonTensor>;
  outputs: Record<string, JsonTensor>;
}

export interface ParityResult {
  graph: string;
  case: number;
  output: string;
  /** Largest |onnxruntime - PyTorch|; integer outputs count any mismatch as its size. */
  maxAbsDiff: number;
}

function toTensor(t: JsonTensor): ort.Tensor {
  if (t.type === 'int64') return new ort.Tensor('int64', BigInt64Array.from(t.data.map((v) => BigInt(Number(v)))), t.dims);
  if (t.type === 'bool') return new ort.Tensor('bool', Uint8Array.from(t.data.map((v) => (v ? 1 : 0))), t.dims);
  return new ort.Tensor('float32', Float32Array.from(t.data as number[]), t.dims);
}

export async function checkOnnxParity(dir: string): Promise<ParityResult[]> {
  const parity: Record<string, ParityCase[]> = JSON.parse(readFileSync(join(dir, 'parity.json'), 'utf8'));
  const results: ParityResult[] = [];
  for (const [graph, cases] of Object.entries(parity)) {
    const session = await ort.InferenceSession.create(join(dir, `${graph}.onnx`), { executionProviders: ['cpu'] });
    for (const [i, c] of cases.entries()) {
      const feeds = Object.fromEntries(Object.entries(c.inputs).map(([n, t]) => [n, toTensor(t)]));
      const got = await session.run(feeds);
      for (const [name, want] of Object.entries(c.outputs)) {
        const out = got[name];
        if (!out || out.dims.join() !== want.dims.join()) {
          results.push({ graph, case: i, output: name, maxAbsDiff: Infinity });
          continue;
        }
        const data = Array.from(out.data as ArrayLike<number | bigint>, Number);
        let diff = 0;
        want.data.forEach((w, k) => (diff = Math.max(diff, Math.abs(Number(w) - data[k]))));
        results.push({ graph, case: i, output: name, maxAbsDiff: diff });
      }
    }
    await session.release();
  }
  return results;
}
