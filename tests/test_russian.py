"""Russian sources.

Entities in the nominative, quotes, dash dialogue, agency claims, hedges, dates, figures.

Every text here is written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import make_doc

from sitrep.analyze import SUPPORTED_LANGUAGES, analyze_docs
from sitrep.analyze.ru import analyze_ru
from sitrep.analyze.ru.marks import quoted_stretches
from sitrep.records import Analysis

STATEMENT = (
    "Заявление Министерства обороны\n\n"
    "Министр обороны Иван Петров заявил, что войска вернутся в казармы до конца недели. "
    "«Мы не допустим кровопролития на улицах наших городов», — подчеркнул он. "
    "По словам Петрова, решение было принято 27 февраля на заседании правительства.\n\n"
    "Министр сообщил, что около 6 тысяч задержанных будут освобождены."
)
AGENCY = (
    "МОСКВА, 1 марта. Как сообщает ТАСС, в Москве прошли массовые акции протеста. "
    "По данным источников, близких к правительству, министр, вероятно, уйдёт в отставку. "
    "По сообщениям, в городе введён комендантский час. "
    "Сообщается, что аэропорт Шереметьево закрыт для гражданских рейсов. "
    "По данным источника в полиции, задержаны около 6 тысяч человек."
)
DIALOGUE = (
    "Генерал Анна Смирнова и полковник Сергей Ковалёв ответили на вопросы журналистов.\n\n"
    "— Армия останется в казармах, — сказала она. — Никаких приказов о штурме не было.\n\n"
    "— Мы готовы к переговорам в любой момент, — заявил Ковалёв."
)
LETTER = (
    "Писатель Михаил Орлов опубликовал открытое письмо президенту Владимиру Путину. Он написал:\n\n"
    "«Мы обращаемся к вам открыто, потому что другого способа у нас нет.\n\n"
    "«Просим вас освободить всех задержанных и вернуть войска в казармы.\n\n"
    "«Время ещё есть, но его осталось немного», — написал Орлов.\n\n"
    "Орлов считает, что письмо подпишут тысячи людей."
)
TITLES = (
    "Газета «Известия» опубликовала интервью с режиссёром. Об этом пишут «Известия». "
    "Фильм «Брат» вышел в 1997 году. В 2019 году город принял новый устав."
)


@pytest.fixture(scope="module")
def statement() -> Analysis:
    return analyze_ru(
        make_doc(STATEMENT, language="ru", published="2026-03-01", outlet="Министерство")
    )


@pytest.fixture(scope="module")
def agency() -> Analysis:
    return analyze_ru(make_doc(AGENCY, language="ru", published="2026-03-01", outlet="ТАСС"))


@pytest.fixture(scope="module")
def dialogue() -> Analysis:
    return analyze_ru(make_doc(DIALOGUE, language="ru", published="2026-03-01"))


@pytest.fixture(scope="module")
def letter() -> Analysis:
    return analyze_ru(
        make_doc(LETTER, language="ru", published="2026-03-04", author="Михаил Орлов")
    )


def _by_name(analysis: Analysis, name: str):
    return next(e for e in analysis.entities if e.name == name)


# -- entities -------------------------------------------------------------------------


def test_names_in_the_nominative_with_transliterated_ids(statement, letter):
    petrov = _by_name(statement, "Иван Петров")
    assert petrov.id == "person:ivan-petrov" and petrov.type == "person" and petrov.gender == "m"
    assert "Петрова" in [m.text for m in petrov.mentions]  # "По словам Петрова" joins the full name
    assert any(r.startswith("министр") for r in petrov.roles)
    putin = _by_name(letter, "Владимир Путин")  # "Владимиру Путину" in the text
    assert putin.id == "person:vladimir-putin"


def test_place_names_normalized_and_resolved(agency):
    moscow = [p for p in agency.places if p.text == "Москве"]
    assert moscow and moscow[0].name == "Moscow" and moscow[0].country == "RU"
    assert any(e.name == "Москва" and e.type == "place" for e in agency.entities)


# -- quotes ---------------------------------------------------------------------------


def test_direct_quote_with_dash_cue_and_pronoun_speaker(statement):
    q = next(q for q in statement.quotes if "кровопролития" in q.contents[0].text)
    assert q.kind == "direct" and q.cue.text == "подчеркнул"
    assert q.sources[0].text == "он" and q.speaker.id == "person:ivan-petrov"


def test_indirect_speech_and_according_to(statement):
    said = next(q for q in statement.quotes if q.cue and q.cue.text == "заявил")
    assert said.kind == "indirect" and said.contents[0].text.startswith("войска вернутся")
    assert said.speaker.id == "person:ivan-petrov"
    words = next(q for q in statement.quotes if q.cue and q.cue.text == "По словам")
    assert words.contents[0].text.startswith("решение было принято")
    assert words.speaker.id == "person:ivan-petrov"
    title = next(q for q in statement.quotes if q.cue and q.cue.text == "сообщил")
    assert title.sources[0].text == "Министр" and title.speaker.id == "person:ivan-petrov"


def test_dash_dialogue_speakers_by_gender(dialogue):
    first = next(q for q in dialogue.quotes if "казармах" in q.contents[0].text)
    assert first.kind == "direct" and first.cue.text == "сказала"
    assert [c.text for c in first.contents] == [
        "Армия останется в казармах",
        "Никаких приказов о штурме не было.",
    ]
    assert first.speaker.name == "Анна Смирнова"  # "она", not the colonel named last
    second = next(q for q in dialogue.quotes if "переговорам" in q.contents[0].text)
    assert second.speaker.name == "Сергей Ковалёв"


def test_quote_over_several_paragraphs(letter):
    q = next(q for q in letter.quotes if q.cue and q.cue.text == "написал" and len(q.contents) > 1)
    assert len(q.contents) == 3 and q.kind == "direct"
    assert q.contents[0].text.startswith("Мы обращаемся") and q.contents[-1].text.startswith(
        "Время ещё есть"
    )
    assert q.speaker.name == "Михаил Орлов"


def test_titles_and_names_in_marks_are_not_quotes():
    a = analyze_ru(make_doc(TITLES, language="ru", published="2026-03-01"))
    quoted = {c.text for q in a.quotes for c in q.contents}
    assert not quoted & {"Известия", "Брат"}
    assert not [f for f in a.figures if f.value in (1997, 2019)]  # years are dates, not figures


def test_scare_quotes_are_not_quotes():
    text = (
        "Министр призвал не верить так называемым «экспертам». Он назвал протестующих "
        "«провокаторами»."
    )
    a = analyze_ru(make_doc(text, language="ru"))
    assert not any(c.text == "экспертам" for q in a.quotes for c in q.contents)


def test_marks_nested_and_unclosed():
    text = "Он сказал: «Мы „победим“ скоро». А это « не закрыто"
    stretches = quoted_stretches(text)
    assert [text[s.start : s.end] for s in stretches] == ["Мы „победим“ скоро"]


# -- claims and hedges ------------------------------------------------------------------


def _claim(analysis: Analysis, start: str):
    return next(c for c in analysis.claims if c.text.startswith(start))


def test_agency_and_unnamed_sources(agency):
    tass = _claim(agency, "в Москве прошли")
    assert (
        tass.source.kind == "named"
        and tass.source.name == "ТАСС"
        and tass.cue.text == "Как сообщает"
    )
    sources = _claim(agency, "министр, вероятно")
    assert sources.source.kind == "unnamed-plural" and sources.band == 5
    assert [h.type for h in sources.hedges] == ["probable"]
    one = _claim(agency, "задержаны около")
    assert one.source.kind == "unnamed-person"


def test_passive_reports(agency):
    assert _claim(agency, "в городе введён").source.kind == "passive"
    closed = _claim(agency, "аэропорт Шереметьево")
    assert closed.source.kind == "passive" and closed.band is None


def test_author_claim_and_quote_claims(statement):
    q = next(c for c in statement.claims if "кровопролития" in c.text)
    assert q.source.id == "person:ivan-petrov"
    assert all(c.source.kind != "author" for c in statement.claims if "войска вернутся" in c.text)


@pytest.mark.parametrize(
    ("sentence", "cue", "type_", "band"),
    [
        ("Возможно, переговоры начнутся в понедельник.", "Возможно", "possible", 3),
        ("Переговоры, вероятно, начнутся в понедельник.", "вероятно", "probable", 5),
        ("Переговоры, по-видимому, уже начались.", "по-видимому", "evidential", 5),
        ("Судя по всему, переговоры уже начались.", "Судя по всему", "evidential", 5),
        ("Предположительно, переговоры начнутся в понедельник.", "Предположительно", "possible", 3),
        ("Не исключено, что переговоры начнутся в понедельник.", "Не исключено", "possible", 3),
        ("Скорее всего, переговоры начнутся в понедельник.", "Скорее всего", "probable", 5),
        ("Я считаю, что переговоры начнутся в понедельник.", "считаю", "doxastic", 5),
        ("Военные якобы открыли огонь по демонстрантам.", "якобы", "disputed", None),
    ],
)
def test_certainty_cues(sentence, cue, type_, band):
    a = analyze_ru(make_doc(sentence, language="ru"))
    assert [(h.text, h.type) for h in a.hedges] == [(cue, type_)]
    claim = max(a.claims, key=lambda c: c.end - c.start)
    assert claim.band == band
    assert any(h.type == type_ for h in claim.hedges)


def test_flat_statement_has_no_hedge_and_no_band():
    a = analyze_ru(make_doc("Переговоры начались в понедельник в Вене.", language="ru"))
    assert a.hedges == [] and [c.band for c in a.claims] == [None]
    assert a.claims[0].source.kind == "author"


def test_question_is_a_hypothesis():
    a = analyze_ru(make_doc("Начнутся ли переговоры в понедельник?", language="ru"))
    assert [c.hypothesis for c in a.claims] == [True]


# -- dates and figures --------------------------------------------------------------------


def test_dates_and_figures(statement):
    assert "2026-02-27" in [d.value for d in statement.dates if d.text == "27 февраля"]
    six = next(f for f in statement.figures if f.value == 6000)
    assert six.approximate and six.counted == "задержанных"


# -- routing and cross-language entities ------------------------------------------------------


def test_routing_keeps_input_order_and_analyzes_russian():
    docs = [
        make_doc("The minister said the talks would start on Monday.", language="en"),
        make_doc("Министр заявил, что переговоры начнутся в понедельник.", language="ru"),
        make_doc("Der Minister sprach.", language="de"),
        make_doc("Talks began in Vienna.", language="en"),
    ]
    out = list(analyze_docs(docs))
    assert [d.id for d, _a in out] == [d.id for d in docs]
    assert [a.analyzed for _d, a in out] == [True, True, False, True]
    assert out[1][1].quotes and "ru" in SUPPORTED_LANGUAGES


def test_one_actor_across_languages():
    from sitrep.resolve import apply_resolution, resolve_corpus

    en = make_doc(
        "Colonel-General Oleg Varlamov said the army would stay. Varlamov spoke in Drovna.",
        language="en",
    )
    ru = make_doc(
        "Генерал-полковник Олег Варламов заявил, что армия останется. "
        "Олега Варламова поддержали офицеры.",
        language="ru",
    )
    items = list(analyze_docs([en, ru]))
    res = resolve_corpus(items)
    ids = {res.canonical_id(e.id, d.id) for d, a in items for e in a.entities if "arlamov" in e.id}
    assert ids == {"person:oleg-varlamov"}
    canon = res.entities["person:oleg-varlamov"]
    assert canon.name == "Oleg Varlamov" and "Олег Варламов" in canon.aliases
    ru_analysis = items[1][1]
    apply_resolution(ru_analysis, res, ru.id)
    assert any(q.speaker and q.speaker.id == "person:oleg-varlamov" for q in ru_analysis.quotes)


# -- properties -----------------------------------------------------------------------------

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
texts = st.text(alphabet=CYRILLIC + ' ,.!?:;—–-«»„“"\n0123456789', max_size=300)


def _check_spans(text: str, records) -> None:
    for r in records:
        assert 0 <= r.start <= r.end <= len(text)
        assert text[r.start : r.end] == r.text


@given(texts)
def test_property_any_cyrillic_text_gives_valid_records(text):
    a = analyze_ru(make_doc(text, language="ru", published="2026-03-01"))
    for kind in Analysis.RECORD_KINDS:
        if kind != "entities":
            _check_spans(text, getattr(a, kind))
    for e in a.entities:
        _check_spans(text, e.mentions)
        assert e.id.startswith(e.type + ":")
    for q in a.quotes:
        _check_spans(text, [*q.contents, *q.sources, *([q.cue] if q.cue else [])])
        assert q.kind in ("direct", "indirect", "mixed", "partial", "scare")
    for c in a.claims:
        _check_spans(text, c.hedges)
        assert c.source.kind in ("named", "unnamed-plural", "unnamed-person", "passive", "author")
        assert c.band is None or 1 <= c.band <= 7


@given(st.text(max_size=200))
def test_property_any_text_routed_as_russian_never_raises(text):
    a = analyze_ru(make_doc(text, language="ru"))
    for q in a.quotes:
        _check_spans(text, [q, *q.contents])
    _check_spans(text, [*a.claims, *a.hedges, *a.places, *a.figures, *a.dates])


def test_other_marks_colon_lead_in_and_verb_after_content():
    text = (
        "Президент Катрин Велль выступила в парламенте. „Я остаюсь законным президентом "
        "страны“, — сказала она.\n\n"
        'Генерал Олег Варламов ответил: "Совет не отступит ни на шаг".\n\n'
        "Министр Павел Дорин написал в своём блоге, что “переговоры идут трудно”. "
        "Переговоры продлятся до пятницы, добавил он.\n\n"
        "Представители оппозиции заявили, что не признают выборы."
    )
    a = analyze_ru(make_doc(text, language="ru"))
    by_cue = {q.cue.text: q for q in a.quotes if q.cue}
    assert by_cue["сказала"].speaker.name == "Катрин Велль" and by_cue["сказала"].kind == "direct"
    assert by_cue["ответил"].contents[0].text == "Совет не отступит ни на шаг"
    assert by_cue["ответил"].speaker.name == "Олег Варламов"
    assert by_cue["написал"].kind == "direct" and by_cue["написал"].speaker.name == "Павел Дорин"
    assert by_cue["добавил"].contents[0].text == "Переговоры продлятся до пятницы"
    assert by_cue["добавил"].speaker.name == "Павел Дорин"
    assert by_cue["заявили"].speaker.kind == "unnamed-plural"


def test_genitive_surname_and_as_said_formula():
    text = (
        "Встреча Путина и Лукашенко пройдёт в Минске. "
        "Как заявил пресс-секретарь Дмитрий Песков, повестка ещё согласуется."
    )
    a = analyze_ru(make_doc(text, language="ru"))
    names = {e.name: e for e in a.entities}
    assert "Путин" in names and names["Путин"].mentions[0].text == "Путина"
    assert names["Путин"].id == "person:putin"
    q = next(q for q in a.quotes if q.cue and q.cue.text == "Как заявил")
    assert q.contents[0].text == "повестка ещё согласуется" and q.speaker.name == "Дмитрий Песков"
