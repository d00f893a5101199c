"""Turn a recognized date expression into an ISO value, against the publication date.

Language-neutral: ``dates`` (English) and ``dates_ru`` find the expressions and
describe them as a :class:`DateExpr`; this module resolves them. News
conventions it applies, where dateparser alone does not:

- a day or month without a year ("Feb. 27", "in March") takes the year that
  puts it closest to publication, with dates after publication counted three
  times as far (reports look back more often than ahead): in a February article
  "Dec. 28" is last December, "March 3" is this March;
- a bare weekday ("on Tuesday") is the one on or before publication, unless
  the sentence is in the future tense;
- "the next day", "two days later", "накануне" count from the last date the
  document mentioned (the publication date before any).

Values are ISO 8601 at their granularity: ``2026-02-27`` (day), ``2026-W08``
(week), ``2026-03`` (month), ``2019`` (year).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"


@dataclass(slots=True)
class DateExpr:
    kind: str  # absolute | weekday | from_pub | from_prev | parse
    granularity: str = DAY
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0
    direction: str = "past"  # past (on or before) | future (on or after) | last | next
    unit: str | None = None  # day | week | month | year, for relative kinds
    offset: int = 0
    text: str | None = None  # for kind "parse": the string handed to dateparser
    lang: str = "en"
    guess: bool = False  # a candidate that may not be a date at all: drop it when unresolved


def parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def shift(date: dt.date, unit: str, n: int) -> dt.date:
    if unit == DAY:
        return date + dt.timedelta(days=n)
    if unit == WEEK:
        return date + dt.timedelta(weeks=n)
    months = n * (12 if unit == YEAR else 1)
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def iso(date: dt.date, granularity: str) -> str:
    if granularity == YEAR:
        return f"{date.year:04d}"
    if granularity == MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    if granularity == WEEK:
        year, week, _ = date.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return date.isoformat()


def infer_year(month: int, day: int | None, anchor: dt.date) -> int:
    """The year that puts month/day closest to ``anchor``, future distances tripled."""

    def cost(year: int) -> float:
        try:
            date = dt.date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))
        except ValueError:
            return float("inf")
        delta = (date - anchor).days
        return 3 * delta if delta > 0 else -delta

    return min((anchor.year - 1, anchor.year, anchor.year + 1), key=cost)


@lru_cache(maxsize=4)
def _parser(lang: str) -> DateDataParser:
    return DateDataParser(
        languages=[lang],
        settings={
            "RELATIVE_BASE": dt.datetime(2000, 6, 15),
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


@lru_cache(maxsize=20_000)
def parse_fields(
    text: str, lang: str = "en"
) -> tuple[int | None, int | None, int | None, str] | None:
    """(year, month, day, period) of an absolute date string by dateparser; None when unparsed.

    Year is None when the string names none (the caller infers it). Cached:
    dateparser is slow and the same strings recur across a corpus.
    """
    data = _parser(lang).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    period = data.period or DAY
    date = data.date_obj
    has_year = re.search(r"(?<!\d)(?:1[5-9]\d\d|20\d\d|2100)(?!\d)|'\d\d\b", text) is not None
    month = date.month if period in (DAY, MONTH, "time", WEEK) else None
    day = date.day if period in (DAY, "time") else None
    return (date.year if has_year else None), month, day, ("day" if period == "time" else period)


class Resolver:
    """Resolves a document's date expressions in reading order, keeping the running anchor."""

    def __init__(self, published: str | None):
        self.published = parse_published(published)
        self.last_day: dt.date | None = self.published
        self.last_any: dt.date | None = self.published
        self.last_at: int | None = (
            None  # where the running anchor was written, None for the dateline
        )

    def resolve(
        self, expr: DateExpr, at: int | None = None, text: str | None = None
    ) -> tuple[str | None, str]:
        """``at`` and ``text`` given, "the next day" counts only from a
        date in its own paragraph."""
        if (
            expr.kind == "from_prev"
            and at is not None
            and text is not None
            and not self._same_paragraph(at, text)
        ):
            return None, expr.granularity  # relative to an event we cannot see: it stays relative
        date, granularity = self._date(expr)
        if date is None:
            return None, granularity
        if granularity == DAY:
            self.last_day = date
        self.last_any = date
        if at is not None:
            self.last_at = at
        return iso(date, granularity), granularity

    def _same_paragraph(self, at: int, text: str) -> bool:
        if self.last_at is None:
            return False
        return "\n" not in text[self.last_at : at]

    def _date(self, e: DateExpr) -> tuple[dt.date | None, str]:
        pub = self.published
        if e.kind == "parse":
            fields = parse_fields(e.text or "", e.lang)
            if fields is None:
                return None, e.granularity
            e = DateExpr(
                "absolute",
                fields[3] if fields[3] in (DAY, MONTH, YEAR) else DAY,
                fields[0],
                fields[1],
                fields[2],
            )
        if e.kind == "absolute":
            if e.granularity == YEAR:
                return (dt.date(e.year, 1, 1), YEAR) if e.year else (None, YEAR)
            if e.month is None:
                return None, e.granularity
            year = e.year
            if year is None:
                if pub is None:
                    return None, e.granularity
                year = self._relative_year(e, pub)
            day = e.day if e.granularity == DAY else 1
            try:
                return dt.date(year, e.month, day or 1), e.granularity
            except ValueError:
                return None, e.granularity
        if e.kind == "weekday":
            if pub is None or e.weekday is None:
                return None, DAY
            back = (pub.weekday() - e.weekday) % 7
            ahead = (e.weekday - pub.weekday()) % 7
            if e.direction == "future":
                return pub + dt.timedelta(days=ahead), DAY
            if e.direction == "next":
                return pub + dt.timedelta(days=ahead or 7), DAY
            if e.direction == "last":
                return pub - dt.timedelta(days=back or 7), DAY
            return pub - dt.timedelta(days=back), DAY
        if e.kind in ("from_pub", "from_prev"):
            base = (
                pub
                if e.kind == "from_pub"
                else (self.last_day if e.unit in (DAY, WEEK) else self.last_any)
            )
            if base is None or e.unit is None:
                return None, e.granularity
            return shift(base, e.unit, e.offset), e.granularity
        return None, e.granularity

    @staticmethod
    def _relative_year(e: DateExpr, pub: dt.date) -> int:
        if e.direction == "last":  # "last March": the most recent one strictly before this month
            return pub.year if e.month < pub.month else pub.year - 1
        if e.direction == "next":
            return pub.year if e.month > pub.month else pub.year + 1
        if e.direction == "this":
            return pub.year
        return infer_year(e.month, e.day if e.granularity == DAY else None, pub)
