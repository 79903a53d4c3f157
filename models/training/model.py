"""MusER: a VQ-VAE over compound-word tokens whose latent at every token is split into
one 16-dim slice per musical element, tied to its element by a regularization loss and
read back by a main decoder plus one sub-decoder per element (Ji & Yang, AAAI 2024).

Reading order: building blocks, the encoder, vector quantization, the element
regularizer, the decoder (trained in parallel, run step by step in constant work per
token), then the model that joins them.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from config import DECODER_LATENTS, SLICE
from vocab import ELEMENTS, EMOTION, TYPE

STRUCTURE = ["tempo", "chord", "bar-beat"]  # the slices the main decoder reads under decoder_latent "structure"


def positions(length, dim, offset=None):
    """Sinusoidal position codes [length, dim]; `offset` ([B] long) shifts them per row."""
    pos = torch.arange(length, dtype=torch.float32)
    if offset is not None:
        pos = pos[None, :] + offset[:, None].float()
    freq = torch.exp(torch.arange(0, dim, 2, dtype=torch.float32) * (-math.log(10000.0) / dim))
    angles = pos[..., None] * freq
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1)


class FieldEmbedding(nn.Module):
    """One embedding per CP field, summed (as wide as the model: no projection to pay for)."""

    def __init__(self, sizes, d_model):
        super().__init__()
        self.tables = nn.ModuleList(nn.Embedding(n, d_model) for n in sizes)

    def forward(self, tokens):  # [B, L, F] -> [B, L, d]
        return sum(t(tokens[..., i]) for i, t in enumerate(self.tables))


class FeedForward(nn.Module):
    def __init__(self, d, d_ff, dropout):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d, d_ff), nn.GELU(), nn.Linear(d_ff, d), nn.Dropout(dropout))

    def forward(self, x):
        return self.net(x)


class SelfAttention(nn.Module):
    """Bidirectional softmax attention with a key padding mask (the encoder, the classifier)."""

    def __init__(self, d, heads, dropout):
        super().__init__()
        self.heads, self.qkv, self.out, self.drop = heads, nn.Linear(d, 3 * d), nn.Linear(d, d), nn.Dropout(dropout)

    def forward(self, x, pad):  # pad: [B, L] True where padding
        B, L, D = x.shape
        q, k, v = self.qkv(x).view(B, L, 3, self.heads, D // self.heads).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-1, -2)) / math.sqrt(D // self.heads)
        att = att.masked_fill(pad[:, None, None, :], -1e9).softmax(-1)
        return self.out((self.drop(att) @ v).transpose(1, 2).reshape(B, L, D))


class EncoderBlock(nn.Module):
    def __init__(self, d, heads, d_ff, dropout):
        super().__init__()
        self.ln1, self.att, self.ln2, self.ff = nn.LayerNorm(d), SelfAttention(d, heads, dropout), nn.LayerNorm(d), FeedForward(d, d_ff, dropout)

    def forward(self, x, pad):
        x = x + self.att(self.ln1(x), pad)
        return x + self.ff(self.ln2(x))


def feature_map(x):
    return F.elu(x) + 1.0


class CausalLinearAttention(nn.Module):
    """Causal linear attention (Katharopoulos et al. 2020). Trained in its parallel form;
    at inference a running sum S = sum phi(k) v^T and z = sum phi(k) is the whole state,
    so each new token costs the same however long the sequence is."""

    def __init__(self, d, heads, dropout):
        super().__init__()
        self.heads, self.qkv, self.out, self.drop = heads, nn.Linear(d, 3 * d), nn.Linear(d, d), nn.Dropout(dropout)

    def forward(self, x):
        B, L, D = x.shape
        q, k, v = self.qkv(x).view(B, L, 3, self.heads, D // self.heads).permute(2, 0, 3, 1, 4)
        q, k = feature_map(q), feature_map(k)
        att = (q @ k.transpose(-1, -2)) * torch.ones(L, L).tril()  # same sums as the recurrent form
        y = (att @ v) / (att.sum(-1, keepdim=True) + 1e-6)
        return self.drop(self.out(y.transpose(1, 2).reshape(B, L, D)))

    def step(self, x, S, z):  # x [B, d]; S [B, H, dk, dv]; z [B, H, dk]
        B, D = x.shape
        q, k, v = self.qkv(x).view(B, 3, self.heads, D // self.heads).unbind(1)
        q, k = feature_map(q), feature_map(k)
        S = S + k[..., :, None] * v[..., None, :]
        z = z + k
        y = (q[..., None, :] @ S).squeeze(-2) / ((q * z).sum(-1, keepdim=True) + 1e-6)
        return self.out(y.reshape(B, D)), S, z


class DecoderBlock(nn.Module):
    def __init__(self, d, heads, d_ff, dropout):
        super().__init__()
        self.ln1, self.att, self.ln2, self.ff = nn.LayerNorm(d), CausalLinearAttention(d, heads, dropout), nn.LayerNorm(d), FeedForward(d, d_ff, dropout)

    def forward(self, x):
        x = x + self.att(self.ln1(x))
        return x + self.ff(self.ln2(x))

    def step(self, x, S, z):
        a, S, z = self.att.step(self.ln1(x), S, z)
        x = x + a
        return x + self.ff(self.ln2(x)), S, z


def zero_state(layers, batch, heads, head_dim):
    """The recurrent state of a stack of linear-attention blocks before any token."""
    return torch.zeros(layers, batch, heads, head_dim, head_dim), torch.zeros(layers, batch, heads, head_dim)


def step_blocks(blocks, x, S, z):
    """One token through a stack of DecoderBlocks; states are stacked per layer."""
    S_out, z_out = [], []
    for i, block in enumerate(blocks):
        x, s_i, z_i = block.step(x, S[i], z[i])
        S_out.append(s_i)
        z_out.append(z_i)
    return x, torch.stack(S_out), torch.stack(z_out)


class EMAQuantizer(nn.Module):
    """Vector quantization with EMA codebook updates (van den Oord et al. 2017, appendix),
    a commitment loss, and restarts of codes left unused."""

    def __init__(self, size, dim, decay):
        super().__init__()
        self.decay = decay
        self.register_buffer("codes", torch.randn(size, dim) * 0.1)
        self.register_buffer("ema_count", torch.ones(size))
        self.register_buffer("ema_sum", self.codes.clone())
        self.register_buffer("canonical", torch.arange(size), persistent=False)  # see merge_near_duplicates

    def indices(self, x):  # [..., dim] -> [...]
        flat = x.reshape(-1, x.shape[-1])
        dist = (flat * flat).sum(1, keepdim=True) - 2 * flat @ self.codes.t() + (self.codes * self.codes).sum(1)[None]
        return self.canonical[dist.argmin(1)].view(x.shape[:-1])

    @torch.no_grad()
    def merge_near_duplicates(self, eps=1e-3):
        """After training: a code within eps of an earlier one answers as that one. Such
        codes (several restarts on one frequent vector) are equally near an input to below
        float precision, so PyTorch and onnxruntime would each pick a different index."""
        d = torch.cdist(self.codes, self.codes)
        near = (d < eps) & torch.ones_like(d, dtype=torch.bool).tril(-1)
        first = torch.where(near.any(1), near.float().argmax(1), torch.arange(len(d)))
        while not torch.equal(first[first], first):  # chains a ~ b ~ c end at their first code
            first = first[first]
        self.canonical.copy_(first)

    def forward(self, x, mask):  # mask [B, L]: real tokens; returns quantized (straight-through), indices, commitment
        idx = self.indices(x)
        q = self.codes[idx]
        if self.training:
            self.update(x[mask], idx[mask])
        commit = ((x - q.detach()) ** 2).mean(-1)[mask].mean()
        return x + (q - x).detach(), idx, commit

    @torch.no_grad()
    def update(self, x, idx):
        onehot = F.one_hot(idx, self.codes.shape[0]).float()
        counts, sums = onehot.sum(0), onehot.t() @ x
        if torch.distributed.is_available() and torch.distributed.is_initialized():
            # every rank's batch moves the codebook (DDP alone would keep rank 0's buffers)
            torch.distributed.all_reduce(counts)
            torch.distributed.all_reduce(sums)
        self.ema_count.mul_(self.decay).add_(counts, alpha=1 - self.decay)
        self.ema_sum.mul_(self.decay).add_(sums, alpha=1 - self.decay)
        n = self.ema_count.sum()
        count = (self.ema_count + 1e-5) / (n + self.codes.shape[0] * 1e-5) * n
        self.codes.copy_(self.ema_sum / count[:, None])
        dead = self.ema_count < 1e-3
        if dead.any() and len(x):
            pick = x[torch.randint(len(x), (int(dead.sum()),))]
            self.codes[dead] = pick
            self.ema_sum[dead] = pick
            self.ema_count[dead] = 1.0


class Quantizer(nn.Module):
    """The latent's quantization: one codebook over all 7 x 16 dims (the paper), or one
    codebook per element slice. Indices come out as [B, L, n_codebooks]."""

    def __init__(self, cfg):
        super().__init__()
        self.per_element = cfg.codebook == "per-element"
        dim = len(ELEMENTS) * SLICE
        self.books = nn.ModuleList(
            [EMAQuantizer(cfg.element_codebook_size, SLICE, cfg.ema_decay) for _ in ELEMENTS] if self.per_element
            else [EMAQuantizer(cfg.codebook_size, dim, cfg.ema_decay)]
        )

    def split(self, z):
        return z.split(SLICE, dim=-1) if self.per_element else (z,)

    def indices(self, z):  # [B, L, 112] -> [B, L, n_codebooks]
        return torch.stack([book.indices(part) for book, part in zip(self.books, self.split(z))], -1)

    def forward(self, z, mask):
        outs = [book(part, mask) for book, part in zip(self.books, self.split(z))]
        return torch.cat([o[0] for o in outs], -1), torch.stack([o[1] for o in outs], -1), sum(o[2] for o in outs) / len(outs)

    def lookup(self, idx):  # [B, L, n_codebooks] -> [B, L, 112]
        return torch.cat([book.codes[idx[..., i]] for i, book in enumerate(self.books)], -1)


class ElementRegularizer(nn.Module):
    """Per element, a small network maps its latent slice sequence to a score per position;
    across pairs of pieces the tanh of the score difference is pulled (L1) toward the sign
    of the difference of that element's values at the position (MusER section 3.2)."""

    def __init__(self):
        super().__init__()
        self.nets = nn.ModuleList(
            nn.Sequential(nn.Conv1d(SLICE, 32, 3, padding=1), nn.GELU(), nn.Conv1d(32, 1, 1)) for _ in ELEMENTS)

    def forward(self, zq, tokens, mask):
        partner = torch.roll(torch.arange(zq.shape[0]), 1)
        losses = []
        for e, (net, part) in enumerate(zip(self.nets, zq.split(SLICE, -1))):
            score = net(part.transpose(1, 2)).squeeze(1)  # [B, L]
            value = tokens[..., e].float()
            both = mask & mask[partner] & (tokens[..., e] > 0) & (tokens[partner][..., e] > 0)
            if both.any():
                diff = torch.tanh(score - score[partner]) - torch.sign(value - value[partner])
                losses.append(diff.abs()[both].mean())
        return torch.stack(losses).mean() if losses else zq.sum() * 0


class SubDecoders(nn.Module):
    """One head per element over [decoder state; the element's own latent slice], and, for
    every element but type, the type of the token (MusER's second decoding level)."""

    def __init__(self, sizes, d, hidden=128, type_dim=32):
        super().__init__()
        self.type_emb = nn.Embedding(sizes[TYPE], type_dim)
        self.heads = nn.ModuleList(
            nn.Sequential(nn.Linear(d + SLICE + (0 if e == TYPE else type_dim), hidden), nn.GELU(), nn.Linear(hidden, sizes[e]))
            for e in range(len(ELEMENTS)))

    def type_logits(self, h, zq):
        return self.heads[TYPE](torch.cat([h, zq.split(SLICE, -1)[TYPE]], -1))

    def element_logits(self, h, zq, token_type):  # all elements but type, in ELEMENTS order (type left out)
        t = self.type_emb(token_type)
        parts = zq.split(SLICE, -1)
        return [self.heads[e](torch.cat([h, parts[e], t], -1)) for e in range(len(ELEMENTS)) if e != TYPE]


class MusER(nn.Module):
    def __init__(self, cfg, sizes):
        """sizes: vocabulary size of each CP field (7 elements, then emotion)."""
        super().__init__()
        if cfg.decoder_latent not in DECODER_LATENTS:
            raise ValueError(f"decoder_latent {cfg.decoder_latent!r} is not one of {DECODER_LATENTS}")
        self.cfg, self.sizes = cfg, sizes
        d = cfg.d_model
        self.enc_embed = FieldEmbedding(sizes, d)
        self.encoder = nn.ModuleList(EncoderBlock(d, cfg.n_heads, cfg.d_ff, cfg.dropout) for _ in range(cfg.enc_layers))
        self.enc_out = nn.Sequential(nn.LayerNorm(d), nn.Linear(d, len(ELEMENTS) * SLICE))
        self.quantizer = Quantizer(cfg)
        self.regularizer = ElementRegularizer()
        self.dec_embed = FieldEmbedding(sizes, d)
        self.emotion = nn.Embedding(sizes[EMOTION], d)
        # "structure" keeps the full-width projection (pitch, duration, velocity and type dims
        # zeroed) so a run can be fine-tuned from an "all" checkpoint
        self.latent_in = nn.Linear(len(ELEMENTS) * SLICE, d)
        if cfg.decoder_latent == "structure":
            self.not_applicable = nn.Parameter(torch.zeros(len(ELEMENTS) * SLICE))
            structure = torch.zeros(len(ELEMENTS), SLICE)
            structure[[ELEMENTS.index(e) for e in STRUCTURE]] = 1
            self.register_buffer("structure_dims", structure.flatten(), persistent=False)
            self.register_buffer("slice_dims", torch.eye(len(ELEMENTS)).repeat_interleave(SLICE, 1), persistent=False)
            self.type_probe = nn.Linear(SLICE, sizes[TYPE])
            self.type_in = nn.Embedding(sizes[TYPE], d)
        self.decoder = nn.ModuleList(DecoderBlock(d, cfg.n_heads, cfg.d_ff, cfg.dropout) for _ in range(cfg.dec_layers))
        self.dec_ln = nn.LayerNorm(d)
        self.sub = SubDecoders(sizes[:len(ELEMENTS)], d)

    # ---- encoder -------------------------------------------------------------------
    def encode(self, tokens, mask):
        """tokens [B, L, 8] -> continuous latents [B, L, 112]."""
        x = self.enc_embed(tokens) + positions(tokens.shape[1], self.cfg.d_model)
        for block in self.encoder:
            x = block(x, ~mask)
        z = self.enc_out(x)
        if self.cfg.decoder_latent == "structure":
            # a slice is one fixed vector where its element does not apply (a note's chord, a
            # bar's pitch), so it cannot carry another element's information there
            applies = (tokens[..., :len(ELEMENTS)] > 0).float() @ self.slice_dims  # [B, L, 112]: 1 where the dim's element applies
            z = torch.where(applies > 0, z, self.not_applicable)
        return z

    def quantize(self, tokens, mask):
        """At inference: latents [B, L, 112], their quantized vectors and their code indices
        [B, L, n_codebooks] (the nearest codes; nothing is learned)."""
        z = self.encode(tokens, mask)
        codes = self.quantizer.indices(z)
        return z, self.quantizer.lookup(codes), codes

    # ---- decoder -------------------------------------------------------------------
    def decoder_input(self, prev, zq, emotion, pos):
        """What the decoder reads at the position it predicts: the previous token, the
        emotion, the position and, by decoder_latent, that position's quantized latent: all
        of it, or its structure (the tempo, chord and bar-beat slices, plus the token type
        read from the type slice as one hard choice, so no other information rides along).
        Under "structure" pitch, duration and velocity reach the output only through their
        own sub-decoders, so a swapped slice cannot be overruled."""
        x = self.dec_embed(prev) + self.emotion(emotion)[:, None] + pos
        if self.cfg.decoder_latent == "structure":
            token_type = self.type_probe(zq.split(SLICE, -1)[TYPE]).argmax(-1)
            return x + self.latent_in(zq * self.structure_dims) + self.type_in(token_type)
        return x + self.latent_in(zq)

    def decode(self, tokens, zq, emotion):
        """Teacher-forced: predict tokens[:, 1:] from tokens[:, :-1] and zq[:, 1:]."""
        L = tokens.shape[1] - 1
        x = self.decoder_input(tokens[:, :-1], zq[:, 1:], emotion, positions(L, self.cfg.d_model))
        for block in self.decoder:
            x = block(x)
        h = self.dec_ln(x)
        target = tokens[:, 1:]
        type_logits = self.sub.type_logits(h, zq[:, 1:])
        others = self.sub.element_logits(h, zq[:, 1:], target[..., TYPE])
        return others[:TYPE] + [type_logits] + others[TYPE:]

    def init_state(self, batch):
        return zero_state(len(self.decoder), batch, self.cfg.n_heads, self.cfg.d_model // self.cfg.n_heads)

    def decode_step(self, prev, zq_t, emotion, pos, S, z):
        """One token: prev [B, 8], zq_t [B, 112], emotion [B], pos [B] -> h, type logits, state."""
        x = self.decoder_input(prev[:, None], zq_t[:, None], emotion, positions(1, self.cfg.d_model, pos))[:, 0]
        x, S, z = step_blocks(self.decoder, x, S, z)
        h = self.dec_ln(x)
        return h, self.sub.type_logits(h, zq_t), S, z

    # ---- training ------------------------------------------------------------------
    def forward(self, tokens, mask):
        """Losses of one batch. tokens [B, L, 8] (emotion token first), mask [B, L]."""
        z = self.encode(tokens, mask)
        zq, idx, commit = self.quantizer(z, mask)
        emotion = tokens[:, 0, EMOTION]
        logits = self.decode(tokens, zq, emotion)
        target, tmask = tokens[:, 1:], mask[:, 1:]
        recon = [F.cross_entropy(lg[tmask], target[..., e][tmask]) for e, lg in enumerate(logits)]
        reg = self.regularizer(zq, tokens, mask)
        loss = sum(recon) + self.cfg.commitment * commit + self.cfg.reg_weight * reg
        info = {"recon": recon, "commit": commit, "reg": reg, "logits": logits, "codes": idx}
        if self.cfg.decoder_latent == "structure":  # the type the decoder reads is learned from the type slice alone
            probe = self.type_probe(zq[:, 1:].split(SLICE, -1)[TYPE])
            info["probe"] = F.cross_entropy(probe[tmask], target[..., TYPE][tmask])
            loss = loss + info["probe"]
        return loss, info
