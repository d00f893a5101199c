"""Sentences about the reporting itself never become evidence."""

from __future__ import annotations

import pytest

from sitrep.assess.evidence import document_evidence
from sitrep.assess.procedural import is_procedural
from sitrep.ids import content_id
from sitrep.records import Analysis, Document


@pytest.mark.parametrize(
    "sentence",
    [
        "(Reporting by Jonas Kell; Editing by Marta Heller)",
        "(Reporting by Jonas Kell; Editing by Marta Heller) — MPA",  # the agency signs off
        "Additional reporting by Ana Pop in Pravik.",
        "The defence ministry has not commented on the report.",
        "Velcor did not respond to a request for comment.",
        "A spokesman declined to comment.",
        "Eastern Bulletin could not independently verify the claim.",
        "The governor's office was not immediately available for comment.",
    ],
)
def test_procedural(sentence):
    assert is_procedural(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry said 14 people had died and 300 were missing.",
        "Reporters saw the bridge collapse at 6 a.m.",
        "The governor refused to order an evacuation, residents said, and the water rose "
        "through the night.",
        "Editors at the paper were arrested on Monday.",
    ],
)
def test_not_procedural(sentence):
    assert not is_procedural(sentence)


def test_credit_and_no_comment_lines_are_not_evidence():
    text = (
        "Police arrested 40 people in Kapital on Friday.\n\n"
        "The interior ministry has not commented.\n\n(Reporting by Jonas Kell; Editing by "
        "Marta Heller)"
    )
    doc = Document(id=content_id(text), text=text, outlet="Alpha Wire")
    units = document_evidence(doc, Analysis())
    assert [u.text for u in units] == ["Police arrested 40 people in Kapital on Friday."]
