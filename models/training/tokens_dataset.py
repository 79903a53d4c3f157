"""Read the dataset written by `muser dataset` (docs/dataset-format.md).

Standard library only, so it runs wherever Python does; the training code wraps it.
"""
import json
import sys
from array import array
from pathlib import Path


class DatasetError(Exception):
    pass


def load_index(dataset_dir, vocab_path):
    """The index, after checking it was made with this vocabulary."""
    index = json.loads((Path(dataset_dir) / "index.json").read_text())
    vocab = json.loads(Path(vocab_path).read_text())
    if index["vocab"] != vocab["version"]:
        raise DatasetError(
            f"{dataset_dir}: tokens made with vocabulary {index['vocab']!r}, "
            f"but {vocab_path} is {vocab['version']!r}; rebuild the dataset"
        )
    if index["fields"] != vocab["fields"]:
        raise DatasetError(f"{dataset_dir}: fields {index['fields']} differ from {vocab_path}")
    return index


def load_split(dataset_dir, split, vocab_path):
    """[(name, quadrant, rows)] for one split; rows is a list of token rows."""
    index = load_index(dataset_dir, vocab_path)
    width = len(index["fields"])
    flat = array("h")
    with open(Path(dataset_dir) / index["tokensFile"], "rb") as f:
        flat.frombytes(f.read())
    if sys.byteorder != "little":
        flat.byteswap()
    if len(flat) != index["totalTokens"] * width:
        raise DatasetError(f"{dataset_dir}: tokens.bin holds {len(flat)} values, index says {index['totalTokens']} x {width}")
    out = []
    for c in index["clips"]:
        if c["split"] != split:
            continue
        start = c["offset"] * width
        values = flat[start:start + c["length"] * width]
        out.append((c["name"], c["quadrant"], [list(values[i:i + width]) for i in range(0, len(values), width)]))
    return out


if __name__ == "__main__":
    # usage: tokens_dataset.py DATASET_DIR VOCAB_JSON SPLIT -> prints a JSON summary
    clips = load_split(sys.argv[1], sys.argv[3], sys.argv[2])
    print(json.dumps({"clips": len(clips), "tokens": sum(len(r) for _, _, r in clips),
                      "first": clips[0][2][:2] if clips else None}))
