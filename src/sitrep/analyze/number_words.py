"""Spelled-out numbers and vague quantities ("three", "шести тысяч", "hundreds of thousands").

Exact spelled-out numbers are parsed by ``number_parser`` (English and Russian,
including Russian case forms); what it does not cover ("a dozen", "half a
million", "полтора", the vague plurals) is handled here.

Vague quantities follow one convention: the value is a *lower bound* and the
figure is approximate. "dozens" -> 12, "scores of" -> 20, "hundreds" -> 100,
"thousands" -> 1,000, "tens of thousands" -> 10,000, "hundreds of thousands" ->
100,000, "millions" -> 1,000,000; "a couple of" / "a few" multiply by 2 and
"several" / "несколько" by 3 ("several hundred" -> 300).
"""

from __future__ import annotations

import re
from functools import lru_cache

from number_parser import parse_number

EN_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion trillion dozen"
).split()
EN_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}

# Lower-bound values of the vague plurals (see the module docstring).
EN_VAGUE = {
    "dozens": 12,
    "scores": 20,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
}
FEW = {"a few": 2, "a couple": 2, "a couple of": 2, "several": 3, "несколько": 3}

RU_VAGUE_STEMS = (
    (re.compile(r"десятк(?:и|ов|ам|ами|ах)$"), 10),
    (re.compile(r"(?:сотни|сотен|сотням|сотнями|сотнях)$"), 100),
    (re.compile(r"тысяч(?:и|ам|ами|ах)?$"), 1_000),
    (re.compile(r"миллион(?:ы|ов|ам|ами|ах)$"), 1_000_000),
    (re.compile(r"миллиард(?:ы|ов|ам|ами|ах)$"), 1_000_000_000),
)
RU_HALF = re.compile(r"(?:полтор[аы]|полутор(?:а|ы|ам|ами|ах)?)$")
RU_SCALE_STEMS = (
    (re.compile(r"(?:сотн|сот|ст)"), 100),
    (re.compile(r"тыс"), 1_000),
    (re.compile(r"(?:млн|миллион)"), 1_000_000),
    (re.compile(r"(?:млрд|миллиард)"), 1_000_000_000),
    (re.compile(r"(?:трлн|триллион)"), 1_000_000_000_000),
)


def normalize_words(text: str) -> str:
    return re.sub(r"[\s\-\u2010-\u2014]+", " ", text.strip().lower())


@lru_cache(maxsize=20_000)
def words_value(text: str, lang: str = "en") -> float | None:
    """Value of a spelled-out number ("twenty-five", "a dozen", "шести тысяч"), else None."""
    words = normalize_words(text).split()
    if not words:
        return None
    if lang == "ru":
        if RU_HALF.match(words[0]):
            scale = ru_scale(words[1]) if len(words) > 1 else None
            return 1.5 * scale if scale else 1.5
        value = parse_number(" ".join(words), language="ru")
        return float(value) if value is not None else None
    if words[0] == "half" and len(words) >= 3 and words[1] == "a":
        scale = EN_SCALES.get(words[2])
        return scale / 2 if scale else None
    if words[0] in ("a", "an", "one"):
        words = words[1:] if words[0] != "one" or len(words) > 1 else words
        if not words:
            return None
        if words[0] == "half" and len(words) > 1:  # "a half million"
            scale = EN_SCALES.get(words[1])
            return scale / 2 if scale else None
        if words[0] in EN_SCALES and len(words) == 1:
            return float(EN_SCALES[words[0]])
    if words[-1] == "dozen":
        head = words_value(" ".join(words[:-1])) if len(words) > 1 else 1.0
        return 12 * head if head else None
    value = parse_number(" ".join(words), language="en")
    return float(value) if value is not None else None


@lru_cache(maxsize=20_000)
def is_number_word(word: str, lang: str = "ru") -> bool:
    """Whether one word is (a case form of) a number word."""
    word = word.lower()
    if lang == "ru":
        if RU_HALF.match(word):
            return True
        if not word.isalpha() or len(word) < 2:
            return False
        return parse_number(word, language="ru") is not None
    return word in EN_SCALES or word in EN_WORDS


def ru_scale(word: str) -> float | None:
    """Multiplier of a Russian scale word or abbreviation ("тыс.", "млн", "миллиона")."""
    word = word.lower().rstrip(".")
    for pattern, scale in RU_SCALE_STEMS[1:]:
        if pattern.match(word):
            return float(scale)
    return None


def ru_vague(word: str) -> float | None:
    """Lower bound of a Russian vague plural ("сотни", "тысячи", "десятков"), else None."""
    word = word.lower()
    for pattern, value in RU_VAGUE_STEMS:
        if pattern.match(word):
            return float(value)
    return None
