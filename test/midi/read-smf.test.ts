import { describe, expect, it } from 'vitest';
import { importMidi } from '../../engine/midi/import.js';
import { MAX_NOTES, readSmf } from '../../engine/midi/read-smf.js';
import { InputError } from '../../engine/errors.js';
import { noteEvents, simpleSmf, smf, trackChunk, varInt, type SimpleNote } from '../fixtures/make-midi.js';

const SONG: SimpleNote[] = [60, 64, 67, 72].map((pitch, i) => ({ pitch, start: i * 480, duration: 480 }));

/** The problem readSmf reports (it throws strings; anything else fails the test). */
function problem(bytes: Uint8Array): string {
  try {
    readSmf(bytes);
  } catch (err) {
    if (typeof err !== 'string') throw err;
    return err;
  }
  throw new Error('expected readSmf to refuse the file');
}

/** A one-track file whose track starts with `raw` (delta time included) before SONG. */
const withRaw = (raw: number[]) => smf([trackChunk([{ tick: 0, kind: 'raw', bytes: raw.slice(1) }, ...noteEvents(SONG)])]);

describe('every length in a MIDI file is checked against the bytes there', () => {
  it('a variable-length quantity over four bytes', () => {
    // delta time 0x81 0x80 0x80 0x80 0x00: five bytes
    const bytes = smf([Uint8Array.from([0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 9, 0x81, 0x80, 0x80, 0x80, 0x00, 0x90, 60, 80, 0])]);
    expect(problem(bytes)).toMatch(/track 1: a delta time at byte 22 runs over four bytes/);
  });

  it('a chunk length past the end of the file', () => {
    const bytes = simpleSmf(SONG);
    new DataView(bytes.buffer).setUint32(18, 0xffffffff);
    expect(problem(bytes)).toMatch(/chunk 1 \("MTrk"\) declares 4294967295 bytes but only \d+ remain/);
  });

  it('a meta event length past the end of its track', () => {
    // a text event claiming 0x0fffffff bytes: the parser in @tonejs/midi built that string byte by byte
    expect(problem(withRaw([0x00, 0xff, 0x01, ...varInt(0x0fffffff)]))).toMatch(/track 1: a meta event at byte \d+ declares 268435455 bytes but the track has only \d+ left/);
  });

  it('a sysex length past the end of its track', () => {
    expect(problem(withRaw([0x00, 0xf0, ...varInt(5000)]))).toMatch(/sysex event .* declares 5000 bytes/);
  });

  it('running status with no status byte before it', () => {
    expect(problem(withRaw([0x00, 0x40, 0x40]))).toMatch(/running status at byte \d+ with no status byte before it/);
  });

  it('a track that ends in the middle of an event', () => {
    const bytes = smf([Uint8Array.from([0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 3, 0x00, 0x90, 60])]);
    expect(problem(bytes)).toMatch(/track 1: corrupt note data at byte \d+ needs 1 byte but only 0 remain/);
  });

  it('a header announcing more tracks than the file has', () => {
    expect(problem(smf([noteEvents(SONG)], { declaredTracks: 3 }))).toMatch(/announces 3 tracks but the file ends after 1/);
  });

  it('a header chunk shorter than its length says', () => {
    const bytes = simpleSmf(SONG).slice(0, 14);
    new DataView(bytes.buffer).setUint32(4, 1000);
    expect(problem(bytes)).toMatch(/header chunk at byte 8 needs 1000 bytes/);
  });

  it('a status byte that is not a file event', () => {
    expect(problem(withRaw([0x00, 0xf4, 0x00]))).toMatch(/0xf4\) is not a MIDI file event/);
  });

  it('more notes than a piece can hold', () => {
    // running status: three bytes a note-on; past MAX_NOTES the reader stops counting
    const data: number[] = [0x00, 0x90, 60, 80];
    for (let i = 0; i < MAX_NOTES; i++) data.push(0x00, 60, 80);
    const chunk = Uint8Array.from([0x4d, 0x54, 0x72, 0x6b, ...[24, 16, 8, 0].map((s) => (data.length >>> s) & 0xff), ...data]);
    expect(problem(smf([chunk]))).toMatch(/over 100000 notes/);
  });

  it('names the file through importMidi', () => {
    const err = (() => {
      try {
        importMidi(withRaw([0x00, 0xff, 0x01, ...varInt(0x0fffffff)]), 'song.mid');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/^song\.mid: track 1: a meta event/);
  });
});

describe('what the reader accepts', () => {
  it('chunks of unknown types between tracks are skipped', () => {
    const alien = Uint8Array.from([0x58, 0x46, 0x49, 0x48, 0, 0, 0, 2, 1, 2]);
    const bytes = smf([alien, noteEvents(SONG)], { declaredTracks: 1 });
    expect(readSmf(bytes).tracks).toHaveLength(1);
  });

  it('a track without its end-of-track event', () => {
    const { tracks } = readSmf(smf([noteEvents(SONG)], { noEndOfTrack: true }));
    expect(tracks[0].filter((e) => e.type === 'noteOn')).toHaveLength(4);
  });

  it('events after end of track are not read', () => {
    const chunk = trackChunk([...noteEvents(SONG), { tick: 2000, kind: 'raw', bytes: [0xff, 0x2f, 0x00, 0x00, 0xf4] }], { noEndOfTrack: true });
    expect(readSmf(smf([chunk])).tracks[0].filter((e) => e.type === 'noteOn')).toHaveLength(4);
  });

  it('note-on with velocity 0 is a note-off, and running status carries over', () => {
    const { tracks } = readSmf(smf([noteEvents(SONG)], { runningStatus: true, zeroVelocityOff: true }));
    expect(tracks[0].filter((e) => e.type === 'noteOff')).toHaveLength(4);
    expect(importMidi(smf([noteEvents(SONG)], { runningStatus: true, zeroVelocityOff: true }), 'x.mid').notes.map((n) => n.pitch)).toEqual([60, 64, 67, 72]);
  });
});
