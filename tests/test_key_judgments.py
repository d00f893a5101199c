"""Key judgments at any corpus size.

One made-up blog post, and attribution kept apart from truth.
"""

from __future__ import annotations

from sitrep.assess import assess_corpus
from sitrep.assess.keyjudgments import importance
from sitrep.deliver.brief import render_brief
from sitrep.ids import content_id
from sitrep.likelihood import ICD203
from sitrep.records import ActorRef, Analysis, Claim, DateRef, Document, Hedge, Quote, Span

POST = (
    "Why the border crisis will get worse\n\n"
    "It seems likely that the northern brigade will cross the river before the vote.\n\n"
    "General Anna Roth, 61, a veteran of two peacekeeping missions, took command last year.\n\n"
    'Presenter Karl Mohn said: "This is a border dispute and nothing more, the troops will go '
    'home."\n\n'
    "Two departures were cancelled, it said."
)
MOHN = ActorRef("person:karl-mohn", "Karl Mohn")
AUTHOR = ActorRef(None, "Lena Brook", kind="author")


def _span(text: str, sub: str) -> tuple[int, int]:
    s = text.index(sub)
    return s, s + len(sub)


def one_post() -> list[tuple[Document, Analysis]]:
    doc = Document(
        content_id(POST), POST, path="post.txt", author="Lena Brook", published="2026-05-02"
    )
    s, e = _span(POST, "the northern brigade will cross the river before the vote")
    hs, he = _span(POST, "It seems likely")
    estimate = Claim(
        s, e, POST[s:e], AUTHOR, hedges=[Hedge(hs, he, POST[hs:he], "probable")], band=5
    )
    bs, be = _span(
        POST,
        "General Anna Roth, 61, a veteran of two peacekeeping missions, took command last year",
    )
    background = Claim(bs, be, POST[bs:be], AUTHOR)
    qs, qe = _span(POST, "This is a border dispute and nothing more, the troops will go home.")
    said = Quote(qs, qe, POST[qs:qe], None, [], [Span(qs, qe, POST[qs:qe])], MOHN, "direct")
    return [(doc, Analysis(quotes=[said], claims=[estimate, background]))]


def test_one_document_gets_judgments_and_a_one_origin_caveat():
    a = assess_corpus(one_post())
    assert not a.storylines
    kinds = [j.kind for j in a.judgments]
    assert "estimate" in kinds and "attributed" in kinds
    est = next(j for j in a.judgments if j.kind == "estimate")
    assert (
        est.band == 5
        and ICD203[5][0] in est.likelihood_text
        and "It seems likely" in est.likelihood_text
    )
    assert a.one_origin == "Lena Brook"


def test_attribution_is_not_truth():
    a = assess_corpus(one_post())
    said = next(j for j in a.judgments if j.kind == "attributed")
    assert said.statement.startswith("Karl Mohn says")
    assert said.likelihood_text is None  # one origin: how likely it is true is not ours to say
    assert "not that it is true" in said.confidence_text
    words = [w for w, _ in ICD203.values()]
    for j in a.judgments:
        assert not any(w in j.confidence_text for w in words)


def test_background_and_trivia_never_rank():
    a = assess_corpus(one_post())
    assert not any("Anna Roth" in j.statement or "departures" in j.statement for j in a.judgments)
    assert importance("General Anna Roth, 61, took command of the brigade.") < 0
    assert importance("Troops shelled the bridge and killed three people.") > 0


def test_file_brief_shows_the_same_judgments(tmp_path):
    items = one_post()
    a = assess_corpus(items)
    _, md = render_brief(items, tmp_path, assessment=a)
    text = md.read_text(encoding="utf-8")
    assert "rests on one origin (Lena Brook)" in text
    assert "No statement in this corpus" not in text
    kj = text[text.index("## Key judgments") : text.index("## Storylines")]
    assert kj.count("\n- ") == len(a.judgments)


def test_one_document_timeline_dates_a_judgment_by_the_day_its_sentence_names():
    items = one_post()
    doc, analysis = items[0]
    s = POST.index("before the vote")
    analysis.dates = [DateRef(s, s + 15, POST[s : s + 15], "2026-05-09", "day")]
    a = assess_corpus(items)
    reports = [t for t in a.timeline() if t.kind == "report"]
    assert {t.date for t in reports} == {
        "2026-05-09",
        "2026-05-02",
    }  # the named day, else the post's


def _estimates(text: str, spans: list[tuple[str, str, int]]) -> list:
    doc = Document(
        content_id(text), text, path="velna.txt", outlet="Velna Notes", published="2026-06-01"
    )
    claims = []
    for sentence, cue, band in spans:
        s, e = _span(text, sentence)
        hs, he = _span(text, cue)
        claims.append(
            Claim(
                s,
                e,
                text[s:e],
                ActorRef(None, "Velna Notes", kind="author"),
                hedges=[Hedge(hs, he, text[hs:he], "probable")],
                band=band,
            )
        )
    return assess_corpus([(doc, Analysis(claims=claims))]).judgments


def test_an_authors_estimate_is_put_as_the_authors_assessment_in_its_band():
    text = (
        "It is possible that the levee at Orsk was breached deliberately. "
        "It seems likely that the army will withdraw from the valley. "
        "The governor will probably resign before the inquiry reports."
    )
    js = _estimates(
        text,
        [
            ("It is possible that the levee at Orsk was breached deliberately", "possible", 4),
            ("It seems likely that the army will withdraw from the valley", "seems likely", 5),
            ("The governor will probably resign before the inquiry reports", "probably", 5),
        ],
    )
    assert sorted(j.statement for j in js) == sorted(
        [
            "The author assesses there is a roughly even chance (45–55%) that the levee at Orsk "
            "was breached deliberately.",
            "The author assesses it is likely (55–80%) that the army will withdraw from the "
            "valley.",
            "The author assesses it is likely (55–80%) that the governor will resign before "
            "the inquiry reports.",
        ]
    )
    for j in js:
        assert j.kind == "estimate" and ICD203[j.band][0] in j.likelihood_text
        assert "one origin (Velna Notes)" in j.caveat
        assert "confidence" in j.confidence_text and ICD203[j.band][0] not in j.confidence_text


def _attributed(text: str, claims: list[tuple[str, str, str]]) -> list:
    doc = Document(
        content_id(text), text, path="orsk.txt", outlet="Orsk Courier", published="2026-06-02"
    )
    records = []
    for content, speaker, cue in claims:
        s, e = _span(text, content)
        cs, ce = _span(text, cue)
        records.append(
            Claim(s, e, text[s:e], ActorRef(None, speaker), cue=Span(cs, ce, text[cs:ce]))
        )
    return assess_corpus([(doc, Analysis(claims=records))]).judgments


def test_a_single_document_judgment_attributes_once_with_the_content_span():
    text = (
        "The Water Ministry said on Monday that troops had evacuated the valley below the Orsk "
        "dam. Soldiers will stay in the valley until the water falls, according to Ilse Kora. "
        "Mayor Pavo Lind accused the army of ordering the evacuation too late."
    )
    js = _attributed(
        text,
        [
            ("troops had evacuated the valley below the Orsk dam", "Water Ministry", "said"),
            ("Soldiers will stay in the valley until the water falls", "Ilse Kora", "according"),
            ("the army of ordering the evacuation too late", "Pavo Lind", "accused"),
        ],
    )
    assert sorted(j.statement for j in js) == sorted(
        [
            "Water Ministry says troops had evacuated the valley below the Orsk dam",
            "Ilse Kora says soldiers will stay in the valley until the water falls",
            "Pavo Lind accused the army of ordering the evacuation too late",
        ]
    )
    for j in js:
        assert (
            j.kind == "attributed" and j.likelihood_text is None
        )  # one origin: no likelihood that it is true
        assert "accurate" not in j.basis


POLL = (
    "Poll Shows Vahr Ahead In Drummond\n\n"
    "A Korvath Institute poll shows that voters in Drummond favour Governor Ilse Vahr over her "
    "rival Petr Kolas.\n\n"
    "Petr Kolas said that the survey was too small to be trusted.\n\n"
    "Vahr is ahead among voters over sixty, according to the survey.\n\n"
    "Two election officials said that counting would take three days.\n\n"
    "The survey was conducted among 600 respondents last week.\n"
)


def test_a_report_of_attributed_claims_gets_judgments_on_its_one_origin(nlp):
    """Nothing in it is an event or an estimate, but it says who found what: those are judged."""
    from sitrep.analyze import analyze_docs

    doc = Document(content_id(POLL), POLL, path="poll.txt")
    a = assess_corpus(list(analyze_docs([doc], nlp)))
    said = [j.statement for j in a.judgments]
    assert "Petr Kolas says the survey was too small to be trusted" in said
    assert any(
        s.startswith("poll.txt reports, citing the survey, that Vahr is ahead") for s in said
    )
    assert any(
        "citing two election officials, that counting would take three days" in s for s in said
    )
    assert not any("Poll Shows" in s or "600 respondents" in s for s in said)
    for j in a.judgments:
        assert j.kind == "attributed" and j.likelihood_text is None
        assert "rests on one origin (poll.txt)" in (j.caveat or "")


def test_a_headline_is_not_a_statement():
    from sitrep.assess.evidence import Evidence
    from sitrep.assess.keyjudgments import is_heading

    doc = Document("d", "x")
    heading = Evidence("d:e0", doc, 0, 1, "Poll Shows Vahr Ahead In Drummond")
    sentence = Evidence("d:e1", doc, 0, 1, "Vahr Leads In Drummond, the poll shows.")
    assert is_heading(heading) and not is_heading(sentence)
