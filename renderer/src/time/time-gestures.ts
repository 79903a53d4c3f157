// Wheel and drag on anything drawn against the shared time axis (the piano roll, the
// latent heatmaps, the chord and emotion lanes), so that each moves all of them: Ctrl+wheel (or a trackpad pinch)
// zooms at the pointer, the wheel scrolls in time, a drag pans, and a press without
// movement in the time area calls `onPress` (when given) with the time under it.

import type { Attachment } from 'svelte/attachments';
import { GUTTER_WIDTH, xToTime, zoomAt } from './time-axis.js';
import { scrollBySeconds, setTimeView, timeView } from './time-view.svelte.js';

/** Pixels a press may move and still count as a click. */
const CLICK_SLOP = 3;

export function timeGestures(onPress?: (seconds: number) => void): Attachment<HTMLElement> {
  return (el) => {
    let drag: { x: number; scroll: number; moved: boolean } | null = null;
    // x in the element, whatever child is under the pointer (a lane's bar has a tooltip)
    const xIn = (e: MouseEvent) => e.clientX - el.getBoundingClientRect().left;

    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? timeView.width : 1;
      if (e.ctrlKey || e.metaKey) {
        const anchor = Math.max(0, xIn(e) - GUTTER_WIDTH);
        setTimeView(zoomAt(timeView, Math.exp((-e.deltaY * unit) / 300), anchor));
      } else {
        const delta = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY;
        scrollBySeconds(delta * unit * timeView.secondsPerPixel);
      }
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      el.setPointerCapture(e.pointerId);
      drag = { x: e.clientX, scroll: timeView.scrollSeconds, moved: false };
    };
    const onMove = (e: PointerEvent) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      if (Math.abs(dx) > CLICK_SLOP) {
        drag.moved = true;
        el.style.cursor = 'grabbing';
      }
      if (drag.moved) setTimeView({ secondsPerPixel: timeView.secondsPerPixel, scrollSeconds: drag.scroll - dx * timeView.secondsPerPixel });
    };
    const onUp = (e: PointerEvent) => {
      if (!drag) return;
      const x = xIn(e) - GUTTER_WIDTH;
      if (!drag.moved && x >= 0) onPress?.(xToTime(timeView, x));
      onCancel();
    };
    const onCancel = () => {
      drag = null;
      el.style.cursor = '';
    };

    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointercancel', onCancel);
    return () => {
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointercancel', onCancel);
    };
  };
}
