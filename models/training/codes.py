"""The code sequences the prior learns, exactly as the app reads a piece's codes (re-mood
and continue prime the prior with them): the encoder in training-sized windows stitched
back (engine/inference/encoding.ts), with near-duplicate codes merged as in the export.
A prior trained on other indices reads the app's as codes it never saw."""
import torch

from data import collate, windows
from vocab import QUADRANTS


@torch.no_grad()
def clip_codes(vqvae, t, crop):
    """Code indices [L, n_books] of clip t, encoded in data.windows as the app does."""
    ws = windows(t, crop)
    idx = vqvae.quantize(*collate(ws))[2]
    return torch.cat([idx[0, :1]] + [idx[i, 1:len(w)] for i, w in enumerate(ws)])


@torch.no_grad()
def encode_codes(vqvae, clips, crop, max_shift=0):
    """Per clip, its codes at every transposition within +-max_shift that keeps its pitches
    in range (as the VQ-VAE's training crops are transposed), with its quadrant index: the
    prior then learns a quadrant's music in every key, not the keys EMOPIA's few hundred
    clips of it happen to be in."""
    return [([clip_codes(vqvae, clips.shift(t, k), crop) for k in clips.shifts(t, max_shift)], QUADRANTS.index(quadrant))
            for _, quadrant, t in clips.items]
