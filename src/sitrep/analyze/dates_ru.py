"""Dates in plain text without a parse (Russian first), normalized like the English ones.

"27 февраля" -> that year's 27 February (year inferred from the publication
date), "в марте" -> month, "в 2019 году" -> year, "во вторник", "вчера",
"на прошлой неделе", "два дня назад", and "на следующий день" / "накануне" /
"через два дня" from the last date mentioned. Day-month strings are read by
dateparser (which knows the Russian case forms); resolution is ``date_resolve``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitrep.analyze import number_words
from sitrep.analyze.date_resolve import DAY, MONTH, WEEK, YEAR, DateExpr
from sitrep.analyze.dates import (
    ago_exprs,
    find_en,
    later_exprs,
    relative_exprs,
    resolve_all,
    select,
)
from sitrep.records import DateRef

MONTH_RU = (
    r"(?P<m>январ[ьяюеё]|феврал[ьяюеё]|март[аеу]?|апрел[ьяюеё]|ма[йяюе]|июн[ьяюеё]"
    r"|июл[ьяюеё]|август[аеу]?|сентябр[ьяюеё]|октябр[ьяюеё]|ноябр[ьяюеё]|декабр[ьяюеё])"
    r"(?![\w])"
)
MONTH_STEMS = {
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "окт": 10,
    "ноя": 11,
    "дек": 12,
}
WEEKDAY_STEMS = {"пон": 0, "вто": 1, "сре": 2, "чет": 3, "пят": 4, "суб": 5, "вос": 6}
YEAR_WORD = r"(?:\s*(?:года|году|год|г\.|г(?![\w])))"
NUM_RU = r"(?P<n>\d{1,3}|[А-Яа-яЁё]+)"
UNIT_RU = r"(?P<u>дн(?:я|ей|ям)|день|сутки|суток|недел[юиь]|недель|месяц(?:а|ев)?|год(?:а)?|лет)"
B = r"(?<![\w])"
E = r"(?![\w])"

DAY_MONTH = re.compile(
    rf"{B}(?P<d>[0-3]?\d)(?:-?(?:го|е|ого))?\s+{MONTH_RU}(?:\s+(?P<y>\d{{4}}){YEAR_WORD}?)?", re.I
)
MONTH_YEAR = re.compile(
    rf"{B}(?P<prep>в|во|с|до|к|по|начале|конце|середине|течение)?\s*"
    rf"(?:(?P<rel>прошл\w+|следующ\w+|будущ\w+|эт(?:ом|ого|от))\s+)?{MONTH_RU}"
    rf"(?:\s+(?P<y>\d{{4}}){YEAR_WORD}?)?",
    re.I,
)
YEAR_RE = re.compile(rf"{B}(?P<y>(?:1[89]|20)\d\d){YEAR_WORD}", re.I)
DOTTED = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d.]\d)")
ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
WEEKDAY = re.compile(
    rf"{B}(?:(?P<rel>прошл\w+|следующ\w+|будущ\w+|эт(?:от|у))\s+)?"
    rf"(?P<wd>понедельник|вторник|сред[уае]|четверг|пятниц[уае]|суббот[уае]|воскресень[ея]){E}",
    re.I,
)
NAMED_DAY = re.compile(rf"{B}(?P<w>позавчера|вчера|сегодня|завтра|послезавтра){E}", re.I)
NAMED_DAYS = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}
REL_PERIOD = re.compile(
    rf"{B}(?:на|в)\s+(?P<rel>прошлой|этой|следующей|будущей|текущей|прошлом|этом|следующем|"
    rf"будущем|текущем)\s+(?P<u>неделе|месяце|году){E}",
    re.I,
)
AGO = re.compile(rf"{B}(?:{NUM_RU}\s+)?{UNIT_RU}\s+назад{E}", re.I)
FOLLOWING = re.compile(
    rf"{B}(?:(?P<next>на\s+(?:следующий|другой)\s+день|(?:на\s+)?следующим\s+утром|"
    rf"днём\s+позже|днем\s+позже)|(?P<same>в\s+тот\s+же\s+день|в\s+тот\s+день)"
    rf"|(?P<prev>накануне|днём\s+ранее|днем\s+ранее|днём\s+раньше|днем\s+раньше)){E}",
    re.I,
)
LATER = re.compile(rf"{B}(?:через|спустя)\s+(?:{NUM_RU}\s+)?{UNIT_RU}{E}", re.I)
LATER_AFTER = re.compile(rf"{B}(?:{NUM_RU}\s+)?{UNIT_RU}\s+спустя{E}", re.I)


def _month(word: str) -> int | None:
    word = word.lower()
    for stem, month in MONTH_STEMS.items():
        if word.startswith(stem):
            return month
    return None


def _unit(word: str) -> str:
    word = word.lower()
    if word.startswith(("д", "сут")):
        return DAY
    if word.startswith("нед"):
        return WEEK
    if word.startswith("мес"):
        return MONTH
    return YEAR


def _count(word: str | None) -> int | None:
    if not word:
        return 1
    if word.isdigit():
        return int(word)
    value = number_words.words_value(word, "ru")
    return int(value) if value is not None else None


def _direction(rel: str | None) -> str:
    rel = (rel or "").lower()
    if rel.startswith("прошл"):
        return "last"
    if rel.startswith(("следующ", "будущ")):
        return "next"
    if rel.startswith("эт"):
        return "this"
    return "past"


def find_ru(text: str) -> Iterator[tuple[int, int, DateExpr]]:
    """Every date expression the Russian patterns recognize, possibly overlapping."""
    for m in DAY_MONTH.finditer(text):
        if 1 <= int(m.group("d")) <= 31:
            clean = f"{int(m.group('d'))} {m.group('m')} {m.group('y') or ''}".strip()
            yield m.start(), m.end(), DateExpr("parse", DAY, text=clean, lang="ru")
    for m in MONTH_YEAR.finditer(text):
        if not (m.group("prep") or m.group("rel") or m.group("y")):
            continue
        start = m.start("rel") if m.group("rel") else m.start("m")
        year = int(m.group("y")) if m.group("y") else None
        direction = _direction(m.group("rel"))
        yield (
            start,
            m.end(),
            DateExpr(
                "absolute",
                MONTH,
                year,
                _month(m.group("m")),
                direction="this" if direction == "this" else direction,
            ),
        )
    for m in YEAR_RE.finditer(text):
        yield m.start(), m.end(), DateExpr("absolute", YEAR, int(m.group("y")))
    for pattern in (DOTTED, ISO):
        for m in pattern.finditer(text):
            year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                yield m.start(), m.end(), DateExpr("absolute", DAY, year, month, day)
    for m in WEEKDAY.finditer(text):
        wd = WEEKDAY_STEMS[m.group("wd").lower()[:3]]
        direction = _direction(m.group("rel"))
        yield (
            m.start(),
            m.end(),
            DateExpr(
                "weekday", DAY, weekday=wd, direction="past" if direction == "this" else direction
            ),
        )
    yield from relative_exprs(
        NAMED_DAY.finditer(text),
        "from_pub",
        lambda m: NAMED_DAYS[m.group("w").lower()],
    )
    yield from relative_exprs(
        REL_PERIOD.finditer(text),
        "from_pub",
        lambda m: {"last": -1, "next": 1}.get(_direction(m.group("rel")), 0),
        lambda m: _unit(m.group("u")),
    )
    yield from ago_exprs(AGO.finditer(text), _count, _unit)
    yield from relative_exprs(
        FOLLOWING.finditer(text),
        "from_prev",
        lambda m: 1 if m.group("next") else -1 if m.group("prev") else 0,
    )
    yield from later_exprs((*LATER.finditer(text), *LATER_AFTER.finditer(text)), _count, _unit)


def extract_dates_text(text: str, published: str | None, lang: str = "ru") -> list[DateRef]:
    """Dates in plain ``text`` (no parse needed), resolved against ``published``."""
    candidates = list(find_ru(text) if lang == "ru" else find_en(text))
    return resolve_all(text, select(candidates), published)
