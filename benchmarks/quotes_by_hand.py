"""Quotes on paragraphs written the way analysts and reporters write, checked by hand.

Each case is a short text with the quotes a careful reader finds in it (a few words of
the content and who said it) and the stretches that are no one's quote (headings,
captions, the author's own narration, scare quotes). A found quote is right when its
content holds the words and its speaker (the resolved actor, else the source text) holds
the expected name; a stretch marked as no quote counts as wrong when a statement covers
it (a scare-quote fragment, kept at confidence 0.3 as the README says, is not counted).

    .venv/bin/python benchmarks/quotes_by_hand.py [--errors]

The texts are the project's own, about a fictional crisis; no data is needed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field


@dataclass
class Case:
    name: str
    text: str
    quotes: list[tuple[str, str]]  # (words of the content, the speaker's surname)
    not_quotes: list[str] = field(default_factory=list)


CASES = [
    Case(
        "interview framing",
        "President Varlamov has said little since the weekend. In a television interview with"
        " Mark Hollis, former head of the army, Hollis assessed that the offensive had stalled"
        " north of Kesvar. He warned, though, that \u201cit is early days,\u201d and that the"
        " reserves had not yet been committed. \u201cI don\u2019t think we can conclude yet"
        " that the line will hold.\u201d",
        [("offensive had stalled", "Hollis"), ("early days", "Hollis"), ("conclude yet", "Hollis")],
    ),
    Case(
        "according to",
        "Orlov is no \u201cdove\u201d. According to Ann Lowe, a former ambassador to Arvenia,"
        " Orlov was one of the most hawkish generals of his generation.",
        [("one of the most hawkish generals", "Lowe")],
        ["Orlov is no"],
    ),
    Case(
        "open letter over paragraphs",
        "Retired Colonel-General Pavel Orlov heads the Officers\u2019 Union. On 3 May he"
        " published an open letter to the president. He wrote:\n\n"
        "\u201cCitizens of Arvenia, the country is being led into a war it cannot win.\n\n"
        "\u201cWe do not need a war with our neighbours. We need bread, roads and schools.\n\n"
        "\u201cWe, the officers of the reserve, will do everything possible to stop the"
        " war.\u201d",
        [("led into a war", "Orlov"), ("do not need a war", "Orlov"), ("stop the war", "Orlov")],
    ),
    Case(
        "heading and caption",
        "Military Situation\n\n"
        "Two of his generals watch him as he announces the mobilisation in Kesvar.\n\n"
        "The defence ministry said on Tuesday that two brigades had reached the border and"
        " that more would follow within the week.",
        [("two brigades had reached the border", "ministry")],
        ["Military Situation", "Two of his generals watch him"],
    ),
    Case(
        "narration is no quote",
        "We saw it in living colour in the square on Friday: tanks, flags and a crowd that"
        " did not know whether to cheer. \u201cWe are not afraid,\u201d said Irena Kalnik,"
        " a teacher who had come with her two sons.",
        [("not afraid", "Kalnik")],
        ["We saw it in living colour"],
    ),
    Case(
        "signed answers",
        "We asked three residents of Pravik what the flood changed.\n"
        "\u201cThe water took the ground floor of our school and the town forgot us within a"
        " week.\u201d \u2015 Ilona Varga\n"
        "\u201cNobody from the ministry came until the cameras did. A disgrace.\u201d\u2015"
        " Tomas Brenner\n"
        "\u201cWe rebuilt the bakery with our own hands and the loans never came.\u201d"
        " \u2015 Marta Ruzic\n",
        [("ground floor", "Varga"), ("cameras did", "Brenner"), ("rebuilt the bakery", "Ruzic")],
    ),
    Case(
        "adding a second quote",
        "\u201cWe cannot pay for the dams alone,\u201d Governor Lena Adler said on Monday,"
        " adding later, \u201cthe ministry has to carry its share of every new wall on the"
        " river.\u201d",
        [("pay for the dams", "Adler"), ("carry its share", "Adler")],
    ),
    Case(
        "reported then quoted",
        "Governor Lena Adler said the dam at Kesvar had held through the night. \u201cWe were"
        " lucky this time, and luck is not a plan,\u201d Adler told reporters outside the"
        " town hall.",
        [("dam at Kesvar had held", "Adler"), ("luck is not a plan", "Adler")],
    ),
    Case(
        "told an outlet",
        "Mirela Dascu, the deputy mayor, told The Arvenian Post that the water at the"
        " treatment plant was safe to drink again.",
        [("safe to drink", "Dascu")],
    ),
    Case(
        "continuation paragraph",
        "\u201cThe convoy left at dawn and was stopped at the second checkpoint,\u201d said"
        " Petr Salek, a driver for the Red Cross.\n\n"
        "\u201cThey searched every lorry and let us go after four hours. Nobody told us"
        " why.\u201d",
        [("stopped at the second checkpoint", "Salek"), ("searched every lorry", "Salek")],
    ),
    Case(
        "pronoun after a full name",
        "Defence Minister Tomas Halvik spoke to reporters at the airbase on Thursday. He said"
        " the troops on the border were there for a training exercise and would return to"
        " their barracks by the end of the month.",
        [("training exercise", "Halvik")],
    ),
    Case(
        "transcript turns",
        "HOLT: Minister, are the troops leaving the border?\n\n"
        "TOMAS HALVIK, DEFENCE MINISTER: They will leave when the exercise is over, and not"
        " one day before.\n\n"
        "HOLT: When is that?\n\n"
        "HALVIK: When the general staff says it is over.",
        [("when the exercise is over", "Halvik"), ("general staff says", "Halvik")],
    ),
    Case(
        "outlet reports",
        "CNN is reporting that the presidential guard has left the palace and that the"
        " gates are open. The claim could not be verified independently.",
        [("presidential guard has left the palace", "CNN")],
    ),
    Case(
        "scare quote",
        "The government calls the arrests a \u201cpreventive measure\u201d, a phrase it has"
        " used since the spring. The council said close to 6,000 protesters had been"
        " arrested since Saturday.",
        [("6,000 protesters had been arrested", "council")],
    ),
    Case(
        "quote split by its cue",
        "\u201cWe are ready,\u201d Keller said, \u201cand we will not wait for the ministry"
        " any longer.\u201d",
        [("We are ready", "Keller")],
    ),
]


def _covers(q, words: str, text: str) -> bool:
    return any(words in text[c.start : c.end] for c in q.contents)


def _speaker(q) -> str:
    if q.speaker is not None:
        return q.speaker.name
    return " ".join(s.text for s in q.sources)


def run(nlp, errors: bool = False) -> tuple[int, int, int, int]:
    from sitrep.analyze.entities import extract_entities
    from sitrep.analyze.quotes import extract_quotes
    from sitrep.records import Document

    right = total = wrong_quotes = not_total = 0
    for case in CASES:
        sdoc = nlp(case.text)
        quotes = extract_quotes(sdoc, extract_entities(sdoc, Document(case.name, case.text)))
        for words, who in case.quotes:
            total += 1
            hits = [q for q in quotes if _covers(q, words, case.text)]
            ok = any(who.lower() in _speaker(q).lower() for q in hits)
            right += ok
            if errors and not ok:
                found = [_speaker(q) or "nobody" for q in hits] or ["no quote"]
                print(f"  {case.name}: {words!r} should be {who}'s, got {', '.join(found)}")
        for words in case.not_quotes:
            not_total += 1
            bad = [q for q in quotes if q.confidence >= 0.5 and _covers(q, words, case.text)]
            wrong_quotes += bool(bad)
            if errors and bad:
                print(f"  {case.name}: {words!r} is no quote, but was given to {_speaker(bad[0])}")
    return right, total, wrong_quotes, not_total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="print each miss")
    args = ap.parse_args(argv)
    from sitrep.analyze.nlp import load_nlp

    right, total, wrong, not_total = run(load_nlp(), args.errors)
    print(
        f"by hand: {len(CASES)} texts, quotes with the right speaker {right}/{total}"
        f" ({right / total:.2f}); headings, captions and narration quoted {wrong}/{not_total}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
