"""What the templates do with a missing value: never compare it, never print it as "None".

Jinja's own ``groupby`` sorts by the key first, so one undated item among dated
ones (or two undated ones) raises ``TypeError``: undated plain text is the most
common input there is. Here undated items form one group, always last.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def _key(item: Any, attribute: str) -> Any:
    if isinstance(item, dict):
        return item.get(attribute)
    return getattr(item, attribute, None)


def by_day(items: Iterable[Any], attribute: str = "date") -> list[tuple[str | None, list[Any]]]:
    """Items grouped by ``attribute`` in ascending order, ``None``
    (undated) last; order kept inside a group."""
    groups: dict[str | None, list[Any]] = {}
    for item in items:
        value = _key(item, attribute)
        groups.setdefault(None if value in (None, "") else str(value), []).append(item)
    dated = sorted(k for k in groups if k is not None)
    return [(k, groups[k]) for k in dated] + ([(None, groups[None])] if None in groups else [])


def blank_none(value: Any) -> Any:
    """Jinja ``finalize``: a missing value prints as nothing rather than the word "None"."""
    return "" if value is None else value
