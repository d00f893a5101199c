"""The `sitrep spark` command: the per-document analysis over a corpus on Spark."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def spark(
        inputs: Annotated[
            list[str],
            typer.Argument(
                help="JSON Lines, Parquet or WARC files or folders "
                "(or a Common Crawl warc.paths list), then the output folder",
                metavar="INPUT... OUTPUT",
            ),
        ],
        master: Annotated[
            str | None,
            typer.Option(
                "--master", help="Spark master (default: local[*], or what spark-submit sets)"
            ),
        ] = None,
        partitions: Annotated[
            int | None,
            typer.Option(
                "--partitions",
                min=1,
                help="Repartition the documents into this many analysis tasks",
            ),
        ] = None,
        tables: Annotated[
            bool,
            typer.Option(
                "--tables/--no-tables", help="Also write one Parquet dataset per record table"
            ),
        ] = True,
        gazetteer: Annotated[
            Path | None,
            typer.Option(
                "--gazetteer",
                help="TOML gazetteer of extra places (a path every executor can read)",
            ),
        ] = None,
    ) -> None:
        """Analyze documents on Spark and write Parquet: documents
        (sitrep/1 JSON per row) and record tables."""
        from rich.console import Console

        err = Console(stderr=True, soft_wrap=True)
        if len(inputs) < 2:
            err.print("[red]error:[/] give at least one INPUT and the OUTPUT folder")
            raise typer.Exit(2)
        try:
            from sitrep.scale import spark as job
        except ImportError as exc:  # pragma: no cover - install problem
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from exc
        try:
            import pyspark  # noqa: F401
        except ImportError as exc:
            err.print("[red]error:[/] Spark support is not installed: pip install 'sitrep[spark]'")
            raise typer.Exit(2) from exc
        user_places = gazetteer.resolve() if gazetteer is not None else None
        if user_places is not None:
            from sitrep.lexicon.gazetteer import GazetteerError, load_gazetteer

            try:
                load_gazetteer(
                    user_places
                )  # a bad file fails here, with its message, not on a worker
            except (GazetteerError, OSError) as exc:
                err.print(f"[red]error:[/] {exc}")
                raise typer.Exit(2) from exc
        *sources, output = inputs
        try:
            job.input_files(sources)
        except (ValueError, OSError) as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from exc
        spark_session = job.session(master)
        try:
            counts = job.run(
                spark_session,
                sources,
                output,
                partitions=partitions,
                tables=tables,
                user_places=user_places,
            )
        finally:
            spark_session.stop()
        summary = ", ".join(f"{k} {v}" for k, v in counts.items())
        err.print(f"Wrote {output}: {summary}")
        if counts.get("problems"):
            err.print(
                f"[yellow]{counts['problems']} input(s) could not be read[/]: see {output}/problems"
            )
