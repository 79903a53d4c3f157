// Load a model folder: manifest, checksums, sessions on the preferred provider.

import { resolve } from 'node:path';
import { projectPath } from '../paths.js';
import { loadVocab } from '../tokens/vocab.js';
import { Graphs } from './graphs.js';
import { GRAPH_NAMES, readManifest, type GraphName } from './manifest.js';
import { readVerifiedGraph } from './model-files.js';
import { openSessions, type Fallback, type Provider } from './providers.js';

export interface LoadOptions {
  /** Model folder (default: the project's models/). */
  dir?: string;
  /** Execution providers to try in order (default: preferredProviders()). */
  providers?: Provider[];
  /** Graphs to open sessions for; every graph's checksum is verified either way. */
  graphs?: readonly GraphName[];
}

export interface Loaded {
  dir: string;
  graphs: Graphs;
  provider: Provider;
  fallbacks: Fallback[];
}

/**
 * The graphs run once per token work on one token's vectors: too little to share between
 * threads, and the hand-offs cost more than they save (2.6x slower decoding measured on
 * 2 cores). The encoder and classifier see whole sequences and keep a thread per core.
 */
const SINGLE_THREAD: Partial<Record<GraphName, number>> = { decoder_step: 1, decoder_heads: 1, prior_step: 1, prior_heads: 1, dequantize: 1 };

export function defaultModelDir(): string {
  return projectPath('models');
}

export async function loadGraphs(options: LoadOptions = {}): Promise<Loaded> {
  const dir = resolve(options.dir ?? defaultModelDir());
  const manifest = readManifest(dir, loadVocab());
  const wanted = new Set(options.graphs ?? GRAPH_NAMES);
  const models: Partial<Record<GraphName, Uint8Array>> = {};
  for (const g of GRAPH_NAMES) {
    const bytes = readVerifiedGraph(dir, manifest, g);
    if (wanted.has(g)) models[g] = bytes;
  }
  const { sessions, provider, fallbacks } = await openSessions(models, options.providers, SINGLE_THREAD);
  return { dir, graphs: new Graphs(manifest, sessions), provider, fallbacks };
}
