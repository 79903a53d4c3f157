// The layering ARCHITECTURE.md writes down, enforced: its `layers` block lists the rooms
// bottom first, and a module may import its own room or a room on an earlier line, never
// one beside it or above it. Type-only imports count too (they tie the rooms just the
// same), and no import circle is allowed anywhere, rooms or files.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../engine/paths.js';

const SOURCE_ROOTS = ['engine', 'electron', 'renderer/src', 'scripts', 'bench'];
const EXTENSIONS = ['.ts', '.cts', '.svelte'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : EXTENSIONS.some((x) => e.name.endsWith(x)) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** The project files `file` imports (relative specifiers, value and type alike). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
  return specs.map((spec) => {
    const target = join(dirname(file), spec);
    const asTs = target.replace(/\.js$/, '.ts').replace(/\.cjs$/, '.cts');
    return existsSync(asTs) ? asTs : target;
  });
}

interface Layer {
  name: string;
  rooms: string[];
}

/** ARCHITECTURE.md's ```layers block: `name: room room …`, bottom first. */
function readLayers(): Layer[] {
  const text = readFileSync(projectPath('ARCHITECTURE.md'), 'utf8');
  const block = /```layers\n([\s\S]*?)```/.exec(text);
  if (!block) throw new Error('ARCHITECTURE.md has no ```layers block');
  return block[1]
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const [name, rooms] = line.split(/:\s*/);
      return { name, rooms: rooms.split(/\s+/).filter(Boolean) };
    });
}

const layers = readLayers();
const rel = (file: string) => relative(projectPath(), file);

/** The room a file lives in: the longest listed room that is the file or a folder above it. */
function roomOf(file: string): { room: string; rank: number } | undefined {
  const path = rel(file);
  let best: { room: string; rank: number } | undefined;
  layers.forEach((layer, rank) => {
    for (const room of layer.rooms) {
      const holds = path === room || path.startsWith(room.endsWith('/') ? room : `${room}/`);
      if (holds && (!best || room.length > best.room.length)) best = { room, rank };
    }
  });
  return best;
}

const files = SOURCE_ROOTS.flatMap((root) => sources(projectPath(root)));
const graph = new Map(files.map((f) => [f, imports(f).filter((t) => files.includes(t))]));

describe('layering (ARCHITECTURE.md)', () => {
  it('places every source file in exactly one listed room', () => {
    const unplaced = files.filter((f) => !roomOf(f)).map(rel);
    expect(unplaced).toEqual([]);
    const listed = layers.flatMap((l) => l.rooms);
    expect(listed.filter((room, i) => listed.indexOf(room) !== i)).toEqual([]);
    expect(listed.filter((room) => !existsSync(projectPath(room)))).toEqual([]);
  });

  it('imports only its own room or a room on an earlier line', () => {
    const against: string[] = [];
    for (const [file, targets] of graph) {
      const from = roomOf(file)!;
      for (const target of targets) {
        const to = roomOf(target)!;
        if (to.room !== from.room && to.rank >= from.rank) against.push(`${rel(file)} (${from.room}, ${layers[from.rank].name}) imports ${rel(target)} (${to.room}, ${layers[to.rank].name})`);
      }
    }
    expect(against).toEqual([]);
  });

  it('has no import circle between files', () => {
    expect(circles(graph).map((c) => c.map(rel).join(' -> '))).toEqual([]);
  });
});

/** Strongly connected groups of more than one file (Tarjan), each as a list. */
function circles(g: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return found;
}
