// A seeded PRNG, so a seed reproduces a result exactly (Math.random cannot be seeded).
// xorshift32 (Marsaglia 2003) for the stream; each batch item gets its own stream,
// so variation k of a batch is the same whatever the batch size.

export type Rng = () => number;

/** A well-mixed 32-bit value from (seed, stream) (the murmur3 finalizer). */
export function mix32(seed: number, stream = 0): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform floats in [0, 1) from a 32-bit seed. */
export function xorshift32(seed: number, stream = 0): Rng {
  let x = mix32(seed, stream) || 0x6d2b79f5; // the all-zero state would stay zero
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** mulberry32: one 32-bit state, for reproducible synthetic data (test fixtures, benchmarks). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh seed for a caller who gave none; reported back so the result can be reproduced. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
