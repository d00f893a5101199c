"""Document metadata from front matter, sidecar files and command-line overrides."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, datetime
from pathlib import Path

from sitrep.ingest.errors import IngestError

META_KEYS = ("title", "outlet", "author", "published", "url", "language")
SIDECAR_SUFFIXES = (".meta.toml", ".meta.json")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIXES)


def _clean(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    value = str(value).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[
            1:-1
        ].strip()  # one pair of surrounding quotes, not a title's own closing quote
    return value or None


def split_front_matter(text: str) -> tuple[dict, int]:
    """``key: value`` front matter between ``---`` lines; returns (fields, body offset)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    fields = {}
    for line in m.group(1).splitlines():
        if ":" in line and not line.lstrip().startswith("#"):
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = _clean(value)
    return fields, m.end()


def read_sidecar(path: Path) -> dict:
    """``article.txt`` takes its metadata from ``article.txt.meta.toml`` or
    ``article.meta.toml``."""
    for base in (path.name, path.stem):
        for suffix in SIDECAR_SUFFIXES:
            side = path.with_name(base + suffix)
            if side.is_file():
                try:
                    raw = side.read_bytes()
                    data = (
                        tomllib.loads(raw.decode("utf-8"))
                        if suffix.endswith("toml")
                        else json.loads(raw)
                    )
                except (ValueError, UnicodeDecodeError) as exc:
                    raise IngestError(f"metadata file {side.name} is malformed: {exc}") from exc
                return {
                    k.lower(): _clean(v) for k, v in data.items() if not isinstance(v, dict | list)
                }
    return {}


def normalize_published(value: str | None) -> str | None:
    """Any date-like string -> ISO 8601 date (or datetime); unparseable values are dropped."""
    if not value:
        return None
    value = value.strip()
    try:
        return (
            date.fromisoformat(value[:10]).isoformat()
            if len(value) <= 10
            else datetime.fromisoformat(value).isoformat()
        )
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(
        value, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    )
    return parsed.date().isoformat() if parsed else None
