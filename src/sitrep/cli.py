"""The ``sitrep`` command line. Each command is thin and calls one stage (see pipeline.py)."""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep import pipeline

app = typer.Typer(
    help="Turn crisis reporting into a sourced, graded preliminary assessment.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)
err = Console(stderr=True, soft_wrap=True)

# Typer prints a Python type beside each argument in --help ("PATH <list[str]>"); the
# metavar and the help text already say what to give, so the type is left out.
if hasattr(typer.core, "TyperArgument") and hasattr(typer.core.TyperArgument, "display_type_rich"):
    typer.core.TyperArgument.display_type_rich = lambda self, ctx: None
out = Console()

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or SQLAlchemy URL (env SITREP_DB; default sitrep.db)"),
]
PathsArg = Annotated[
    list[str], typer.Argument(help="Files or folders (searched recursively)", metavar="PATH")
]
OutletOpt = Annotated[
    str | None, typer.Option("--outlet", help="Outlet for documents that do not name one")
]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date for documents without one")
]
WorkersOpt = Annotated[int, typer.Option("--workers", "-w", min=1, help="Analysis processes")]


RELATIVE_DAYS = re.compile(
    r"\b(today|yesterday|tomorrow|ago|last|next|this|now|week|month|year)\b", re.I
)


def _version(show: bool) -> None:
    if show:
        from sitrep import __version__

        out.print(f"sitrep {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit"
        ),
    ] = False,
) -> None:
    """Turn crisis reporting into a sourced, graded preliminary assessment."""


def _overrides(outlet: str | None, published: str | None) -> dict:
    """``--published`` must name a day: a relative one ("yesterday") would change on every rerun."""
    if published:
        from sitrep.ingest.metadata import normalize_published

        day = (
            None
            if RELATIVE_DAYS.search(published) and not re.search(r"\d{4}", published)
            else normalize_published(published)
        )
        if day is None:
            err.print(
                f"[red]error:[/] --published {published!r} is not a date sitrep can pin down; give "
                "a day such as 2026-03-07 or '7 March 2026'",
                highlight=False,
            )
            raise typer.Exit(2)
        if day != published.strip():
            err.print(f"--published {published!r} read as {day}", highlight=False)
        published = day
    return {"outlet": outlet, "published": published}


class _Bars:
    """Rich progress bars keyed by stage name, shown only on a terminal."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            TextColumn("[bold]{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
            disable=not console.is_terminal,
        )
        self.tasks: dict[str, int] = {}

    def __enter__(self):
        self.progress.__enter__()
        return self

    def __exit__(self, *exc):
        self.progress.__exit__(*exc)

    def __call__(self, stage: str, advance: int, total: int | None) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        elif total is not None:
            self.progress.update(self.tasks[stage], total=total)
        if advance:
            self.progress.advance(self.tasks[stage], advance)


def _problem(p) -> None:
    err.print(f"[yellow]skipped[/] {p}", highlight=False)


def _engine(db: str | None, create: bool = True):
    from sitrep.store.db import connect
    from sitrep.store.location import StoreError

    try:
        return connect(db, create=create)
    except StoreError as exc:
        from rich.markup import escape

        err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc
    except Exception as exc:
        from sitrep.store.location import plain_reason

        err.print(
            f"[red]error:[/] cannot open the database {db or ''}: {plain_reason(exc)}",
            highlight=False,
        )
        raise typer.Exit(2) from exc


def _note(line: str) -> None:
    err.print(f"[dim]{line}[/]", highlight=False)


def _stopped_by_ctrl_c():
    """Ctrl-C when the handler of ``main`` is not installed (tests, embedding)."""
    from sitrep.interrupts import RESUME

    err.print(f"[yellow]interrupted:[/] {RESUME}")
    return typer.Exit(130)


def _say_analyzed(ingested: pipeline.IngestReport, analyzed: pipeline.AnalyzeReport) -> None:
    for path, why in analyzed.not_analyzed:
        err.print(f"[yellow]stored, not analyzed[/] {path}: {why}", highlight=False)
    for path in ingested.already:
        err.print(f"[dim]already stored[/] {path}", highlight=False)
    for path, dropped in sorted(ingested.furniture.items()):
        err.print(f"[dim]furniture[/] {path}: dropped {dropped}", highlight=False)


def _settings_error(exc: Exception) -> typer.Exit:
    from rich.markup import escape

    err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
    return typer.Exit(2)


def _settings_errors() -> tuple[type[Exception], ...]:
    from sitrep.assess.grades import SourcesFileError
    from sitrep.assess.hypotheses import HypothesesFileError

    return SourcesFileError, HypothesesFileError, pipeline.SettingsFileError


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    outlet: OutletOpt = None,
    published: PublishedOpt = None,
    workers: WorkersOpt = 1,
) -> None:
    """Read documents into the store and analyze them (the same content twice is a no-op)."""
    started = time.perf_counter()
    engine = _engine(db)
    settings = pipeline.JobSettings(workers=workers, overrides=_overrides(outlet, published))
    try:
        gaz = pipeline.gazetteer_in_force(engine, paths, None, _note)
        with _Bars(err) as bars:
            report, analyzed = pipeline.ingest_and_analyze(
                engine, paths, settings, bars, _problem, gaz
            )
    except _settings_errors() as exc:
        raise _settings_error(exc) from exc
    except KeyboardInterrupt:
        raise _stopped_by_ctrl_c() from None
    _say_analyzed(report, analyzed)
    err.print(
        f"Ingested {len(report.added)} new document(s), {len(report.already)} already stored, "
        f"{len(report.problems)} problem(s), page furniture dropped in {len(report.furniture)} "
        f"document(s) in {time.perf_counter() - started:.1f}s "
        f"-> {engine.url.render_as_string(hide_password=True)}"
    )
    if not report.added and not report.already:
        err.print(
            f"[yellow]warning:[/] no document found in {' '.join(paths)} (sitrep reads .txt .md "
            ".html .jsonl .xml/.rss/.atom .warc .warc.gz)",
            highlight=False,
        )
    if report.problems or not (report.added or report.already):
        raise typer.Exit(1)


@app.command()
def assess(
    paths: PathsArg,
    db: DbOpt = None,
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for brief.html and brief.md")
    ] = Path("."),
    outlet: OutletOpt = None,
    published: PublishedOpt = None,
    workers: WorkersOpt = 1,
    sources: Annotated[
        Path | None, typer.Option("--sources", help="sources.toml: outlet -> reliability grade A-F")
    ] = None,
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", help="TOML gazetteer of extra (local or fictional) places"),
    ] = None,
    title: Annotated[
        str, typer.Option("--title", help="Heading of the brief")
    ] = "Preliminary assessment",
) -> None:
    """The main job: ingest, analyze, resolve, assess, and write the brief."""
    from sitrep.store import read

    started = time.perf_counter()
    engine = _engine(db)
    settings = pipeline.JobSettings(
        out_dir=out_dir,
        title=title,
        sources=sources,
        gazetteer=gazetteer,
        workers=workers,
        overrides=_overrides(outlet, published),
    )
    try:
        with _Bars(err) as bars:
            job = pipeline.run_assessment(engine, paths, settings, bars, _problem, _note)
    except pipeline.NothingToAssess as exc:
        raise _nothing(exc) from exc
    except _settings_errors() as exc:
        raise _settings_error(exc) from exc
    except KeyboardInterrupt:
        raise _stopped_by_ctrl_c() from None
    _say_analyzed(job.ingested, job.analyzed)
    report, assessment, (html, md) = job.ingested, job.assessment, job.brief
    counts = read.count_rows(engine)
    table = Table(title="sitrep assess", show_header=False, box=None)
    for key in ("documents", "quotes", "claims", "entities", "places", "figures", "dates"):
        table.add_row(key, str(counts[key]))
    table.add_row(
        "storylines",
        f"{len(assessment.storylines)} ({len(assessment.confirmed)} confirmed, "
        f"{len(assessment.circular)} circular or syndicated)",
    )
    table.add_row(
        "contradictions",
        str(len(assessment.figure_conflicts) + len(assessment.statement_conflicts)),
    )
    table.add_row("stance changes", str(len(assessment.stance_changes)))
    furniture_docs, furniture_lines = read.furniture_counts(engine)
    table.add_row("furniture", f"{furniture_lines} line(s) dropped in {furniture_docs} document(s)")
    table.add_row("new this run", str(len(report.added)))
    table.add_row("problems", str(len(report.problems)))
    table.add_row("time", f"{time.perf_counter() - started:.1f}s")
    table.add_row("brief", f"{html}  {md}")
    table.add_row("database", engine.url.render_as_string(hide_password=True))
    err.print(table, soft_wrap=False)
    if report.problems:
        raise typer.Exit(1)


def _nothing(exc: Exception) -> typer.Exit:
    """A brief of nothing would look like a finding ("no key judgments"); say why there is none."""
    err.print(f"[red]error:[/] nothing to assess: {exc}; no brief written", highlight=False)
    return typer.Exit(1)


@app.command()
def extract(
    paths: PathsArg,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl/--json",
            help="JSON Lines: one sitrep/1 object per line (default), or --json: one indented "
            "JSON array",
        ),
    ] = True,
    outlet: OutletOpt = None,
    published: PublishedOpt = None,
    workers: WorkersOpt = 1,
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", help="TOML gazetteer of extra (local or fictional) places"),
    ] = None,
) -> None:
    """Analyze without a store: one sitrep/1 JSON object per input document on stdout."""
    from sitrep.deliver.contract import document_json
    from sitrep.ingest import IngestProblem, read_sources
    from sitrep.resolve import resolve_and_apply

    try:
        gaz = pipeline.gazetteer_in_force(None, paths, gazetteer, _note)
    except pipeline.SettingsFileError as exc:
        raise _settings_error(exc) from exc
    docs, problems = [], 0
    for item in read_sources(paths, _overrides(outlet, published)):
        if isinstance(item, IngestProblem):
            problems += 1
            _problem(item)
        else:
            docs.append(item)
    with _Bars(err) as bars:
        bars("analyze", 0, len(docs))
        results = []
        for pair in pipeline.analyze_stream(docs, workers, gaz):
            results.append(pair)
            bars("analyze", 1, None)
    resolve_and_apply(results, gaz)
    objects = []
    for doc, analysis in results:
        if jsonl:
            sys.stdout.write(json.dumps(document_json(doc, analysis), ensure_ascii=False) + "\n")
        else:
            objects.append(document_json(doc, analysis))
    if not jsonl:
        sys.stdout.write(json.dumps(objects, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
    err.print(f"Extracted {len(results)} document(s), {problems} problem(s).")
    if problems:
        raise typer.Exit(1)


@app.command()
def quotes(
    db: DbOpt = None,
    speaker: Annotated[
        str | None,
        typer.Option(
            "--speaker",
            help="Only quotes by this actor (any alias, or an id; a name that fits several "
            "actors lists them)",
        ),
    ] = None,
    about: Annotated[
        str | None,
        typer.Option("--about", help="Only quotes that mention this actor (a name, alias or id)"),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="Show at most this many quotes")
    ] = 200,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help=(
                "Only quotes at this confidence or above (0.5 drops likely scare quotes;"
                " 0.9 keeps quotes right about 9 times in 10)"
            ),
        ),
    ] = 0.0,
) -> None:
    """Who said what, with document and date."""
    from sitrep.commands.entities import ask_for_fuller_name
    from sitrep.store.queries import AmbiguousActor, NoSuchActor, find_quotes

    engine = _engine(db, create=False)
    try:
        rows = find_quotes(
            engine, speaker=speaker, about=about, limit=limit, min_confidence=min_confidence
        )
    except NoSuchActor as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    except AmbiguousActor as exc:
        ask_for_fuller_name(exc)
    if not rows:
        err.print("no quotes match")
        raise typer.Exit(0)
    table = Table(show_lines=True)
    for col in ("speaker", "quote", "kind", "document", "date"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["speaker_name"] or (r["source_text"] or "?"),
            r["content_text"],
            r["kind"],
            document_label(r["outlet"], r["title"], r["path"]),
            r["published"] or "",
        )
    out.print(table)


def document_label(outlet: str | None, title: str | None, path: str | None) -> str:
    """'Outlet: Title', or whichever is there; a document with neither is named by its file
    (not the folder it was read from)."""
    name = title or (Path(path).name if path else "")
    return ": ".join(x for x in (outlet, name) if x) or "?"


@app.command()
def export(
    db: DbOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | parquet")] = "jsonl",
    out_path: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder (csv, parquet) or file (jsonl)")
    ] = Path("export"),
) -> None:
    """Export the store: the sitrep/1 JSON Lines contract, or one CSV/Parquet file per table."""
    from sitrep.deliver import export as ex

    engine = _engine(db, create=False)
    if fmt in ("json", "jsonl"):
        written = [ex.export_jsonl(pipeline.resolved(engine)[0], out_path)]
    elif fmt == "csv":
        written = ex.export_csv(engine, out_path)
    elif fmt == "parquet":
        written = ex.export_parquet(engine, out_path)
    else:
        err.print(f"[red]error:[/] unknown format {fmt!r}: use jsonl, csv or parquet")
        raise typer.Exit(2)
    err.print(f"Wrote {len(written)} file(s): " + ", ".join(str(w) for w in written))


@app.command()
def brief(
    db: DbOpt = None,
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for brief.html and brief.md")
    ] = Path("."),
    title: Annotated[
        str, typer.Option("--title", help="Heading of the brief")
    ] = "Preliminary assessment",
    sources: Annotated[
        Path | None, typer.Option("--sources", help="sources.toml: outlet -> reliability grade A-F")
    ] = None,
    hypotheses: Annotated[
        Path | None, typer.Option("--hypotheses", help="hypotheses.toml to weigh in the brief")
    ] = None,
) -> None:
    """Write brief.html and brief.md again from the store."""
    engine = _engine(db, create=False)
    settings = pipeline.JobSettings(
        out_dir=out_dir, title=title, sources=sources, hypotheses=hypotheses
    )
    try:
        _assessment, (html, md) = pipeline.rebrief(engine, settings, _note)
    except pipeline.NothingToAssess as exc:
        raise _nothing(exc) from exc
    except _settings_errors() as exc:
        raise _settings_error(exc) from exc
    err.print(f"Wrote {html} and {md}")


def _register_other_commands() -> None:
    """The commands kept in their own modules (each imports its heavy libraries only when run)."""
    from sitrep.commands import entities, hypotheses, serve, spark

    for module in (entities, hypotheses, serve, spark):
        module.register(app)


_register_other_commands()


def main() -> None:
    """The ``sitrep`` command: Ctrl-C and SIGTERM stop it with one line (exit 130 / 143)."""
    from sitrep.interrupts import install

    install(lambda line: err.print(f"[yellow]{line}[/]", highlight=False))
    app(prog_name="sitrep")


if __name__ == "__main__":  # pragma: no cover
    main()
