"""Labels for the map's dots that never overlap one another or another dot.

Greedy: the most-mentioned place is labelled first, each label tries a few
positions around its dot, and a label that fits nowhere is dropped (its dot
stays, with the name in its tooltip). Text is not measured: a box is estimated
from the number of characters, wide enough for an average sans-serif face.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT_SIZE = 12
CHAR_W = 0.62  # average advance of a sans-serif character, in ems (generous)
ASCENT, DESCENT = 0.8, 0.25  # above and below the baseline, in ems
GAP = 3.0  # between a dot and its label
PAD = 1.0  # kept clear around every box


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, pad: float = 0.0) -> bool:
        return not (
            self.x1 + pad <= other.x0
            or other.x1 + pad <= self.x0
            or self.y1 + pad <= other.y0
            or other.y1 + pad <= self.y0
        )

    def inside(self, width: float, height: float) -> bool:
        return self.x0 >= 0 and self.y0 >= 0 and self.x1 <= width and self.y1 <= height


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    text: str


def text_box(x: float, y: float, text: str, size: float = FONT_SIZE) -> Box:
    """The box a ``<text x y>`` (start-anchored, y the baseline) is taken to cover."""
    return Box(x, y - ASCENT * size, x + CHAR_W * size * len(text), y + DESCENT * size)


def _candidates(d: Dot, size: float) -> list[tuple[float, float]]:
    """Baseline starts around the dot: right, left, above, below, then the corners."""
    w = CHAR_W * size * len(d.text)
    mid = d.y + (ASCENT - DESCENT) * size / 2  # baseline that centres the text on the dot
    above = d.y - d.r - GAP - DESCENT * size
    below = d.y + d.r + GAP + ASCENT * size
    diag = d.r * 0.7 + GAP
    return [
        (d.x + d.r + GAP, mid),
        (d.x - d.r - GAP - w, mid),
        (d.x - w / 2, above),
        (d.x - w / 2, below),
        (d.x + diag, d.y - diag - DESCENT * size),
        (d.x + diag, d.y + diag + ASCENT * size),
        (d.x - diag - w, d.y - diag - DESCENT * size),
        (d.x - diag - w, d.y + diag + ASCENT * size),
    ]


def place_labels(
    dots: list[Dot], width: float, height: float, size: float = FONT_SIZE
) -> list[tuple[float, float] | None]:
    """Where each dot's label goes (x, baseline y), or None if it fits
    nowhere, in the given order."""
    taken = [Box(d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r) for d in dots]
    out: list[tuple[float, float] | None] = []
    for d in dots:
        spot = None
        if d.text:
            for x, y in _candidates(d, size):
                x, y = round(x, 1), round(y, 1)  # as written into the SVG
                box = text_box(x, y, d.text, size)
                if box.inside(width, height) and not any(box.overlaps(t, PAD) for t in taken):
                    spot = (x, y)
                    taken.append(box)
                    break
        out.append(spot)
    return out
