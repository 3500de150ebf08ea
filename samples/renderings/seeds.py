"""What both rendering generators start from: each seed text read as the product reads it (the
circular, and its segments for the layout), and the HTML escaping their pages use."""

from __future__ import annotations

import html
from pathlib import Path

from jiufeng_extract.layout.normalize import normalize
from jiufeng_extract.load.plain_text import load_text
from jiufeng_extract.model import Circular
from jiufeng_extract.parse.segment import Segments, segment
from jiufeng_extract.pipeline import extract_path

SAMPLES = Path(__file__).resolve().parent.parent
SEEDS = ("shanghai-2023-jiufeng", "national-2024-jiufeng")


def seed_structure(name: str) -> tuple[Circular, Segments]:
    seed = SAMPLES / f"{name}.txt"
    lines, _ = load_text(seed.read_bytes(), str(seed))
    return extract_path(seed), segment(normalize(list(lines)))


def esc(text: str) -> str:
    return html.escape(text, quote=False)
