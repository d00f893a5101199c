"""The project's attribution metric (design.md), comparable across systems.

A prediction matches a gold attribution when its content spans cover at least
half of the gold content characters; matching is one-to-one, best coverage first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Pieces = list[tuple[int, int]]
DIRECT_MARKS = '“”"‘«»„'


@dataclass
class Predicted:
    content: Pieces
    source: Pieces = field(default_factory=list)


def as_predicted(quote) -> Predicted:
    """A sitrep Quote record as the metric sees it: content and source character spans."""
    return Predicted(
        [(c.start, c.end) for c in quote.contents], [(s.start, s.end) for s in quote.sources]
    )


@dataclass
class Tally:
    pred: int = 0
    gold: int = 0
    matched: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    direct_gold: int = 0
    direct_hit: int = 0
    exact: int = 0

    def add(self, other: Tally) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def precision(self) -> float:
        return self.matched / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, float]:
        return {
            "P": self.precision,
            "R": self.recall,
            "F1": self.f1,
            "speaker": self.speaker_ok / self.speaker_n if self.speaker_n else 0.0,
            "direct_R": self.direct_hit / self.direct_gold if self.direct_gold else 0.0,
            "exact_R": self.exact / self.gold if self.gold else 0.0,
        }


def _chars(text: str, pieces: Pieces) -> set[int]:
    return {i for a, b in pieces for i in range(a, b) if not text[i].isspace()}


def matches(text: str, gold: list, pred: list[Predicted]) -> dict[int, int]:
    """Gold index -> the prediction it is matched to, one-to-one, best coverage first."""
    gold_chars = [_chars(text, g.content) for g in gold]
    pred_chars = [_chars(text, p.content) for p in pred]
    pairs = []
    for gi, gc in enumerate(gold_chars):
        if not gc:
            continue
        for pi, pc in enumerate(pred_chars):
            cover = len(gc & pc) / len(gc)
            if cover >= 0.5:
                pairs.append((cover, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    gold_hit: dict[int, int] = {}
    pred_used: set[int] = set()
    for _cover, gi, pi in pairs:
        if gi in gold_hit or pi in pred_used:
            continue
        gold_hit[gi] = pi
        pred_used.add(pi)
    return gold_hit


def speaker_right(gold_source: Pieces, pred_source: Pieces) -> bool:
    return any(a < d and c < b for a, b in gold_source for c, d in pred_source)


def right_predictions(text: str, gold: list, pred: list[Predicted]) -> list[bool]:
    """Per prediction: matched to a gold attribution, with its speaker when gold names one."""
    out = [False] * len(pred)
    for gi, pi in matches(text, gold, pred).items():
        src = gold[gi].source
        out[pi] = not src or speaker_right(src, pred[pi].source)
    return out


def score_document(text: str, gold: list, pred: list[Predicted]) -> Tally:
    """Compare one document's predictions with its gold attributions (``.content``/``.source``)."""
    t = Tally(pred=len(pred), gold=len(gold))
    gold_chars = [_chars(text, g.content) for g in gold]
    pred_chars = [_chars(text, p.content) for p in pred]
    gold_hit = matches(text, gold, pred)
    t.matched = len(gold_hit)
    for gi, g in enumerate(gold):
        is_direct = any(c in DIRECT_MARKS for a, b in g.content for c in text[a:b])
        t.direct_gold += is_direct
        pi = gold_hit.get(gi)
        if pi is None:
            continue
        t.direct_hit += is_direct
        t.exact += gold_chars[gi] == pred_chars[pi]
        if g.source:
            t.speaker_n += 1
            t.speaker_ok += speaker_right(g.source, pred[pi].source)
    return t
