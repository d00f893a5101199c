"""The `sitrep hypotheses` command."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Nothing yet: the command is added by its stage."""
