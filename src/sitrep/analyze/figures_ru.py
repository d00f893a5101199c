"""Figures in plain text without a dependency parse (Russian first).

The Russian pipeline has no spaCy doc, so what a number counts and the event
come from word order and morphology (pymorphy3): the counted noun is the noun
phrase right after the number, in the genitive after most numbers ("около 6
тысяч задержанных" -> 6000, approximate, counted "задержанных"); the event is
the nearest verb or short participle in the same clause ("были задержаны").
pymorphy3 is optional: without it the counted word is the next word and the
event is left empty.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep.analyze.quantities import Quantity, find_quantities
from sitrep.records import Figure

WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*|[.!?;:()«»\"]|\d+")
CLAUSE_END = {".", "!", "?", ";", ":", "(", ")", "«", "»", '"'}
RU_TIME_UNITS = {
    "секунда",
    "минута",
    "час",
    "день",
    "сутки",
    "неделя",
    "месяц",
    "год",
    "лето",
    "десятилетие",
    "век",
    "столетие",
    "квартал",
    "полгода",
    "ночь",
    "утро",
    "вечер",
}
RU_MONTHS = {
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
}
RU_ID_WORDS = {
    "статья",
    "пункт",
    "часть",
    "номер",
    "рейс",
    "глава",
    "страница",
    "бригада",
    "дивизия",
    "полк",
    "корпус",
    "батальон",
    "армия",
    "резолюция",
    "№",
    "n",
    "no",
}
REPORTING = {
    "сообщить",
    "сообщать",
    "заявить",
    "заявлять",
    "сказать",
    "говорить",
    "отметить",
    "рассказать",
    "уточнить",
    "передавать",
    "передать",
    "написать",
    "считать",
    "подчеркнуть",
    "пояснить",
    "добавить",
    "быть",
    "являться",
    "стать",
    "составить",
    "составлять",
    "said",
    "reported",
}
CURRENCY_NOUNS = {"рубль", "доллар", "евро", "гривна", "юань", "фунт"}


@lru_cache(maxsize=1)
def _morph():
    try:
        import pymorphy3
    except ImportError:  # pragma: no cover - optional dependency
        return None
    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=50_000)
def _parse(word: str) -> tuple[str | None, str, frozenset]:
    """(part of speech, lemma, grammemes) of one word, or (None, word, {}) without pymorphy3."""
    morph = _morph()
    if morph is None or not re.match(r"[А-Яа-яЁё]", word):
        return None, word.lower(), frozenset()
    p = morph.parse(word)[0]
    return p.tag.POS, p.normal_form, frozenset(p.tag.grammemes)


def extract_figures_text(text: str, lang: str = "ru") -> list[Figure]:
    """Figures in plain ``text`` (no parse needed): value, markers, unit, counted, event."""
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    figures: list[Figure] = []
    for q in find_quantities(text, lang):
        before = [w for w in words if w[1] <= q.start]
        after = [w for w in words if w[0] >= q.end]
        if _not_a_count(q, before, after):
            continue
        counted, counted_words = _counted(q, after)
        if counted_words and _parse(counted_words[-1][2])[1] in RU_TIME_UNITS and q.unit is None:
            continue  # a duration ("три дня"), a date matter
        event = _event(before, after[len(counted_words) :])
        figures.append(
            Figure(
                q.start,
                q.end,
                text[q.start : q.end],
                q.value,
                approximate=q.approximate,
                counted=counted,
                event=event,
                low=q.low,
                high=q.high,
                unit=q.unit,
            )
        )
    return figures


def _not_a_count(q: Quantity, before, after) -> bool:
    nxt = after[0][2] if after else ""
    pos, lemma, _ = _parse(nxt) if nxt else (None, "", frozenset())
    if lemma in RU_MONTHS or nxt.lower() in ("числа", "число"):
        return True  # "27 февраля" is a date
    if q.plain_int and not q.is_range and q.unit is None and 1000 <= q.value <= 2100:
        counts = pos == "NOUN" and lemma not in RU_TIME_UNITS and nxt[:1].islower()
        return not counts  # "в 2019 году", "2019" alone: a year
    if before and q.unit is None and not q.approximate:
        prev = before[-1][2]
        if prev in ("№", "N") or _parse(prev)[1] in RU_ID_WORDS:
            return True  # "статья 275", "рейс 17"
    return q.spelled and q.value == 1 and not q.approximate and not q.is_range


def _counted(q: Quantity, after) -> tuple[str | None, list]:
    """The noun phrase right after the number: adjectives/participles up to the first noun."""
    if q.unit not in (None, "percent", "percentage point"):
        return None, []
    taken = []
    for start, end, word in after[:4]:
        pos, lemma, grams = _parse(word)
        if pos is None:
            if _morph() is None and word.isalpha() and not taken:
                taken.append((start, end, word))
            break
        if pos == "NOUN" and lemma not in CURRENCY_NOUNS:
            taken.append((start, end, word))
            break
        if pos in ("ADJF", "PRTF") and "gent" in grams | ({"gent"} if "nomn" in grams else set()):
            taken.append((start, end, word))
            continue
        break
    if not taken:
        return None, []
    return " ".join(w for _, _, w in taken), taken


def _event(before, after) -> str | None:
    """The nearest verb, short participle or gerund in the same clause, not a reporting verb."""
    candidates = []
    for distance, (_, _, word) in enumerate(after[:8]):
        if word in CLAUSE_END:
            break
        candidates.append((distance, 0, word))
    for distance, (_, _, word) in enumerate(reversed(before[-8:])):
        if word in CLAUSE_END:
            break
        candidates.append((distance, 1, word))
    for _, _, word in sorted(candidates):
        pos, lemma, _ = _parse(word)
        if pos in ("VERB", "PRTS", "INFN", "GRND") and lemma not in REPORTING:
            return word
    return None
