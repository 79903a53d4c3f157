"""Train the emotion judge: two logistic regressions (high/low valence, high/low arousal)
on the musical features the app computes (engine/judge/features.ts, written by
`muser dataset` into index.json), so the app and this script see the same numbers.

  /usr/bin/python3 models/training/judge.py --data build/dataset --out build/judge.json [--exclude velocity_mean,...] [--test]
  /usr/bin/python3 models/training/judge.py --data build/dataset --ship models   (train, score test, ship)

Choice by song-level cross-validation on train+val (clips of one song stay in one fold):
the L2 strength, then a temperature per head that makes the probabilities calibrated
(expected calibration error reported before and after). The test split is touched once,
at the end, for the figures reported; 95 % intervals by bootstrap over test clips.
Quadrants from the two heads as in Russell's circumplex: Q1 = high valence and high
arousal, Q2 = low valence, high arousal, Q3 = low, low, Q4 = high valence, low arousal.
"""
import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

FOLDS = 5
# Valence is judged on the cues music psychology finds for it (Gabrielsson and Lindstrom
# 2010): mode and harmony, register, speed and articulation. Dynamics, accents and the
# finer texture are left to arousal: their tie to valence in EMOPIA is one pianist's
# playing, and overlapping speed measures would make the stated reasons contradict.
NOT_FOR_VALENCE = {"velocity_variation", "accent", "log_onset_rate", "short_notes", "polyphony", "rhythm_variation", "bass_share"}
L2_GRID = [0.01, 0.1, 1.0, 10.0, 100.0]
HIGH_VALENCE = {"Q1", "Q4"}
HIGH_AROUSAL = {"Q1", "Q2"}


def song_of(name):
    """EMOPIA clip names are Q<k>_<song>_<clip>."""
    return name.split("_", 1)[1].rsplit("_", 1)[0]


def fit_logistic(x, y, l2):
    """Newton's method on the L2-penalised log-likelihood (the intercept not penalised)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w[:-1], w[-1]


def logits(x, model):
    return x @ model[0] + model[1]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def ece(p, y, bins=10):
    """Expected calibration error of P(high): |mean predicted - share high| per bin, weighted."""
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        inside = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if inside.any():
            total += inside.mean() * abs(p[inside].mean() - y[inside].mean())
    return float(total)


def fit_temperature(z, y):
    """The T in sigmoid(z / T) with the best log-likelihood (a grid: one number, no overfitting to speak of)."""
    grid = np.exp(np.linspace(np.log(0.25), np.log(4), 81))
    nll = [-np.mean(y * np.log(sigmoid(z / t) + 1e-12) + (1 - y) * np.log(1 - sigmoid(z / t) + 1e-12)) for t in grid]
    return float(grid[int(np.argmin(nll))])


def quadrants(pv, pa):
    """[n, 4] probabilities of Q1..Q4 from P(high valence) and P(high arousal)."""
    return np.stack([pv * pa, (1 - pv) * pa, (1 - pv) * (1 - pa), pv * (1 - pa)], axis=1)


def standardise(x, mean, std):
    return (x - mean) / std


def cross_validated(x, yv, ya, songs, l2, valence_cols):
    """Out-of-fold logits of both heads, folds by song."""
    uniq = sorted(set(songs))
    rng = np.random.default_rng(0)
    fold_of_song = {s: i % FOLDS for i, s in enumerate(rng.permutation(uniq))}
    fold = np.array([fold_of_song[s] for s in songs])
    zv, za = np.zeros(len(x)), np.zeros(len(x))
    for k in range(FOLDS):
        tr, te = fold != k, fold == k
        mean, std = x[tr].mean(0), x[tr].std(0) + 1e-9
        xt, xe = standardise(x[tr], mean, std), standardise(x[te], mean, std)
        zv[te] = logits(xe[:, valence_cols], fit_logistic(xt[:, valence_cols], yv[tr], l2))
        za[te] = logits(xe, fit_logistic(xt, ya[tr], l2))
    return zv, za


def accuracies(pv, pa, yv, ya, quads):
    pq = quadrants(pv, pa)
    names = np.array(["Q1", "Q2", "Q3", "Q4"])
    return {"quadrant": float(np.mean(names[pq.argmax(1)] == quads)), "valence": float(np.mean((pv > 0.5) == yv)), "arousal": float(np.mean((pa > 0.5) == ya))}


def bootstrap(pv, pa, yv, ya, quads, n=2000):
    rng = np.random.default_rng(1)
    draws = {"quadrant": [], "valence": [], "arousal": []}
    for _ in range(n):
        i = rng.integers(0, len(pv), len(pv))
        for k, v in accuracies(pv[i], pa[i], yv[i], ya[i], quads[i]).items():
            draws[k].append(v)
    return {k: [float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))] for k, v in draws.items()}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--out", help="where to write the judge (default: <ship>/judge.json)")
    p.add_argument("--ship", help="model folder: write judge.json there and name it, with its sha256, in manifest.json")
    p.add_argument("--exclude", default="", help="feature names to leave out, comma-separated")
    p.add_argument("--test", action="store_true", help="also score the test split (once per candidate you report)")
    args = p.parse_args(argv)
    if not (args.out or args.ship):
        p.error("give --out or --ship")
    if args.ship:
        args.test = True  # a shipped judge carries its test figures
    index = json.loads((Path(args.data) / "index.json").read_text())
    names = index["judgeFeatures"]
    excluded = [f for f in args.exclude.split(",") if f]
    unknown = [f for f in excluded if f not in names]
    if unknown:
        print(f"judge: no feature named {', '.join(unknown)} (features: {', '.join(names)})", file=sys.stderr)
        return 1
    keep = [i for i, f in enumerate(names) if f not in excluded]
    clips = index["clips"]
    x = np.array([[c["judgeFeatures"][i] for i in keep] for c in clips], dtype=float)
    quads = np.array([c["quadrant"] for c in clips])
    yv = np.array([q in HIGH_VALENCE for q in quads], dtype=float)
    ya = np.array([q in HIGH_AROUSAL for q in quads], dtype=float)
    split = np.array([c["split"] for c in clips])
    songs = [song_of(c["name"]) for c in clips]
    dev = split != "test"
    features = [names[i] for i in keep]
    valence_cols = [i for i, f in enumerate(features) if f not in NOT_FOR_VALENCE]

    # L2 strength: the best mean out-of-fold log-likelihood of the two heads
    def cv_nll(l2):
        zv, za = cross_validated(x[dev], yv[dev], ya[dev], [s for s, d in zip(songs, dev) if d], l2, valence_cols)
        pv, pa = sigmoid(zv), sigmoid(za)
        return -np.mean(yv[dev] * np.log(pv + 1e-12) + (1 - yv[dev]) * np.log(1 - pv + 1e-12) + ya[dev] * np.log(pa + 1e-12) + (1 - ya[dev]) * np.log(1 - pa + 1e-12))

    l2 = min(L2_GRID, key=cv_nll)
    zv, za = cross_validated(x[dev], yv[dev], ya[dev], [s for s, d in zip(songs, dev) if d], l2, valence_cols)
    tv, ta = fit_temperature(zv, yv[dev]), fit_temperature(za, ya[dev])
    cv = {
        "accuracy": accuracies(sigmoid(zv / tv), sigmoid(za / ta), yv[dev], ya[dev], quads[dev]),
        "ece_before": {"valence": ece(sigmoid(zv), yv[dev]), "arousal": ece(sigmoid(za), ya[dev])},
        "ece": {"valence": ece(sigmoid(zv / tv), yv[dev]), "arousal": ece(sigmoid(za / ta), ya[dev])},
    }

    mean, std = x[dev].mean(0), x[dev].std(0) + 1e-9
    xs = standardise(x, mean, std)
    w, b = fit_logistic(xs[dev][:, valence_cols], yv[dev], l2)
    valence = (np.zeros(len(features)), b)
    valence[0][valence_cols] = w
    arousal = fit_logistic(xs[dev], ya[dev], l2)
    result = {
        "format": "muser-judge-1",
        "features": features,
        "mean": mean.tolist(),
        "std": std.tolist(),
        "valence": {"weights": (valence[0] / tv).tolist(), "bias": float(valence[1] / tv)},
        "arousal": {"weights": (arousal[0] / ta).tolist(), "bias": float(arousal[1] / ta)},
        "training": {"dataset": index["vocab"], "clips": int(dev.sum()), "l2": l2, "temperature": {"valence": tv, "arousal": ta}, "excluded": excluded},
        "metrics": {"cross_validation": cv},
    }
    if args.test:
        test = ~dev
        pv, pa = sigmoid(logits(xs[test], valence) / tv), sigmoid(logits(xs[test], arousal) / ta)
        result["metrics"]["test"] = {
            "clips": int(test.sum()),
            "accuracy": accuracies(pv, pa, yv[test], ya[test], quads[test]),
            "interval95": bootstrap(pv, pa, yv[test], ya[test], quads[test]),
            "ece": {"valence": ece(pv, yv[test]), "arousal": ece(pa, ya[test])},
        }
    # a few training clips' features and probabilities, for the app's parity test
    result["parity"] = {"features": x[:12].tolist(), "valence": sigmoid(logits(xs[:12], valence) / tv).tolist(), "arousal": sigmoid(logits(xs[:12], arousal) / ta).tolist()}
    out = Path(args.out or Path(args.ship) / "judge.json")
    text = json.dumps(result, indent=1) + "\n"
    out.write_text(text)
    if args.ship:
        manifest_path = Path(args.ship) / "manifest.json"
        manifest = json.loads(manifest_path.read_text())
        manifest["judge"] = {"path": out.name, "sha256": hashlib.sha256(text.encode()).hexdigest()}
        manifest.setdefault("metrics", {})["judge"] = result["metrics"]
        manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    print(json.dumps({"l2": l2, **result["metrics"]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
