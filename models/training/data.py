"""Training data: the dataset builder's tensors as torch batches, with random crops that
start on a bar and pitch-transposition augmentation (pitches and chord roots move together)."""
import json
import random
from pathlib import Path

import torch

from tokens_dataset import load_split

FIELDS = ["tempo", "chord", "bar-beat", "type", "pitch", "duration", "velocity", "emotion"]
PITCH, CHORD, BAR_BEAT = FIELDS.index("pitch"), FIELDS.index("chord"), FIELDS.index("bar-beat")
ROOTS = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]


class Vocab:
    def __init__(self, path):
        raw = json.loads(Path(path).read_text())
        self.path, self.version, self.values = str(path), raw["version"], raw["values"]
        if raw["fields"] != FIELDS:
            raise ValueError(f"{path}: fields {raw['fields']} are not {FIELDS}")
        self.sizes = [len(self.values[f]) for f in FIELDS]
        self.bar = self.values["bar-beat"].index("Bar")
        chords = self.values["chord"]
        # chord index -> index of the same chord k semitones up, for k in 0..11
        self.chord_shift = torch.arange(len(chords))[None].repeat(12, 1)
        for i, name in enumerate(chords):
            if ":" in name:
                root, quality = name.split(":")
                for k in range(12):
                    self.chord_shift[k, i] = chords.index(f"{ROOTS[(ROOTS.index(root) + k) % 12]}:{quality}")


class Clips:
    """One split: a list of (name, quadrant, LongTensor [L, 8])."""

    def __init__(self, dataset_dir, split, vocab):
        self.vocab = vocab
        self.items = [(n, q, torch.tensor(rows, dtype=torch.long)) for n, q, rows in load_split(dataset_dir, split, vocab.path)]
        if not self.items:
            raise ValueError(f"{dataset_dir}: no clips in split {split!r}")
        self.bars = [torch.nonzero(t[:, BAR_BEAT] == vocab.bar).flatten().tolist() or [1] for _, _, t in self.items]

    def __len__(self):
        return len(self.items)

    def crop(self, i, length, rng):
        """The emotion token, then up to length-1 tokens starting at a random bar."""
        t = self.items[i][2]
        start = rng.choice(self.bars[i]) if len(t) > length else 1
        return torch.cat([t[:1], t[start:start + length - 1]])

    def transpose(self, t, rng, max_shift):
        """Shift pitches (and chord roots) by a random interval that keeps every pitch in range."""
        pitch = t[:, PITCH]
        notes = pitch > 0
        if not notes.any() or max_shift == 0:
            return t
        lo, hi = int(pitch[notes].min()), int(pitch[notes].max())
        top = len(self.vocab.values["pitch"]) - 1
        k = rng.randint(max(-max_shift, 1 - lo), min(max_shift, top - hi))
        t = t.clone()
        t[notes, PITCH] += k
        t[:, CHORD] = self.vocab.chord_shift[k % 12][t[:, CHORD]]
        return t


def collate(seqs):
    """Pad to the longest: tokens [B, L, 8] (0 = <pad>) and mask [B, L]."""
    L = max(len(s) for s in seqs)
    tokens = torch.zeros(len(seqs), L, len(FIELDS), dtype=torch.long)
    mask = torch.zeros(len(seqs), L, dtype=torch.bool)
    for i, s in enumerate(seqs):
        tokens[i, :len(s)] = s
        mask[i, :len(s)] = True
    return tokens, mask


def batches(clips, batch_size, crop, seed, max_shift=0):
    """Endless random training batches."""
    rng = random.Random(seed)
    while True:
        picks = [rng.randrange(len(clips)) for _ in range(batch_size)]
        yield collate([clips.transpose(clips.crop(i, crop, rng), rng, max_shift) for i in picks])


def eval_batches(clips, batch_size, crop):
    """Every clip once, in order, cut into consecutive windows of `crop` tokens (emotion token first)."""
    windows = []
    for _, _, t in clips.items:
        for start in range(1, max(len(t) - 1, 1), crop - 1):
            windows.append(torch.cat([t[:1], t[start:start + crop - 1]]))
    for i in range(0, len(windows), batch_size):
        yield collate(windows[i:i + batch_size])
