"""The modules behind the ONNX graphs the Node engine runs, each a thin wrapper around the
models' own methods: export.py exports them (their inputs and outputs are listed there) and
from_onnx.py loads the graphs' weights back through them.
"""
import torch.nn as nn

TOLERANCE = 1e-4  # the largest |difference| two implementations of a graph may show


class EncoderGraph(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, tokens, mask):
        return self.m.quantize(tokens, mask)


class DequantizeGraph(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, codes):
        return self.m.quantizer.lookup(codes)


class DecoderStepGraph(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, prev, latent, emotion, pos, state_s, state_z):
        return self.m.decode_step(prev, latent, emotion, pos, state_s, state_z)


class DecoderHeadsGraph(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, hidden, latent, token_type):
        return tuple(self.m.sub.element_logits(hidden, latent, token_type))


class PriorStepGraph(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, prev, emotion, pos, state_s, state_z):
        return self.p.step(prev, emotion, pos, state_s, state_z)


class PriorHeadsGraph(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, hidden, chosen):
        return self.p.book_logits(hidden, chosen)


def graph_modules(muser, prior, classifier):
    """Every graph's module by its name, in the engine's order (GRAPH_NAMES in engine/model/manifest.ts)."""
    return {"encoder": EncoderGraph(muser), "dequantize": DequantizeGraph(muser), "decoder_step": DecoderStepGraph(muser),
            "decoder_heads": DecoderHeadsGraph(muser), "prior_step": PriorStepGraph(prior), "prior_heads": PriorHeadsGraph(prior),
            "classifier": classifier}
