// Canvases drawn at the device's resolution inside a box that sets their CSS size.

import type { Attachment } from 'svelte/attachments';

export interface CanvasSize {
  /** CSS pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel. */
  dpr: number;
}

/** Reports the element's inner size whenever it changes (and once at the start). */
export function observeSize(onSize: (size: CanvasSize) => void): Attachment<HTMLElement> {
  return (el) => {
    const observer = new ResizeObserver(() => onSize({ width: el.clientWidth, height: el.clientHeight, dpr: window.devicePixelRatio || 1 }));
    observer.observe(el);
    return () => observer.disconnect();
  };
}

/**
 * Sizes the canvas's pixels for `size` and returns its context, scaled to draw in CSS
 * pixels; null while there is no canvas yet or no size to draw at.
 */
export function canvasContext(canvas: HTMLCanvasElement | null | undefined, size: CanvasSize): CanvasRenderingContext2D | null {
  if (!canvas || size.width <= 0 || size.height <= 0) return null;
  const width = Math.round(size.width * size.dpr);
  const height = Math.round(size.height * size.dpr);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
  return ctx;
}
