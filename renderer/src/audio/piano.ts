// The app's piano: one Tone context (made on first use, inside a click) and the
// Salamander samples shipped in the build under samples/, decoded once.

import { SAMPLE_NOTES, sampleFileName } from './sample-notes.js';
import { Context, Sampler, setContext } from './tone.js';

export interface Piano {
  context: Context;
  /** Decoded samples by note name ("A0", "D#1", ...). */
  buffers: Record<string, AudioBuffer>;
}

/** Damper time after a note's end. */
export const RELEASE_SECONDS = 0.25;
/** Headroom: a full chord of loud notes sums well past 0 dBFS. */
const VOLUME_DB = -8;

let loading: Promise<Piano> | null = null;

export function piano(): Promise<Piano> {
  loading ??= loadPiano().catch((err: unknown) => {
    loading = null; // a later click tries again
    throw err;
  });
  return loading;
}

async function loadPiano(): Promise<Piano> {
  // a setTimeout clock: Tone's default Worker clock is built from a blob: URL
  const context = new Context({ clockSource: 'timeout', latencyHint: 'interactive' });
  setContext(context);
  const entries = await Promise.all(
    SAMPLE_NOTES.map(async (note) => {
      // relative, so it resolves inside the build in Electron (app://) and in web mode
      const url = `samples/${sampleFileName(note)}`;
      const res = await fetch(url);
      if (!res.ok) throw new Error(`cannot load the piano sample ${url} (HTTP ${res.status})`);
      return [note, await context.decodeAudioData(await res.arrayBuffer())] as const;
    }),
  );
  return { context, buffers: Object.fromEntries(entries) };
}

/** A sampler on Tone's current context: the live one, or an offline render's. */
export function createSampler(p: Piano): Sampler {
  return new Sampler({ urls: p.buffers, release: RELEASE_SECONDS, volume: VOLUME_DB });
}
