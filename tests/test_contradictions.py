"""Contradictions and changes of stance only where they are real.

A made-up crisis (Norland, Ostria, the city of Kapital): two counts are one quantity only
when they count the same thing (unit, noun, whose, where, which day); one speaker repeating
themselves is not a contradiction; a stance change is the speaker's own words changing.
"""

from __future__ import annotations

from sitrep.assess import assess_corpus
from sitrep.assess.quantities import counted_thing, quantity_key
from sitrep.ids import content_id
from sitrep.records import (
    ActorRef,
    Analysis,
    Claim,
    DateRef,
    Document,
    Entity,
    Figure,
    Mention,
    Quote,
    Span,
)

BRASK = ActorRef("person:lena-brask", "Lena Brask")
TOLL = ActorRef("person:arvid-toll", "Arvid Toll")


def doc(text: str, outlet: str, published: str) -> Document:
    return Document(
        id=content_id(text + outlet),
        text=text,
        outlet=outlet,
        published=published,
        title=outlet,
        path=f"{outlet}.txt",
    )


def fig(text: str, sub: str, value: float, counted: str | None, event: str | None = None) -> Figure:
    s = text.index(sub)
    return Figure(s, s + len(sub), sub, value, counted=counted, event=event)


def quote(
    text: str, content: str, speaker: ActorRef, kind: str = "direct", cue: str | None = None
) -> Quote:
    s = text.index(content)
    cue_span = None
    if cue is not None:
        c = text.index(cue)
        cue_span = Span(c, c + len(cue), cue)
    return Quote(
        s,
        s + len(content),
        content,
        cue_span,
        [],
        [Span(s, s + len(content), content)],
        speaker,
        kind,
    )


def day(text: str, sub: str, value: str) -> DateRef:
    s = text.index(sub)
    return DateRef(s, s + len(sub), sub, value, "day")


def conflicts(*docs: tuple[str, str, str, list[Figure]]):
    items = []
    for text, outlet, published, figures in docs:
        items.append((doc(text, outlet, published), Analysis(figures=figures)))
    return assess_corpus(items).figure_conflicts


def one(text: str, sub: str, value: float, counted: str | None, event: str | None = None):
    return fig(text, sub, value, counted, event)


def test_members_of_two_blocs_are_not_one_count():
    a = "The Northern Pact's 30 member countries met in Kapital on Monday."
    b = "The Union's 27 countries agreed on new sanctions on Monday."
    assert (
        conflicts(
            (a, "Alpha Wire", "2026-03-02", [one(a, "30", 30, "member countries", "met")]),
            (b, "Beta Daily", "2026-03-02", [one(b, "27", 27, "countries", "agreed")]),
        )
        == []
    )


def test_two_distances_are_not_one_quantity():
    a = "The front line now runs 56 miles from Kapital."
    b = "Satellite images show an armoured column 19 miles long."
    assert (
        conflicts(
            (a, "Alpha Wire", "2026-03-02", [one(a, "56", 56, "miles")]),
            (b, "Beta Daily", "2026-03-02", [one(b, "19", 19, "miles")]),
        )
        == []
    )


def test_troops_of_two_armies_are_not_one_count():
    a = "Norland has 80,000 troops in Europe, its defence ministry says."
    b = "Ostria has massed 130,000 troops at the border, satellite pictures show."
    assert (
        conflicts(
            (a, "Alpha Wire", "2026-03-02", [one(a, "80,000", 80000, "troops", "has")]),
            (b, "Beta Daily", "2026-03-02", [one(b, "130,000", 130000, "troops", "massed")]),
        )
        == []
    )


def test_soldiers_seen_at_different_places_are_not_one_count():
    a = "About 50 soldiers stood outside the Velmar radio station, our reporter saw."
    b = "A correspondent counted about 20 soldiers, some of them asleep on their trucks."
    c = "Ostria has massed 130,000 troops at the border, satellite pictures show."
    d = "Ostria has 60,000 troops at the border, Norland says."
    assert (
        conflicts(
            (a, "Alpha Wire", "2026-03-02", [one(a, "About 50", 50, "soldiers", "stood")]),
            (b, "Beta Daily", "2026-03-02", [one(b, "about 20", 20, "soldiers", "counted")]),
        )
        == []
    )
    found = conflicts(
        (c, "Alpha Wire", "2026-03-02", [one(c, "130,000", 130000, "troops", "massed")]),
        (d, "Beta Daily", "2026-03-02", [one(d, "60,000", 60000, "troops", "has")]),
    )
    assert [x.key for x in found] == ["soldiers"]


def test_the_same_count_from_two_sources_still_conflicts():
    a = "Police detained close to 6,000 protesters in Kapital on Friday, the ministry said."
    b = "Some 4,500 people were arrested in Kapital, a rights group said."
    c = "In Lir, 3,000 people were arrested."
    found = conflicts(
        (a, "Alpha Wire", "2026-03-07", [one(a, "close to 6,000", 6000, "protesters", "detained")]),
        (b, "Gamma Times", "2026-03-07", [one(b, "Some 4,500", 4500, "people", "arrested")]),
        (c, "Delta TV", "2026-03-07", [one(c, "3,000", 3000, "people", "arrested")]),
    )
    assert len(found) == 1 and found[0].key == "arrests"
    assert sorted(g.text for g in found[0].groups) == [
        "Some 4,500",
        "close to 6,000",
    ]  # not Lir's own count


def test_tallies_of_different_named_days_do_not_conflict():
    a = "14 people were killed in Kapital on March 6, doctors said."
    b = "On Sunday, March 8, 9 people were killed in Kapital."
    fa, fb = one(a, "14 people", 14, "people", "killed"), one(b, "9 people", 9, "people", "killed")
    items = [
        (
            doc(a, "Alpha Wire", "2026-03-08"),
            Analysis(figures=[fa], dates=[day(a, "March 6", "2026-03-06")]),
        ),
        (
            doc(b, "Beta Daily", "2026-03-08"),
            Analysis(figures=[fb], dates=[day(b, "March 8", "2026-03-08")]),
        ),
    ]
    assert assess_corpus(items).figure_conflicts == []
    items[1][1].dates[0] = day(
        b, "March 8", "2026-03-06"
    )  # the same day named: one tally, two values
    assert len(assess_corpus(items).figure_conflicts) == 1


def test_counted_thing_reads_whose_and_where():
    text = "Ostria has massed 130,000 troops at the border. 11 swing states."
    f = one(text, "130,000", 130000, "troops", "massed")
    c = counted_thing(f, text, quantity_key(f, text[f.end :]))
    assert (c.key, c.owner, c.place) == ("soldiers", "ostria", "border")
    g = one(text, "11", 11, "swing states")
    assert counted_thing(g, text, quantity_key(g, text[g.end :])).modifiers == {"swing"}


def test_a_repeated_statement_is_not_a_self_contradiction():
    text = (
        'Toll said it was "a training exercise, planned weeks ago, nothing more."\n\n'
        'Later he repeated that it was "a training exercise, planned weeks ago".'
    )
    qs = [
        quote(text, "a training exercise, planned weeks ago, nothing more.", TOLL),
        Quote(*_second(text, "a training exercise, planned weeks ago"), TOLL, "direct"),
    ]
    a = assess_corpus([(doc(text, "Eta Herald", "2026-03-09"), Analysis(quotes=qs))])
    assert a.statement_conflicts == []


def _second(text: str, content: str):
    s = text.index(content, text.index(content) + 1)
    return s, s + len(content), content, None, [], [Span(s, s + len(content), content)]


def test_different_figures_from_one_speaker_on_one_day_conflict():
    text = (
        '"We lost 12 tanks at the river crossing," Toll said.\n\n'
        '"We lost 40 tanks at the river crossing," Toll told another channel.'
    )
    qs = [
        quote(text, "We lost 12 tanks at the river crossing,", TOLL),
        quote(text, "We lost 40 tanks at the river crossing,", TOLL),
    ]
    a = assess_corpus([(doc(text, "Eta Herald", "2026-03-09"), Analysis(quotes=qs))])
    assert [c.reason for c in a.statement_conflicts] == ["figures"]


HOST = (
    'On March 3, television host Lena Brask dismissed the invasion as "a border dispute" on her '
    'evening show.\n\nOn March 4, Brask said "the president is responsible for this war" and '
    "called for his resignation."
)


def test_a_change_of_stance_inside_one_document():
    d = doc(HOST, "Amber Coast Notes", "2026-03-05")
    qs = [
        quote(HOST, "a border dispute", BRASK, "partial", "dismissed"),
        quote(HOST, "the president is responsible for this war", BRASK),
    ]
    dates = [day(HOST, "March 3", "2026-03-03"), day(HOST, "March 4", "2026-03-04")]
    a = assess_corpus([(d, Analysis(quotes=qs, dates=dates))])
    assert len(a.stance_changes) == 1
    c = a.stance_changes[0]
    assert (c.before.stance, c.after.stance) == ("dismissive", "accusatory")
    assert (c.before.date, c.after.date) == ("2026-03-03", "2026-03-04")
    # without the days the sentences name, the order inside the report is unknown: no change
    assert assess_corpus([(d, Analysis(quotes=qs))]).stance_changes == []


def _claim(text: str, content: str, source: ActorRef, cue: str) -> Claim:
    s, c = text.index(content), text.index(cue)
    return Claim(s, s + len(content), content, source, cue=Span(c, c + len(cue), cue))


def test_what_others_say_about_a_speaker_is_not_their_stance():
    later = '"The president is responsible for this war," Brask said.'
    blame = (
        doc(later, "Beta Daily", "2026-03-04"),
        Analysis(quotes=[quote(later, "The president is responsible for this war,", BRASK)]),
    )
    named = "Her critics said that Brask called the invasion a border dispute."
    about_her = _claim(named, "Brask called the invasion a border dispute", BRASK, "said")
    framed = "Brask noted the invasion was a border dispute at first."
    reporter = _claim(framed, "the invasion was a border dispute at first", BRASK, "noted")
    own = "Brask said the invasion was a border dispute at first."
    hers = _claim(own, "the invasion was a border dispute at first", BRASK, "said")
    for text, record in ((named, about_her), (framed, reporter)):
        items = [(doc(text, "Alpha Wire", "2026-03-02"), Analysis(claims=[record])), blame]
        assert assess_corpus(items).stance_changes == [], text
    items = [(doc(own, "Alpha Wire", "2026-03-02"), Analysis(claims=[hers])), blame]
    assert len(assess_corpus(items).stance_changes) == 1  # her own words, then hers again: a change


def _varn(text: str) -> Entity:
    s = text.index("Varn")
    return Entity(
        "person:varn",
        "Varn",
        "person",
        mentions=[Mention(s, s + 4, "Varn", "person", "person:varn")],
    )


def test_praise_and_blame_count_only_for_one_target():
    a = '"I salute the brave general Varn," Toll said.'
    b = '"The ministry is guilty of this," Toll said.'
    c = '"Varn is guilty of this," Toll said.'
    qa = quote(a, "I salute the brave general Varn,", TOLL)
    first = (doc(a, "Alpha Wire", "2026-03-02"), Analysis(quotes=[qa], entities=[_varn(a)]))
    other = (
        doc(b, "Beta Daily", "2026-03-04"),
        Analysis(quotes=[quote(b, "The ministry is guilty of this,", TOLL)]),
    )
    same = (
        doc(c, "Beta Daily", "2026-03-04"),
        Analysis(quotes=[quote(c, "Varn is guilty of this,", TOLL)], entities=[_varn(c)]),
    )
    assert assess_corpus([first, other]).stance_changes == []
    assert [
        (x.before.stance, x.after.stance) for x in assess_corpus([first, same]).stance_changes
    ] == [("supportive", "accusatory")]


def test_the_next_day_counts_from_the_dated_statement_before_it():
    text = (
        'On March 3, television host Lena Brask dismissed the invasion as "a border dispute".\n\n'
        'The next day, Brask said "the president is responsible for this war".'
    )
    qs = [
        quote(text, "a border dispute", BRASK, "partial", "dismissed"),
        quote(text, "the president is responsible for this war", BRASK),
    ]
    d = doc(text, "Amber Coast Notes", "2026-03-06")
    a = assess_corpus([(d, Analysis(quotes=qs, dates=[day(text, "March 3", "2026-03-03")]))])
    assert [(c.before.date, c.after.date) for c in a.stance_changes] == [
        ("2026-03-03", "2026-03-04")
    ]
    undated = text.replace("The next day", "Meanwhile")
    qs = [
        quote(undated, "a border dispute", BRASK, "partial", "dismissed"),
        quote(undated, "the president is responsible for this war", BRASK),
    ]
    d = doc(undated, "Amber Coast Notes", "2026-03-06")
    assert (
        assess_corpus(
            [(d, Analysis(quotes=qs, dates=[day(undated, "March 3", "2026-03-03")]))]
        ).stance_changes
        == []
    )


def test_accusations_a_speaker_answers_are_not_the_speakers_stance():
    from sitrep.assess.stance import stance_of

    assert stance_of("to accusations that he exaggerated details of his life story") is None
    assert stance_of("the reports are exaggerated") == "dismissive"


def test_the_accusations_a_speaker_answers_are_not_a_statement_of_theirs():
    first = "Toll responded on Sunday to accusations that he exaggerated the threat."
    later = '"The ministry lied to us," Toll said.'
    answered = _claim(first, "that he exaggerated the threat", TOLL, "responded")
    items = [
        (doc(first, "Alpha Wire", "2026-03-02"), Analysis(claims=[answered])),
        (
            doc(later, "Beta Daily", "2026-03-04"),
            Analysis(quotes=[quote(later, "The ministry lied to us,", TOLL)]),
        ),
    ]
    assert assess_corpus(items).stance_changes == []
    own = "Toll responded on Sunday that the threat was exaggerated."
    items[0] = (
        doc(own, "Alpha Wire", "2026-03-02"),
        Analysis(claims=[_claim(own, "that the threat was exaggerated", TOLL, "responded")]),
    )
    assert len(assess_corpus(items).stance_changes) == 1


KORA = ActorRef("person:ilse-kora", "Ilse Kora")
PLAYING_DOWN = [
    "the Velna dam is safe",
    "there is no threat to Ostrin",
    "this is scaremongering",
    "it is a border dispute, nothing more",
    "the situation is under control",
    "no reason for alarm",
    "the talk of a breach is hysteria",
    "the reports are exaggerated",
]
ALARMED = [
    "the government failed Ostrin",
    "they ignored every warning",
    "this is a disaster",
    "the ministry is to blame",
    "people died because of it",
    "the dam is not safe",
    "the governor must answer for this",
    "it was negligence from the start",
]


def test_stance_words_fall_into_two_polarities_and_a_negation_turns_them_over():
    from sitrep.assess.stance import stance_of

    assert [stance_of(t) for t in PLAYING_DOWN] == ["dismissive"] * len(PLAYING_DOWN)
    assert [stance_of(t) for t in ALARMED] == ["accusatory"] * len(ALARMED)
    assert stance_of("there is no danger to anyone") == "dismissive"
    assert stance_of("the levee is not secure") == "accusatory"
    assert (
        stance_of("an alarmist report") == "dismissive"
    )  # a stem does not also count as its shorter word
    assert stance_of("the weather was fine at the weekend") is None


def test_a_host_who_reassures_and_later_blames_in_one_report_has_changed_stance():
    text = (
        'On May 2, the Kanal 9 host Ilse Kora told viewers: "The Velna dam is safe. There is no '
        'threat."\n\nOn May 4, Kora said on the same programme: "The government failed Ostrin. '
        'They ignored every warning and this is a disaster."'
    )
    qs = [
        quote(text, "The Velna dam is safe. There is no threat.", KORA),
        quote(
            text,
            "The government failed Ostrin. They ignored every warning and this is a disaster.",
            KORA,
        ),
    ]
    dates = [day(text, "May 2", "2026-05-02"), day(text, "May 4", "2026-05-04")]
    a = assess_corpus([(doc(text, "Ostrin Notes", "2026-05-06"), Analysis(quotes=qs, dates=dates))])
    assert [
        (c.speaker, c.before.stance, c.after.stance, c.before.date, c.after.date)
        for c in a.stance_changes
    ] == [("Ilse Kora", "dismissive", "accusatory", "2026-05-02", "2026-05-04")]


def test_words_inside_a_critics_quote_and_questions_put_to_a_speaker_are_not_theirs():
    critic = ActorRef("person:pavo-lind", "Pavo Lind")
    text = (
        'On May 2, Kora said: "The Velna dam is safe."\n\n'
        "On May 4, Pavo Lind said: \"Now Kora tells us it was somebody else's fault and a "
        'disaster."\n\n'
        "On May 4, asked whether her channel had ignored the warnings, Kora said nothing."
    )
    inner = "it was somebody else's fault and a disaster"
    qs = [
        quote(text, "The Velna dam is safe.", KORA),
        quote(text, "Now Kora tells us it was somebody else's fault and a disaster.", critic),
        quote(text, inner, KORA, "indirect", "tells"),
        quote(text, "whether her channel had ignored the warnings", KORA, "indirect", "asked"),
    ]
    last = text.rindex("May 4")
    dates = [
        day(text, "May 2", "2026-05-02"),
        day(text, "May 4", "2026-05-04"),
        DateRef(last, last + 5, "May 4", "2026-05-04", "day"),
    ]
    a = assess_corpus([(doc(text, "Ostrin Notes", "2026-05-06"), Analysis(quotes=qs, dates=dates))])
    assert a.stance_changes == []
    # the same words as her own quote are a change
    own = [qs[0], quote(text, inner, KORA, "direct")]
    a = assess_corpus(
        [(doc(text, "Ostrin Notes", "2026-05-06"), Analysis(quotes=own, dates=dates))]
    )
    assert [c.speaker for c in a.stance_changes] == ["Ilse Kora"]
