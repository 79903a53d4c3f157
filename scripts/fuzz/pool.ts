// Runs inputs in child processes, one input at a time per process, under a watchdog: a
// process still busy after the time limit is killed (the input hung), and one that dies
// (out of memory past its heap limit, or a V8 fatal error) is counted as a crash; either
// way a fresh process takes its place. Processes rather than worker threads because a
// V8 fatal error (an array too large to grow, say) aborts the whole process it is in.

import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectPath } from '../../engine/paths.js';
import type { Outcome } from './outcome.js';

export interface PoolOptions {
  jobs: number;
  timeoutMs: number;
  heapMb: number;
}

export interface Task {
  id: number;
  name: string;
  bytes: Uint8Array;
}

export type ToChild = Task;
export type FromChild = { ready: true } | { id: number; outcome: Outcome };

/** Last bytes of a dying process's stderr kept for the report (V8's out-of-memory note). */
const STDERR_TAIL = 2000;

/**
 * The child script. Built code has it beside this module; run from the TypeScript sources
 * (vitest), the build's copy is used, and it must not be older than the engine it tests.
 */
export function childScript(): string {
  const here = fileURLToPath(new URL('./child.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = projectPath('dist', 'scripts', 'fuzz', 'child.js');
  if (!existsSync(built)) throw new Error(`${built}: missing; run \`npm run build\` (the fuzz runs compiled code)`);
  const newest = Math.max(newestMtime(projectPath('engine')), newestMtime(projectPath('scripts', 'fuzz')));
  if (statSync(built).mtimeMs < newest) throw new Error(`${built}: older than the sources; run \`npm run build\``);
  return built;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs every task `next` hands out until it returns undefined; `done` hears each outcome. */
/** Every live child, so none outlives the campaign (a child stuck in a loop would spin on). */
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

export async function runPool(next: () => Task | undefined, options: PoolOptions, done: (task: Task, outcome: Outcome) => void): Promise<void> {
  const script = childScript();
  const lane = async () => {
    let runner: Runner | undefined;
    try {
      for (let task = next(); task; task = next()) {
        runner ??= new Runner(script, options);
        const outcome = await runner.run(task);
        if (!runner.alive) runner = undefined;
        done(task, outcome);
      }
    } finally {
      runner?.stop();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, lane));
}

class Runner {
  alive = true;
  private readonly child: ChildProcess;
  private readonly ready: Promise<void>;
  private stderr = '';
  /** Settles the input in flight when the process dies. */
  private onExit?: (why: string) => void;

  constructor(script: string, private readonly options: PoolOptions) {
    this.child = fork(script, [], {
      execArgv: [`--max-old-space-size=${options.heapMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    live.add(this.child);
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-STDERR_TAIL)));
    this.ready = new Promise((resolve, reject) => {
      this.child.once('message', () => resolve());
      this.child.once('exit', (code, signal) => reject(new Error(`a fuzz process failed to start (${code ?? signal}): ${this.stderr}`)));
    });
    this.child.on('exit', (code, signal) => {
      live.delete(this.child);
      this.alive = false;
      // V8's out-of-memory report starts with its last GCs: name the cause first
      const oom = this.stderr.includes('heap out of memory') ? `: out of memory past the ${options.heapMb} MB heap limit` : '';
      this.onExit?.(`the process died (${signal ? `signal ${signal}` : `exit code ${code}`})${oom}${this.stderr ? `\n${this.stderr.trim()}` : ''}`);
    });
  }

  async run(task: Task): Promise<Outcome> {
    await this.ready;
    const t0 = performance.now();
    return new Promise<Outcome>((resolve) => {
      const settle = (outcome: Outcome) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.onExit = undefined;
        resolve(outcome);
      };
      const onMessage = (m: FromChild) => {
        if ('id' in m && m.id === task.id) settle(m.outcome);
      };
      const timer = setTimeout(() => {
        this.stop();
        settle({ kind: 'hung', message: `no answer in ${this.options.timeoutMs} ms`, ms: performance.now() - t0 });
      }, this.options.timeoutMs);
      this.onExit = (why) => settle({ kind: 'crashed', message: why, ms: performance.now() - t0 });
      this.child.on('message', onMessage);
      this.child.send(task);
    });
  }

  stop(): void {
    this.alive = false;
    this.child.kill('SIGKILL');
  }
}
