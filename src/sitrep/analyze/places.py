"""Place mentions resolved to a gazetteer."""

from __future__ import annotations

from sitrep.records import Place


def extract_places(sdoc, ents) -> list[Place]:
    return []
