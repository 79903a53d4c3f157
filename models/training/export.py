"""Export the trained MusER set to ONNX for the Node engine.

  /usr/bin/python3 models/training/export.py --run build/run --data build/dataset --out build/export

Graphs (dynamic batch and sequence length):
  encoder        tokens [B,L,8], mask [B,L]          -> latents [B,L,112], quantized [B,L,112], codes [B,L,n_books]
  dequantize     codes [B,L,n_books]                 -> quantized [B,L,112]
  decoder_step   prev [B,8], latent [B,112], emotion [B], pos [B], state_s, state_z
                                                     -> hidden [B,d], type_logits [B,5], state_s_out, state_z_out
  decoder_heads  hidden [B,d], latent [B,112], type [B] -> logits of tempo, chord, bar-beat, pitch, duration, velocity
  prior_step     prev [B,n_books], emotion [B], pos [B], state_s, state_z -> hidden [B,d], state_s_out, state_z_out
  prior_heads    hidden [B,d], chosen [B,n_books]    -> logits [B,n_books,K]: each book's, given the books chosen
                                                        before it in codebooks.order (later ones unread)
  classifier     tokens [B,L,8], mask [B,L]          -> logits [B,4] (Q1..Q4)

Before writing anything the export checks its own parity: decoding token by token
through the recurrent step must give the logits of the parallel (training) decoder.
It also writes parity.json: inputs and PyTorch outputs for every graph, which the Node
side runs through onnxruntime-node (npm run models:parity) before the files ship.
"""
import argparse
import json
import shutil
import tempfile
from pathlib import Path

import onnx
import torch

from checkpoints import exit_on_error, load_models
from config import SLICE
from data import Clips, collate
from graphs import TOLERANCE, graph_modules
from vocab import ELEMENTS, EMOTION, TYPE, VOCAB_JSON, Vocab

OPSET = 17
NON_TYPE = [e for e in ELEMENTS if e != "type"]


class ExportError(Exception):
    pass


@torch.no_grad()
def decode_stepwise(muser, tokens, zq):
    """Teacher-forced logits through the recurrent step, position by position."""
    B, L, _ = tokens.shape
    S, z = muser.init_state(B)
    emotion = tokens[:, 0, EMOTION]
    steps = []
    for t in range(1, L):
        h, type_logits, S, z = muser.decode_step(tokens[:, t - 1], zq[:, t], emotion, torch.full((B,), t - 1), S, z)
        others = muser.sub.element_logits(h, zq[:, t], tokens[:, t, TYPE])
        steps.append(others[:TYPE] + [type_logits] + others[TYPE:])
    return [torch.stack([s[e] for s in steps], 1) for e in range(len(ELEMENTS))]


@torch.no_grad()
def check_recurrent_parity(muser, tokens, mask):
    """The constant-work decoder must compute what the model was trained as."""
    zq = muser.quantize(tokens, mask)[1]
    parallel = muser.decode(tokens, zq, tokens[:, 0, EMOTION])
    stepwise = decode_stepwise(muser, tokens, zq)
    diff = max((a - b).abs().max().item() for a, b in zip(parallel, stepwise))
    if diff > TOLERANCE:
        raise ExportError(f"recurrent decoding differs from the trained decoder by {diff:.2e} (> {TOLERANCE}); refusing to export")
    return diff


def tensor_json(t):
    return {"dims": list(t.shape), "type": "int64" if t.dtype == torch.long else "bool" if t.dtype == torch.bool else "float32",
            "data": t.flatten().tolist()}


def parity_case(module, inputs, input_names, output_names):
    outputs = module(*inputs)
    outputs = outputs if isinstance(outputs, tuple) else (outputs,)
    return {"inputs": {n: tensor_json(t) for n, t in zip(input_names, inputs)},
            "outputs": {n: tensor_json(t) for n, t in zip(output_names, outputs)}}


def export_graph(module, name, inputs, input_names, output_names, dynamic, out, parity):
    path = out / f"{name}.onnx"
    torch.onnx.export(module, tuple(inputs), str(path), input_names=input_names, output_names=output_names,
                      dynamic_axes=dynamic, opset_version=OPSET, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(str(path)))
    # export restores the wrapper's own (training) mode, which would turn dropout back on
    module.eval()
    cases = [parity_case(module, inputs, input_names, output_names)]
    # a second case of another batch size and length proves the axes are dynamic
    other = []
    for n, t in zip(input_names, inputs):
        for axis, label in dynamic.get(n, {}).items():
            t = t.narrow(axis, 0, 1 if label == "batch" else t.shape[axis] - 7)
        other.append(t)
    cases.append(parity_case(module, other, input_names, output_names))
    parity[name] = cases
    return path


def graphs(muser, prior, classifier, tokens, mask):
    """(module, name, sample inputs, input names, output names, dynamic axes) for every graph."""
    modules = graph_modules(muser, prior, classifier)
    emotion = tokens[:, 0, EMOTION]
    B, L, _ = tokens.shape
    seq = {0: "batch", 1: "length"}
    bat = {0: "batch"}
    state = {1: "batch"}
    z, zq, codes = modules["encoder"](tokens, mask)
    S, st_z = muser.init_state(B)
    # a state from a few real steps, so the parity check sees non-trivial values
    for t in range(1, 4):
        h, _, S, st_z = muser.decode_step(tokens[:, t - 1], zq[:, t], emotion, torch.full((B,), t - 1), S, st_z)
    PS, Pz = prior.init_state(B)
    ph, _, _ = prior.step(codes[:, 2], emotion, torch.full((B,), 3), PS + 0.01, Pz + 0.01)
    return [
        (modules["encoder"], "encoder", [tokens, mask], ["tokens", "mask"], ["latents", "quantized", "codes"],
         {"tokens": seq, "mask": seq, "latents": seq, "quantized": seq, "codes": seq}),
        (modules["dequantize"], "dequantize", [codes], ["codes"], ["quantized"], {"codes": seq, "quantized": seq}),
        (modules["decoder_step"], "decoder_step", [tokens[:, 4], zq[:, 5], emotion, torch.full((B,), 4), S, st_z],
         ["prev", "latent", "emotion", "pos", "state_s", "state_z"], ["hidden", "type_logits", "state_s_out", "state_z_out"],
         {"prev": bat, "latent": bat, "emotion": bat, "pos": bat, "state_s": state, "state_z": state,
          "hidden": bat, "type_logits": bat, "state_s_out": state, "state_z_out": state}),
        (modules["decoder_heads"], "decoder_heads", [h, zq[:, 3], tokens[:, 3, TYPE]], ["hidden", "latent", "type"],
         [f"{e}_logits" for e in NON_TYPE], {"hidden": bat, "latent": bat, "type": bat, **{f"{e}_logits": bat for e in NON_TYPE}}),
        (modules["prior_step"], "prior_step", [codes[:, 2], emotion, torch.full((B,), 3), PS + 0.01, Pz + 0.01],
         ["prev", "emotion", "pos", "state_s", "state_z"], ["hidden", "state_s_out", "state_z_out"],
         {"prev": bat, "emotion": bat, "pos": bat, "state_s": state, "state_z": state, "hidden": bat, "state_s_out": state, "state_z_out": state}),
        (modules["prior_heads"], "prior_heads", [ph, codes[:, 3]], ["hidden", "chosen"], ["logits"],
         {"hidden": bat, "chosen": bat, "logits": bat}),
        (modules["classifier"], "classifier", [tokens, mask], ["tokens", "mask"], ["logits"], {"tokens": seq, "mask": seq, "logits": bat}),
    ]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", required=True, help="training folder (vqvae/prior/classifier .best.pt)")
    p.add_argument("--data", required=True, help="dataset folder; a val clip feeds the parity checks")
    p.add_argument("--out", required=True, help="folder to write the ONNX files and parity.json into")
    p.add_argument("--vocab", default=str(VOCAB_JSON))
    args = p.parse_args(argv)
    torch.manual_seed(0)
    vocab = Vocab(args.vocab)
    cfg, muser, prior, classifier = load_models(Path(args.run), vocab)
    clips = Clips(args.data, "val", vocab)
    tokens, mask = collate([clips.items[0][2][:48], clips.items[1][2][:40]])
    diff = check_recurrent_parity(muser, tokens, mask)
    print(f"recurrent vs parallel decoder: max |diff| {diff:.2e}")

    # write into a scratch folder; only a complete, checked export replaces --out
    out = Path(args.out)
    scratch = Path(tempfile.mkdtemp(prefix="muser-export-"))
    parity = {}
    with torch.no_grad():
        for module, name, inputs, in_names, out_names, dynamic in graphs(muser, prior, classifier, tokens, mask):
            export_graph(module, name, inputs, in_names, out_names, dynamic, scratch, parity)
            print(f"exported {name}.onnx ({(scratch / f'{name}.onnx').stat().st_size / 1e6:.2f} MB), onnx.checker ok")
    books = muser.quantizer.books
    info = {
        "vocab": vocab.version,
        "config": cfg.to_dict(),
        "latent": {"elements": ELEMENTS, "slice": SLICE, "dims": len(ELEMENTS) * SLICE,
                   "layout": {e: [i * SLICE, (i + 1) * SLICE] for i, e in enumerate(ELEMENTS)}},
        "codebooks": {"count": len(books), "size": books[0].codes.shape[0], "kind": cfg.codebook, "order": prior.order},
        "decoder_state": {"layers": cfg.dec_layers, "heads": cfg.n_heads, "head_dim": cfg.d_model // cfg.n_heads},
        "prior_state": {"layers": cfg.prior_layers, "heads": cfg.n_heads, "head_dim": cfg.prior_d_model // cfg.n_heads},
        "recurrent_parity": diff,
    }
    (scratch / "parity.json").write_text(json.dumps(parity))
    (scratch / "export.json").write_text(json.dumps(info, indent=1))
    if out.exists():
        shutil.rmtree(out)
    scratch.chmod(0o755)
    shutil.move(str(scratch), str(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    exit_on_error("export", main, ExportError)
