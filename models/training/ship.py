"""Put a checked export into models/ with its manifest.

  /usr/bin/python3 models/training/ship.py --export build/export --run build/run --data build/dataset [--to models]

Run it after `npm run models:parity -- build/export` has passed (npm run models:ship does
both). Writes every ONNX file, parity.json and manifest.json: each file with its sha256,
size, inputs and outputs; the latent layout; the vocabulary version; the training
config; the dataset it was trained on; and the test-split metrics from evaluate.py.
"""
import argparse
import hashlib
import json
import shutil
from pathlib import Path

import onnx

MAX_TOTAL_BYTES = 40 * 1024 * 1024
FORMAT = "muser-models-1"


def io_of(values):
    out = []
    for v in values:
        t = v.type.tensor_type
        dims = [d.dim_param or d.dim_value for d in t.shape.dim]
        out.append({"name": v.name, "type": onnx.TensorProto.DataType.Name(t.elem_type).lower(), "dims": dims})
    return out


def main(argv=None):
    here = Path(__file__).resolve().parent
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--export", required=True)
    p.add_argument("--run", required=True, help="training folder (metrics.json from evaluate.py, train.log)")
    p.add_argument("--data", required=True, help="the dataset the run was trained on")
    p.add_argument("--to", default=str(here.parent))
    args = p.parse_args(argv)
    src, dst = Path(args.export), Path(args.to)
    info = json.loads((src / "export.json").read_text())
    metrics_path = Path(args.run) / "metrics.json"
    if not metrics_path.exists():
        raise SystemExit(f"{metrics_path}: missing; run evaluate.py first so the manifest carries test figures")
    metrics = json.loads(metrics_path.read_text())
    index = json.loads((Path(args.data) / "index.json").read_text())
    files, total = {}, 0
    for onnx_path in sorted(src.glob("*.onnx")):
        data = onnx_path.read_bytes()
        total += len(data)
        graph = onnx.load(str(onnx_path)).graph
        files[onnx_path.stem] = {"path": onnx_path.name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                                 "inputs": io_of(graph.input), "outputs": io_of(graph.output)}
    if total > MAX_TOTAL_BYTES:
        raise SystemExit(f"the models total {total / 1e6:.1f} MB, over the {MAX_TOTAL_BYTES / 1e6:.0f} MB budget")
    parity = (src / "parity.json").read_bytes()
    manifest = {
        "format": FORMAT,
        "vocab": info["vocab"],
        "files": files,
        "parity": {"path": "parity.json", "sha256": hashlib.sha256(parity).hexdigest(), "recurrent_max_abs_diff": info["recurrent_parity"]},
        "latent": info["latent"],
        "codebooks": info["codebooks"],
        "decoder_state": info["decoder_state"],
        "prior_state": info["prior_state"],
        # the app samples the prior as evaluate.py did for the figures below; a scale per quadrant
        # (prior.quadrant_guidance) is chosen for given weights by bench/sweep-generation.sh, so new
        # weights start without one
        "prior": {"guidance": metrics.get("generation", {}).get("guidance", 1.0)},
        "training": {"config": info["config"], "dataset": {"format": index["format"], "vocab": index["vocab"],
                                                           "clips": {s: v["clips"] for s, v in index["stats"]["bySplit"].items()}}},
        "metrics": metrics,
        "licence": "CC BY-NC-SA 4.0 (weights derived from EMOPIA)",
    }
    # the emotion judge is trained and shipped on its own (judge.py --ship): keep it
    old = json.loads((dst / "manifest.json").read_text()) if (dst / "manifest.json").exists() else {}
    if "judge" in old:
        manifest["judge"] = old["judge"]
        manifest["metrics"]["judge"] = old.get("metrics", {}).get("judge")
    dst.mkdir(parents=True, exist_ok=True)
    for f in files.values():
        shutil.copyfile(src / f["path"], dst / f["path"])
    shutil.copyfile(src / "parity.json", dst / "parity.json")
    (dst / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"shipped {len(files)} graphs ({total / 1e6:.1f} MB) to {dst}")


if __name__ == "__main__":
    main()
