"""Problems found while reading input: reported per file (and line), never fatal to a batch."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class IngestProblem:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class IngestError(Exception):
    """A file that cannot become a document; the message says why in words a user can act on."""
