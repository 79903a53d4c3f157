// Piece -> MIDI bytes: one piano track on a tempo map, so a DAW sees the beat grid.
// Ticks come from beats (the primary musical position); seconds follow from the tempo map.

import midiPkg from '@tonejs/midi';
import type { Piece } from '../piece/piece.js';

const { Midi } = midiPkg;
export const EXPORT_PPQ = 480;
/**
 * Says that the file's beat and bar grid was placed on purpose (by this app, from its own
 * beats and bars): import keeps it as it is instead of checking it against the music,
 * so a piece written and read again gives the same bars and tokens.
 */
export const GRID_STATED = 'MusER Studio: beats and bars as written';

export function exportMidi(piece: Piece): Uint8Array {
  const midi = new Midi();
  midi.header.name = piece.source.name;
  midi.header.meta.push({ type: 'text', text: GRID_STATED, ticks: 0 });
  midi.header.tempos = piece.tempos.map((t) => ({ ticks: Math.round(t.beat * EXPORT_PPQ), bpm: t.bpm }));
  midi.header.timeSignatures = piece.meters.map((m) => ({ ticks: Math.round(m.beat * EXPORT_PPQ), timeSignature: [m.numerator, m.denominator] }));
  midi.header.update();
  const track = midi.addTrack();
  track.name = 'Piano';
  track.channel = 0;
  for (const n of piece.notes) {
    const ticks = Math.round(n.onsetBeat * EXPORT_PPQ);
    const end = Math.round(n.offsetBeat * EXPORT_PPQ);
    track.addNote({ midi: n.pitch, ticks, durationTicks: Math.max(1, end - ticks), velocity: n.velocity / 127 });
  }
  return midi.toArray();
}
