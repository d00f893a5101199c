"""Stable identifiers: documents by content hash, entities by type and name."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from anyascii import anyascii


def content_id(text: str) -> str:
    """Document id: the same text always gets the same id, whatever its file name."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def slug(name: str) -> str:
    ascii_name = anyascii(unicodedata.normalize("NFKC", name)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "x"


def entity_id(type_: str, name: str) -> str:
    """``person:ivan-petrov``: readable in a URL, a SQL table and a JSON export."""
    return f"{type_}:{slug(name)}"
