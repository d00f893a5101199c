"""Analysis of competing hypotheses (Heuer): which hypothesis has the least evidence against it.

The user lists hypotheses in a TOML file::

    [[hypothesis]]
    id = "H1"
    text = "A military coup within six months"
    consistent = ["seize power"]      # optional cue words
    inconsistent = ["returned to barracks"]

sitrep proposes, for each piece of evidence (a storyline or an attributed
statement), consistent (C), inconsistent (I) or neutral (N) per hypothesis; the
user overrides any cell in the same file::

    [ratings."s-1a2b3c4d5e"]
    H1 = "I"

The matrix ranks hypotheses by how much credible evidence is inconsistent
with them: Heuer's point is to reject, not to confirm.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.assess.storylines import content_words

ALIASES = {
    "c": "C",
    "consistent": "C",
    "+": "C",
    "i": "I",
    "inconsistent": "I",
    "-": "I",
    "n": "N",
    "neutral": "N",
    "na": "N",
    "0": "N",
}
NEGATED = re.compile(
    r"not|no|never|denied|denies|deny|rejected|rejects|refused|without|nobody|none", re.IGNORECASE
)
MIN_SHARED = 3
NEGATION_WINDOW = 4  # words before a shared word in which a "not" counts against the hypothesis
MAX_EVIDENCE = 40


class HypothesesFileError(ValueError):
    """The hypotheses file cannot be used; the message says what to fix."""


@dataclass
class Hypothesis:
    id: str
    text: str
    consistent: list[str] = field(default_factory=list)
    inconsistent: list[str] = field(default_factory=list)


@dataclass
class EvidenceItem:
    """A row of the matrix: a storyline or a statement, with its credibility weight."""

    id: str
    text: str
    source: str
    date: str | None
    credibility: int = 6
    anchor: str | None = None  # evidence unit id to link to in the brief


@dataclass
class Cell:
    proposed: str
    rating: str

    @property
    def overridden(self) -> bool:
        return self.proposed != self.rating


@dataclass
class Matrix:
    hypotheses: list[Hypothesis]
    evidence: list[EvidenceItem]
    cells: dict[tuple[str, str], Cell]  # (evidence id, hypothesis id) -> cell

    def inconsistency(self, hid: str) -> float:
        """Heuer's score: inconsistent evidence, weighted by how credible
        it is (1 -> 1.0, 6 -> 0.25)."""
        return round(
            sum(
                _weight(e.credibility)
                for e in self.evidence
                if self.cells[(e.id, hid)].rating == "I"
            ),
            2,
        )

    def count(self, hid: str, rating: str) -> int:
        return sum(1 for e in self.evidence if self.cells[(e.id, hid)].rating == rating)

    def ranking(self) -> list[Hypothesis]:
        return sorted(
            self.hypotheses, key=lambda h: (self.inconsistency(h.id), -self.count(h.id, "C"))
        )

    def diagnostic(self) -> list[EvidenceItem]:
        """Evidence rated differently across hypotheses: the rows that help choose (Heuer)."""
        return [
            e
            for e in self.evidence
            if len({self.cells[(e.id, h.id)].rating for h in self.hypotheses}) > 1
        ]

    @property
    def least_inconsistent(self) -> Hypothesis | None:
        ranked = self.ranking()
        return ranked[0] if ranked else None


def _weight(cred: int) -> float:
    return {1: 1.0, 2: 0.85, 3: 0.7, 4: 0.5, 5: 0.35, 6: 0.25}.get(cred, 0.25)


PROPOSALS_MARK = "# Ratings proposed by sitrep"


def proposals_path(path: Path) -> Path:
    """Where sitrep writes its proposals for a hypotheses file: beside it, never inside it."""
    path = Path(path)
    return path.with_name(f"{path.stem}.proposed.toml")


def _read_toml(path: Path, text: str | None = None) -> dict:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8") if text is None else text)
    except FileNotFoundError as exc:
        raise HypothesesFileError(f"no hypotheses file at {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise HypothesesFileError(f"{path} is not valid TOML: {exc}") from exc


def load_hypotheses(path: Path) -> tuple[list[Hypothesis], dict[tuple[str, str], str]]:
    """Hypotheses and the user's ratings ((evidence id, hypothesis id) -> C/I/N) from the file.

    Files written by earlier versions hold sitrep's own proposals appended after
    ``PROPOSALS_MARK``; those are returned by ``appended_proposals``, not as the user's.
    """
    text = Path(path).read_text(encoding="utf-8") if Path(path).is_file() else None
    data = _read_toml(path, text)
    if text is not None and PROPOSALS_MARK in text:
        head = text.split(PROPOSALS_MARK, 1)[0]
        try:
            data = {**data, "ratings": tomllib.loads(head).get("ratings") or {}}
        except tomllib.TOMLDecodeError:
            pass  # the user's part alone does not parse: keep every rating as theirs
    raw = data.get("hypothesis") or data.get("hypotheses") or []
    if isinstance(raw, dict):
        raw = [{"id": k, **(v if isinstance(v, dict) else {"text": v})} for k, v in raw.items()]
    hyps = []
    for n, h in enumerate(raw, 1):
        text = h.get("text") or h.get("statement") or h.get("title")
        if not text:
            raise HypothesesFileError(f"{path}: hypothesis {n} has no text")
        hyps.append(
            Hypothesis(
                str(h.get("id") or f"H{n}"),
                str(text),
                list(h.get("consistent", [])),
                list(h.get("inconsistent", [])),
            )
        )
    if not hyps:
        raise HypothesesFileError(
            f"{path}: no hypotheses; add [[hypothesis]] tables with id and text"
        )
    return hyps, _ratings(data, path)


def _ratings(data: dict, path: Path) -> dict[tuple[str, str], str]:
    ratings: dict[tuple[str, str], str] = {}
    for eid, row in (data.get("ratings") or {}).items():
        if not isinstance(row, dict):
            continue
        for hid, value in row.items():
            code = ALIASES.get(str(value).strip().lower())
            if code is None:
                raise HypothesesFileError(f"{path}: rating {eid}.{hid} = {value!r}; use C, I or N")
            ratings[(str(eid), str(hid))] = code
    for r in data.get("rating") or []:
        code = ALIASES.get(str(r.get("value", r.get("rating", ""))).strip().lower())
        if code and r.get("evidence") and r.get("hypothesis"):
            ratings[(str(r["evidence"]), str(r["hypothesis"]))] = code
    return ratings


def evidence_items(assessment) -> list[EvidenceItem]:
    """The matrix rows: every storyline, then attributed statements outside any storyline."""
    rows = []
    for s in assessment.storylines:
        # named by its first report, so a user's ratings survive new documents joining the storyline
        rows.append(
            EvidenceItem(
                s.members[0].id,
                s.title,
                ", ".join(o.name for o in s.origins),
                s.first_date,
                s.credibility,
                s.lead.id,
            )
        )
    in_story = {m.id for s in assessment.storylines for m in s.members}
    for ev in assessment.evidence:
        if ev.id in in_story or not ev.quotes or len(rows) >= MAX_EVIDENCE:
            continue
        rows.append(
            EvidenceItem(ev.id, ev.text, ev.outlet, ev.date, assessment.credibility_of(ev), ev.id)
        )
    return rows


def propose(h: Hypothesis, text: str) -> str:
    """C when the evidence speaks to the hypothesis, I when it does so negated, N otherwise."""
    low = text.lower()
    if any(c.lower() in low for c in h.inconsistent):
        return "I"
    if any(c.lower() in low for c in h.consistent):
        return "C"
    shared = content_words(h.text) & content_words(text)
    if len(shared) < MIN_SHARED:
        return "N"
    return "I" if _negates(text, shared) else "C"


def _negates(text: str, shared: frozenset[str]) -> bool:
    """A negation shortly before one of the words the evidence shares with the hypothesis."""
    words = re.findall(r"[\w']+", text.lower())
    for i, w in enumerate(words):
        stem = w[:-1] if w.endswith("s") and len(w) > 4 else w
        if stem in shared and any(
            NEGATED.fullmatch(x) or x.endswith("n't")
            for x in words[max(0, i - NEGATION_WINDOW) : i]
        ):
            return True
    return False


def build_matrix(
    hyps: list[Hypothesis],
    items: list[EvidenceItem],
    ratings: dict[tuple[str, str], str] | None = None,
) -> Matrix:
    ratings = ratings or {}
    cells = {}
    for e in items:
        for h in hyps:
            proposed = propose(h, e.text)
            cells[(e.id, h.id)] = Cell(proposed, ratings.get((e.id, h.id), proposed))
    return Matrix(hyps, items, cells)


def proposals_toml(matrix: Matrix, existing: set[str]) -> str:
    """TOML for the evidence the user's file does not rate yet (copy a
    table into it to change a value)."""
    out = []
    for e in matrix.evidence:
        if e.id in existing:
            continue
        out.append(f"\n[ratings.{toml_string(e.id)}]")
        out.append(f"# {_comment(e.text)} ({_comment(e.source)}, {e.date or 'undated'})")
        for h in matrix.hypotheses:
            out.append(f"{_bare(h.id)} = {toml_string(matrix.cells[(e.id, h.id)].proposed)}")
    if not out:
        return ""
    head = (
        f"\n{PROPOSALS_MARK}: C consistent, I inconsistent, N neutral. sitrep rewrites this file "
        'on every run; to change a rating, copy its [ratings."..."] table into your hypotheses '
        "file."
    )
    return head + "\n".join(out) + "\n"


def _comment(text: str) -> str:
    text = "".join(
        ch for ch in " ".join(text.split()) if ch.isprintable()
    )  # TOML comments take no control characters
    return text[:140] + ("…" if len(text) > 140 else "")


def _bare(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_string(key)


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters
    escaped, everything else as is."""
    out = []
    for ch in value:
        code = ord(ch)
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\ufffd")  # a lone surrogate cannot be written in UTF-8
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def appended_proposals(path: Path) -> dict[tuple[str, str], str]:
    """Ratings an earlier version appended to the user's file, below ``PROPOSALS_MARK``."""
    text = Path(path).read_text(encoding="utf-8") if Path(path).is_file() else ""
    if PROPOSALS_MARK not in text:
        return {}
    every = _ratings(_read_toml(path, text), path)
    try:
        users = _ratings(tomllib.loads(text.split(PROPOSALS_MARK, 1)[0]), path)
    except tomllib.TOMLDecodeError:
        return {}
    return {k: v for k, v in every.items() if k not in users}


def user_ratings(path: Path, matrix: Matrix) -> set[tuple[str, str]]:
    """The cells the user rated: their own section, and appended proposals they changed."""
    _, ratings = load_hypotheses(path)
    changed = {
        k
        for k, v in appended_proposals(path).items()
        if k in matrix.cells and matrix.cells[k].proposed != v
    }
    return set(ratings) | changed


def matrix_for(assessment, path: Path) -> Matrix:
    """The matrix for a hypotheses file: sitrep's proposals, with the user's ratings on top.

    An appended proposal (earlier versions) counts only where the user changed it.
    """
    hyps, ratings = load_hypotheses(path)
    items = evidence_items(assessment)
    plain = build_matrix(hyps, items)
    for key, value in appended_proposals(path).items():
        if key in plain.cells and plain.cells[key].proposed != value:
            ratings.setdefault(key, value)
    return build_matrix(hyps, items, ratings)
