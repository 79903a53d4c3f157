"""Rebuild a training run from shipped ONNX graphs, so evaluate.py can measure the shipped
weights (on a new tokenization, say) without the PyTorch checkpoints and without retraining.

  /usr/bin/python3 models/training/from_onnx.py --models models --out build/shipped-run

Writes <out>/vqvae.best.pt, prior.best.pt and classifier.best.pt as train.py saves them
(state dict, config, vocabulary version). The config comes from models/manifest.json
(training.config), or from export.json in a folder export.py wrote.

Mapping. torch.onnx.export names an initializer after the parameter it holds, as seen from
its graph module in graphs.py ("m.encoder.0.ln1.weight"), except where it stores a Linear's
weight transposed for a MatMul ("onnx::MatMul_672"). Those are matched to the Linear
layers the graph does not name, taking the layers in the order a forward pass calls them
and the unnamed initializers in the order the graph's nodes read them, by transposed shape.
Tensors no graph needs stay out of the ONNX files; they are filled here, and nothing else
may be missing: the element regularizer (only a training loss reads it), the codebooks'
EMA statistics (only training updates them) and the prior's embedding of the code chosen
for the last book in sampling order (no head comes after it).

Verification. The rebuilt modules are run, through the same graph modules, on every input
of <models>/parity.json, the fixtures onnxruntime-node runs the same ONNX files on
(npm run models:parity); Python here has neither onnxruntime nor onnx.reference. Any
output more than 1e-4 away, or any code index that differs, and nothing is written.
"""
import argparse
import json
from pathlib import Path

import onnx
import torch
import torch.nn as nn
from onnx import numpy_helper

from checkpoints import exit_on_error, save
from classifier import EmotionClassifier
from config import config_from_dict
from graphs import TOLERANCE, graph_modules
from model import MusER
from prior import Prior
from vocab import EMOTION, VOCAB_JSON, Vocab

DTYPES = {"int64": torch.long, "bool": torch.bool, "float32": torch.float32}


class FromOnnxError(Exception):
    pass


def run_info(models):
    """(config dict, vocabulary version) of the run the graphs were exported from."""
    manifest, export = models / "manifest.json", models / "export.json"
    if manifest.exists():
        m = json.loads(manifest.read_text())
        return m["training"]["config"], m["vocab"]
    if export.exists():
        e = json.loads(export.read_text())
        return e["config"], e["vocab"]
    raise FromOnnxError(f"{models}: neither manifest.json nor export.json says which config the graphs were exported with")


def tensor(fixture):
    return torch.tensor(fixture["data"], dtype=DTYPES[fixture["type"]]).reshape(fixture["dims"])


@torch.no_grad()
def load_graph(wrapper, path, sample, filled):
    """Copy a graph's initializers into the wrapper's parameters; filled: name -> tensor so far."""
    graph = onnx.load(str(path)).graph
    inits = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in graph.initializer}
    state = wrapper.state_dict()  # shares storage with the parameters: copy_ loads them

    def put(name, value):
        if state[name].shape != value.shape:
            raise FromOnnxError(f"{path.name}: {name} is {tuple(value.shape)} there, {tuple(state[name].shape)} in the model")
        if name in filled and not torch.equal(filled[name], value):  # the codebooks are in two graphs
            raise FromOnnxError(f"{path.name}: {name} differs from the same tensor in another graph")
        state[name].copy_(value)
        filled[name] = value

    for name, value in inits.items():
        if name in state:
            put(name, value)
    calls = []
    hooks = [m.register_forward_hook(lambda *_, n=n: calls.append(n)) for n, m in wrapper.named_modules() if isinstance(m, nn.Linear)]
    wrapper(*sample)
    for h in hooks:
        h.remove()
    unnamed = list(dict.fromkeys(i for node in graph.node for i in node.input if i in inits and i not in state))
    for layer in dict.fromkeys(calls):
        weight = f"{layer}.weight"
        if weight in inits:
            continue
        match = next((u for u in unnamed if inits[u].shape == state[weight].t().shape), None)
        if match is None:
            raise FromOnnxError(f"{path.name}: no initializer of shape {tuple(state[weight].t().shape)} left for {weight}")
        unnamed.remove(match)
        put(weight, inits[match].t())
    # what is left over is the encoder's folded copies of its codebooks (codes^T, codes^2)


def missing(module, prefix, filled):
    return [k for k in module.state_dict() if prefix + k not in filled]


@torch.no_grad()
def max_diff(wrapper, case):
    """Largest |difference| from the fixture's outputs (inf if a code index differs)."""
    outputs = wrapper(*[tensor(v) for v in case["inputs"].values()])
    outputs = outputs if isinstance(outputs, tuple) else (outputs,)
    worst = 0.0
    for got, want in zip(outputs, map(tensor, case["outputs"].values())):
        if got.shape != want.shape:
            return float("inf")
        if want.dtype == torch.long:
            worst = max(worst, 0.0 if torch.equal(got, want) else float("inf"))
        else:
            worst = max(worst, (got - want).abs().max().item())
    return worst


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", required=True, help="folder with the ONNX graphs, parity.json and manifest.json (or export.json)")
    p.add_argument("--out", required=True, help="run folder to write the checkpoints into")
    p.add_argument("--vocab", default=str(VOCAB_JSON))
    args = p.parse_args(argv)
    models, out = Path(args.models), Path(args.out)
    vocab = Vocab(args.vocab)
    config, version = run_info(models)
    if version != vocab.version:
        raise FromOnnxError(f"{models}: exported with vocabulary {version!r}, not {vocab.version!r}")
    cfg = config_from_dict(config)
    torch.manual_seed(cfg.seed)  # the regularizer keeps a fresh initialization: the same one on every rebuild
    muser = MusER(cfg, vocab.sizes).eval()
    books = muser.quantizer.books
    prior = Prior(cfg, len(books), books[0].codes.shape[0], vocab.sizes[EMOTION]).eval()
    classifier = EmotionClassifier(cfg, vocab.sizes).eval()
    wrappers = graph_modules(muser, prior, classifier)
    absent = [f for f in [*(f"{n}.onnx" for n in wrappers), "parity.json"] if not (models / f).exists()]
    if absent:
        raise FromOnnxError(f"{models}: {', '.join(absent)} missing")
    parity = json.loads((models / "parity.json").read_text())

    filled = {}
    for name, wrapper in wrappers.items():
        load_graph(wrapper, models / f"{name}.onnx", [tensor(v) for v in parity[name][0]["inputs"].values()], filled)
    last_chosen = f"chosen.{prior.order[-1]}.weight"
    with torch.no_grad():
        for book in books:
            book.ema_sum.copy_(book.codes)  # as if every code had been seen once (ema_count is 1)
        prior.chosen[prior.order[-1]].weight.zero_()
    unexplained = [k for k in missing(muser, "m.", filled) if not k.startswith("regularizer.") and not k.endswith((".ema_count", ".ema_sum"))] \
        + [k for k in missing(prior, "p.", filled) if k != last_chosen] + missing(classifier, "", filled)
    if unexplained:
        raise FromOnnxError(f"no graph in {models} holds {', '.join(unexplained)}")
    for book in books:  # as export.py did before exporting: the graphs answer with the canonical code
        book.merge_near_duplicates()

    for name, wrapper in wrappers.items():
        diff = max(max_diff(wrapper, case) for case in parity[name])
        if diff > TOLERANCE:
            raise FromOnnxError(f"{name}: the rebuilt model differs from {models / 'parity.json'} by {diff:.2e} (> {TOLERANCE}); nothing written")
        print(f"{name}: max |diff| {diff:.2e} over {len(parity[name])} parity cases")

    out.mkdir(parents=True, exist_ok=True)
    common = dict(config=cfg.to_dict(), vocab=vocab.version, source=f"from_onnx.py --models {models}")
    save(out / "vqvae.best.pt", model=muser.state_dict(), **common)
    save(out / "prior.best.pt", model={f"prior.{k}": v for k, v in prior.state_dict().items()}, **common)
    save(out / "classifier.best.pt", model={f"classifier.{k}": v for k, v in classifier.state_dict().items()}, **common)
    print(f"wrote {out}: vqvae, prior and classifier checkpoints")


if __name__ == "__main__":
    exit_on_error("from_onnx", main, FromOnnxError)
