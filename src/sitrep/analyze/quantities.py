"""Find quantity expressions in raw text: the number, its markers and its unit.

This is the language-level half of figure extraction: it works on characters
only, so English (with a spaCy parse on top, see ``figures``) and Russian plain
text (``figures_ru``) share it. A quantity is one number or one range with
what surrounds it: an approximate marker ("close to", "около"), a currency
("$", "rubles"), a scale ("1.2 million", "6 тыс."), a percent sign.

Ranges ("between 200 and 300", "от 200 до 300", "200-300") keep ``low`` and
``high``; their ``value`` is the low end, so that a range and a vague plural
("hundreds") both report a lower bound. Bound markers also set one side:
"at least 50" -> low 50, "up to 300" -> high 300.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.analyze import number_words as nw
from sitrep.analyze.patterns import starting_with


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    num_start: int  # the characters of the number itself (first number of a range)
    num_end: int
    value: float
    approximate: bool = False
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    vague: bool = False  # "hundreds", "dozens": a lower bound
    spelled: bool = False  # written in words
    plain_int: bool = False  # bare digits, no separator/decimal/scale/unit (could be a year)
    is_range: bool = False
    marker: str | None = None
    scale: float | None = None  # the multiplier written after the digits ("million")


@dataclass(frozen=True, slots=True)
class Lexicon:
    digits: re.Pattern
    scale: re.Pattern  # right after the digits
    scales: dict[str, float]
    words: re.Pattern | None  # spelled-out numbers (English); Russian uses a word scan
    vague: re.Pattern
    currency_prefix: re.Pattern
    currency_suffix: re.Pattern
    currencies: dict[str, str]
    percent: re.Pattern
    approx_prefix: re.Pattern
    approx_suffix: re.Pattern
    bounds: dict[str, str]  # marker -> "low" | "high"
    range_infix: re.Pattern
    range_open: dict[str, str]  # opener word ("between") -> the infix it needs ("and")
    decimal_comma: bool


def _alts(words) -> str:
    return "|".join(sorted((w.replace(" ", r"\s+") for w in words), key=len, reverse=True))


EN_APPROX = {
    "about": None,
    "around": None,
    "roughly": None,
    "approximately": None,
    "approx.": None,
    "nearly": None,
    "almost": None,
    "close to": None,
    "some": None,
    "an estimated": None,
    "estimated": None,
    "circa": None,
    "more or less": None,
    "an approximate": None,
    "more than": "low",
    "over": "low",
    "at least": "low",
    "upwards of": "low",
    "upward of": "low",
    "in excess of": "low",
    "no fewer than": "low",
    "no less than": "low",
    "well over": "low",
    "just over": "low",
    "a minimum of": "low",
    "a further": None,
    "up to": "high",
    "as many as": "high",
    "at most": "high",
    "fewer than": "high",
    "less than": "high",
    "under": "high",
    "just under": "high",
    "no more than": "high",
    "a maximum of": "high",
    "as few as": "low",
    "just": None,
}
EN_CURRENCIES = {
    "us$": "USD",
    "$": "USD",
    "c$": "CAD",
    "a$": "AUD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₴": "UAH",
    "us dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "british pounds": "GBP",
    "rubles": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rouble": "RUB",
    "yuan": "CNY",
    "yen": "JPY",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "rub": "RUB",
    "uah": "UAH",
    "cny": "CNY",
    "jpy": "JPY",
    "cad": "CAD",
    "aud": "AUD",
    "chf": "CHF",
    "swiss francs": "CHF",
}
_EN_SUFFIX_CUR = [k for k in EN_CURRENCIES if k[0].isalpha() and not k.endswith("$")]
_EN_VAGUE = r"tens|hundreds|thousands|millions|billions|dozens|scores"
EN_WORD_FIRST = "".join(
    sorted({w[0] for w in nw.EN_WORDS} | {"a", "h"})
)  # "a hundred", "half a million"

EN = Lexicon(
    digits=starting_with(
        r"\d",
        r"(?<![\w.,:/])(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\.?\d|,\d{3}|[:/]\d)",
    ),
    scale=re.compile(
        r"(?:\s*(?P<w>hundred|thousand|million|billion|trillion)|(?P<a>bn|mn|tn|m|b|k))\b", re.I
    ),
    scales={
        "hundred": 100,
        "thousand": 1e3,
        "million": 1e6,
        "billion": 1e9,
        "trillion": 1e12,
        "bn": 1e9,
        "mn": 1e6,
        "tn": 1e12,
        "m": 1e6,
        "b": 1e9,
        "k": 1e3,
    },
    words=starting_with(
        EN_WORD_FIRST,
        r"\b(?:(?:half\s+)?an?\s+(?:half\s+)?(?=(?:hundred|thousand|million|billion|dozen)\b))?"
        rf"(?:{'|'.join(nw.EN_WORDS)})(?:(?:[\s\-]+|\s+and\s+)(?:{'|'.join(nw.EN_WORDS)}))*\b",
        re.I,
    ),
    vague=starting_with(
        "asthmbd",
        r"\b(?:(?P<few>a\s+few|several|a\s+couple(?:\s+of)?)\s+(?P<fs>dozen|hundred|thousand|million|billion)"
        rf"|(?P<v>{_EN_VAGUE})(?P<of>(?:\s+of\s+(?:thousands|millions|billions))*))\b",
        re.I,
    ),
    currency_prefix=re.compile(r"(?:US\$|C\$|A\$|\$|€|£|¥|₽|₴)\s?$"),
    currency_suffix=re.compile(rf"^\s*(?:of\s+)?(?P<c>{_alts(_EN_SUFFIX_CUR)})\b", re.I),
    currencies=EN_CURRENCIES,
    percent=re.compile(r"^\s*(?:%|percent\b|per\s?cent\b|(?P<pp>percentage\s+points?)\b)", re.I),
    approx_prefix=re.compile(rf"(?<![\w-])(?P<m>{_alts(EN_APPROX)})\s+$", re.I),
    approx_suffix=re.compile(r"(?:\+|\s*(?:or\s+so|or\s+more|and\s+counting|-plus)\b)", re.I),
    bounds={k: v for k, v in EN_APPROX.items() if v},
    range_infix=re.compile(r"^\s*(?:to|-|–|—|or|and)\s*$", re.I),
    range_open={"between": "and", "from": "to"},
    decimal_comma=False,
)

RU_APPROX = {
    "около": None,
    "примерно": None,
    "приблизительно": None,
    "порядка": None,
    "почти": None,
    "почти что": None,
    "ориентировочно": None,
    "по оценкам": None,
    "свыше": "low",
    "более": "low",
    "больше": "low",
    "более чем": "low",
    "не менее": "low",
    "не меньше": "low",
    "как минимум": "low",
    "по меньшей мере": "low",
    "по крайней мере": "low",
    "минимум": "low",
    "до": "high",
    "не более": "high",
    "не больше": "high",
    "менее": "high",
    "меньше": "high",
    "максимум": "high",
    "не более чем": "high",
    "чуть более": "low",
    "чуть больше": "low",
    "чуть менее": "high",
    "порядка около": None,
}
RU_CURRENCIES = {
    "руб.": "RUB",
    "руб": "RUB",
    "рублей": "RUB",
    "рубля": "RUB",
    "рубль": "RUB",
    "рублях": "RUB",
    "₽": "RUB",
    "долл.": "USD",
    "долларов": "USD",
    "доллара": "USD",
    "доллар": "USD",
    "$": "USD",
    "евро": "EUR",
    "€": "EUR",
    "гривен": "UAH",
    "гривны": "UAH",
    "гривна": "UAH",
    "юаней": "CNY",
    "юаня": "CNY",
    "фунтов стерлингов": "GBP",
    "£": "GBP",
}
RU = Lexicon(
    digits=re.compile(
        r"(?<![\w.,:/])(?<![А-Яа-яЁёA-Za-z]-)(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)"
        r"|\d+)(?:,\d+)?(?!\.?\d|[:/]\d)"
    ),
    scale=re.compile(
        r"\s*(?P<w>тыс(?:яч[аиуеью]?(?:ами|ах|ам)?|\.)?|млн\.?|млрд\.?|трлн\.?"
        r"|миллион\w*|миллиард\w*|триллион\w*|сот(?:ни|ен)|сотня)(?![\w])",
        re.I,
    ),
    scales={},
    words=None,
    vague=re.compile(
        r"(?<![\w])(?:(?P<few>несколько|нескольких|нескольким|несколькими)\s+"
        r"(?P<fs>десятк\w*|сот(?:ен|ни|ням|нями)|тысяч\w*|миллион\w*|миллиард\w*)"
        r"|(?P<v>десятк(?:и|ов|ам|ами|ах)|сотни|сотен|сотням|сотнями|сотнях|тысячи|тысячам|"
        r"тысячами|тысячах|миллионы|миллионов|миллионам|миллионами|миллиарды|миллиардов)"
        r"(?P<of>(?:\s+(?:тысяч|миллионов|миллиардов))*))(?![\w])",
        re.I,
    ),
    currency_prefix=re.compile(r"(?:\$|€|£|₽)\s?$"),
    currency_suffix=re.compile(rf"^\s*(?P<c>{_alts(RU_CURRENCIES)})(?![\w])", re.I),
    currencies=RU_CURRENCIES,
    percent=re.compile(r"^\s*(?:%|процент\w*|(?P<pp>процентн\w+\s+пункт\w*|п\.\s?п\.))", re.I),
    approx_prefix=re.compile(rf"(?<![\w-])(?P<m>{_alts(RU_APPROX)})\s+$", re.I),
    approx_suffix=re.compile(r"(?:\+|\s*(?:с\s+лишним|с\s+небольшим|с\s+гаком)(?![\w]))", re.I),
    bounds={k: v for k, v in RU_APPROX.items() if v} | {"с лишним": "low", "с небольшим": "low"},
    range_infix=re.compile(r"^\s*(?:до|-|–|—|или)\s*$", re.I),
    range_open={"от": "до"},
    decimal_comma=True,
)
LEXICONS = {"en": EN, "ru": RU}

PHONE = starting_with(
    r"+(\d",
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)\d{2,4}[\s.-]\d{2,4}(?:[\s.-]\d{2,4})?"
    r"|\+\d{1,3}(?:[\s.-]\d{2,5}){2,4}"
    r"|\b\d{3}[.-]\d{3}[.-]\d{4}\b",
)
CHANGE = re.compile(
    r"\b(?:rose|risen|fell|fallen|increased|decreased|grew|grown|jumped|dropped|climbed|went|"
    r"up|down|rising|falling|increasing|decreasing|вырос\w*|снизил\w*|увеличил\w*|сократил\w*)"
    r"\s+(?:from|с)\s+$",
    re.I,
)
ISO_DATE = starting_with(r"\d", r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
LIST_MARKER = re.compile(r"(?m)^[ \t]*(\d{1,3})[.)](?=\s)")
ID_BEFORE = starting_with("Nn#№", r"(?:\b[Nn]o\.|\b[Nn]os\.|#|№|\bnumber)\s*(?=\d)")
LINKISH = re.compile(r"[/@]|www\.|https?:|\.(?:com|org|net|ru)\b", re.I)
# the runs \S+ finds, only those holding a digit, without a Python step per word
WORD_WITH_DIGIT = re.compile(r"(?<!\S)(?=\S*\d)\S+")
RU_WORD = re.compile(r"[А-Яа-яЁё]+")


def lexicon(lang: str) -> Lexicon:
    return LEXICONS.get(lang, EN)


def _digits_value(text: str, lex: Lexicon) -> float:
    text = re.sub(r"[ \u00a0\u202f]", "", text)
    text = text.replace(",", ".") if lex.decimal_comma else text.replace(",", "")
    return float(text)


def _cores(text: str, lex: Lexicon, lang: str) -> list[Quantity]:
    """Every bare number: digits (with scale), spelled-out numbers, vague plurals."""
    found: list[Quantity] = []
    taken = [False] * (len(text) + 1)

    def add(q: Quantity) -> None:
        if any(taken[q.start : q.end]):
            return
        for i in range(q.start, q.end):
            taken[i] = True
        found.append(q)

    for m in lex.vague.finditer(text):
        after = text[m.end() : m.end() + 6].lower()
        if m.group("v"):
            word = m.group("v").lower()
            before = re.search(r"(\w+)[\s,]*$", text[max(0, m.start() - 20) : m.start()])
            if before and (
                before.group(1)[-1].isdigit() or nw.is_number_word(before.group(1), lang)
            ):
                continue  # "3,5 тысячи", "две тысячи": a scale, not a vague plural
            if word in ("scores", "tens") and not re.match(r"\s+of\b", after):
                continue
            base = nw.EN_VAGUE.get(word) or nw.ru_vague(word)
            for extra in re.findall(r"\w+", (m.group("of") or "").lower()):
                if extra not in ("of",):
                    base *= nw.EN_VAGUE.get(extra) or nw.ru_vague(extra) or 1
        else:
            few = re.sub(r"\s+", " ", m.group("few").lower())
            scale_word = m.group("fs").lower()
            scale = (
                nw.EN_SCALES.get(scale_word)
                or nw.ru_scale(scale_word)
                or (
                    100
                    if scale_word.startswith("сот")
                    else 10
                    if scale_word.startswith("десят")
                    else None
                )
            )
            base = nw.FEW.get(few, 3) * (scale or 1)
        if base:
            add(
                Quantity(
                    m.start(),
                    m.end(),
                    m.start(),
                    m.end(),
                    float(base),
                    True,
                    vague=True,
                    spelled=True,
                )
            )

    for m in lex.digits.finditer(text):
        start, end = m.start(), m.end()
        value = _digits_value(m.group(), lex)
        plain = re.fullmatch(r"\d+", m.group()) is not None
        sm = lex.scale.match(text, end)
        if sm:
            word = sm.group(0).strip().lower()
            scale = (
                lex.scales.get(word)
                if lang != "ru"
                else (nw.ru_scale(word) or (100 if word.startswith("сот") else None))
            )
            if scale and (sm.group("w") or _currency_before(text, start, lex)):
                value *= scale
                end = sm.end()
                plain = False
                found_scale = scale
            else:
                found_scale = None
        else:
            found_scale = None
        if re.match(r"-?[A-Za-zА-Яа-яЁё]", text[end : end + 2]) and not text[end : end + 1] == " ":
            continue  # 1st, 5-year, 3D, 5,000-strong: not a bare count
        add(Quantity(start, end, start, end, value, plain_int=plain, scale=found_scale))

    if lex.words is not None:
        for m in lex.words.finditer(text):
            span = _trim_and(m.group())
            start, end = m.start(), m.start() + len(span)
            if re.match(r"-[A-Za-z]", text[end : end + 2]):
                continue  # "five-year", "two-thirds"
            value = nw.words_value(span, "en")
            if value is not None:
                add(Quantity(start, end, start, end, value, spelled=True))
    else:
        _ru_word_numbers(text, add)
    found.sort(key=lambda q: q.start)
    return found


def _trim_and(span: str) -> str:
    """Cut a word run at an "and" that does not follow a scale ("two and three" -> "two")."""
    parts = re.split(r"(\s+and\s+)", span, flags=re.I)
    out = parts[0]
    for i in range(1, len(parts), 2):
        last = re.findall(r"\w+", out)[-1].lower()
        if last not in ("hundred", "thousand", "million", "billion", "trillion"):
            break
        out += parts[i] + parts[i + 1]
    return out


def _ru_word_numbers(text: str, add) -> None:
    """Runs of Russian number words ("шести тысяч", "двадцать пять"), optionally after digits."""
    words = list(RU_WORD.finditer(text))
    i = 0
    while i < len(words):
        if not nw.is_number_word(words[i].group(), "ru"):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(words)
            and nw.is_number_word(words[j + 1].group(), "ru")
            and text[words[j].end() : words[j + 1].start()].strip() == ""
        ):
            j += 1
        start, end = words[i].start(), words[j].end()
        value = nw.words_value(text[start:end], "ru")
        if value is not None:
            add(Quantity(start, end, start, end, value, spelled=True))
        i = j + 1


def _currency_before(text: str, start: int, lex: Lexicon) -> str | None:
    m = lex.currency_prefix.search(text, max(0, start - 4), start)
    if m and m.end() == start:
        return lex.currencies.get(m.group().strip().lower())
    return None


def _attach_units(text: str, q: Quantity, lex: Lexicon) -> None:
    cur = _currency_before(text, q.start, lex)
    if cur:
        q.unit = cur
        q.start = lex.currency_prefix.search(text, max(0, q.start - 4), q.start).start()
        return
    tail = text[q.end : q.end + 40]
    m = lex.percent.match(tail)
    if m:
        q.unit = "percentage point" if m.group("pp") else "percent"
        q.end += m.end()
        return
    m = lex.currency_suffix.match(tail)
    if m and (not m.group(0).lstrip().lower().startswith("of") or q.vague):
        q.unit = lex.currencies.get(re.sub(r"\s+", " ", m.group("c").lower()))
        q.end += m.end()
    elif q.vague or q.spelled:
        m = re.match(r"^\s*(?:of\s+)?(?P<c>\$|€|£|₽)", tail)  # "5 млн $"
        if m and lex is RU:
            q.unit = lex.currencies.get(m.group("c"))
            q.end += m.end()


def _merge_ranges(text: str, qs: list[Quantity], lex: Lexicon) -> list[Quantity]:
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs):
            b = qs[i + 1]
            between = text[a.end : b.start]
            opener = re.search(r"(?<![\w])(\w+)\s+$", text[max(0, a.start - 12) : a.start])
            opener_word = opener.group(1).lower() if opener else None
            infix = between.strip().lower()
            ok = bool(lex.range_infix.match(between)) and not a.vague and not b.vague
            if ok and opener_word == "from" and CHANGE.search(text, max(0, a.start - 30), a.start):
                ok = False  # "rose from 50 to 300" is a change, not a range
            if ok and infix in ("and", "до", "to"):
                needed = lex.range_open.get(opener_word or "")
                ok = needed == infix or (infix == "to" and needed is None and opener_word != "from")
                if infix == "до" and needed != "до":
                    ok = False
            if between == "-" and not a.value < b.value:
                i += 2  # "3-1": a score or a code, not a range nor two counts
                continue
            if ok:
                low, high = a.value, b.value
                if a.unit is None and b.unit:
                    a.unit = b.unit
                if b.unit is None and a.unit:
                    b.unit = a.unit
                if b.scale and not a.scale and low < 1000 and low * b.scale < high:
                    low *= b.scale  # "between 20 and 30 million"
                if low < high and not (
                    a.plain_int and b.plain_int and _yearish(low) and _yearish(high)
                ):
                    start = a.start
                    if opener_word in lex.range_open and opener:
                        start = a.start - (
                            len(text[max(0, a.start - 12) : a.start]) - opener.start()
                        )
                    out.append(
                        Quantity(
                            start,
                            b.end,
                            a.num_start,
                            a.num_end,
                            low,
                            True,
                            low,
                            high,
                            a.unit or b.unit,
                            spelled=a.spelled and b.spelled,
                            is_range=True,
                        )
                    )
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _yearish(value: float) -> bool:
    return value.is_integer() and 1800 <= value <= 2100


def _attach_approx(text: str, q: Quantity, lex: Lexicon) -> None:
    m = lex.approx_prefix.search(text, max(0, q.start - 24), q.start)
    if m:
        marker = re.sub(r"\s+", " ", m.group("m").lower())
        q.start = m.start("m")
        q.approximate = True
        q.marker = marker
        bound = lex.bounds.get(marker)
        if marker == "just":  # "just 50" is exact, not approximate
            q.approximate = False
        if bound == "low" and q.low is None:
            q.low = q.value
        elif bound == "high" and q.high is None:
            q.high = q.value if not q.is_range else q.high
    m = lex.approx_suffix.match(text, q.end)
    if m:
        q.approximate = True
        suffix = re.sub(r"\s+", " ", m.group().strip().lower())
        q.marker = q.marker or suffix
        if suffix in ("+", "or more", "-plus", "and counting") or lex.bounds.get(suffix) == "low":
            q.low = q.value if q.low is None else q.low
        q.end = m.end()


def _excluded(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in PHONE.finditer(text)]
    spans += [(m.start(), m.end()) for m in ISO_DATE.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in LIST_MARKER.finditer(text)]
    spans += [(m.end(), m.end() + 1) for m in ID_BEFORE.finditer(text)]
    for m in WORD_WITH_DIGIT.finditer(text):  # a link or handle with a number in it
        if LINKISH.search(m.group()):
            spans.append((m.start(), m.end()))
    return spans


def find_quantities(text: str, lang: str = "en") -> list[Quantity]:
    """Every quantity expression in ``text``, in order, with character offsets."""
    lex = lexicon(lang)
    excluded = _excluded(text)
    qs = [q for q in _cores(text, lex, lang) if not any(s <= q.num_start < e for s, e in excluded)]
    for q in qs:
        _attach_units(text, q, lex)
    qs = _merge_ranges(text, qs, lex)
    for q in qs:
        _attach_approx(text, q, lex)
    # markers or units may have grown two neighbours into each other: keep the first
    out: list[Quantity] = []
    for q in qs:
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out
