"""Tokens from the model: nucleus sampling, decoding latents into tokens one at a time, and
new pieces from the prior (with classifier-free guidance). The engine does the same in
engine/model (sampling.ts, decode.ts, prior.ts)."""
import torch

from vocab import BAR_BEAT, ELEMENTS, EMOTION, EMOTION_BASE, FIELDS, NO_EMOTION, TYPE

# which elements a token type carries (the others are <pad>)
CARRIES = {"Metrical": {"tempo", "chord", "bar-beat"}, "Note": {"pitch", "duration", "velocity"}}


def sample(logits, temperature, top_p, gen):
    """Nucleus sampling (greedy when temperature is 0), logits [B, V] -> [B]."""
    if temperature == 0:
        return logits.argmax(-1)
    probs = (logits / temperature).softmax(-1)
    sorted_p, order = probs.sort(-1, descending=True)
    keep = sorted_p.cumsum(-1) - sorted_p < top_p
    sorted_p = sorted_p * keep
    pick = torch.multinomial(sorted_p / sorted_p.sum(-1, keepdim=True), 1, generator=gen)
    return order.gather(-1, pick).squeeze(-1)


def beat_steps(vocab):
    """Per bar-beat value: its step in the bar for Beat_k, -1 for Bar and <pad>."""
    return torch.tensor([int(v[5:]) if v.startswith("Beat_") else -1 for v in vocab.values["bar-beat"]])


@torch.no_grad()
def decode(muser, vocab, zq, emotion, first, temperature=0.0, top_p=0.9, gen=None, forward_only=False, opens_with_notes=False):
    """Generate tokens from latents zq [B, L, 112], one token per latent position, starting
    from the emotion token `first` [B, 8]. Fields a type does not carry are set to <pad>.
    forward_only (for the prior's latents): within a bar a position token only moves forward,
    as the tokenizer writes them; one that went back would stack notes on an earlier onset.
    Latents of a real piece carry its positions, and there forcing the choice turns one
    misread position into a shifted bar line (reconstruction F1 0.958 -> 0.862 measured).
    opens_with_notes (new music): the first token is a bar line, and before the first note
    nothing ends the piece or draws another bar line (the engine's decode.ts, which says why)."""
    B, L, _ = zq.shape
    types = vocab.values["type"]
    eos, metrical, note = (vocab.id("type", k) for k in ("EOS", "Metrical", "Note"))
    steps = beat_steps(vocab)
    position = torch.full((B,), -1)  # the current bar's last position so far
    bars = torch.zeros(B, dtype=torch.long)
    opened = torch.full((B,), not opens_with_notes)  # a note drawn (or none needed)
    S, z = muser.init_state(B)
    out = [first]
    done = torch.zeros(B, dtype=torch.bool)
    for t in range(1, L):
        h, type_logits, S, z = muser.decode_step(out[-1], zq[:, t], emotion, torch.full((B,), t - 1), S, z)
        type_logits[:, 0] = -1e9  # never <pad> or a second emotion token
        type_logits[:, vocab.id("type", "Emotion")] = -1e9
        first_bar = ~opened & (bars == 0)
        type_logits[~opened, eos] = -1e9
        type_logits[first_bar, note] = -1e9
        type_logits[~opened & ~first_bar & (position >= steps.max()), metrical] = -1e9
        ty = sample(type_logits, temperature, top_p, gen)
        others = muser.sub.element_logits(h, zq[:, t], ty)
        tok = torch.zeros(B, len(FIELDS), dtype=torch.long)
        tok[:, TYPE] = ty
        for e, lg in zip([e for e in ELEMENTS if e != "type"], others):
            lg[:, 0] = -1e9
            if e == "bar-beat" and forward_only:
                lg[(steps[None] >= 0) & (steps[None] <= position[:, None])] = -1e9
            if e == "bar-beat":
                lg[first_bar[:, None] & (steps[None] >= 0)] = -1e9
                lg[~opened & ~first_bar, vocab.bar] = -1e9
            tok[:, FIELDS.index(e)] = sample(lg, temperature, top_p, gen)
        for b in range(B):
            carried = CARRIES.get(types[ty[b]], set())
            for e in ELEMENTS:
                if e != "type" and e not in carried:
                    tok[b, FIELDS.index(e)] = 0
        tok[done] = 0
        is_metrical = tok[:, TYPE] == metrical
        bar_beat = tok[:, BAR_BEAT]
        position = torch.where(is_metrical, torch.where(bar_beat == vocab.bar, -1, torch.maximum(steps[bar_beat], position)), position)
        bars += is_metrical & (bar_beat == vocab.bar)
        opened |= ty == note
        done |= ty == eos
        out.append(tok)
        if done.all():
            break
    return torch.stack(out, 1)


def guided(pick, guidance):
    """Classifier-free guidance for a batch whose second half is the first without its
    emotion: both halves get the code drawn from free + guidance * (cond - free)."""
    def choose(logits):
        cond, free = logits.chunk(2)
        code = pick(free + guidance * (cond - free))
        return torch.cat([code, code])
    return choose


@torch.no_grad()
def generate(muser, prior, vocab, quadrant, n, length, gen, temperature=1.0, top_p=0.9, guidance=1.0):
    """n pieces for a quadrant index; guidance 1 samples the conditional prior as it is,
    above 1 pushes each code further from what the prior predicts with the emotion "none"."""
    emotion = torch.full((n,), quadrant + EMOTION_BASE)
    pick = lambda logits: sample(logits, temperature, top_p, gen)  # noqa: E731
    rows = n
    if guidance != 1.0:
        emotion, pick, rows = torch.cat([emotion, torch.full((n,), NO_EMOTION)]), guided(pick, guidance), 2 * n
    S, z = prior.init_state(rows)
    prev = torch.full((rows, len(prior.heads)), prior.start)
    codes = []
    for t in range(length):
        h, S, z = prior.step(prev, emotion, torch.full((rows,), t), S, z)
        prev = prior.sample_position(h, pick)
        codes.append(prev[:n])
    emotion = emotion[:n]
    zq = muser.quantizer.lookup(torch.stack(codes, 1))
    first = torch.zeros(n, len(FIELDS), dtype=torch.long)
    first[:, TYPE] = vocab.id("type", "Emotion")
    first[:, EMOTION] = emotion
    return decode(muser, vocab, zq, emotion, first, temperature, top_p, gen, forward_only=True, opens_with_notes=True)
