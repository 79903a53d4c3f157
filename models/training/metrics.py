"""Figures the scripts report: teacher-forced accuracy per element, notes and their F1,
element histograms, the paper's objective metrics, and the share of prior samples the
classifier puts in the asked quadrant."""
from collections import Counter

import torch

from data import eval_batches
from generation import generate
from vocab import BAR_BEAT, ELEMENTS, PITCH, QUADRANTS, TYPE


def element_accuracy(logits, tokens, mask):
    """Per element: correct predictions and count, on the positions where the element applies."""
    target, m = tokens[:, 1:], mask[:, 1:]
    out = []
    for e, lg in enumerate(logits):
        applies = m & (target[..., e] > 0)
        out.append(((lg.argmax(-1) == target[..., e]) & applies).sum().item())
        out.append(applies.sum().item())
    return out


@torch.no_grad()
def teacher_forced(muser, clips, batch_size, crop):
    """Over every window of every clip: the reconstruction loss (summed over elements, mean
    per window) and the accuracy per element on the tokens that carry it."""
    totals, loss_sum, n = [0] * (2 * len(ELEMENTS)), 0.0, 0
    for tokens, mask in eval_batches(clips, batch_size, crop):
        _, info = muser(tokens, mask)
        loss_sum += sum(r.item() for r in info["recon"]) * len(tokens)
        n += len(tokens)
        totals = [a + b for a, b in zip(totals, element_accuracy(info["logits"], tokens, mask))]
    return loss_sum / n, {e: totals[2 * i] / max(1, totals[2 * i + 1]) for i, e in enumerate(ELEMENTS)}


def notes_of(tokens, vocab):
    """(bar, position, pitch) of every note token; a pitch twice on one onset is one note,
    as the app plays it (engine/piece/one-per-pitch.ts)."""
    bar, pos, notes = -1, 0, []
    bb, ty = vocab.values["bar-beat"], vocab.values["type"]
    for t in tokens.tolist():
        kind = ty[t[TYPE]]
        if kind == "EOS":
            break
        if kind == "Metrical":
            if bb[t[BAR_BEAT]] == "Bar":
                bar, pos = bar + 1, 0
            elif bb[t[BAR_BEAT]].startswith("Beat_"):
                pos = int(bb[t[BAR_BEAT]][5:])
        elif kind == "Note" and t[PITCH] > 0:
            notes.append((bar, pos, t[PITCH]))
    return list(dict.fromkeys(notes))


def f1(ref, hyp):
    r, h = Counter(ref), Counter(hyp)
    hit = sum((r & h).values())
    if not ref and not hyp:
        return 1.0
    p, q = hit / max(1, len(hyp)), hit / max(1, len(ref))
    return 0.0 if hit == 0 else 2 * p * q / (p + q)


def histogram(tokens, e):
    """Normalized histogram of element e's values over the tokens that carry it (no <conti>)."""
    col = ELEMENTS.index(e)
    vals = [t[col] for t in tokens.tolist() if t[col] > 1 or (t[col] == 1 and e not in ("tempo", "chord"))]
    c = Counter(vals)
    n = max(1, sum(c.values()))
    return {k: v / n for k, v in c.items()}


def distance(h1, h2):
    return sum(abs(h1.get(k, 0) - h2.get(k, 0)) for k in set(h1) | set(h2))


def stats(seqs, vocab):
    """The paper's objective metrics: pitch range, distinct pitch classes, polyphony."""
    pitch = vocab.values["pitch"]
    ranges, classes, poly = [], [], []
    for s in seqs:
        notes = notes_of(s, vocab)
        if not notes:
            continue
        ps = [int(pitch[n[2]]) for n in notes]
        ranges.append(max(ps) - min(ps))
        classes.append(len({p % 12 for p in ps}))
        onsets = Counter((n[0], n[1]) for n in notes)
        poly.append(sum(onsets.values()) / len(onsets))
    mean = lambda xs: sum(xs) / max(1, len(xs))  # noqa: E731
    return {"pitch_range": mean(ranges), "pitch_classes": mean(classes), "polyphony": mean(poly), "pieces": len(ranges)}


def hit_rates(muser, prior, classifier, vocab, cfg, per_quadrant, length, gen, guidance):
    """Prior samples per quadrant: the share the classifier (the old token classifier, not
    the app's judge) puts in the asked quadrant ({"Q1": .., ...}) and every sample's tokens
    (padding dropped)."""
    hit, generated = {}, []
    for q, name in enumerate(QUADRANTS):
        seqs = [s[s[:, TYPE] > 0] for s in generate(muser, prior, vocab, q, per_quadrant, length, gen, guidance=guidance)]
        generated += seqs
        hit[name] = sum(c == q for c in classifier.classify(seqs, cfg.crop)) / len(seqs)
    return hit, generated
