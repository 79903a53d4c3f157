"""Emotion classifier on CP tokens: 4 quadrants, from which valence (Q1, Q4 high) and
arousal (Q1, Q2 high) follow. It never sees the emotion token or field: it judges the
music alone, so it can score generated and rearranged pieces."""
import torch
import torch.nn as nn

from data import collate, windows
from model import EncoderBlock, FieldEmbedding, positions
from vocab import ELEMENTS


class EmotionClassifier(nn.Module):
    def __init__(self, cfg, sizes):
        super().__init__()
        d = cfg.cls_d_model
        self.d = d
        self.embed = FieldEmbedding(sizes[:len(ELEMENTS)], d)
        self.blocks = nn.ModuleList(EncoderBlock(d, max(2, cfg.n_heads // 2), 2 * d, cfg.dropout) for _ in range(cfg.cls_layers))
        self.ln = nn.LayerNorm(d)
        self.out = nn.Linear(d, 4)

    def forward(self, tokens, mask):
        """tokens [B, L, 8] with the emotion token first (dropped here) -> logits [B, 4]."""
        tokens, mask = tokens[:, 1:, :len(ELEMENTS)], mask[:, 1:]
        x = self.embed(tokens) + positions(tokens.shape[1], self.d)
        for b in self.blocks:
            x = b(x, ~mask)
        x = self.ln(x) * mask[..., None]
        return self.out(x.sum(1) / mask.sum(1, keepdim=True).clamp(min=1))

    @torch.no_grad()
    def classify(self, seqs, crop):
        """Quadrant index of each whole sequence: logits averaged over its windows."""
        return [int(self(*collate(windows(t, crop))).mean(0).argmax()) for t in seqs]
