import { describe, expect, it } from 'vitest';
import { keepOpen, type StreamHandlers, type Timers } from '../../renderer/src/api/event-source.js';
import { asApiEvent, parseEvent } from '../../renderer/src/api/events.js';

const note = { pitch: 60, velocity: 80, onset: 0, offset: 0.5, onsetBeat: 0, offsetBeat: 1 };

describe('engine events as the page receives them', () => {
  it('reads progress, done and failed events', () => {
    const progress = { kind: 'job.progress', job: 'j1', phase: 'notes', item: 0, done: 8, total: 40, notes: [note] };
    expect(parseEvent(JSON.stringify(progress))).toEqual(progress);
    expect(asApiEvent({ kind: 'job.done', job: 'j1', result: { item: { id: 'x' } } })).toMatchObject({ kind: 'job.done' });
    expect(asApiEvent({ kind: 'job.failed', job: 'j1', error: { kind: 'cancelled', message: 'cancelled' } })).toMatchObject({ error: { kind: 'cancelled' } });
  });

  it('drops anything malformed instead of passing it on', () => {
    expect(parseEvent('not json')).toBeNull();
    expect(parseEvent('null')).toBeNull();
    expect(asApiEvent({ kind: 'job.progress', job: 'j1', phase: 'notes', item: 0, done: 8, total: 40 })).toBeNull(); // no notes
    expect(asApiEvent({ kind: 'job.progress', job: 'j1', item: 0, done: 8, total: 40, notes: [] })).toBeNull(); // no phase
    expect(asApiEvent({ kind: 'job.progress', job: 'j1', phase: 'notes', item: -1, done: 8, total: 40, notes: [] })).toBeNull();
    expect(asApiEvent({ kind: 'job.done', job: 'j1' })).toBeNull();
    expect(asApiEvent({ kind: 'job.failed', job: 'j1', error: { kind: 'oops', message: 'x' } })).toBeNull();
    expect(asApiEvent({ kind: 'job.done', job: '', result: 1 })).toBeNull();
    expect(asApiEvent({ kind: 'library.changed', job: 'j1' })).toBeNull();
  });
});

/** Connections and timers under the test's control. */
function harness() {
  const connections: { handlers: StreamHandlers; closed: boolean }[] = [];
  const pending: { run: () => void; ms: number; cleared: boolean }[] = [];
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const t = { run, ms, cleared: false };
      pending.push(t);
      return t;
    },
    clearTimeout: (t) => void ((t as { cleared: boolean }).cleared = true),
  };
  const data: string[] = [];
  let reopened = 0;
  const stop = keepOpen(
    (handlers) => {
      const c = { handlers, closed: false };
      connections.push(c);
      return () => void (c.closed = true);
    },
    { onData: (d) => data.push(d), onReopen: () => reopened++ },
    timers,
  );
  const fire = () => {
    const t = pending.shift()!;
    if (!t.cleared) t.run();
    return t.ms;
  };
  return { connections, pending, data, stop, fire, reopened: () => reopened };
}

describe('the event stream', () => {
  it('passes the data on and reconnects after errors, waiting longer each time in a row', () => {
    const h = harness();
    h.connections[0].handlers.onOpen();
    h.connections[0].handlers.onData('a');
    expect(h.data).toEqual(['a']);
    h.connections[0].handlers.onError();
    expect(h.connections[0].closed).toBe(true);
    expect(h.fire()).toBe(500);
    expect(h.connections).toHaveLength(2);
    h.connections[1].handlers.onError();
    expect(h.fire()).toBe(1000);
    h.connections[2].handlers.onError();
    expect(h.fire()).toBe(2000);
    // a connection that opened resets the wait
    h.connections[3].handlers.onOpen();
    h.connections[3].handlers.onError();
    expect(h.fire()).toBe(500);
    h.connections[4].handlers.onData('b');
    expect(h.data).toEqual(['a', 'b']);
  });

  it('says when it is open again after a failure, since events sent meanwhile are lost', () => {
    const h = harness();
    h.connections[0].handlers.onOpen();
    expect(h.reopened()).toBe(0); // the first opening missed nothing
    h.connections[0].handlers.onError();
    h.fire();
    h.connections[1].handlers.onError(); // still down
    h.fire();
    expect(h.reopened()).toBe(0);
    h.connections[2].handlers.onOpen();
    expect(h.reopened()).toBe(1); // once per outage
    h.connections[2].handlers.onOpen();
    expect(h.reopened()).toBe(1);
  });

  it('caps the wait, ignores a closed connection\'s late errors, and stops for good', () => {
    const h = harness();
    for (let i = 0; i < 8; i++) {
      h.connections[i].handlers.onError();
      h.connections[i].handlers.onError(); // a second error of the same connection changes nothing
      expect(h.pending).toHaveLength(1);
      expect(h.fire()).toBe(Math.min(10_000, 500 * 2 ** i));
    }
    h.connections[8].handlers.onError();
    h.stop();
    expect(h.fire()).toBe(10_000); // cleared: no new connection
    expect(h.connections).toHaveLength(9);
    const last = harness();
    last.stop();
    expect(last.connections[0].closed).toBe(true);
  });
});
