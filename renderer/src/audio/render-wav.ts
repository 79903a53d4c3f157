// "Export WAV": the piece played by the same sampler, rendered offline (faster than
// real time) and encoded as 16-bit PCM.

import { pitchName, type Note } from '../../../engine/piece/piece.js';
import { encodeWav, limitPeak } from '../files/wav.js';
import { notesEnd } from '../music/notes.js';
import { createSampler, piano, RELEASE_SECONDS } from './piano.js';
import { getContext, OfflineContext, setContext } from './tone.js';

const SAMPLE_RATE = 44100;
/** Silence after the last release, so the file does not end abruptly. */
const TAIL_SECONDS = RELEASE_SECONDS + 0.5;
/** Peak ceiling of the file (about -0.3 dBFS). */
const CEILING = 0.966;

export async function renderWav(notes: readonly Note[]): Promise<Uint8Array> {
  const p = await piano();
  const live = getContext();
  const offline = new OfflineContext(2, notesEnd(notes) + TAIL_SECONDS, SAMPLE_RATE);
  // Tone builds nodes on its current context: point it at the render while scheduling
  setContext(offline);
  let rendering;
  try {
    const sampler = createSampler(p).toDestination();
    for (const n of notes) sampler.triggerAttackRelease(pitchName(n.pitch), n.offset - n.onset, n.onset, n.velocity / 127);
    // false: run Tone's clock in one go instead of yielding to timers every second of audio
    rendering = offline.render(false);
  } finally {
    setContext(live);
  }
  const buffer = await rendering;
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
  limitPeak(channels, CEILING);
  return encodeWav(channels, buffer.sampleRate);
}
