"""The `sitrep hypotheses` command: analysis of competing hypotheses over the stored corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def hypotheses(
        file: Annotated[
            Path, typer.Argument(help="TOML file with [[hypothesis]] tables (id, text)")
        ],
        db: Annotated[
            str | None,
            typer.Option(
                "--db", help="SQLite file or SQLAlchemy URL (env SITREP_DB; default sitrep.db)"
            ),
        ] = None,
        sources: Annotated[
            Path | None,
            typer.Option("--sources", help="sources.toml: outlet -> reliability grade A-F"),
        ] = None,
        write: Annotated[
            bool,
            typer.Option(
                "--write/--no-write",
                help="Write sitrep's proposed ratings to FILE's .proposed.toml twin",
            ),
        ] = True,
    ) -> None:
        """Weigh each piece of evidence against each hypothesis (Heuer's ACH).

        sitrep proposes C (consistent), I (inconsistent) or N (neutral) in a file
        beside FILE (hypotheses.proposed.toml for hypotheses.toml), rewritten on each
        run; copy a rating into FILE to change it: only what FILE says wins. The
        hypothesis with the least inconsistent evidence is ranked first.
        """
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        from sitrep import pipeline
        from sitrep.assess import assess_corpus
        from sitrep.assess.grades import SourcesFileError
        from sitrep.assess.hypotheses import (
            HypothesesFileError,
            matrix_for,
            proposals_path,
            proposals_toml,
            user_ratings,
        )
        from sitrep.store.assessment import save_matrix
        from sitrep.store.db import connect
        from sitrep.store.location import StoreError

        err, out = Console(stderr=True, soft_wrap=True), Console()
        try:
            engine = connect(db, create=False)
        except StoreError as exc:
            from rich.markup import escape

            err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
            raise typer.Exit(2) from exc
        given = sources or pipeline.beside([str(file)], "sources.toml")
        try:
            items, resolution = pipeline.resolved(engine)
            sources = pipeline.kept(
                engine, "sources", given, lambda line: err.print(f"[dim]{line}[/]")
            )
            assessment = assess_corpus(items, resolution, sources)
            matrix = matrix_for(assessment, file)
            yours = user_ratings(file, matrix)
        except (SourcesFileError, HypothesesFileError) as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from exc
        save_matrix(engine, matrix)

        table = Table(
            title="Competing hypotheses (C consistent, I inconsistent, N neutral; * = your rating)",
            show_lines=False,
        )
        table.add_column("evidence", overflow="fold", max_width=70)
        table.add_column("cred.")
        for h in matrix.hypotheses:
            table.add_column(escape(h.id), justify="center")
        styles = {"C": "green", "I": "bold red", "N": "dim"}
        for e in matrix.evidence:
            cells = []
            for h in matrix.hypotheses:
                c = matrix.cells[(e.id, h.id)]
                cells.append(
                    f"[{styles[c.rating]}]{c.rating}{'*' if (e.id, h.id) in yours else ''}[/]"
                )
            table.add_row(
                f"{escape(_short(e.text))} [dim]({escape(e.id)})[/]", str(e.credibility), *cells
            )
        table.add_row(
            "[bold]inconsistency[/]",
            "",
            *[f"[bold]{matrix.inconsistency(h.id)}[/]" for h in matrix.hypotheses],
        )
        out.print(table)
        for rank, h in enumerate(matrix.ranking(), 1):
            out.print(
                f"{rank}. {escape(h.id)} (inconsistency {matrix.inconsistency(h.id)}, "
                f"{matrix.count(h.id, 'I')} against, {matrix.count(h.id, 'C')} for): "
                f"{escape(h.text)}",
                highlight=False,
            )
        if write:
            rated = {eid for eid, _ in yours}
            target = proposals_path(file)
            proposals = proposals_toml(matrix, rated)
            if proposals:
                target.write_text(proposals.lstrip("\n"), encoding="utf-8")
                unrated = sum(1 for e in matrix.evidence if e.id not in rated)
                err.print(
                    f"Wrote sitrep's proposed ratings for {unrated} evidence item(s) to {target}; "
                    f"copy any you change into {file} and run again."
                )
            elif target.is_file():
                target.unlink()


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
