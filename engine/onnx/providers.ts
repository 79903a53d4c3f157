// Execution providers: try the platform's accelerator first, fall back to the CPU, and
// keep the reason for every provider that was passed over so the app can show it.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ort from 'onnxruntime-node';

export type Provider = 'cuda' | 'dml' | 'coreml' | 'cpu';

export interface Fallback {
  provider: Provider;
  reason: string;
}

export interface OpenedSessions<K extends string> {
  sessions: Partial<Record<K, ort.InferenceSession>>;
  provider: Provider;
  fallbacks: Fallback[];
}

/** CUDA where a CUDA build is installed, DirectML on Windows, CoreML on macOS; the CPU always last. */
export function preferredProviders(platform: NodeJS.Platform = process.platform): Provider[] {
  if (platform === 'win32') return ['cuda', 'dml', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  return ['cuda', 'cpu'];
}

/**
 * Why CUDA cannot run, before asking onnxruntime: its provider libraries are an optional
 * download of onnxruntime-node's installer, and trying without them prints a native error.
 */
function cudaMissing(): string | null {
  if (process.platform !== 'linux' && process.platform !== 'win32') return 'CUDA builds exist for Linux and Windows only';
  const pkg = dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
  const lib = process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
  const dir = join(pkg, 'bin', 'napi-v6', process.platform, process.arch);
  return existsSync(join(dir, lib)) ? null : `the CUDA provider library (${lib}) is not installed beside onnxruntime-node`;
}

async function openAll<K extends string>(models: Partial<Record<K, Uint8Array>>, provider: Provider, threads: Partial<Record<K, number>>): Promise<Partial<Record<K, ort.InferenceSession>>> {
  const opened: Partial<Record<K, ort.InferenceSession>> = {};
  try {
    for (const [name, bytes] of Object.entries(models) as [K, Uint8Array][]) {
      const n = threads[name];
      opened[name] = await ort.InferenceSession.create(bytes, { executionProviders: [provider], ...(n ? { intraOpNumThreads: n } : {}) });
    }
  } catch (err) {
    await Promise.all(Object.values<ort.InferenceSession | undefined>(opened).map((s) => s?.release()));
    throw err;
  }
  return opened;
}

/**
 * Open every model on the first provider of `preference` that takes them all.
 * `threads`: intra-op threads per model (onnxruntime's default, one per core, where absent).
 */
export async function openSessions<K extends string>(
  models: Partial<Record<K, Uint8Array>>,
  preference: Provider[] = preferredProviders(),
  threads: Partial<Record<K, number>> = {},
): Promise<OpenedSessions<K>> {
  // a provider that cannot load logs an error from deep inside onnxruntime before it throws;
  // the throw is what we report (as a Fallback), so only fatal errors are logged
  ort.env.logLevel = 'fatal';
  const bundled = new Set(ort.listSupportedBackends().map((b) => b.name));
  const fallbacks: Fallback[] = [];
  const order = preference.includes('cpu') ? preference : [...preference, 'cpu' as const];
  for (const provider of order) {
    if (!bundled.has(provider)) {
      fallbacks.push({ provider, reason: 'not part of this onnxruntime-node build' });
      continue;
    }
    const missing = provider === 'cuda' ? cudaMissing() : null;
    if (missing) {
      fallbacks.push({ provider, reason: missing });
      continue;
    }
    try {
      return { sessions: await openAll(models, provider, threads), provider, fallbacks };
    } catch (err) {
      if (provider === 'cpu') throw err;
      fallbacks.push({ provider, reason: (err as Error).message.split('\n')[0] });
    }
  }
  throw new Error(`no execution provider could open the models: ${fallbacks.map((f) => `${f.provider}: ${f.reason}`).join('; ')}`);
}
