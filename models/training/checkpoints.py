"""A training run's checkpoints: writing and reading them, the models of a run ready for
inference, and how a script that reads them ends when one is missing or foreign.

A run folder holds <stage>.pt (latest, for resuming) and <stage>.best.pt (best on the
validation split) for the stages vqvae, prior and classifier; each holds the state dict,
the config and the vocabulary version.
"""
import os

import torch

from classifier import EmotionClassifier
from config import config_from_dict
from model import MusER
from prior import Prior
from vocab import EMOTION, VOCAB_JSON


class TrainingError(Exception):
    pass


def exit_on_error(name, main, *errors):
    """A script's entry: an expected failure (a missing or foreign checkpoint, ...) ends it
    with one line on stderr and exit status 1, not a traceback."""
    try:
        main()
    except (TrainingError, *errors) as e:
        raise SystemExit(f"{name}: {e}")


def run_arguments(p):
    """The options naming a trained run, its dataset and vocabulary."""
    p.add_argument("--run", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--vocab", default=str(VOCAB_JSON))


def save(path, **state):
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)  # never a half-written checkpoint


def load_checkpoint(path, vocab):
    try:
        ck = torch.load(path, map_location="cpu")
    except Exception as e:  # a truncated or foreign file
        raise TrainingError(f"{path}: not a readable checkpoint ({e})")
    if ck.get("vocab") != vocab.version:
        raise TrainingError(f"{path}: made with vocabulary {ck.get('vocab')!r}, not {vocab.version!r}")
    return ck


def load_vqvae(path, vocab, merged=False):
    """A VQ-VAE checkpoint's config and model (in eval mode). merged: near-duplicate codes
    answer as one index, as in the exported encoder, so its codes are the ones the app reads."""
    ck = load_checkpoint(path, vocab)
    cfg = config_from_dict(ck["config"])
    muser = MusER(cfg, vocab.sizes)
    muser.load_state_dict(ck["model"])
    if merged:
        for book in muser.quantizer.books:
            book.merge_near_duplicates()
    return cfg, muser.eval()


def load_models(run, vocab, with_prior=True):
    """The run's VQ-VAE, prior (None unless with_prior) and classifier, ready for inference."""
    cfg, muser = load_vqvae(run / "vqvae.best.pt", vocab, merged=True)
    books = muser.quantizer.books
    prior = None
    if with_prior:
        ck = load_checkpoint(run / "prior.best.pt", vocab)
        # the prior trains in a stage of its own: its settings (steps, transpositions) are its checkpoint's
        cfg = config_from_dict({**cfg.to_dict(), **{k: v for k, v in ck["config"].items() if k.startswith("prior_")}})
        prior = Prior(cfg, len(books), books[0].codes.shape[0], vocab.sizes[EMOTION]).eval()
        prior.load_state_dict({k.removeprefix("prior."): v for k, v in ck["model"].items()})
    classifier = EmotionClassifier(cfg, vocab.sizes)
    classifier.load_state_dict({k.removeprefix("classifier."): v for k, v in load_checkpoint(run / "classifier.best.pt", vocab)["model"].items()})
    return cfg, muser, prior, classifier.eval()
