"""Reported claims, their sources, hedge cues and ICD 203 bands."""

from __future__ import annotations

from sitrep.records import Claim, Hedge


def extract_claims(sdoc, document, ents, quotes) -> tuple[list[Claim], list[Hedge]]:
    return [], []
