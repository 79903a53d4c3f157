"""Model and training configuration: one dataclass, presets that override it.

tiny  - a few steps in CI (export and parity tests)
cpu   - the shipped model, trained on a 2-core machine in about two hours
paper - the paper's sizes, for users with a GPU
"""
from dataclasses import asdict, dataclass, replace

SLICE = 16  # latent dims per element: the latent is len(ELEMENTS) * SLICE wide
DECODER_LATENTS = ["all", "structure"]  # see Config.decoder_latent


@dataclass
class Config:
    # sizes
    d_model: int = 160
    n_heads: int = 4
    enc_layers: int = 2
    dec_layers: int = 2
    d_ff: int = 512
    dropout: float = 0.1
    # vector quantization
    codebook: str = "per-element"  # "shared": one codebook over the whole latent; "per-element": one per slice
    codebook_size: int = 512       # shared codebook entries
    element_codebook_size: int = 128  # entries of each per-element codebook: above the 88 pitches
    commitment: float = 0.25
    ema_decay: float = 0.99
    # what the main decoder reads of the position it predicts: "all" (the whole quantized
    # latent: the base run the recipe starts from) or "structure" (the tempo, chord and
    # bar-beat slices and the token type; pitch, duration and velocity only reach their
    # sub-decoders: the shipped model, fine-tuned from an "all" run)
    decoder_latent: str = "all"
    init: str = ""  # checkpoint the VQ-VAE started from (a fine-tune), "" when trained from scratch
    # element-based regularization
    reg_weight: float = 0.1
    # prior and classifier
    prior_d_model: int = 160
    prior_layers: int = 2
    # share of prior training crops whose quadrant is replaced by "none", so that sampling
    # can contrast the quadrant's prediction with the emotion-free one (classifier-free guidance)
    prior_uncond: float = 0.2
    # the prior learns each train clip's codes at every transposition within +-prior_transpose
    # semitones (each one encoded before training, so the encoding grows with it)
    prior_transpose: int = 6
    cls_d_model: int = 128
    cls_layers: int = 2
    # training
    crop: int = 256
    batch_size: int = 16
    lr: float = 1e-3
    weight_decay: float = 0.01
    warmup: int = 100
    # measured here: ~1,900 tokens/s for the VQ-VAE at these sizes, so 1,200 steps of
    # ~3,800 tokens are ~13 epochs of EMOPIA's train split in about 45 minutes
    vqvae_steps: int = 1200
    prior_steps: int = 600
    cls_steps: int = 400
    eval_every: int = 200
    seed: int = 1234
    transpose: int = 6           # pitch-transposition augmentation: uniform in [-transpose, +transpose]

    def to_dict(self):
        return asdict(self)


PRESETS = {
    "tiny": dict(d_model=32, n_heads=2, enc_layers=1, dec_layers=1, d_ff=64,
                 codebook_size=32, element_codebook_size=16, prior_d_model=32, prior_layers=1,
                 cls_d_model=32, cls_layers=1, crop=64, batch_size=4, warmup=5, prior_transpose=1,
                 vqvae_steps=30, prior_steps=20, cls_steps=20, eval_every=10),
    "cpu": dict(),
    "paper": dict(d_model=512, n_heads=8, enc_layers=6, dec_layers=6, d_ff=2048,
                  codebook="shared", crop=1024, batch_size=8, lr=3e-4, warmup=2000,
                  vqvae_steps=100_000, prior_steps=50_000, cls_steps=10_000, eval_every=2000,
                  prior_d_model=512, prior_layers=6, cls_d_model=256, cls_layers=4),
}


def make_config(preset="cpu", **overrides):
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
    return replace(Config(), **{**PRESETS[preset], **{k: v for k, v in overrides.items() if v is not None}})


def config_from_dict(d):
    known = {f for f in Config.__dataclass_fields__}
    return Config(**{k: v for k, v in d.items() if k in known})
