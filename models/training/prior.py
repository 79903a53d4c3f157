"""The prior: an autoregressive model over the VQ-VAE's code sequence, conditioned on the
emotion quadrant. Causal linear attention, so sampling costs the same per token however
long the piece grows. With per-element codebooks a position has one code per codebook;
they are chosen one after another from the same state, each head seeing the codes chosen
before it, the type's first (as the decoder chooses a token's type before its fields), so
a position's codes agree with each other (a note's pitch code with a note's type code)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from model import DecoderBlock, positions, step_blocks, zero_state
from vocab import ELEMENTS


def sampling_order(n_books):
    """The order a position's codebooks are chosen in: the type's first when there is one per element."""
    if n_books != len(ELEMENTS):
        return list(range(n_books))
    first = ELEMENTS.index("type")
    return [first] + [k for k in range(n_books) if k != first]


class Prior(nn.Module):
    def __init__(self, cfg, n_books, book_size, n_emotions):
        super().__init__()
        d = cfg.prior_d_model
        self.cfg, self.d, self.start = cfg, d, book_size  # index book_size = "no code yet"
        self.order = sampling_order(n_books)
        self.embed = nn.ModuleList(nn.Embedding(book_size + 1, d) for _ in range(n_books))
        self.emotion = nn.Embedding(n_emotions, d)
        self.blocks = nn.ModuleList(DecoderBlock(d, cfg.n_heads, cfg.d_ff, cfg.dropout) for _ in range(cfg.prior_layers))
        self.ln = nn.LayerNorm(d)
        self.chosen = nn.ModuleList(nn.Embedding(book_size, d) for _ in range(n_books))
        self.heads = nn.ModuleList(nn.Sequential(nn.Linear(d, d), nn.GELU(), nn.Linear(d, book_size)) for _ in range(n_books))

    def inputs(self, prev, emotion, pos):  # prev [B, L, n_books]
        return sum(e(prev[..., i]) for i, e in enumerate(self.embed)) + self.emotion(emotion)[:, None] + pos

    def chain(self, h, choose):
        """Through a position's books in sampling order, each head seeing the codes chosen
        before it; choose(k, logits [..., K]) gives book k's code. -> logits, codes."""
        cond, logits, codes = torch.zeros_like(h), [None] * len(self.heads), [None] * len(self.heads)
        for k in self.order:
            logits[k] = self.heads[k](h + cond)
            codes[k] = choose(k, logits[k])
            cond = cond + self.chosen[k](codes[k])
        return torch.stack(logits, -2), torch.stack(codes, -1)

    def book_logits(self, h, chosen):
        """h [..., d], chosen [..., n_books] -> logits [..., n_books, book_size]: each book's
        given the codes chosen for the books before it in sampling order (later ones unread)."""
        return self.chain(h, lambda k, _: chosen[..., k])[0]

    def forward(self, codes, mask, emotion):
        """Teacher-forced loss: predict codes [B, L, n_books] from the codes before them."""
        B, L, n = codes.shape
        prev = torch.cat([torch.full((B, 1, n), self.start, dtype=torch.long), codes[:, :-1]], 1)
        x = self.inputs(prev, emotion, positions(L, self.d))
        for b in self.blocks:
            x = b(x)
        logits = self.book_logits(self.ln(x), codes)
        losses = [F.cross_entropy(logits[..., i, :][mask], codes[..., i][mask]) for i in range(n)]
        return sum(losses) / n, logits

    def init_state(self, batch):
        return zero_state(len(self.blocks), batch, self.cfg.n_heads, self.d // self.cfg.n_heads)

    def step(self, prev, emotion, pos, S, z):
        """prev [B, n_books] (start index at pos 0) -> hidden [B, d] for book_logits, and state."""
        x = self.inputs(prev[:, None], emotion, positions(1, self.d, pos))[:, 0]
        x, S, z = step_blocks(self.blocks, x, S, z)
        return self.ln(x), S, z

    def sample_position(self, h, pick):
        """Choose a position's codes in sampling order; pick(logits [B, K]) -> codes [B]."""
        return self.chain(h, lambda _, logits: pick(logits))[1]
