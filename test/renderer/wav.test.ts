import { describe, expect, it } from 'vitest';
import { encodeWav, limitPeak, peakOf } from '../../renderer/src/files/wav.js';

const ascii = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));

describe('WAV encoder', () => {
  it('writes a 16-bit PCM RIFF header', () => {
    const wav = encodeWav([new Float32Array(10), new Float32Array(10)], 44100);
    const view = new DataView(wav.buffer);
    expect(wav.length).toBe(44 + 10 * 2 * 2);
    expect(ascii(wav, 0)).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(wav.length - 8);
    expect(ascii(wav, 8)).toBe('WAVE');
    expect(ascii(wav, 12)).toBe('fmt ');
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(2);
    expect(view.getUint32(24, true)).toBe(44100);
    expect(view.getUint32(28, true)).toBe(44100 * 4);
    expect(view.getUint16(32, true)).toBe(4);
    expect(view.getUint16(34, true)).toBe(16);
    expect(ascii(wav, 36)).toBe('data');
    expect(view.getUint32(40, true)).toBe(40);
  });

  it('interleaves channels and clamps samples', () => {
    const left = new Float32Array([0, 1, -1, 2]);
    const right = new Float32Array([0.5, -0.5, NaN, -3]);
    const view = new DataView(encodeWav([left, right], 8000).buffer);
    const samples = Array.from({ length: 8 }, (_, i) => view.getInt16(44 + i * 2, true));
    expect(samples).toEqual([0, 16384, 32767, -16384, -32768, 0, 32767, -32768]);
  });

  it('refuses channels of different lengths', () => {
    expect(() => encodeWav([new Float32Array(2), new Float32Array(3)], 8000)).toThrow(/differ/);
    expect(() => encodeWav([], 8000)).toThrow(/no audio/);
  });

  it('limits the peak only when it is over the ceiling', () => {
    const quiet = [new Float32Array([0.2, -0.4])];
    limitPeak(quiet, 0.9);
    expect(Array.from(quiet[0])).toEqual([Math.fround(0.2), Math.fround(-0.4)]);
    const loud = [new Float32Array([0.5, -2]), new Float32Array([1, 0])];
    limitPeak(loud, 0.9);
    expect(peakOf(loud)).toBeCloseTo(0.9);
    expect(loud[0][0]).toBeCloseTo(0.225);
  });
});
