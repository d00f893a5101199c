"""Key-judgment text as an analyst would sign it: no dateline, quotes kept whole, no scene lead.

Why: a judgment quotes a report's sentence; what the report's layout puts around that
sentence (a dateline in Markdown bold, the quotation mark that closes a quoted phrase)
must neither leak into it nor be cut from it.
"""

from __future__ import annotations

from sitrep.assess import assess_corpus
from sitrep.assess.judgments import clean_statement
from sitrep.ids import content_id
from sitrep.records import Document


def _report(nlp, items: list[tuple], day: str = "2026-03-01"):
    """(outlet, file name, text[, day published]) reports, analysed and assessed."""
    from sitrep.analyze import analyze_docs

    docs = [
        Document(content_id(text), text, path=path, outlet=outlet, published=(more or [day])[0])
        for outlet, path, text, *more in items
    ]
    return assess_corpus(list(analyze_docs(docs, nlp)))


def test_a_dateline_bold_or_not_is_cut_from_a_statement():
    assert clean_statement("**SAINT AUREL** — The council said the port was shut.") == (
        "The council said the port was shut."
    )
    assert clean_statement("DROVNA - Drovna woke up to a closed airport.") == (
        "Drovna woke up to a closed airport."
    )
    assert clean_statement("DROVNA, Feb. 25 (Veskaria Today) - Tanks took up positions.") == (
        "Tanks took up positions."
    )
    # a headline line the sentence splitter kept before the dateline goes with it
    assert clean_statement(
        "Helicopters lift hundreds\n\nTESKA, Arvenia, Oct 13 (Coastline Wire) - Army helicopters "
        "lifted 200 people."
    ) == ("Army helicopters lifted 200 people.")
    # a live blog entry's time stamp is when, not what
    assert clean_statement("08:20  Ministry spokeswoman Ana Lind: the bridge is closed.") == (
        "Ministry spokeswoman Ana Lind: the bridge is closed."
    )
    # capitals and dashes inside a sentence are no dateline
    for text in ("The UN - not NATO - said so.", "ANCHOR (PETR SALEK): It is seven o'clock."):
        assert clean_statement(text) == text


def test_a_markdown_bold_dateline_is_not_in_the_key_judgment(nlp):
    a = _report(
        nlp,
        [
            (
                "Baltic Monitor",
                "monitor.md",
                "**SAINT AUREL** — The last ferry to leave Saint Aurel before the council closed "
                "the port on Thursday carried 612 passengers, according to the shipping line.\n",
            ),
            (
                "Harbour Post",
                "post.md",
                "**SAINT AUREL** — The last ferry to leave Saint Aurel before the council shut "
                "the port on Thursday carried 612 passengers, the shipping line said.\n",
            ),
        ],
    )
    assert a.judgments
    for j in a.judgments:
        assert "**" not in j.statement and "SAINT AUREL" not in j.statement, j.statement
    assert any(j.statement.startswith("The last ferry") for j in a.judgments)


def test_a_headline_and_its_wire_dateline_are_not_in_the_key_judgment(nlp):
    """A lead's "..., an ANS correspondent said" whose content the parse ran back over the
    headline and the dateline ("Soldiers seize broadcaster ... KESSA, Apr 6 (ANS) — ..."), and
    a headline's "says" run on into the dateline ("... detained KESSA, Apr 6 (ANS"): the
    judgment says what the body says, without either."""
    a = _report(
        nlp,
        [
            (
                "Alder News Service",
                "ans-broadcaster.txt",
                "Soldiers seize Norland broadcaster in night raid\n\nKESSA, Apr 6 (ANS) — Soldiers "
                "in armoured vehicles seized the headquarters of the state broadcaster NTV early "
                "on Tuesday and took its main channel off the air, an ANS correspondent at the "
                "scene said.\n",
            ),
            (
                "Birch Herald",
                "herald-broadcaster.txt",
                "Armed troops took over the NTV television building in Kessa before dawn on "
                "Tuesday and cut its main channel, our correspondent saw.\n",
            ),
            (
                "Alder News Service",
                "ans-detained.txt",
                "Norland says 120 sailors detained\n\nKESSA, Apr 6 (ANS) — Norland's navy said on "
                "Tuesday that 120 sailors involved in the mutiny had been detained.\n",
            ),
        ],
    )
    assert a.judgments
    for j in a.judgments:
        assert "KESSA" not in j.statement and "(ANS" not in j.statement, j.statement
        assert "night raid" not in j.statement, j.statement


def test_quoted_words_keep_their_closing_mark():
    from sitrep.assess.evidence import strip_marks
    from sitrep.deliver.brief import unquote

    assert strip_marks("“we will stay,”") == "we will stay"  # the frame around the words goes
    for text in (
        "the deployment was “a training exercise”",
        'the pullback was "welcome but not enough"',
        "“Go,” he said, calling it “a test”",
        "the soldiers’ “drill”",
    ):
        assert strip_marks(text).endswith(text[-1]), text
    assert unquote('"Go," he said, calling it "a test".').endswith('"a test"')
    # an opening mark the splitter left at the end closes nothing
    assert clean_statement('Horvel said the pullback was "welcome but not enough". "') == (
        'Horvel said the pullback was "welcome but not enough".'
    )


def test_a_judgment_keeps_the_closing_mark_of_a_quoted_phrase(nlp):
    a = _report(
        nlp,
        [
            (
                "Drovna Herald",
                "herald.txt",
                "Defence Minister Stefan Horvel said the deployment of tanks at the airport was "
                "“a training exercise”.\n\nColonel Ruben Adler told local radio that his troops "
                '"take orders from the Chief of the General Staff and from no one else".\n',
            )
        ],
    )
    said = [j.statement for j in a.judgments]
    assert (
        "Stefan Horvel says the deployment of tanks at the airport was “a training exercise”"
        in (said)
    ), said
    assert any(
        s.endswith('"take orders from the Chief of the General Staff and from no one else"')
        for s in said
    ), said


SCENE_A = (
    "Drovna woke up on Thursday to a closed airport, a silent Defence Ministry and a great "
    "many rumours.\n\nResidents queued outside the bakeries on Kalina Avenue in the cold.\n"
)
SCENE_B = (
    "The capital Drovna woke up on Thursday to a shuttered airport, a silent Defence Ministry "
    "and plenty of rumours.\n\nResidents queued outside the bakeries on Kalina Avenue in the "
    "morning cold.\n"
)


def test_a_scene_setting_lead_is_a_storyline_but_no_key_judgment(nlp):
    a = _report(
        nlp, [("Drovna Herald", "herald.txt", SCENE_A), ("Baltic Monitor", "monitor.txt", SCENE_B)]
    )
    scene = [s for s in a.storylines if "woke up" in s.lead.text]
    assert scene and len(scene[0].documents) == 2  # the two reports still make a storyline
    for j in a.judgments:
        assert "woke up" not in j.statement and "queued" not in j.statement, j.statement
    from sitrep.assess.keyjudgments import substantive

    assert not substantive(scene[0].lead)


def test_a_storyline_is_judged_on_its_substantive_statement_not_its_scene_lead(nlp):
    a = _report(
        nlp,
        [
            (
                "Radio Iskel",
                "radio.txt",
                "Radio Iskel's reporter reached the edge of the Lower Town at around 4 a.m. on "
                "Tuesday, two hours after the Sarn dam failed.\n",
            ),
            (
                "Eastern Bulletin",
                "bulletin.txt",
                "The evacuation of the Lower Town began at around 4 a.m. on Tuesday, two hours "
                "after the Sarn dam failed.\n",
                "2026-03-02",
            ),
        ],
    )
    story = [s for s in a.storylines if len(s.documents) == 2]
    assert story and "reporter reached" in story[0].lead.text  # the earlier report leads
    said = [j.statement for j in a.judgments if j.storyline is story[0]]
    assert said and all("reporter reached" not in s for s in said), said
    assert any("evacuation" in s for s in said), said


def test_a_storyline_is_headed_by_its_substantive_statement_not_its_scene_lead(nlp):
    """The brief heads a storyline with what it reports (the evacuation), not the scene the
    earlier report opens on (its reporter reaching the Lower Town); the lead stays the
    earlier report's."""
    a = _report(
        nlp,
        [
            (
                "Radio Iskel",
                "radio.txt",
                "Radio Iskel's reporter reached the edge of the Lower Town at around 4 a.m. on "
                "Tuesday, two hours after the Sarn dam failed.\n",
            ),
            (
                "Eastern Bulletin",
                "bulletin.txt",
                "The evacuation of the Lower Town began at around 4 a.m. on Tuesday, two hours "
                "after the Sarn dam failed.\n",
                "2026-03-02",
            ),
        ],
    )
    story = next(s for s in a.storylines if len(s.documents) == 2)
    assert "reporter reached" in story.lead.text
    assert "evacuation" in story.title and "reporter reached" not in story.title


def test_a_one_source_judgment_is_what_the_report_naming_the_source_says(nlp):
    """The headline's "Norland says 120 sailors detained" names no first source; the storyline
    rests on the navy, so its judgment is what the navy says."""
    a = _report(
        nlp,
        [
            (
                "Alder News Service",
                "ans.txt",
                "Norland says 120 sailors detained\n\nKESSA, Apr 6 (ANS) — Norland's navy said on "
                "Tuesday that 120 sailors involved in the mutiny had been detained.\n",
            ),
            (
                "Birch Herald",
                "herald.txt",
                "The navy said on Tuesday that 120 sailors had been detained after the mutiny.\n",
                "2026-03-02",
            ),
        ],
    )
    story = next(s for s in a.storylines if len(s.documents) == 2)
    assert len(story.first_sources) == 1 and "navy" in story.first_sources[0]
    said = [j.statement for j in a.judgments if j.storyline is story]
    assert said and all("Norland says" not in s for s in said), said
    assert any("navy" in s.lower().split(" says")[0] for s in said), said
