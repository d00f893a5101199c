"""What English and Russian entity extraction share: a name's occurrence and a group of them.

A :class:`NameCandidate` is one occurrence of a name in the text (its characters,
its tokens, the label it was given); a :class:`NameCluster` is the occurrences
that are one actor. Each language extends them with what its own rules read
(English: the title and appositive of each occurrence; Russian: the nominative).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class NameCandidate:
    """One occurrence of a name: character offsets, text, label and token range."""

    start: int
    end: int
    text: str
    label: str
    tok_start: int
    tok_end: int
    subject: bool = field(default=False, kw_only=True)  # the subject of its clause


@dataclass
class NameCluster:
    """The occurrences that are one actor of the document."""

    label: str
    cands: list = field(default_factory=list)
    first: str | None = None
    last: str | None = None  # name key of the surname (persons)
    gender: str | None = None
