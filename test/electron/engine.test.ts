// The engine host and its client, wired in one process the way the utility process
// wires them (messages cross as structured clones, asynchronously): calls reach
// dispatch(), events come back, and a dead engine fails its calls and jobs, then restarts.

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../engine/api/context.js';
import type { ApiEvent } from '../../engine/api/jobs.js';
import { toBase64 } from '../../engine/api/wire.js';
import { EngineClient, type EngineProcess } from '../../electron/engine-client.js';
import { serveEngine } from '../../electron/engine-service.js';
import { simpleSmf } from '../fixtures/make-midi.js';
import { tempDir } from '../helpers.js';

const hop = (f: () => void) => setImmediate(f);

/** A fake utility process running serveEngine here; `crash` ends it as a dead process would. */
function inProcess(context?: Parameters<typeof serveEngine>[1]) {
  const forks: { crash(code: number): void }[] = [];
  const fork = (): EngineProcess => {
    const toEngine = new EventEmitter();
    const fromEngine = new EventEmitter();
    let alive = true;
    serveEngine(
      { on: (e, l) => toEngine.on(e, l), postMessage: (m) => hop(() => alive && fromEngine.emit('message', structuredClone(m))) },
      context,
    );
    const crash = (code: number) => {
      alive = false;
      fromEngine.emit('exit', code);
    };
    forks.push({ crash });
    return {
      postMessage: (m) => hop(() => alive && toEngine.emit('message', { data: structuredClone(m) })),
      on: (e: string, l: (...a: any[]) => void) => fromEngine.on(e, l),
      kill: () => (crash(0), true),
    };
  };
  return { fork, forks };
}

const song = simpleSmf([{ pitch: 60, start: 0, duration: 480 }, { pitch: 64, start: 480, duration: 480 }]);

describe('engine host through the client', () => {
  it('opens the workspace with the bundled examples and answers calls through dispatch', async () => {
    const { fork } = inProcess();
    const client = new EngineClient(fork, tempDir(), () => {});
    const list = await client.call('library.list', {});
    expect(list.ok).toBe(true);
    const names = (list as { value: { items: { name: string }[] } }).value.items.map((i) => i.name);
    expect(names.length).toBeGreaterThan(0);
    const imported = await client.call('library.import', { fileName: 'two notes.mid', base64: toBase64(song) });
    expect(imported).toMatchObject({ ok: true, value: { item: { name: 'two notes' } } });
    expect(await client.call('nope', {})).toEqual({ ok: false, error: { kind: 'input', message: 'unknown operation "nope"' } });
    expect(await client.call('library.import', { fileName: 'bad.mid', base64: 'AAAA' })).toMatchObject({ ok: false, error: { kind: 'input', message: /^bad\.mid: / } });
    client.stop();
  });

  it('says why when the workspace cannot be opened', async () => {
    const { fork } = inProcess(() => {
      throw new Error('disk full');
    });
    const client = new EngineClient(fork, '/nowhere', () => {});
    expect(await client.call('library.list', {})).toEqual({ ok: false, error: { kind: 'internal', message: 'the library in /nowhere cannot be opened: disk full' } });
  });

  it('forwards job events, fails running jobs and pending calls when the engine dies, and restarts it', async () => {
    // an engine whose models never finish opening: a job started now stays running
    const { fork, forks } = inProcess((dir) => createContext(dir, { examples: () => [], openEngine: () => new Promise(() => {}) }));
    const events: ApiEvent[] = [];
    const client = new EngineClient(fork, tempDir(), (e) => events.push(e));
    const started = await client.call('generate.start', { quadrant: 'Q1', count: 1, bars: 1 });
    expect(started).toMatchObject({ ok: true, value: { job: expect.any(String) } });
    const job = (started as { value: { job: string } }).value.job;
    const pending = client.call('library.list', {});
    forks[0].crash(9);
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'internal', message: /engine stopped \(exit code 9\)/ } });
    expect(events).toEqual([{ kind: 'job.failed', job, error: { kind: 'internal', message: expect.stringMatching(/engine stopped/) } }]);
    expect(await client.call('library.list', {})).toMatchObject({ ok: true, value: { items: [] } });
    expect(forks).toHaveLength(2);
    client.stop();
  });

  it('passes events on as the engine emits them, and forgets jobs that ended', async () => {
    const { fork, forks } = inProcess((dir) => createContext(dir, { examples: () => [], openEngine: () => Promise.reject(new Error('no models here')) }));
    const events: ApiEvent[] = [];
    const client = new EngineClient(fork, tempDir(), (e) => events.push(e));
    const started = await client.call('generate.start', { quadrant: 'Q3', count: 1, bars: 1 });
    const job = (started as { value: { job: string } }).value.job;
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual([{ kind: 'job.failed', job, error: expect.objectContaining({ kind: expect.any(String) }) }]);
    // an ended job is not failed again when the engine goes away
    forks[0].crash(1);
    expect(events).toHaveLength(1);
  });
});
