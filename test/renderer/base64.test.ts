import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../renderer/src/files/base64.js';

describe('base64', () => {
  it('agrees with Node for any bytes, including files larger than one slice', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = bytesToBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(text)).toEqual(bytes);
      }),
    );
    const big = new Uint8Array(200_000).map((_, i) => (i * 7919) & 255);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big);
  });
});
