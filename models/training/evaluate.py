"""Evaluate the trained MusER set on the test split and write the figures into the model
card (models/README.md, between the EVAL markers) and a metrics JSON.

  /usr/bin/python3 models/training/evaluate.py --run build/run --data build/dataset [--card models/README.md]

Figures: teacher-forced accuracy per element; greedy self-reconstruction note F1 on
(bar, position, pitch); transfer fidelity per element over test pairs; classifier
accuracy (4Q, valence, arousal); the share of prior samples the classifier puts in the
asked quadrant; pitch range, pitch classes and polyphony of generated music beside the
test data. Everything here runs on the test split, which training never saw.

The classifier is the old token classifier (classifier.onnx). The app judges emotion with
the judge (models/judge.json, engine/judge/), written once, in TypeScript: its figures for
the same prior samples come from `npm run eval:generation`.
"""
import argparse
import json
import random
import re
import time
from pathlib import Path

import torch

from checkpoints import exit_on_error, load_models, run_arguments
from config import SLICE
from data import Clips, collate
from generation import decode
from metrics import distance, f1, histogram, hit_rates, notes_of, stats, teacher_forced
from vocab import ELEMENTS, EMOTION, QUADRANTS, TYPE, Vocab


def encode(muser, seqs):
    tokens, mask = collate(seqs)
    return tokens, mask, muser.quantize(tokens, mask)[1]


@torch.no_grad()
def reconstruction(muser, vocab, clips, length):
    scores = []
    items = [t[:length] for _, _, t in clips.items]
    for i in range(0, len(items), 16):
        tokens, mask, zq = encode(muser, items[i:i + 16])
        out = decode(muser, vocab, zq, tokens[:, 0, EMOTION], tokens[:, 0])
        for b, seq in enumerate(items[i:i + 16]):
            scores.append(f1(notes_of(seq, vocab), notes_of(out[b], vocab)))
    return sum(scores) / len(scores)


def source_positions(ta, ma, tb, mb, align, vocab):
    """For every position of A, the position of B whose slice it takes, or -1 to keep A's.
    'position': the same index (the paper). 'type': the j-th note of A takes the j-th note
    of B, the j-th metrical token the j-th metrical token of B."""
    src = torch.full(ta.shape[:2], -1, dtype=torch.long)
    for k in range(len(ta)):
        la, lb = int(ma[k].sum()), int(mb[k].sum())
        if align == "position":
            n = min(la, lb)
            src[k, 1:n] = torch.arange(1, n)
            continue
        for kind in (vocab.id("type", "Metrical"), vocab.id("type", "Note")):
            pa = torch.nonzero(ta[k, :la, TYPE] == kind).flatten()
            pb = torch.nonzero(tb[k, :lb, TYPE] == kind).flatten()
            n = min(len(pa), len(pb))
            src[k, pa[:n]] = pb[:n]
    return src


@torch.no_grad()
def transfer(muser, vocab, clips, pairs, length, align):
    """Per element E: the share of pairs where taking E's slice from B moves E's histogram
    nearer B (moved), keeps every other element's nearer A (kept), and both (success)."""
    seqs = [t[:length] for _, _, t in clips.items]
    result, moved_rate, kept_rate = {}, {}, {}
    ta, ma, za = encode(muser, [seqs[a] for a, _ in pairs])
    tb, mb, zb = encode(muser, [seqs[b] for _, b in pairs])
    src = source_positions(ta, ma, tb, mb, align, vocab)
    take = src >= 0
    for i, e in enumerate(ELEMENTS):
        z = za.clone()
        part = slice(i * SLICE, (i + 1) * SLICE)
        from_b = torch.gather(zb[..., part], 1, src.clamp(min=0)[..., None].expand(-1, -1, SLICE))
        z[..., part] = torch.where(take[..., None], from_b, za[..., part])
        out = decode(muser, vocab, z, ta[:, 0, EMOTION], ta[:, 0])
        ok = n_moved = n_kept = 0
        for k in range(len(pairs)):
            a, b, o = ta[k][ma[k]], tb[k][mb[k]], out[k]
            moved = distance(histogram(o, e), histogram(b, e)) < distance(histogram(o, e), histogram(a, e))
            kept = all(distance(histogram(o, f), histogram(a, f)) <= distance(histogram(o, f), histogram(b, f))
                       for f in ELEMENTS if f != e)
            ok += moved and kept
            n_moved += moved
            n_kept += kept
        result[e], moved_rate[e], kept_rate[e] = ok / len(pairs), n_moved / len(pairs), n_kept / len(pairs)
    return {"success": result, "moved": moved_rate, "kept": kept_rate}


def write_card(card, metrics):
    text = card.read_text() if card.exists() else ""
    block = "<!-- EVAL:BEGIN -->\n" + format_metrics(metrics) + "<!-- EVAL:END -->"
    if "<!-- EVAL:BEGIN -->" in text:
        text = re.sub(r"<!-- EVAL:BEGIN -->.*<!-- EVAL:END -->", lambda _: block, text, flags=re.S)
    else:
        text += "\n" + block + "\n"
    card.write_text(text)


def format_metrics(m):
    rows = lambda d, fmt="{:.3f}": " | ".join(fmt.format(v) for v in d.values())  # noqa: E731
    return "\n".join([
        f"Test split: {m['test_clips']} clips, never seen in training. Evaluated {m['date']} in {m['seconds']:.0f} s.",
        "",
        "| " + " | ".join(ELEMENTS) + " |", "|" + "---|" * len(ELEMENTS),
        "| " + rows(m["teacher_forced_accuracy"]) + " |",
        "",
        "Teacher-forced accuracy per element (on the tokens that carry the element; goal >= 0.9 each).",
        "",
        f"- Greedy self-reconstruction, note F1 on (bar, position, pitch), first {m['length']} tokens of each clip: "
        f"**{m['reconstruction_f1']:.3f}** (goal >= 0.9)",
        f"- Transfer fidelity over {m['pairs']} test pairs (greedy; goal >= 0.8 for pitch and duration). A success "
        "needs both: the output's histogram of E nearer B's than A's, and every other element's nearer A's. "
        "Position alignment (the paper's) takes B's slice at the same token index; type alignment gives A's j-th "
        "note B's j-th note slice (and likewise for metrical tokens).",
        "",
        "| alignment | | " + " | ".join(ELEMENTS) + " |", "|---|---|" + "---|" * len(ELEMENTS),
        *[f"| {align} | {label} | " + rows(t[key]) + " |" for align, t in m["transfer"].items()
          for key, label in (("success", "success"), ("moved", "E moved nearer B"), ("kept", "others stayed nearer A"))],
        "",
        f"- Classifier, test clips: 4Q accuracy **{m['classifier']['4Q']:.3f}**, valence {m['classifier']['valence']:.3f}, "
        f"arousal {m['classifier']['arousal']:.3f}",
        *(generation_lines(m) if "generation" in m else ["", "(no prior in this run: generation not evaluated)", ""]),
    ])


def generation_lines(m):
    g = m["generation"]
    return [
        f"- Prior samples ({g['per_quadrant']} per quadrant, {g['length']} tokens, top-p {g['top_p']}, guidance {g.get('guidance', 1.0)}) that the classifier "
        f"puts in the asked quadrant: " + ", ".join(f"{q} {v:.2f}" for q, v in g["hit_rate"].items()) +
        f" (mean {g['mean_hit_rate']:.2f}; goal >= 0.6). The same classifier puts real test clips in their own quadrant: "
        + ", ".join(f"{q} {v:.2f}" for q, v in m["classifier"]["recall"].items()) + ". This is the old token classifier "
        "(`classifier.onnx`); the app's judge scores the same samples with `npm run eval:generation`.",
        "",
        "| music | pitch range | pitch classes | polyphony |", "|---|---|---|---|",
        *[f"| {k} | {v['pitch_range']:.1f} | {v['pitch_classes']:.2f} | {v['polyphony']:.2f} |" for k, v in m["objective"].items()],
        "",
    ]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    run_arguments(p)
    p.add_argument("--card", default=str(Path(__file__).resolve().parent.parent / "README.md"))
    p.add_argument("--metrics", default=None, help="metrics JSON to write (default: <run>/metrics.json)")
    p.add_argument("--pairs", type=int, default=100)
    p.add_argument("--length", type=int, default=256, help="tokens per clip for reconstruction and transfer")
    p.add_argument("--per-quadrant", type=int, default=25)
    p.add_argument("--guidance", type=float, default=1.0, help="classifier-free guidance scale for the prior (1: none); choose it with guidance.py, not here")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-generation", action="store_true", help="a run without a prior (comparing VQ-VAE variants): skip the prior's figures")
    args = p.parse_args(argv)
    torch.set_num_threads(2)
    t0 = time.time()
    vocab = Vocab(args.vocab)
    cfg, muser, prior, classifier = load_models(Path(args.run), vocab, with_prior=not args.no_generation)
    test = Clips(args.data, "test", vocab)
    rng = random.Random(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    m = {"test_clips": len(test), "length": args.length, "date": time.strftime("%Y-%m-%d")}
    m["teacher_forced_accuracy"] = teacher_forced(muser, test, cfg.batch_size, cfg.crop)[1]
    print("teacher-forced", m["teacher_forced_accuracy"], flush=True)
    m["reconstruction_f1"] = reconstruction(muser, vocab, test, args.length)
    print("reconstruction F1", m["reconstruction_f1"], flush=True)
    pairs = [tuple(rng.sample(range(len(test)), 2)) for _ in range(args.pairs)]
    m["pairs"] = len(pairs)
    m["transfer"] = {align: transfer(muser, vocab, test, pairs, args.length, align) for align in ("position", "type")}
    print("transfer", m["transfer"], flush=True)
    truth = [QUADRANTS.index(q) for _, q, _ in test.items]
    pred = classifier.classify([t for _, _, t in test.items], cfg.crop)
    valence = lambda q: q in (0, 3)  # noqa: E731  Q1, Q4
    arousal = lambda q: q in (0, 1)  # noqa: E731  Q1, Q2
    n = len(truth)
    m["classifier"] = {"4Q": sum(a == b for a, b in zip(truth, pred)) / n,
                       "valence": sum(valence(a) == valence(b) for a, b in zip(truth, pred)) / n,
                       "arousal": sum(arousal(a) == arousal(b) for a, b in zip(truth, pred)) / n,
                       # per quadrant, the share of real clips it puts there: what a prior sample can hope for
                       "recall": {name: sum(a == b == q for a, b in zip(truth, pred)) / max(1, truth.count(q)) for q, name in enumerate(QUADRANTS)}}
    print("classifier", m["classifier"], flush=True)
    if prior is None:
        return finish(m, args, t0)
    hit, generated = hit_rates(muser, prior, classifier, vocab, cfg, args.per_quadrant, args.length, gen, args.guidance)
    m["generation"] = {"per_quadrant": args.per_quadrant, "length": args.length, "top_p": 0.9, "temperature": 1.0, "guidance": args.guidance,
                       "hit_rate": hit, "mean_hit_rate": sum(hit.values()) / 4}
    print("generation", m["generation"], flush=True)
    m["objective"] = {"test data": stats([t for _, _, t in test.items], vocab), "generated": stats(generated, vocab)}
    finish(m, args, t0)


def finish(m, args, t0):
    m["seconds"] = time.time() - t0
    Path(args.metrics or Path(args.run) / "metrics.json").write_text(json.dumps(m, indent=1))
    write_card(Path(args.card), m)
    print(format_metrics(m))


if __name__ == "__main__":
    exit_on_error("evaluate", main)
