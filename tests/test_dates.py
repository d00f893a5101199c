"""Dates: normalization against the publication date, granularity, relative chains."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.analyze import dates as dates_module
from sitrep.analyze.date_resolve import infer_year, iso, parse_published
from sitrep.analyze.dates import extract_dates
from sitrep.analyze.dates_ru import extract_dates_text
from sitrep.analyze.patterns import gated
from sitrep.analyze.patterns import plain as unguarded

PUB = "2026-02-27"  # a Friday


def dates(nlp, text, published=PUB):
    return [(d.text, d.value, d.granularity) for d in extract_dates(nlp(text), published)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Protesters were arrested on Feb. 27.", ("Feb. 27", "2026-02-27", "day")),
        ("The deal was signed January 31 of 2021.", ("January 31 of 2021", "2021-01-31", "day")),
        ("The deal was signed on 31 January 2021.", ("31 January 2021", "2021-01-31", "day")),
        ("Troops arrived on Dec. 28.", ("Dec. 28", "2025-12-28", "day")),  # far ahead -> last year
        ("Talks are set for March 3.", ("March 3", "2026-03-03", "day")),  # near ahead -> this year
        ("On Tuesday, officials met.", ("Tuesday", "2026-02-24", "day")),
        ("Yesterday the army moved.", ("Yesterday", "2026-02-26", "day")),
        ("Today the army rests.", ("Today", "2026-02-27", "day")),
        ("Last week the army attacked.", ("Last week", "2026-W08", "week")),
        ("In March, talks began.", ("March", "2026-03", "month")),
        ("In December a truce held.", ("December", "2025-12", "month")),
        ("Last March it returned.", ("Last March", "2025-03", "month")),
        ("In 2019 the talks failed.", ("2019", "2019", "year")),
        ("Last year the talks failed.", ("Last year", "2025", "year")),
        ("Three years ago the talks failed.", ("Three years ago", "2023", "year")),
        ("Two days ago a convoy left.", ("Two days ago", "2026-02-25", "day")),
        ("The decree is dated 2021-01-31.", ("2021-01-31", "2021-01-31", "day")),
        ("The decree is dated 1/31/2021.", ("1/31/2021", "2021-01-31", "day")),
        ("The summer of 2019 was hot.", ("The summer of 2019", "2019", "year")),
    ],
)
def test_single_dates(nlp, text, expected):
    assert expected in dates(nlp, text)


def test_next_day_counts_from_the_last_date(nlp):
    found = dates(nlp, "The deal was signed January 31 of 2021. The next day it collapsed.")
    assert ("The next day", "2021-02-01", "day") in found


def test_relative_chain(nlp):
    text = (
        "Troops crossed on Feb. 20. Two days later they reached the city; "
        "the following day they withdrew."
    )
    found = dates(nlp, text)
    assert ("Two days later", "2026-02-22", "day") in found
    assert ("the following day", "2026-02-23", "day") in found


def test_next_day_without_earlier_date_stays_relative(nlp):
    # relative to an event the text does not date: publication is not that event
    assert ("The next day", None, "day") in dates(nlp, "The next day, talks resume.")


def test_next_day_counts_only_from_its_own_paragraph(nlp):
    text = (
        "The council met on Feb. 20 to discuss the budget.\n\n"
        "A presenter called the incursion a border dispute. The next day he blamed the president."
    )
    assert ("The next day", None, "day") in dates(nlp, text)
    same = "The presenter spoke on Feb. 20. The next day he blamed the president."
    assert ("The next day", "2026-02-21", "day") in dates(nlp, same)


def test_future_weekday(nlp):
    assert ("Friday", "2026-02-27", "day") in dates(nlp, "They will meet again on Friday.")
    assert ("Thursday", "2026-03-05", "day") in dates(nlp, "They will meet on Thursday.")
    assert ("Thursday", "2026-02-26", "day") in dates(nlp, "They met on Thursday.")


def test_without_publication_date(nlp):
    found = dates(nlp, "On Tuesday, in 2019, on 31 January 2021.", published=None)
    assert ("Tuesday", None, "day") in found
    assert ("2019", "2019", "year") in found
    assert ("31 January 2021", "2021-01-31", "day") in found


@pytest.mark.parametrize(
    "text",
    [
        "Close to 6,000 protesters were arrested.",
        "The fighting lasted three days.",
        "She may march on the capital.",
        "2,000 soldiers crossed.",
        "Tanks moved at 22:00 local time (2000 GMT).",
    ],
)
def test_not_dates(nlp, text):
    assert dates(nlp, text) == []


def test_decade_is_not_a_day(nlp):
    assert all(d[1] is None or len(d[1]) == 4 for d in dates(nlp, "He rose in the early 2000s."))


def test_offsets_match_text(nlp):
    text = "On Tuesday, Feb. 24, police said that the next day was calm."
    for d in extract_dates(nlp(text), PUB):
        assert text[d.start : d.end] == d.text


def test_helpers():
    assert infer_year(12, 28, dt.date(2026, 2, 27)) == 2025
    assert infer_year(1, 5, dt.date(2026, 12, 20)) == 2027
    assert iso(dt.date(2026, 2, 27), "week") == "2026-W09"
    assert parse_published("2026-02-27T10:00:00Z") == dt.date(2026, 2, 27)
    assert parse_published("not a date") is None


# --- Russian plain text -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Их освободили 27 февраля.", ("27 февраля", "2026-02-27", "day")),
        ("Договор подписан 3-го января 2021 года.", ("3-го января 2021 года", "2021-01-03", "day")),
        ("В марте начались переговоры.", ("марте", "2026-03", "month")),
        ("В 2019 году переговоры сорвались.", ("2019 году", "2019", "year")),
        ("Во вторник чиновники встретились.", ("вторник", "2026-02-24", "day")),
        ("Вчера армия отошла.", ("Вчера", "2026-02-26", "day")),
        ("На прошлой неделе был штурм.", ("На прошлой неделе", "2026-W08", "week")),
        ("Два дня назад колонна ушла.", ("Два дня назад", "2026-02-25", "day")),
        ("В прошлом году было спокойно.", ("В прошлом году", "2025", "year")),
        ("Указ датирован 27.02.2021.", ("27.02.2021", "2021-02-27", "day")),
    ],
)
def test_ru_dates(text, expected):
    found = [(d.text, d.value, d.granularity) for d in extract_dates_text(text, PUB)]
    assert expected in found


def test_ru_relative_chain():
    text = (
        "Договор подписан 31 января 2021 года. На следующий день он был нарушен, а накануне "
        "шли бои."
    )
    found = [(d.text, d.value) for d in extract_dates_text(text, PUB)]
    assert ("На следующий день", "2021-02-01") in found
    assert ("накануне", "2021-01-31") in found


def test_plain_text_english():
    found = [(d.text, d.value) for d in extract_dates_text("Arrests began Feb. 27.", PUB, "en")]
    assert found == [("Feb. 27", "2026-02-27")]


# --- properties ---------------------------------------------------------------------------

PIECES = [
    "on",
    "Tuesday",
    "Feb.",
    "27",
    "January",
    "31",
    "of",
    "2021",
    "in",
    "March",
    "the",
    "next",
    "day",
    "two",
    "days",
    "later",
    "ago",
    "yesterday",
    "last",
    "week",
    "2019",
    "1/31/2021",
    "2021-01-31",
    "27.02.2021",
    "февраля",
    "в",
    "марте",
    "году",
    "вчера",
    "накануне",
    "через",
    "три",
    "дня",
    "назад",
    ",",
    ".",
    "May",
    "5",
    "следующий",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=25).map(" ".join)
published = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(str))


def check(text, records):
    previous_end = 0
    for r in records:
        assert 0 <= r.start < r.end <= len(text)
        assert r.start >= previous_end  # in order, no overlaps
        previous_end = r.end
        assert text[r.start : r.end] == r.text
        assert r.granularity in ("day", "week", "month", "year")
        if r.value is not None:
            assert r.value[:4].isdigit()


@given(texts, published)
def test_property_english(nlp, text, pub):
    check(text, extract_dates(nlp(text), pub))


@given(texts, published)
def test_property_plain_text(text, pub):
    check(text, extract_dates_text(text, pub, "ru"))
    check(text, extract_dates_text(text, pub, "en"))


GATED = gated(vars(dates_module))
DATE_WORDS = [
    "the",
    "The",
    "day",
    "after",
    "before",
    "ago",
    "later",
    "two",
    "Two",
    "a",
    "an",
    "3",
    "٣",
    "12th",
    "of",
    "March",
    "Mar.",
    "May",
    "Sept.",
    "this",
    "last",
    "Last",
    "next",
    "past",
    "coming",
    "early",
    "mid-",
    "late",
    "Monday",
    "Tue.",
    "morning",
    "night",
    "yesterday",
    "Tomorrow",
    "2026",
    "1999",
    "weeks",
    "year",
    "2026-02-27",
    "2/27/26",
    "27.02.2026",
    "ſ",
    "K",
    "İ",
    "ı",
    ",",
    ".",
    "-",
    "that",
    "same",
]


@given(
    st.lists(st.sampled_from(DATE_WORDS), max_size=14),
    st.lists(st.sampled_from([" ", "", "\n", "  "]), min_size=14, max_size=14),
)
def test_lookahead_patterns_match_as_the_plain_ones(words, gaps):
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    for pattern in GATED:
        plain = unguarded(pattern)
        assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)
        ], pattern.pattern[:40]


def test_lookahead_patterns_on_the_example_corpus(examples_dir):
    assert len(GATED) == 13
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(examples_dir.rglob("*"))
        if p.is_file()
    ]
    for pattern in GATED:
        plain = unguarded(pattern)
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ]


def test_today_in_an_outlet_name_is_not_a_date(nlp):
    assert [d[0] for d in dates(nlp, "Ostmark Today reported the vote. Today the polls open.")] == [
        "Today"
    ]
    assert [d[0] for d in dates(nlp, "He told Ostmark Today that talks begin today.")] == ["today"]
