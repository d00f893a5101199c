"""Credit lines and datelines make a document a copy of the outlet it credits."""

from __future__ import annotations

from types import SimpleNamespace

from sitrep.assess import circular_reporting
from sitrep.assess.chains import Chain
from sitrep.assess.origins import Origin, document_origins
from sitrep.ingest.credits import find_credits, same_outlet
from sitrep.records import Document

BODY = "Tanks rolled onto the apron at Lir airport on Tuesday, witnesses said.\n\n"


def _credits(text: str, known: set[str] = frozenset()) -> list[tuple[str, str]]:
    return [(c.name, c.kind) for c in find_credits(text, known)]


def test_each_credit_form_is_read():
    assert _credits("(Kestrel News) — " + BODY) == [("Kestrel News", "opening")]
    assert _credits("LIR (Kestrel Wire) - " + BODY) == [("Kestrel Wire", "dateline")]
    assert _credits(BODY + "Source: Kestrel Wire, Osprey Agency\n") == [
        ("Kestrel Wire", "source"),
        ("Osprey Agency", "source"),
    ]
    assert _credits(BODY + "Источник: Вескария Сегодня\n") == [("Вескария Сегодня", "source")]
    assert _credits(BODY + "The Associated Press contributed to this report.\n") == [
        ("Associated Press", "contributed")
    ]
    assert _credits(BODY + "With reporting by Lir Gazette.\n", {"Lir Gazette"}) == [
        ("Lir Gazette", "reporting")
    ]
    assert _credits(BODY + "— Kestrel Wire\n") == [("Kestrel Wire", "closing")]


def test_reporters_are_not_outlets():
    assert _credits(BODY + "Jana Roe contributed to this report.\n") == []
    assert _credits(BODY + "(Reporting by Jana Roe; Editing by Al Poe)\n") == []
    assert _credits(BODY + "- the navy has not declared\n") == []


def _doc(i: str, outlet: str, text: str, published: str = "2026-03-01") -> Document:
    return Document(id=i, text=text, outlet=outlet, published=published)


def test_two_copies_of_one_wire_story_are_one_origin():
    docs = [
        _doc("a", "Lir Gazette", BODY + "Source: Kestrel Wire\n"),
        _doc(
            "b",
            "Osprey Post",
            "Different words entirely about the airport and its tanks.\n\n— Kestrel Wire\n",
        ),
        _doc(
            "c",
            "Osprey Post",
            "Our correspondent counted nine armoured vehicles by the river bridge.\n",
        ),
    ]
    origins = document_origins(docs)
    assert origins["a"].key == origins["b"].key == "kestrel wire"
    assert origins["a"].via == "copy" and origins["a"].credit == "Source: Kestrel Wire"
    assert origins["c"].key == "osprey post" and origins["c"].via == "own"


def test_a_translation_crediting_its_original_is_a_copy_of_it():
    docs = [
        _doc("en", "Lir Gazette", BODY, "2026-03-01"),
        _doc(
            "ru",
            "Lirskie Vesti",
            "Танки вошли в аэропорт Лира во вторник.\n\nИсточник: LIR GAZETTE\n",
            "2026-03-02",
        ),
    ]
    origins = document_origins(docs)
    assert origins["ru"].key == origins["en"].key and origins["ru"].name == "Lir Gazette"
    # one outlet's report that another copies or translates is circular reporting, not
    # syndicated wire copy (that is a wire service's story, "Source: Kestrel Wire")
    story = SimpleNamespace(
        origins=[origins["en"]], outlets=["Lir Gazette", "Lirskie Vesti"], origin_of=origins
    )
    assert circular_reporting(story) == "circular"
    wire = {k: Origin("kestrel wire", "Kestrel Wire", o.via) for k, o in origins.items()}
    assert circular_reporting(
        SimpleNamespace(**{**vars(story), "origins": [wire["en"]], "origin_of": wire})
    ) == ("syndicated")


def test_a_co_reporter_shares_the_origin_but_is_no_copy():
    docs = [
        _doc("a", "Kestrel Wire", BODY, "2026-03-01"),
        _doc(
            "b",
            "Osprey Post",
            "The week in Lir: ferries halted and a dock strike.\n\n"
            "Kestrel Wire contributed to this report.\n",
            "2026-03-02",
        ),
    ]
    origins = document_origins(docs)
    assert origins["b"].key == "kestrel wire" and origins["b"].via == "co-reported"
    assert origins["b"].credit == "Kestrel Wire contributed to this report"
    # one origin, two outlets: not confirmed twice, yet no syndicated copy either
    story = SimpleNamespace(
        origins=[origins["a"]], outlets=["Kestrel Wire", "Osprey Post"], origin_of=origins
    )
    assert circular_reporting(story) is None
    copied = dict(origins, b=Origin("kestrel wire", "Kestrel Wire", "copy"))
    assert (
        circular_reporting(SimpleNamespace(**{**vars(story), "origin_of": copied})) == "syndicated"
    )


def test_own_outlet_credit_is_its_own_origin():
    origins = document_origins([_doc("a", "Kestrel Wire", "LIR (Kestrel Wire) - " + BODY)])
    assert origins["a"].via == "own"


def test_the_chain_shows_the_credit():
    chain = Chain("Osprey Post", "Kestrel Wire", None, credit="— Kestrel Wire")
    assert str(chain) == "Osprey Post → Kestrel Wire (credited: “— Kestrel Wire”)"
    assert chain.first == "Kestrel Wire"


def test_a_copy_with_another_outlets_header_and_footer_is_a_near_duplicate():
    from sitrep.ingest.dedupe import near_duplicates

    paragraphs = [
        f"On day {n} the harbour office at Lir said {n * 7} ships had waited outside the "
        f"breakwater, that the ferry to Osk had been stopped for the {n}th time and that pilots "
        "from Kelmar would be called in if the strike by the dock workers went on past the "
        "weekend."
        for n in range(6)
    ]
    body = "\n\n".join(paragraphs)
    original = "LIR (Kestrel Wire) - " + body + "\n\nSource: Kestrel Wire\nShare this article\n"
    copy = (
        "OSPREY POST | World | Live\nBy staff\n\n"
        + body
        + "\n\nRead more: Ferries halted\nSign up for our newsletter\n— Kestrel Wire\n"
    )
    assert near_duplicates([("a", original), ("b", copy)]) == {"b": "a"}


def test_an_outlet_signing_with_its_initials_is_itself():
    """ "LIR, May 3 (KWS) —" in a Kestrel Wire Service story is the agency's own story, and
    "Source: KWS" in another outlet is a copy of Kestrel Wire Service."""
    own = _doc("a", "Kestrel Wire Service", "LIR, May 3 (KWS) — " + BODY, "2026-05-03")
    copy = _doc("b", "Lir Gazette", BODY + "Source: KWS\n", "2026-05-03")
    origins = document_origins([own, copy])
    assert origins["a"].via == "own"
    assert origins["b"].via != "own" and origins["b"].name == "Kestrel Wire Service"
    assert origins["a"].key == origins["b"].key


def test_initials_match_only_a_short_name_in_capitals():
    assert same_outlet("KWS", "Kestrel Wire Service")
    assert same_outlet("the Kestrel Wire Service", "K.W.S.")
    assert not same_outlet("Kws", "Kestrel Wire Service")  # a word, not initials
    assert not same_outlet("KWS", "Kestrel Wire")
    assert not same_outlet("KWS", None)


def test_a_source_line_after_a_translation_note_is_a_credit():
    text = BODY + "Translated from Veskarian. Source: Lir Gazette\n"
    assert _credits(text) == [("Lir Gazette", "source")]
