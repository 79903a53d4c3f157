// The analysis views' choices: which view the window shows, the chord and emotion lanes, and the
// latent heatmap's options. Whether the chord lane and the heatmap are shown, and the
// heatmap per token or per bar, outlive the window.

import type { HeatMode } from '../heatmap/columns.js';

export type ViewTab = 'piece' | 'atlas';

interface Remembered {
  chords: boolean;
  emotion: boolean;
  latents: boolean;
  mode: HeatMode;
}

const KEY = 'muser-analysis';

function recall(): Remembered {
  try {
    const r = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Remembered>;
    return { chords: r.chords !== false, emotion: r.emotion !== false, latents: r.latents !== false, mode: r.mode === 'bar' ? 'bar' : 'token' };
  } catch {
    return { chords: true, emotion: true, latents: true, mode: 'token' };
  }
}

export const analysis = $state({
  tab: 'piece' as ViewTab,
  ...recall(),
  /** The piece to compare the selected one with. */
  compareId: null as string | null,
  /** Show A − B instead of B below A. */
  difference: false,
});

$effect.root(() => {
  $effect(() => {
    const remembered: Remembered = { chords: analysis.chords, emotion: analysis.emotion, latents: analysis.latents, mode: analysis.mode };
    try {
      localStorage.setItem(KEY, JSON.stringify(remembered));
    } catch {
      // storage refused (private mode): the choice lasts this session only
    }
  });
});
