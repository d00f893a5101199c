"""The Russian parse: natasha's segmenter, morphology, syntax and NER in one pass.

natasha ships its models in its wheel (navec embeddings, slovnet taggers), so it
runs offline. The models load once per process, on first use. ``parse_ru``
turns natasha's per-sentence ids ("3_5") into document-wide token indices so
the extractors can walk heads and children like a spaCy doc.
"""

from __future__ import annotations

import bisect
import contextlib
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(slots=True)
class RuToken:
    i: int
    start: int
    end: int
    text: str
    pos: str
    feats: dict
    lemma: str
    head: int  # index of the head token, -1 for a sentence root
    rel: str
    sent: int
    children: list[int] = field(default_factory=list)


@dataclass(slots=True)
class RuSpan:
    """A named entity as natasha tags it, with its nominative form."""

    start: int
    end: int
    text: str
    type: str  # PER | ORG | LOC
    normal: str
    tok_start: int
    tok_end: int


@dataclass(slots=True)
class RuDoc:
    text: str
    tokens: list[RuToken]
    sents: list[tuple[int, int]]  # token ranges
    spans: list[RuSpan]
    starts: list[int] = field(default_factory=list)

    def sent_span(self, si: int) -> tuple[int, int]:
        a, b = self.sents[si]
        return self.tokens[a].start, self.tokens[b - 1].end

    def token_at(self, pos: int) -> int | None:
        """Index of the token covering or first after character ``pos``."""
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.tokens[k].end > pos:
            return k
        return k + 1 if k + 1 < len(self.tokens) else None


@dataclass(frozen=True)
class Models:
    segmenter: object
    morph_vocab: object
    morph: object
    syntax: object
    ner: object


@lru_cache(maxsize=1)
def load_models() -> Models:
    """natasha's news models, loaded once per process."""
    from natasha import (
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    emb = NewsEmbedding()
    return Models(
        Segmenter(), MorphVocab(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    )


def keep_yo(original: str, normal: str) -> str:
    """natasha's normal form writes ё as е: give the original's ё back ("Семён")."""
    if "ё" not in original.lower() or len(original) != len(normal):
        return normal
    return "".join(
        o if o.lower() == "ё" and n.lower() == "е" else n
        for o, n in zip(original, normal, strict=True)
    )


@lru_cache(maxsize=1)
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - optional
        return None
    return ThreadpoolController()


def _one_blas_thread():
    """slovnet's small matrix products run fastest on one BLAS thread: several threads spin
    against each other (and against other workers) for no gain on inputs this size."""
    ctl = _blas_controller()
    return ctl.limit(limits=1, user_api="blas") if ctl is not None else contextlib.nullcontext()


def parse_ru(text: str) -> RuDoc:
    """Sentences, tokens (lemma, POS, features, head) and named entities of a Russian text."""
    from natasha import Doc

    m = load_models()
    doc = Doc(text)
    doc.segment(m.segmenter)
    tokens: list[RuToken] = []
    sents: list[tuple[int, int]] = []
    if doc.tokens:
        with _one_blas_thread():
            doc.tag_morph(m.morph)
            doc.parse_syntax(m.syntax)
            doc.tag_ner(m.ner)
    ids: dict[str, int] = {}
    for si, sent in enumerate(doc.sents or []):
        first = len(tokens)
        for tok in sent.tokens:
            if len(tokens) > first and "\n" in text[tokens[-1].end : tok.start]:
                sents.append((first, len(tokens)))  # a paragraph break always ends a sentence
                first = len(tokens)
            try:
                tok.lemmatize(m.morph_vocab)
            except Exception:  # noqa: BLE001 - an odd token keeps its surface form
                tok.lemma = tok.text.lower()
            ids[tok.id] = len(tokens)
            tokens.append(
                RuToken(
                    len(tokens),
                    tok.start,
                    tok.stop,
                    tok.text,
                    tok.pos or "X",
                    dict(tok.feats or {}),
                    (tok.lemma or tok.text).lower(),
                    -1,
                    tok.rel or "",
                    si,
                )
            )
        if len(tokens) > first:
            sents.append((first, len(tokens)))
    for sent in doc.sents or []:
        for tok in sent.tokens:
            me = ids[tok.id]
            head = ids.get(tok.head_id) if tok.head_id and not tok.head_id.endswith("_0") else None
            if head is not None and head != me:
                tokens[me].head = head
                tokens[head].children.append(me)
    spans: list[RuSpan] = []
    for span in doc.spans or []:
        try:
            span.normalize(m.morph_vocab)
            normal = span.normal or span.text
        except Exception:  # noqa: BLE001 - normalization is best effort
            normal = span.text
        a = ids.get(span.tokens[0].id) if span.tokens else None
        b = ids.get(span.tokens[-1].id) if span.tokens else None
        if a is None or b is None:
            continue
        spans.append(
            RuSpan(
                span.start,
                span.stop,
                text[span.start : span.stop],
                span.type,
                keep_yo(span.text, normal),
                a,
                b + 1,
            )
        )
    # sentence indices must follow the kept sentences
    for si, (a, b) in enumerate(sents):
        for t in tokens[a:b]:
            t.sent = si
    return RuDoc(text, tokens, sents, spans, [t.start for t in tokens])
