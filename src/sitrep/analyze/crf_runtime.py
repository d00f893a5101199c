"""A trained CRFsuite model read straight from its file, and best-path decoding in numpy.

python-crfsuite trains sitrep's taggers and stays the reference. At run time,
though, tagging through it means building one feature string per token and
template, converting each to C++ and looking it up in the model's string
database, one call per sentence: most of the hedge extractor's time. Reading
the weights into a matrix lets a caller score a whole document with array
lookups (``hedge_scores``) and decode all its sentences in one vectorised
Viterbi pass. The weights are CRFsuite's, and ties are broken as CRFsuite
breaks them (the lowest label id wins), so the labels are the same.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CHUNK = struct.Struct("<4sII")
_CQDB = struct.Struct("<4sIIIII")
_RECORD = struct.Struct("<II")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
STATE, TRANSITION = 0, 1


class ModelFormatError(ValueError):
    """The file is not a first-order CRFsuite model."""


def _strings(buf: bytes, offset: int) -> list[str]:
    """The id -> string table of a CQDB database (CRFsuite's label and attribute dictionaries)."""
    chunk, _size, _flag, _order, count, back = _CQDB.unpack_from(buf, offset)
    if chunk != b"CQDB":
        raise ModelFormatError("no string table where the header points")
    out: list[str] = []
    for i, rec in enumerate(
        np.frombuffer(buf, dtype="<u4", count=count, offset=offset + back).tolist()
    ):
        rid, size = _RECORD.unpack_from(buf, offset + rec)
        if rid != i:
            raise ModelFormatError("string table out of order")
        start = offset + rec + _RECORD.size
        out.append(buf[start : start + size - 1].decode("utf-8"))
    return out


@dataclass(slots=True)
class CrfModel:
    labels: list[str]
    index: dict[str, int]  # attribute -> row of ``state``
    state: (
        np.ndarray
    )  # (attributes + 1, labels); the last row, ``zero``, stands for unknown attributes
    transition: np.ndarray  # (labels, labels): previous label -> next label

    @property
    def zero(self) -> int:
        return len(self.index)

    @classmethod
    def load(cls, path: str | Path) -> CrfModel:
        buf = Path(path).read_bytes()
        if len(buf) < _HEADER.size:
            raise ModelFormatError(f"{path}: too short for a CRFsuite model")
        (
            magic,
            _size,
            kind,
            _version,
            _nf,
            n_labels,
            n_attrs,
            off_feat,
            off_labels,
            off_attrs,
            _lr,
            _ar,
        ) = _HEADER.unpack_from(buf, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ModelFormatError(f"{path}: not a first-order CRFsuite model")
        chunk, _csize, count = _CHUNK.unpack_from(buf, off_feat)
        if chunk != b"FEAT":
            raise ModelFormatError(f"{path}: no feature table")
        feats = np.frombuffer(buf, dtype=_FEATURE, count=count, offset=off_feat + _CHUNK.size)
        labels, attrs = _strings(buf, off_labels), _strings(buf, off_attrs)
        if len(labels) != n_labels or len(attrs) != n_attrs:
            raise ModelFormatError(f"{path}: dictionary sizes disagree with the header")
        state = np.zeros((n_attrs + 1, n_labels))
        transition = np.zeros((n_labels, n_labels))
        st, tr = feats[feats["type"] == STATE], feats[feats["type"] == TRANSITION]
        state[st["src"], st["dst"]] = st["weight"]
        transition[tr["src"], tr["dst"]] = tr["weight"]
        return cls(labels, {a: i for i, a in enumerate(attrs)}, state, transition)

    def templates(self) -> dict[str, dict[str, int]]:
        """The attributes split by template, which is how the array scorers look them up:
        'l=march' is under 'march' in table 'l'; a flag such as 'b' or 'neg' is in table ''."""
        tables: dict[str, dict[str, int]] = {}
        for attr, row in self.index.items():
            name, sep, value = attr.partition("=")
            tables.setdefault(name if sep else "", {})[value if sep else name] = row
        return tables

    def string_scores(self, seq: list[list[str]]) -> np.ndarray:
        """(tokens, labels) state scores of one sequence of feature-string lists, as CRFsuite
        sums them; the reference that faster scorers are tested against."""
        get, zero = self.index.get, self.zero
        out = np.zeros((len(seq), len(self.labels)))
        for t, item in enumerate(seq):
            for attr in item:
                out[t] += self.state[get(attr, zero)]
        return out

    def decode(self, emissions: list[np.ndarray]) -> list[list[str]]:
        """The best labelling of each sequence, given its (tokens, labels) state scores.

        The sequences are decoded side by side, longest first, so that at every position
        the ones still running are a prefix of the batch."""
        lengths = [len(e) for e in emissions]
        longest = max(lengths, default=0)
        if not longest:
            return [[] for _ in emissions]
        order = sorted(range(len(emissions)), key=lambda b: -lengths[b])
        size = [lengths[b] for b in order]
        n_labels = len(self.labels)
        emit = np.zeros((len(order), longest, n_labels))
        for row, b in enumerate(order):
            emit[row, : size[row]] = emissions[b]
        running = np.searchsorted(-np.array(size), -np.arange(longest), side="left")  # len > t
        back = np.zeros((len(order), longest, n_labels), dtype=np.intp)
        best = emit[:, 0].copy()
        trans = self.transition[None]
        for t in range(1, longest):
            k = running[t]
            cand = best[:k, :, None] + trans  # previous label x next label
            back[:k, t] = cand.argmax(
                axis=1
            )  # the first maximum: the lowest label id, as in CRFsuite
            best[:k] = cand.max(axis=1) + emit[:k, t]
        path = np.zeros((len(order), longest), dtype=np.intp)
        rows = np.arange(len(order))
        path[rows, np.array(size) - 1] = best.argmax(axis=1)
        for t in range(longest - 1, 0, -1):
            k = running[t]
            path[:k, t - 1] = back[rows[:k], t, path[:k, t]]
        labels = self.labels
        out: list[list[str]] = [[] for _ in emissions]
        for row, b in enumerate(order):
            out[b] = [labels[y] for y in path[row, : size[row]].tolist()]
        return out

    def label_marginals(
        self, emissions: list[np.ndarray], paths: list[list[str]]
    ) -> list[list[float]]:
        """Per token, the probability the CRF gives the label it chose (forward-backward).

        How sure the tagger is of a span is what makes a quote's confidence mean something;
        the sequences are run side by side, longest first, as in ``decode``."""
        lengths = [len(e) for e in emissions]
        longest = max(lengths, default=0)
        if not longest:
            return [[] for _ in emissions]
        order = sorted(range(len(emissions)), key=lambda b: -lengths[b])
        size = np.array([lengths[b] for b in order])
        n_labels = len(self.labels)
        emit = np.zeros((len(order), longest, n_labels))
        for row, b in enumerate(order):
            emit[row, : size[row]] = emissions[b]
        running = np.searchsorted(-size, -np.arange(longest), side="left")
        trans = self.transition[None]
        alpha = np.zeros_like(emit)
        alpha[:, 0] = emit[:, 0]
        for t in range(1, longest):
            k = running[t]
            alpha[:k, t] = _logsumexp(alpha[:k, t - 1, :, None] + trans, axis=1) + emit[:k, t]
        beta = np.zeros_like(emit)
        for t in range(longest - 2, -1, -1):
            k = running[t + 1]  # only sequences that go on past t have a next token
            beta[:k, t] = _logsumexp(
                trans + (emit[:k, t + 1] + beta[:k, t + 1])[:, None, :], axis=2
            )
        rows = np.arange(len(order))
        log_z = _logsumexp(alpha[rows, size - 1], axis=1)
        index = {label: i for i, label in enumerate(self.labels)}
        out: list[list[float]] = [[] for _ in emissions]
        for row, b in enumerate(order):
            n = size[row]
            ys = [index[y] for y in paths[b]]
            lp = alpha[row, np.arange(n), ys] + beta[row, np.arange(n), ys] - log_z[row]
            out[b] = np.exp(lp).tolist()
        return out


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    m = x.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(x - m).sum(axis=axis, keepdims=True))).squeeze(axis)


@dataclass(slots=True)
class Coded:
    """A column of per-token strings as its distinct values and each token's index among
    them, so a template over the column is looked up once per distinct value."""

    values: list[str]
    index: np.ndarray

    @classmethod
    def of(cls, column: list[str]) -> Coded:
        seen: dict[str, int] = {}
        idx = [seen.setdefault(v, len(seen)) for v in column]
        return cls(list(seen), np.array(idx, dtype=np.intp))

    @classmethod
    def by_key(cls, keys: np.ndarray, value_at: Callable[[int], str]) -> Coded:
        """Grouped by integer keys computed as arrays (spaCy's string hashes, pairs of codes):
        tokens with equal keys must have equal values; ``value_at(i)`` is token i's value,
        asked once per distinct key."""
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        return cls([value_at(i) for i in first.tolist()], inverse.reshape(-1).astype(np.intp))

    def rows(self, table: dict[str, int], zero: int) -> np.ndarray:
        """Each token's row in a template's table (value -> row; ``zero`` when absent)."""
        get = table.get
        return np.array([get(v, zero) for v in self.values], dtype=np.intp)[self.index]


@dataclass(slots=True)
class Keyed:
    """One document's tokens looked up in a ``KeyedRows``: ``index`` is each token's code among
    the document's distinct keys (what ``Coded.index`` is), ``rows[:, j]`` template j's value."""

    index: np.ndarray
    size: int
    rows: np.ndarray  # (tokens, templates)
    names: dict[str, int]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.rows[:, self.names[name]]


class KeyedRows:
    """The templates over one token attribute, remembered across documents by spaCy's string
    hash of the attribute.

    A word seen in an earlier document costs one dict lookup, however many templates read
    it (the hedge tagger reads a lemma nine ways). A template is any function of the
    attribute's value, so flags (is it a certainty word?) are remembered too. The memory is
    a cache: it never changes a result, and it is emptied when it reaches ``limit`` keys,
    so a year of news does not grow it without bound (50,000 words cover nearly every
    token of news; a full memory of a dozen templates is about 7 MB).
    """

    def __init__(self, templates: dict[str, Callable[[str], int]], limit: int = 50_000) -> None:
        self.names = {name: j for j, name in enumerate(templates)}
        self.funcs = list(templates.values())
        self.limit = limit
        self.known: dict[int, int] = {}
        self.table = np.zeros((1024, len(self.funcs)), dtype=np.int32)  # rows < 2**31

    def lookup(self, keys: np.ndarray, value_at: Callable[[int], str]) -> Keyed:
        """``keys``: the attribute's hash for each token; ``value_at(i)``: token i's value (equal
        keys must mean equal values), asked only for keys this memory has not seen."""
        uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        known = self.known
        if len(known) + len(uniq) > self.limit:
            known.clear()
        hashes = uniq.tolist()
        get = known.get
        slots = [get(h, -1) for h in hashes]
        new = [k for k, s in enumerate(slots) if s < 0]
        if new:
            start = len(known)
            if start + len(new) > len(self.table):
                size = max(start + len(new), min(2 * (start + len(new)), self.limit))
                grown = np.zeros((size, len(self.funcs)), dtype=np.int32)
                grown[:start] = self.table[:start]
                self.table = grown
            funcs, firsts = self.funcs, first.tolist()
            values = [value_at(firsts[k]) for k in new]
            self.table[start : start + len(new)] = [[f(v) for f in funcs] for v in values]
            for slot, k in enumerate(new, start):
                known[hashes[k]] = slots[k] = slot
        return Keyed(
            inverse.reshape(-1).astype(np.intp),
            len(hashes),
            self.table[np.array(slots, dtype=np.intp)][inverse.reshape(-1)],
            self.names,
        )


class Vocabulary:
    """The values one side of the pair templates can take, as ids: a token's value is turned
    into its id once (a ``KeyedRows`` template), and pairs of ids are then looked up as arrays."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def add(self, value: str) -> int:
        return self.ids.setdefault(value, len(self.ids))

    def id_of(self, value: str) -> int:
        """-1 for a value no pair template knows."""
        return self.ids.get(value, -1)


class PairTable:
    """A template whose value joins two values with '|' ('lt=say|VBD'), keyed by the ids of
    its two sides, so a document's pairs are looked up with one sorted search.

    A key with several '|' is entered under every way of splitting it: the feature string
    of each of those pairs is that key, so each must find its row."""

    def __init__(
        self, table: dict[str, int], left: Vocabulary, right: Vocabulary, zero: int
    ) -> None:
        keys: dict[int, int] = {}
        for value, row in table.items():
            for cut in (i for i, ch in enumerate(value) if ch == "|"):
                keys[left.add(value[:cut]) << 32 | right.add(value[cut + 1 :])] = row
        order = sorted(keys)
        self.keys = np.array(order, dtype=np.int64)
        self.rows = np.array([keys[k] for k in order], dtype=np.intp)
        self.zero = zero

    def lookup(self, left_ids: np.ndarray, right_ids: np.ndarray) -> np.ndarray:
        """Each pair's row (``zero`` where the model has no such pair)."""
        key = left_ids.astype(np.int64) << 32 | right_ids
        key[(left_ids < 0) | (right_ids < 0)] = -1
        if not len(self.keys):
            return np.full(len(key), self.zero, dtype=np.intp)
        at = np.searchsorted(self.keys, key).clip(max=len(self.keys) - 1)
        return np.where(self.keys[at] == key, self.rows[at], self.zero)


class TemplateScorer:
    """What the array scorers share: the model's attributes split by template, and a
    template's row for a value (the model's ``zero`` row where it has none)."""

    def __init__(self, model: CrfModel) -> None:
        self.model = model
        self.tables = model.templates()

    def _table(self, name: str) -> dict[str, int]:
        return self.tables.get(name, {})

    def _row(self, name: str, key: Callable[[str], str] | None = None) -> Callable[[str], int]:
        """Value -> row of template ``name`` (after ``key``), for ``KeyedRows``."""
        get, zero = self._table(name).get, self.model.zero
        if key is None:
            return lambda v: get(v, zero)
        return lambda v: get(key(v), zero)

    def _flag(self, name: str) -> int:
        """The row of an attribute without a value ('b', 'neg')."""
        return self._table("").get(name, self.model.zero)
