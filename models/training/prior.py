"""The prior: an autoregressive model over the VQ-VAE's code sequence, conditioned on the
emotion quadrant. Causal linear attention, so sampling costs the same per token however
long the piece grows. With per-element codebooks it predicts one code per codebook at
each position, all from the same state."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from model import DecoderBlock, positions, step_blocks, zero_state


class Prior(nn.Module):
    def __init__(self, cfg, n_books, book_size, n_emotions):
        super().__init__()
        d = cfg.prior_d_model
        self.cfg, self.d, self.start = cfg, d, book_size  # index book_size = "no code yet"
        self.embed = nn.ModuleList(nn.Embedding(book_size + 1, d) for _ in range(n_books))
        self.emotion = nn.Embedding(n_emotions, d)
        self.blocks = nn.ModuleList(DecoderBlock(d, cfg.n_heads, cfg.d_ff, cfg.dropout) for _ in range(cfg.prior_layers))
        self.ln = nn.LayerNorm(d)
        self.heads = nn.ModuleList(nn.Linear(d, book_size) for _ in range(n_books))

    def inputs(self, prev, emotion, pos):  # prev [B, L, n_books]
        return sum(e(prev[..., i]) for i, e in enumerate(self.embed)) + self.emotion(emotion)[:, None] + pos

    def forward(self, codes, mask, emotion):
        """Teacher-forced loss: predict codes [B, L, n_books] from the codes before them."""
        B, L, n = codes.shape
        prev = torch.cat([torch.full((B, 1, n), self.start, dtype=torch.long), codes[:, :-1]], 1)
        x = self.inputs(prev, emotion, positions(L, self.d))
        for b in self.blocks:
            x = b(x)
        h = self.ln(x)
        logits = [head(h) for head in self.heads]
        losses = [F.cross_entropy(lg[mask], codes[..., i][mask]) for i, lg in enumerate(logits)]
        return sum(losses) / n, logits

    def init_state(self, batch):
        return zero_state(len(self.blocks), batch, self.cfg.n_heads, self.d // self.cfg.n_heads)

    def step(self, prev, emotion, pos, S, z):
        """prev [B, n_books] (start index at pos 0) -> logits [B, n_books, book_size] and state."""
        x = self.inputs(prev[:, None], emotion, positions(1, self.d, pos))[:, 0]
        x, S, z = step_blocks(self.blocks, x, S, z)
        h = self.ln(x)
        return torch.stack([head(h) for head in self.heads], 1), S, z
