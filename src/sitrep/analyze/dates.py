"""Dates normalized against the publication date."""

from __future__ import annotations

from sitrep.records import DateRef


def extract_dates(sdoc, published: str | None) -> list[DateRef]:
    return []
