// The analysis views' choices: which view the window shows, and the latent heatmap's
// options. Whether the heatmap is open and per token or per bar outlive the window.

import type { HeatMode } from '../heatmap/columns.js';

export type ViewTab = 'piece' | 'atlas';

interface Remembered {
  latents: boolean;
  mode: HeatMode;
}

const KEY = 'muser-analysis';

function recall(): Remembered {
  try {
    const r = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Remembered>;
    return { latents: r.latents !== false, mode: r.mode === 'bar' ? 'bar' : 'token' };
  } catch {
    return { latents: true, mode: 'token' };
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
    const remembered: Remembered = { latents: analysis.latents, mode: analysis.mode };
    try {
      localStorage.setItem(KEY, JSON.stringify(remembered));
    } catch {
      // storage refused (private mode): the choice lasts this session only
    }
  });
});
