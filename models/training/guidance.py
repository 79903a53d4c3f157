"""Choose the prior's classifier-free guidance scale on samples of its own, before evaluate.py.

  /usr/bin/python3 models/training/guidance.py --run build/run --data build/dataset --scales 1 1.5 2 3

For each scale: prior samples per quadrant (a seed evaluate.py does not use), the share the
classifier puts in the asked quadrant, and the objective metrics beside the validation
clips', so a scale that wins the classifier by making odd music shows it. The test split
is not read. The classifier is the old token classifier (classifier.onnx), as in evaluate.py;
the app's judge scores prior samples with `npm run eval:generation`.
"""
import argparse
import time
from pathlib import Path

import torch

from checkpoints import exit_on_error, load_models, run_arguments
from data import Clips
from metrics import hit_rates, stats
from vocab import Vocab


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    run_arguments(p)
    p.add_argument("--scales", type=float, nargs="+", default=[1.0, 1.5, 2.0, 3.0])
    p.add_argument("--per-quadrant", type=int, default=25)
    p.add_argument("--length", type=int, default=256)
    p.add_argument("--seed", type=int, default=1001, help="evaluate.py uses 7")
    args = p.parse_args(argv)
    torch.set_num_threads(2)
    vocab = Vocab(args.vocab)
    cfg, muser, prior, classifier = load_models(Path(args.run), vocab)
    val = stats([t for _, _, t in Clips(args.data, "val", vocab).items], vocab)
    print("hit: the share of samples the old token classifier (classifier.onnx) puts in the asked quadrant; "
          "the app's judge scores samples with npm run eval:generation")
    print(f"validation clips: pitch range {val['pitch_range']:.1f}, pitch classes {val['pitch_classes']:.2f}, polyphony {val['polyphony']:.2f}")
    for w in args.scales:
        t0 = time.time()
        hit, generated = hit_rates(muser, prior, classifier, vocab, cfg, args.per_quadrant, args.length, torch.Generator().manual_seed(args.seed), w)
        g = stats(generated, vocab)
        print(f"guidance {w}: hit " + " ".join(f"{q} {h:.2f}" for q, h in hit.items()) + f" mean {sum(hit.values()) / 4:.3f}; "
              f"pitch range {g['pitch_range']:.1f}, pitch classes {g['pitch_classes']:.2f}, polyphony {g['polyphony']:.2f} "
              f"({time.time() - t0:.0f} s)", flush=True)


if __name__ == "__main__":
    exit_on_error("guidance", main)
