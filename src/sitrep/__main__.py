"""`python -m sitrep` is the `sitrep` command."""

from sitrep.cli import app

app(prog_name="sitrep")
