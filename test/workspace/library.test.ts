import { describe, expect, it } from 'vitest';
import { originalOf } from '../../engine/workspace/library.js';
import { libraryItem as item } from '../fixtures/library-items.js';

describe("a result's original (A)", () => {
  const a = item('a');
  const b = item('b', { kind: 'example', fileName: 'b.mid' });
  const ab = item('ab', { kind: 'result', description: 'a with pitch of b', from: ['a', 'b'] });
  const generated = item('g', { kind: 'result', description: 'generated for Q3', from: [] });

  it('is the first piece it was made from, while that is in the library', () => {
    expect(originalOf(ab, [a, b, ab])).toBe(a);
    expect(originalOf(ab, [b, ab])).toBeUndefined(); // A removed
  });

  it('is none for imports, examples, generated pieces and a result naming itself', () => {
    expect(originalOf(a, [a, b, ab])).toBeUndefined();
    expect(originalOf(b, [a, b, ab])).toBeUndefined();
    expect(originalOf(generated, [a, generated])).toBeUndefined();
    const self = item('s', { kind: 'result', description: '', from: ['s'] });
    expect(originalOf(self, [self])).toBeUndefined();
  });
});
