// 16-bit PCM WAV files from rendered audio (the "Export WAV" command).

/** Interleaves the channels (equal lengths, samples in -1..1) into a RIFF/WAVE file. */
export function encodeWav(channels: readonly Float32Array[], sampleRate: number): Uint8Array {
  const count = channels.length;
  if (count === 0) throw new Error('no audio channels to encode');
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) throw new Error('audio channels differ in length');
  const blockAlign = count * 2;
  const dataBytes = frames * blockAlign;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, count, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  let at = 44;
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < count; c++) {
      view.setInt16(at, toInt16(channels[c][f]), true);
      at += 2;
    }
  }
  return out;
}

function toInt16(sample: number): number {
  const s = Math.max(-1, Math.min(1, sample || 0));
  return Math.round(s < 0 ? s * 0x8000 : s * 0x7fff);
}

/** Largest absolute sample over all channels. */
export function peakOf(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const c of channels) for (let i = 0; i < c.length; i++) peak = Math.max(peak, Math.abs(c[i]));
  return peak;
}

/** Scales the channels in place so their peak is at most `ceiling` (a dense chord must not clip). */
export function limitPeak(channels: readonly Float32Array[], ceiling: number): void {
  const peak = peakOf(channels);
  if (peak <= ceiling) return;
  const gain = ceiling / peak;
  for (const c of channels) for (let i = 0; i < c.length; i++) c[i] *= gain;
}
