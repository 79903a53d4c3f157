"""The one CP vocabulary (models/vocab.json, read by engine/tokens/vocab.ts too): the fields
of a token row, a name for each field's index, and each field's values."""
import json
from pathlib import Path

import torch

FIELDS = ["tempo", "chord", "bar-beat", "type", "pitch", "duration", "velocity", "emotion"]
TEMPO, CHORD, BAR_BEAT, TYPE, PITCH, DURATION, VELOCITY, EMOTION = range(len(FIELDS))
ELEMENTS = FIELDS[:EMOTION]  # the musical elements: every field but the emotion
QUADRANTS = ["Q1", "Q2", "Q3", "Q4"]
NO_EMOTION = 1    # the emotion value "none"
EMOTION_BASE = 2  # the emotion value of Q1: quadrant index q is the value q + EMOTION_BASE
VOCAB_JSON = Path(__file__).resolve().parent.parent / "vocab.json"  # the scripts' default --vocab
ROOTS = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]


class Vocab:
    def __init__(self, path):
        raw = json.loads(Path(path).read_text())
        self.path, self.version, self.values = str(path), raw["version"], raw["values"]
        if raw["fields"] != FIELDS:
            raise ValueError(f"{path}: fields {raw['fields']} are not {FIELDS}")
        if self.values["emotion"][NO_EMOTION:] != ["none", *QUADRANTS]:
            raise ValueError(f"{path}: emotion values {self.values['emotion']} are not <pad>, none, {', '.join(QUADRANTS)}")
        self.sizes = [len(self.values[f]) for f in FIELDS]
        self.bar = self.id("bar-beat", "Bar")
        chords = self.values["chord"]
        # chord index -> index of the same chord k semitones up, for k in 0..11
        self.chord_shift = torch.arange(len(chords))[None].repeat(12, 1)
        for i, name in enumerate(chords):
            if ":" in name:
                root, quality = name.split(":")
                for k in range(12):
                    self.chord_shift[k, i] = chords.index(f"{ROOTS[(ROOTS.index(root) + k) % 12]}:{quality}")

    def id(self, field, value):
        """The index of a field's value ("type", "Note" -> 3)."""
        return self.values[field].index(value)
