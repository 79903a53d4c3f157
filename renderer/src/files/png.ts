// Canvases as PNG files: one canvas's bytes, and several tiled into one picture (the
// heatmaps with their legend, the atlas's panels) at their device resolution.

/** The window's background (--bg), around and between the tiles. */
const BACKGROUND = '#0f1115';

/** Tiles `canvases` row by row, `columns` per row; each row as tall as its tallest. */
export function tileCanvases(canvases: readonly HTMLCanvasElement[], columns: number, gap: number): HTMLCanvasElement {
  const rows: HTMLCanvasElement[][] = [];
  for (let i = 0; i < canvases.length; i += columns) rows.push(canvases.slice(i, i + columns));
  const cellWidth = Math.max(...canvases.map((c) => c.width));
  const heights = rows.map((r) => Math.max(...r.map((c) => c.height)));
  const out = document.createElement('canvas');
  out.width = Math.min(canvases.length, columns) * (cellWidth + gap) + gap;
  out.height = heights.reduce((s, h) => s + h + gap, gap);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to draw the picture on');
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, out.width, out.height);
  let y = gap;
  rows.forEach((row, r) => {
    row.forEach((c, i) => ctx.drawImage(c, gap + i * (cellWidth + gap), y));
    y += heights[r] + gap;
  });
  return out;
}

export function canvasPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => {
      if (!blob) reject(new Error('the picture could not be encoded as PNG'));
      else blob.arrayBuffer().then((b) => resolve(new Uint8Array(b)), reject);
    }, 'image/png'),
  );
}
