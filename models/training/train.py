"""Train the shipped MusER set: the VQ-VAE, then the prior over its codes, then the
emotion classifier. One command, resumable, seeded, logging per-element losses.

  /usr/bin/python3 models/training/train.py --data build/dataset --out build/run [--preset cpu]

Each stage keeps `<out>/<stage>.pt` (latest, for resuming) and `<out>/<stage>.best.pt`
(best on the validation split). Run it again after an interruption and it goes on from
the latest checkpoint. The prior learns the codes of vqvae.best.pt: after training the
VQ-VAE further, delete <out>/prior*.pt so the prior is trained again. `--init CKPT`
starts the VQ-VAE from another run's weights (a variant fine-tuned, not trained anew).

Started as several ranks (torchrun, or any launcher setting WORLD_SIZE, RANK, MASTER_ADDR
and MASTER_PORT) it trains with DistributedDataParallel: gloo on CPU, nccl on CUDA; rank 0
evaluates and saves. Debian's torchrun (torch 1.13 under Python 3.11) needs
`--redirects 1 --tee 1`: its default 0 parses to no stream there and the launcher fails.
"""
import argparse
import math
import os
import random
import time
from pathlib import Path

import torch
import torch.distributed as dist
import torch.nn.functional as F

from checkpoints import TrainingError, load_checkpoint, load_vqvae, save
from classifier import EmotionClassifier
from codes import encode_codes
from config import DECODER_LATENTS, make_config
from data import Clips, batches
from metrics import teacher_forced
from model import MusER
from prior import Prior
from tokens_dataset import load_index
from vocab import ELEMENTS, EMOTION, EMOTION_BASE, NO_EMOTION, QUADRANTS, VOCAB_JSON, Vocab

STAGES = ["vqvae", "prior", "classifier"]


def log(out, text):
    line = f"[{time.strftime('%H:%M:%S')}] {text}"
    print(line, flush=True)
    with open(out / "train.log", "a") as f:
        f.write(line + "\n")


def lr_at(step, cfg, total):
    if step < cfg.warmup:
        return cfg.lr * (step + 1) / cfg.warmup
    return cfg.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, (step - cfg.warmup) / max(1, total - cfg.warmup))))


def train_loop(name, model, make_batch, total, cfg, out, vocab, evaluate, ddp, extra=None):
    """The loop every stage shares: schedule, NaN guard, logging, eval, checkpoints, resume."""
    rank0 = not ddp or dist.get_rank() == 0
    latest, best_path = out / f"{name}.pt", out / f"{name}.best.pt"
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    step, best = 0, float("inf")
    if latest.exists():
        ck = load_checkpoint(latest, vocab)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step, best = ck["step"], ck["best"]
        if rank0:
            log(out, f"{name}: resuming at step {step} (best val {best:.4f})")
    if step >= total:
        return
    net = torch.nn.parallel.DistributedDataParallel(model) if ddp else model
    rng_seed = cfg.seed + step + (dist.get_rank() * 100_003 if ddp else 0)
    torch.manual_seed(rng_seed)
    data = make_batch(rng_seed)
    t0, seen = time.time(), 0
    while step < total:
        for g in opt.param_groups:
            g["lr"] = lr_at(step, cfg, total)
        tokens, mask, *rest = next(data)
        loss, parts = net(tokens, mask, *rest) if rest else net(tokens, mask)
        if not torch.isfinite(loss):
            raise TrainingError(f"{name}: loss is {loss.item()} at step {step}; the last good checkpoint is {latest} "
                                f"(step {max(0, step - step % cfg.eval_every)}): rerun to resume, perhaps with a lower --lr")
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        seen += int(mask.sum())
        if rank0 and (step % 25 == 0 or step == 1):
            detail = extra(parts) if extra else ""
            log(out, f"{name} step {step}/{total} loss {loss.item():.4f} {detail} lr {lr_at(step, cfg, total):.2e} "
                     f"{seen / (time.time() - t0):.0f} tok/s")
        if rank0 and (step % cfg.eval_every == 0 or step == total):
            val, report = evaluate(model)
            log(out, f"{name} step {step} val {val:.4f} {report}")
            if val < best:
                best = val
                save(best_path, model=model.state_dict(), step=step, config=cfg.to_dict(), vocab=vocab.version, val=val)
            save(latest, model=model.state_dict(), opt=opt.state_dict(), step=step, best=best, config=cfg.to_dict(), vocab=vocab.version)
    if ddp:
        dist.barrier()


def recon_detail(info):
    return "recon " + " ".join(f"{e[:3]} {r.item():.3f}" for e, r in zip(ELEMENTS, info["recon"])) + \
        f" commit {info['commit'].item():.4f} reg {info['reg'].item():.3f}" + \
        (f" type-probe {info['probe'].item():.3f}" if "probe" in info else "")


def start_from(model, path, vocab, out):
    """Copy the weights `model` shares (by name and shape) with another run's checkpoint:
    a variant fine-tuned from a trained model instead of trained from scratch."""
    own = model.state_dict()
    theirs = load_checkpoint(Path(path), vocab)["model"]
    shared = {k: v for k, v in theirs.items() if k in own and own[k].shape == v.shape}
    if len(shared) < len(own) // 2:  # a prior's or classifier's checkpoint, or another size
        raise TrainingError(f"{path}: only {len(shared)} of the VQ-VAE's {len(own)} tensors fit; not a VQ-VAE checkpoint of these sizes")
    model.load_state_dict(shared, strict=False)
    log(out, f"vqvae: starting from {path}: {len(shared)} of {len(own)} tensors copied; "
             f"fresh: {', '.join(sorted(k for k in own if k not in shared)) or 'none'}")


def stage_vqvae(cfg, vocab, train, val, out, ddp):
    model = MusER(cfg, vocab.sizes)
    if cfg.init and not (out / "vqvae.pt").exists():
        start_from(model, cfg.init, vocab, out)

    def evaluate(m):
        m.eval()
        loss, acc = teacher_forced(m, val, cfg.batch_size, cfg.crop)
        m.train()
        return loss, "acc " + " ".join(f"{e} {a:.3f}" for e, a in acc.items())

    train_loop("vqvae", model, lambda seed: batches(train, cfg.batch_size, cfg.crop, seed, cfg.transpose),
               cfg.vqvae_steps, cfg, out, vocab, evaluate, ddp, recon_detail)


class PriorTask(torch.nn.Module):
    """Adapts the prior to the shared loop: batches carry codes as 'tokens' plus emotions."""

    def __init__(self, prior):
        super().__init__()
        self.prior = prior

    def forward(self, codes, mask, emotion):
        loss, _ = self.prior(codes, mask, emotion)
        return loss, {}


def code_batches(items, batch_size, crop, seed, uncond=0.0):
    """Endless prior batches; a share `uncond` of them with the emotion "none"."""
    rng = random.Random(seed)
    while True:
        picks = [items[rng.randrange(len(items))] for _ in range(batch_size)]
        seqs = []
        for versions, _ in picks:
            codes = versions[rng.randrange(len(versions))]
            start = rng.randrange(1, max(2, len(codes) - crop + 1))
            seqs.append(torch.cat([codes[:1], codes[start:start + crop - 1]]))
        L = max(len(s) for s in seqs)
        codes = torch.zeros(len(seqs), L, seqs[0].shape[1], dtype=torch.long)
        mask = torch.zeros(len(seqs), L, dtype=torch.bool)
        for i, s in enumerate(seqs):
            codes[i, :len(s)], mask[i, :len(s)] = s, True
        yield codes, mask, torch.tensor([NO_EMOTION if rng.random() < uncond else q + EMOTION_BASE for _, q in picks])


def stage_prior(cfg, vocab, train, val, out, ddp):
    _, vqvae = load_vqvae(out / "vqvae.best.pt", vocab, merged=True)
    books = vqvae.quantizer.books
    prior = Prior(cfg, len(books), books[0].codes.shape[0], vocab.sizes[EMOTION])
    train_codes, val_codes = encode_codes(vqvae, train, cfg.crop, cfg.prior_transpose), encode_codes(vqvae, val, cfg.crop)

    @torch.no_grad()
    def evaluate(task):
        task.eval()
        losses = []
        for (codes,), q in val_codes:
            loss, _ = task.prior(codes[None], torch.ones(1, len(codes), dtype=torch.bool), torch.tensor([q + EMOTION_BASE]))
            losses.append(loss.item())
        task.train()
        return sum(losses) / len(losses), ""

    train_loop("prior", PriorTask(prior), lambda seed: code_batches(train_codes, cfg.batch_size, cfg.crop, seed, cfg.prior_uncond),
               cfg.prior_steps, cfg, out, vocab, evaluate, ddp)


class ClassifierTask(torch.nn.Module):
    def __init__(self, classifier):
        super().__init__()
        self.classifier = classifier

    def forward(self, tokens, mask):
        logits = self.classifier(tokens, mask)
        return F.cross_entropy(logits, tokens[:, 0, EMOTION] - EMOTION_BASE), {}


def stage_classifier(cfg, vocab, train, val, out, ddp):
    classifier = EmotionClassifier(cfg, vocab.sizes)

    def evaluate(task):
        task.eval()
        found = task.classifier.classify([t for _, _, t in val.items], cfg.crop)
        task.train()
        acc = sum(f == QUADRANTS.index(q) for f, (_, q, _) in zip(found, val.items)) / len(val)
        return 1 - acc, f"val clip accuracy {acc:.3f}"

    train_loop("classifier", ClassifierTask(classifier), lambda seed: batches(train, cfg.batch_size, cfg.crop, seed, cfg.transpose),
               cfg.cls_steps, cfg, out, vocab, evaluate, ddp)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="folder written by `muser dataset`")
    p.add_argument("--out", required=True, help="folder for checkpoints and train.log")
    p.add_argument("--preset", default="cpu", help="tiny | cpu | paper")
    p.add_argument("--vocab", default=str(VOCAB_JSON))
    p.add_argument("--stage", default="all", choices=["all"] + STAGES)
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    p.add_argument("--threads", type=int, default=None)
    for name in ["vqvae_steps", "prior_steps", "cls_steps", "batch_size", "crop", "eval_every"]:
        p.add_argument(f"--{name.replace('_', '-')}", type=int, default=None)
    p.add_argument("--lr", type=float, default=None)
    p.add_argument("--codebook", choices=["shared", "per-element"], default=None)
    p.add_argument("--decoder-latent", choices=DECODER_LATENTS, default=None)
    p.add_argument("--init", default=None, help="a vqvae checkpoint to start from (fine-tuning a variant)")
    args = p.parse_args(argv)

    if args.device == "cuda":
        if not torch.cuda.is_available():
            raise SystemExit("--device cuda: no CUDA device is available to this PyTorch")
        torch.set_default_tensor_type("torch.cuda.FloatTensor")
    torch.set_num_threads(args.threads or os.cpu_count())
    ddp = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
    if ddp:
        dist.init_process_group("nccl" if args.device == "cuda" else "gloo")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    vocab = Vocab(args.vocab)
    try:
        load_index(args.data, args.vocab)
    except FileNotFoundError as e:
        raise SystemExit(f"{args.data}: no dataset here ({e.filename} missing); build it with `muser dataset --out {args.data}`")
    overrides = {k: getattr(args, k) for k in ["vqvae_steps", "prior_steps", "cls_steps", "batch_size", "crop", "eval_every", "lr", "codebook", "decoder_latent", "init"]}
    cfg = make_config(args.preset, **overrides)
    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    train, val = Clips(args.data, "train", vocab), Clips(args.data, "val", vocab)
    log(out, f"preset {args.preset}: {cfg.to_dict()}; {len(train)} train / {len(val)} val clips; threads {torch.get_num_threads()}"
             + (f"; {dist.get_world_size()} ranks (DistributedDataParallel)" if ddp else ""))
    stages = STAGES if args.stage == "all" else [args.stage]
    run = {"vqvae": stage_vqvae, "prior": stage_prior, "classifier": stage_classifier}
    try:
        for s in stages:
            run[s](cfg, vocab, train, val, out, ddp)
    except TrainingError as e:
        log(out, f"stopped: {e}")
        raise SystemExit(f"train: {e}")  # on stderr too, exit status 1
    log(out, "done")


if __name__ == "__main__":
    main()
