"""People, organizations, places and groups in one document, and who a span refers to.

spaCy finds the names; :func:`extract_entities` decides which names are one actor.
Titles before a name ("Defence Minister") and appositives after it (", former
ambassador to Veskaria,") become the entity's roles and descriptions
(entity_candidates.py), a surname joins the full name it abbreviates, a one-off
near-spelling of a salient person is that person (``Mention.misspelled``), and an
organization joins its short form or acronym (entity_clusters.py); the word lists
they read are in entity_words.py. :meth:`DocEntities.actor_for` then answers, for
any source span the quote and claim extractors find (a name, "he", "the general",
"the ministry"), which entity it is.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from sitrep.analyze.entity_candidates import find_candidates
from sitrep.analyze.entity_clusters import (
    Cluster,
    canonical_name,
    cluster_candidates,
    cluster_gender,
    role_records,
)
from sitrep.analyze.entity_words import (
    ANONYMOUS_NOUNS,
    DETERMINERS,
    INDEFINITE,
    MAX_PRONOUN_SENTENCES,
    OFFICES,
    PERSON_NOUNS,
    PRONOUNS,
    TYPE_PREFERENCE,
    org_words,
    person_parts,
    title_heads,
    unique,
)
from sitrep.analyze.nlp import doc_text
from sitrep.ids import entity_id
from sitrep.lexicon.gazetteer import Gazetteer, load_gazetteer
from sitrep.lexicon.names import gender_of_words, name_key, roles_conflict
from sitrep.records import ActorRef, Entity, Mention


@dataclass
class DocEntities:
    """The document's entities plus a lookup from character spans to actors."""

    entities: list[Entity] = field(default_factory=list)
    _spans: list[tuple[int, int, int]] = field(
        default_factory=list, repr=False
    )  # start, end, entity
    _span_starts: list[int] = field(default_factory=list, repr=False)
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _person_mentions: list[tuple[int, int, int, bool]] = field(default_factory=list, repr=False)
    _person_starts: list[int] = field(default_factory=list, repr=False)
    _org_mentions: list[tuple[int, int, int]] = field(default_factory=list, repr=False)
    _org_starts: list[int] = field(default_factory=list, repr=False)
    _heads: list[set[str]] = field(default_factory=list, repr=False)
    _alias: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _text: str = field(default="", repr=False)
    _cache: dict[tuple[int, int], ActorRef | None] = field(default_factory=dict, repr=False)

    def add_alias(self, key: str, idx: int) -> None:
        """Entity ``idx`` answers to the name key ``key`` (each entity once per key)."""
        if idx not in self._alias.setdefault(key, []):
            self._alias[key].append(idx)

    def index_mentions(
        self,
        idx: int,
        ent: Entity,
        subject: dict[int, bool],
        spans: list[tuple[int, int, int]],
        org_types: tuple[str, ...] = ("org", "group"),
    ) -> None:
        """Entity ``idx``'s mentions into ``spans`` and into the person or org mentions that
        pronouns and titles look back to; ``subject``: which mention starts are a subject."""
        for m in ent.mentions:
            spans.append((m.start, m.end, idx))
            if ent.type == "person":
                self._person_mentions.append((m.start, m.end, idx, subject.get(m.start, False)))
            elif ent.type in org_types:
                self._org_mentions.append((m.start, m.end, idx))

    def index_spans(self, spans: list[tuple[int, int, int]]) -> None:
        """Keep the mention spans (start, end, entity) and the person and org mentions sorted,
        with their starts for bisecting: the last step of each language's index."""
        spans.sort()
        self._spans = spans
        self._span_starts = [s for s, _e, _i in spans]
        self._person_mentions.sort()
        self._person_starts = [s for s, *_ in self._person_mentions]
        self._org_mentions.sort()
        self._org_starts = [s for s, *_ in self._org_mentions]

    def actor_for(self, start: int, end: int) -> ActorRef | None:
        """The entity a source span refers to (a name, a surname, a pronoun, a title)."""
        key = (start, end)
        if key not in self._cache:
            idx = self._resolve(start, end)
            self._cache[key] = None if idx is None else self._ref(idx)
        ref = self._cache[key]
        return None if ref is None else ActorRef(ref.id, ref.name, ref.kind)

    def entity_at(self, start: int, end: int) -> Entity | None:
        idx = self._resolve(start, end)
        return None if idx is None else self.entities[idx]

    def _ref(self, idx: int) -> ActorRef:
        ent = self.entities[idx]
        return ActorRef(ent.id, ent.name)

    # -- resolution ---------------------------------------------------------

    def _resolve(self, start: int, end: int) -> int | None:
        text = self._text[start:end] if self._text else ""
        comma = text.find(",")
        if 0 < comma < len(text.rstrip(", ")):
            # an appositive: "Anton Ivanek, the council's spokesman," is Anton Ivanek
            found = self._resolve(start, start + comma)
            if found is not None:
                return found
        words = _words(text)
        lowered = [w.lower() for w in words]
        # "his spokesman", "Putin's spokesman": the role noun is the head, not the possessor
        if len(lowered) >= 2 and (
            lowered[0] in ("his", "her", "their", "its") or "'s" in text or "’s" in text
        ):
            # the title of a name that follows: "Putin's spokesman Dmitry Peskov"
            cut = max(text.replace("’", "'").rfind("'s "), 0)
            lo = bisect.bisect_left(self._person_starts, start + cut)
            if lo < len(self._person_mentions) and self._person_mentions[lo][0] <= end + 2:
                return self._person_mentions[lo][2]
            return self._nominal(lowered, start)
        hit = self._overlapping(start, end)
        if hit is not None:
            return hit
        if not words or self._any_name_inside(start, end):
            return None  # names there, but none of them is who the span means
        if len(lowered) == 1 and lowered[0] in PRONOUNS:
            return self._pronoun(lowered[0], start)
        forms = [" ".join(words)] if _PREPOSITION.search(text) else [" ".join(words), words[-1]]
        for form in forms:
            cands = self._alias.get(name_key(form))
            if cands:
                return self._most_recent(cands, start)
        return self._nominal(lowered, start)

    def _overlapping(self, start: int, end: int) -> int | None:
        lo = bisect.bisect_left(self._span_starts, start - 200)
        best, best_rank = None, None
        for s, e, idx in self._spans[lo:]:
            if s >= end:
                break
            if e <= start:
                continue
            if not self._heads_span(start, end, s, e, self.entities[idx].type):
                continue
            overlap = min(e, end) - max(s, start)
            rank = (TYPE_PREFERENCE[self.entities[idx].type], -overlap)
            if best_rank is None or rank < best_rank:
                best, best_rank = idx, rank
        return best

    def _any_name_inside(self, start: int, end: int) -> bool:
        lo = bisect.bisect_left(self._span_starts, start - 200)
        return any(s < end and start < e for s, e, _idx in self._spans[lo:] if s < end)

    def _heads_span(self, start: int, end: int, s: int, e: int, type_: str) -> bool:
        """Whether a name inside a source span is who the span means: not "a person in
        Kelmar" nor "sources close to Varlamov", but "the head of the army, Oleg Varlamov"."""
        if not self._text:
            return True
        before = self._text[start:s] if s > start else ""
        if type_ in ("place", "group"):
            rest = (before + " " + (self._text[e:end] if end > e else "")).lower()
            return not [w for w in _WORD.findall(rest) if w not in DETERMINERS]
        if type_ == "org" and _SPEAKS_FOR.search(before):
            return True  # "a spokesman for the Ministry of Defence" speaks for the ministry
        preps = list(_PREPOSITION.finditer(before))
        return not preps or "," in before[preps[-1].end() :]

    def _sent(self, pos: int) -> int:
        return bisect.bisect_right(self._sent_starts, pos) - 1

    def _most_recent(self, idxs: list[int], pos: int) -> int:
        """Which of several people a shared surname means: the one the story is about so far
        (named most often as the subject of a clause, then most often), else the one named last.
        "Hillary Clinton was headed ... to daughter Chelsea Clinton's apartment ... Clinton had
        told police" is Hillary Clinton: a relative named once in passing does not take the name."""
        if len(idxs) == 1:
            return idxs[0]
        weight: dict[int, tuple[int, int, int]] = {}
        for s, _e, idx, subj in self._person_mentions:
            if s >= pos:
                break
            if idx in idxs:
                as_subject, mentions, _last = weight.get(idx, (0, 0, -1))
                weight[idx] = (as_subject + int(subj), mentions + 1, s)
        if not weight:
            return idxs[0]
        return max(weight, key=lambda i: weight[i])

    def _pronoun(self, word: str, pos: int) -> int | None:
        gender, kind = PRONOUNS[word]
        if kind == "person":
            return self._salient_person(pos, gender=gender)
        return self._salient_org(pos, None)

    def _salient_person(
        self, pos: int, gender: str | None = None, heads: set[str] | None = None
    ) -> int | None:
        here = self._sent(pos)
        scores: dict[int, float] = {}
        untitled_near: set[int] = set()  # people just named, with no role known in this document
        hi = bisect.bisect_left(self._person_starts, pos)
        for s, _e, idx, subj in reversed(self._person_mentions[:hi]):
            dist = here - self._sent(s)
            if heads is None and dist > MAX_PRONOUN_SENTENCES:
                break
            if dist <= 2:
                untitled_near.add(idx)
            if idx in scores:
                continue
            ent = self.entities[idx]
            if gender and ent.gender and ent.gender != gender:
                scores[idx] = float("-inf")
                untitled_near.discard(idx)
                continue
            if heads is not None:
                overlap = heads & self._heads[idx]
                if not overlap:
                    scores[idx] = float("-inf")
                    if self._heads[idx] and not roles_conflict(list(self._heads[idx]), list(heads)):
                        pass
                    elif self._heads[idx]:
                        untitled_near.discard(idx)
                    continue
                score = 3.0 * len(overlap) - 0.3 * dist
            else:
                score = -2.0 * dist + (1.0 if subj else 0.0) + (0.0 if ent.gender else -1.5)
            score += 0.1 * min(len(ent.mentions), 5) + s / max(pos, 1) * 0.5
            scores[idx] = score
        live = {i: sc for i, sc in scores.items() if sc != float("-inf")}
        if not live and heads is not None and heads & OFFICES:
            # "Horvel told reporters ... The minister said": the one person just named,
            # whose role this document never gave, nor one that contradicts the noun
            near = [
                i
                for i in untitled_near
                if not self._heads[i] or not roles_conflict(list(self._heads[i]), list(heads))
            ]
            return near[0] if len(near) == 1 else None
        return max(live, key=live.get) if live else None

    def _salient_org(self, pos: int, head: str | None) -> int | None:
        hi = bisect.bisect_left(self._org_starts, pos)
        here = self._sent(pos)
        for s, _e, idx in reversed(self._org_mentions[:hi]):
            if head is None and here - self._sent(s) > MAX_PRONOUN_SENTENCES - 1:
                return None
            if head is None or head in self._heads[idx]:
                return idx
        return None

    def _nominal(self, lowered: list[str], pos: int) -> int | None:
        words = [w for w in lowered if w not in DETERMINERS and w not in ("'s", "’s")]
        # drop a possessor before the head: "putin 's spokesman" -> "spokesman"
        if "'s" in lowered or "’s" in lowered:
            cut = max(i for i, w in enumerate(lowered) if w in ("'s", "’s"))
            words = [w for w in lowered[cut + 1 :] if w not in DETERMINERS]
        if not words or len(words) > 5:
            return None
        phrase = " ".join(words)
        heads = title_heads(phrase)
        if heads:
            return self._salient_person(pos, gender=gender_of_words(words), heads=heads)
        head = words[-1]
        if head in ANONYMOUS_NOUNS or (head in PERSON_NOUNS and lowered[0] in INDEFINITE):
            # "another source said", "a senior official said": someone the report does not name,
            # never the person named last ("the source added" is that unnamed source again)
            return None
        if head in PERSON_NOUNS:
            return self._salient_person(pos, gender=PERSON_NOUNS[head])
        singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
        return self._salient_org(pos, singular)


_WORD = re.compile(r"\w+")
_SPEAKS_FOR = re.compile(
    r"(?i)(?:spokes\w*|representative|press (?:service|office|secretary)|statement|"
    r"officials?|sources?)\s+(?:for|of|from|at)\s+(?:the\s+)?$"
)
_PREPOSITION = re.compile(
    r"(?i)(?<!\w)(?:in|at|from|near|of|to|with|for|inside|outside|among|around|about|against|"
    r"behind|by|close|via|в|во|на|из|у|от|к|с|со|при|около|возле|близкий|близких)(?!\w)"
)


def _words(text: str) -> list[str]:
    out = []
    for raw in text.replace("’", "'").split():
        w = raw.strip('.,;:!?"“”()[]')
        if w.lower().endswith("'s") and len(w) > 2:
            out += [w[:-2], "'s"]
        elif w:
            out.append(w)
    return out


def document_entity_id(used: Counter, label: str, name: str) -> str:
    """The entity's id in its document: ``entity_id``, numbered from the second entity of a
    document that has the same one ("person:ana-lind-2"); ``used`` counts the ids so far."""
    eid = entity_id(label, name)
    used[eid] += 1
    return f"{eid}-{used[eid]}" if used[eid] > 1 else eid


def extract_entities(sdoc, document=None, gaz: Gazetteer | None = None) -> DocEntities:
    """The entities of a parsed English document, with the lookup from spans to actors."""
    gaz = gaz or load_gazetteer()
    cands = find_candidates(sdoc, gaz, getattr(document, "outlet", None))
    clusters = cluster_candidates(sdoc, cands, gaz)
    text = doc_text(sdoc)
    result = DocEntities(_text=text)
    used_ids: Counter = Counter()
    for cl in clusters:
        name = canonical_name(cl)
        eid = document_entity_id(used_ids, cl.label, name)
        gender = None
        if cl.label == "person":
            gender = cluster_gender(cl)
            if gender is None and cl.pronoun_votes:
                gender = cl.pronoun_votes.most_common(1)[0][0]
        mentions = [
            Mention(c.start, c.end, text[c.start : c.end], cl.label, eid, id(c) in cl.misspelled)
            for c in cl.cands
        ]
        result.entities.append(
            Entity(
                eid,
                name,
                cl.label,
                unique(c.text for c in cl.cands),
                cl.roles,
                cl.descriptions,
                mentions,
                gender,
                role_records(cl),
            )
        )
    _index(result, sdoc, clusters)
    return result


def _index(result: DocEntities, sdoc, clusters: list[Cluster]) -> None:
    """Precompute what actor_for needs: it is called for every source span."""
    result._sent_starts = [s.start_char for s in sdoc.sents] or [0]
    spans = []
    for idx, (ent, cl) in enumerate(zip(result.entities, clusters, strict=True)):
        result.index_mentions(idx, ent, {c.start: c.subject for c in cl.cands}, spans)
        heads = (
            cl.role_heads()
            if ent.type == "person"
            else set(org_words(ent.name)) | {w for a in ent.aliases for w in org_words(a)}
        )
        result._heads.append(heads)
        if ent.type == "person":
            for alias in {*ent.aliases, ent.name}:
                _first, last = person_parts(alias)
                for key in {name_key(alias), name_key(last)}:
                    result.add_alias(key, idx)
    result.index_spans(spans)
