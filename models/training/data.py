"""Training data: the dataset builder's tensors as torch batches, with random crops that
start on a bar and pitch-transposition augmentation (pitches and chord roots move together),
and the windows a whole clip is read in."""
import random

import torch

from tokens_dataset import load_split
from vocab import BAR_BEAT, CHORD, FIELDS, PITCH


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

    def shifts(self, t, max_shift):
        """The intervals within +-max_shift that keep every pitch of t in range."""
        pitch = t[:, PITCH]
        notes = pitch > 0
        if not notes.any():
            return [0]
        lo, hi = int(pitch[notes].min()), int(pitch[notes].max())
        top = len(self.vocab.values["pitch"]) - 1
        return list(range(max(-max_shift, 1 - lo), min(max_shift, top - hi) + 1))

    def shift(self, t, k):
        """t with its pitches (and chord roots) moved by k semitones."""
        if k == 0:
            return t
        t = t.clone()
        notes = t[:, PITCH] > 0
        t[notes, PITCH] += k
        t[:, CHORD] = self.vocab.chord_shift[k % 12][t[:, CHORD]]
        return t

    def transpose(self, t, rng, max_shift):
        """Shift pitches (and chord roots) by a random interval that keeps every pitch in range."""
        if max_shift == 0 or not (t[:, PITCH] > 0).any():
            return t  # drawing no interval keeps the VQ-VAE's random stream as it was
        ks = self.shifts(t, max_shift)
        return self.shift(t, rng.randint(ks[0], ks[-1]))


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


def windows(t, crop):
    """A whole clip as the model saw its training crops: consecutive windows of the emotion
    token, then up to crop-1 tokens (at least one window)."""
    return [torch.cat([t[:1], t[s:s + crop - 1]]) for s in range(1, max(2, len(t) - 1), crop - 1)]


def eval_batches(clips, batch_size, crop):
    """Every clip once, in order, in its windows."""
    all_windows = [w for _, _, t in clips.items for w in windows(t, crop)]
    for i in range(0, len(all_windows), batch_size):
        yield collate(all_windows[i:i + batch_size])
