"""Figures: what a number counts, the event, markers, units, and what is not a count."""

from __future__ import annotations

from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.analyze import quantities
from sitrep.analyze.figures import extract_figures
from sitrep.analyze.figures_ru import extract_figures_text
from sitrep.analyze.patterns import gated
from sitrep.analyze.patterns import plain as unguarded
from sitrep.analyze.quantities import find_quantities


def figs(nlp, text):
    return extract_figures(nlp(text))


def one(nlp, text, covered):
    found = [f for f in figs(nlp, text) if f.text == covered]
    assert found, f"no figure {covered!r} in {[f.text for f in figs(nlp, text)]}"
    return found[0]


def test_headline_example(nlp):
    f = one(nlp, "Close to 6,000 protesters were arrested in the capital.", "Close to 6,000")
    assert (f.value, f.approximate, f.counted, f.event) == (6000, True, "protesters", "arrested")
    assert f.unit is None


@pytest.mark.parametrize(
    "marker",
    [
        "about",
        "around",
        "roughly",
        "nearly",
        "some",
        "almost",
        "more than",
        "at least",
        "up to",
        "over",
        "an estimated",
    ],
)
def test_approximate_markers(nlp, marker):
    f = one(nlp, f"Police detained {marker} 300 people on the square.", f"{marker} 300")
    assert f.value == 300 and f.approximate and f.counted == "people"


def test_exact_number_is_not_approximate(nlp):
    f = one(nlp, "Police detained 312 people.", "312")
    assert not f.approximate and f.event == "detained"


def test_bounds(nlp):
    assert one(nlp, "At least 50 people were injured.", "At least 50").low == 50
    assert one(nlp, "Up to 300 troops were deployed.", "Up to 300").high == 300


def test_range_between(nlp):
    f = one(nlp, "Between 200 and 300 soldiers were killed.", "Between 200 and 300")
    assert (f.low, f.high, f.value) == (200, 300, 200)  # value is the low end
    assert f.approximate and f.counted == "soldiers" and f.event == "killed"


def test_range_dash_and_scale(nlp):
    f = one(nlp, "The rebels have 200-300 fighters.", "200-300")
    assert (f.low, f.high) == (200, 300)
    f = one(
        nlp,
        "Damage is put at between 20 and 30 million dollars.",
        "between 20 and 30 million dollars",
    )
    assert (f.low, f.high, f.unit) == (20e6, 30e6, "USD")


@pytest.mark.parametrize(
    "phrase,value",
    [
        ("Hundreds", 100),
        ("Dozens", 12),
        ("Thousands", 1000),
        ("Tens of thousands", 10_000),
        ("Hundreds of thousands", 100_000),
    ],
)
def test_vague_plurals_are_lower_bounds(nlp, phrase, value):
    f = one(nlp, f"{phrase} of people fled the city.", phrase)
    assert f.value == value and f.approximate and f.counted == "people" and f.event == "fled"


def test_spelled_out(nlp):
    f = one(nlp, "Three battalions moved toward the border.", "Three")
    assert (f.value, f.counted, f.event) == (3, "battalions", "moved")
    assert one(nlp, "The army lost twenty-five tanks.", "twenty-five").value == 25
    assert one(nlp, "They sent one hundred and fifty trucks.", "one hundred and fifty").value == 150
    assert one(nlp, "A dozen journalists were expelled.", "A dozen").value == 12
    assert one(nlp, "A few hundred police stood by.", "A few hundred").value == 200


def test_million(nlp):
    f = one(nlp, "About 1.2 million people lost power.", "About 1.2 million")
    assert f.value == 1_200_000 and f.counted == "people" and f.event == "lost"


def test_percent(nlp):
    f = one(nlp, "Turnout fell to about 12 percent of voters.", "about 12 percent")
    assert (f.value, f.unit, f.approximate) == (12, "percent", True)
    assert one(nlp, "Prices rose 7% in a month.", "7%").unit == "percent"


@pytest.mark.parametrize(
    "text,covered,value,unit",
    [
        ("The government paid $40 million in compensation.", "$40 million", 40e6, "USD"),
        ("The fund holds €3bn for reconstruction.", "€3bn", 3e9, "EUR"),
        ("Britain pledged £250 million in aid.", "£250 million", 250e6, "GBP"),
        ("The fine was 40 million rubles.", "40 million rubles", 40e6, "RUB"),
        ("They lost millions of dollars.", "millions of dollars", 1e6, "USD"),
    ],
)
def test_money(nlp, text, covered, value, unit):
    f = one(nlp, text, covered)
    assert (f.value, f.unit) == (value, unit)
    assert f.counted is None


def test_money_event(nlp):
    assert (
        one(nlp, "The government paid $40 million in compensation.", "$40 million").event == "paid"
    )


def test_counted_through_of(nlp):
    f = one(nlp, "Some 6,000 of the protesters were released.", "Some 6,000")
    assert (f.counted, f.event) == ("protesters", "released")


def test_conjoined_counts_share_the_event(nlp):
    found = {f.text: f for f in figs(nlp, "Russia lost 300 tanks and 40 aircraft.")}
    assert found["300"].event == "lost" and found["40"].counted == "aircraft"


@pytest.mark.parametrize(
    "text",
    [
        "In 1991 the Soviet Union collapsed.",
        "The crisis began in 2019.",
        "2019 was a difficult year.",
        "One of the reasons was the economy.",
        "At one point the crowd surged.",
        "He came first, and the second report followed.",
        "The 21st brigade held the line.",
        "The talks happened on Feb. 27 at 5 p.m.",
        "The meeting was at 10:30 on 2021-01-31.",
        "The fighting lasted three days.",
        "A 45-year-old man was detained.",
        "Call 555-123-4567 or +1 (555) 123-4567 for details.",
        "NATO invoked Article 5 after Flight 17 was downed.",
        "The outbreak of COVID-19 spread; an F-16 flew over.",
        "The score was 3-1 at the end.",
        "Read more at www.example.com/2019/05/story.",
        "Statement No. 1 of the council was read.",
        "The council decided:\n1. The assembly is suspended.\n2. Flights are cancelled.",
    ],
)
def test_not_counts(nlp, text):
    assert figs(nlp, text) == []


def test_year_like_number_that_counts(nlp):
    f = one(nlp, "Officials said 2000 soldiers crossed the border.", "2000")
    assert f.counted == "soldiers"


def test_change_is_not_a_range(nlp):
    found = [f.text for f in figs(nlp, "The toll rose from 50 to 300 people.")]
    assert "from 50 to 300" not in found and "300" in found


# --- Russian plain text -------------------------------------------------------------------


def ru_one(text, covered):
    found = [f for f in extract_figures_text(text) if f.text == covered]
    assert found, [f.text for f in extract_figures_text(text)]
    return found[0]


def test_ru_headline():
    f = ru_one("Около 6 тысяч задержанных были освобождены.", "Около 6 тысяч")
    assert (f.value, f.approximate, f.counted, f.event) == (
        6000,
        True,
        "задержанных",
        "освобождены",
    )


def test_ru_forms():
    assert ru_one("Полиция задержала около шести тысяч человек.", "около шести тысяч").value == 6000
    f = ru_one("Погибли от 200 до 300 российских военных.", "от 200 до 300")
    assert (f.low, f.high, f.counted, f.event) == (200, 300, "российских военных", "Погибли")
    f = ru_one("Сотни людей вышли на улицы.", "Сотни")
    assert (f.value, f.approximate, f.counted) == (100, True, "людей")
    assert ru_one("Десятки тысяч человек подписали петицию.", "Десятки тысяч").value == 10_000
    f = ru_one("Ущерб составил 1,2 млн рублей.", "1,2 млн рублей")
    assert (f.value, f.unit) == (1_200_000, "RUB")
    assert ru_one("Явка составила 15% избирателей.", "15%").unit == "percent"
    assert ru_one("Без света остались полтора миллиона жителей.", "полтора миллиона").value == 1.5e6
    assert ru_one("Границу пересекли 6 000 человек.", "6 000").value == 6000
    assert ru_one("Более 50 человек ранены.", "Более 50").low == 50
    assert ru_one("Задержаны около 3,5 тысячи человек.", "около 3,5 тысячи").value == 3500
    assert ru_one("Пришли две тысячи человек.", "две тысячи").value == 2000


@pytest.mark.parametrize(
    "text",
    [
        "Одна из причин — экономика.",
        "Это случилось 27 февраля.",
        "В 2019 году начался кризис.",
        "Бои шли три дня.",
        "Суд применил статья 275 к обвиняемому.",
    ],
)
def test_ru_not_counts(text):
    assert extract_figures_text(text) == []


# --- properties ---------------------------------------------------------------------------

PIECES = [
    "about",
    "between",
    "and",
    "to",
    "of",
    "$",
    "€",
    "%",
    "percent",
    "million",
    "hundreds",
    "dozens",
    "thousands",
    "one",
    "three",
    "twenty-five",
    "a",
    "dozen",
    "people",
    "were",
    "killed",
    "6,000",
    "1.2",
    "2019",
    "in",
    "-",
    "200",
    "300",
    "at least",
    "up to",
    "rubles",
    "около",
    "тысяч",
    "шести",
    "от",
    "до",
    "человек",
    "сотни",
    "млн",
    "руб.",
    "(",
    ")",
    "+",
    "555-123-4567",
    ",",
    ".",
    "Feb.",
    "27",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=25).map(" ".join)


def check(text, records):
    for r in records:
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start : r.end] == r.text
        assert r.value is None or r.value == r.value  # not NaN
        if r.low is not None and r.high is not None:
            assert r.low <= r.high


@given(texts)
def test_property_english(nlp, text):
    check(text, extract_figures(nlp(text)))


@given(texts)
def test_property_plain_text(text):
    check(text, extract_figures_text(text, "ru"))
    check(text, extract_figures_text(text, "en"))
    for q in find_quantities(text, "ru") + find_quantities(text, "en"):
        assert q.start <= q.num_start < q.num_end <= q.end


@given(st.text(alphabet="ab1/@.w \n\t\u00a0:", max_size=40))
def test_words_with_digits_are_whole_words(text):
    """The numbered-link pattern finds exactly the whitespace-separated words holding a digit."""
    import re

    from sitrep.analyze.quantities import WORD_WITH_DIGIT

    want = [(m.start(), m.end()) for m in re.finditer(r"\S+", text) if re.search(r"\d", m.group())]
    assert [(m.start(), m.end()) for m in WORD_WITH_DIGIT.finditer(text)] == want


GATED = gated(vars(quantities)) + gated(
    {f.name: getattr(quantities.EN, f.name) for f in fields(quantities.EN)}
)
FIGURE_WORDS = [
    "a",
    "A",
    "an",
    "half",
    "hundred",
    "Hundreds",
    "of",
    "thousands",
    "two",
    "Twenty",
    "-",
    "one",
    "and",
    "a few",
    "several",
    "dozen",
    "3",
    "٣",
    "1,200",
    "4.5",
    "+44",
    "(020)",
    "555-123-4567",
    "No.",
    "#",
    "№",
    "number",
    "2026-02-27",
    "12/3/2026",
    "ſcores",
    "K",
    "million",
    "bn",
    "x1",
    "at",
    "/",
]


@given(
    st.lists(st.sampled_from(FIGURE_WORDS), max_size=14),
    st.lists(st.sampled_from([" ", "", "\n", "  "]), min_size=14, max_size=14),
)
def test_lookahead_patterns_match_as_the_plain_ones(words, gaps):
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    for pattern in GATED:
        assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == [
            (m.span(), m.groupdict()) for m in unguarded(pattern).finditer(text)
        ], pattern.pattern[:40]


def test_lookahead_patterns_on_the_example_corpus(examples_dir):
    assert len(GATED) == 6
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(examples_dir.rglob("*"))
        if p.is_file()
    ]
    for pattern in GATED:
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in unguarded(pattern).finditer(text)
            ]
