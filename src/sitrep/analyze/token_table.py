"""The token attributes the quote, claim and entity extractors read, read once per document.

Every ``doc[i]`` builds a new spaCy ``Token`` and every ``token.pos_`` looks its
string up again; the extractors ask for the same few attributes of the same
tokens many times over. One ``Doc.to_array`` call and one string lookup per
distinct value turn them into plain lists, shared by every extractor through
the ``Doc``'s ``user_data``. The values are exactly what the ``Token``
properties return.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SHAPE,
    TAG,
)

COLUMNS = (
    ORTH,
    LOWER,
    LEMMA,
    POS,
    TAG,
    DEP,
    SHAPE,
    ENT_TYPE,
    IDX,
    ENT_IOB,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
)
IOB_STRINGS = ("", "I", "O", "B")  # Token.ent_iob_
SENT_STARTS = {0: None, 1: True}  # Token.is_sent_start: None unknown, True, else False


@dataclass(slots=True)
class TokenTable:
    """Per token ``i`` of a ``Doc``: ``text[i]`` is ``doc[i].text``, ``lemma[i]`` is
    ``doc[i].lemma_`` (not lower-cased), ``head[i]`` is ``doc[i].head.i``, and so on."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    lemma_lower: list[str]  # lemma.lower(), what the lexicons are keyed by
    pos: list[str]
    tag: list[str]
    dep: list[str]
    shape: list[str]
    ent_type: list[str]
    ent_iob: list[str]
    idx: list[int]
    end: list[int]  # idx + len(text)
    head: list[int]
    is_alpha: list[bool]
    is_punct: list[bool]
    is_space: list[bool]
    is_sent_start: list[bool | None]


def token_table(sdoc) -> TokenTable:
    """The table of ``sdoc``, built on first use and kept in its ``user_data``."""
    table = sdoc.user_data.get("sitrep_token_table")
    if table is None:
        table = sdoc.user_data["sitrep_token_table"] = _build(sdoc)
    return table


#: hash -> string, remembered across documents: the string store decodes a new Python string
#: on every lookup, and most of a document's words, tags and labels were seen before. The
#: hashes are the pipeline's own and never change meaning; the memory is emptied when full.
_NAMES: dict[int, str] = {}
NAMES_LIMIT = 100_000


def _build(sdoc) -> TokenTable:
    n = len(sdoc)
    if not n:
        return TokenTable(*([] for _ in range(17)))
    strings = sdoc.vocab.strings
    cols = sdoc.to_array(list(COLUMNS)).T.tolist()
    # HEAD (relative) and SENT_START are signed values stored unsigned
    signed = sdoc.to_array([HEAD, SENT_START]).astype("int64").T.tolist()

    def strs(col: list[int]) -> list[str]:
        missing = set(col).difference(_NAMES)
        if missing:
            if len(_NAMES) + len(missing) > NAMES_LIMIT:
                _NAMES.clear()
                missing = set(col)
            for h in missing:
                _NAMES[h] = strings[h]
        return list(map(_NAMES.__getitem__, col))

    text, lower, lemma, pos, tag, dep, shape, ent_type = (strs(c) for c in cols[:8])
    lowered = {lm: lm.lower() for lm in set(lemma)}
    idx = cols[8]
    return TokenTable(
        text=text,
        lower=lower,
        lemma=lemma,
        lemma_lower=[lowered[lm] for lm in lemma],
        pos=pos,
        tag=tag,
        dep=dep,
        shape=shape,
        ent_type=ent_type,
        ent_iob=[IOB_STRINGS[v] for v in cols[9]],
        idx=idx,
        end=[i + len(t) for i, t in zip(idx, text, strict=True)],
        head=[i + h for i, h in enumerate(signed[0])],
        is_alpha=[bool(v) for v in cols[10]],
        is_punct=[bool(v) for v in cols[11]],
        is_space=[bool(v) for v in cols[12]],
        is_sent_start=[SENT_STARTS.get(v, False) for v in signed[1]],
    )
