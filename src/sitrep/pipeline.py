"""The stages wired together: ingest -> analyze -> store -> resolve -> assess -> deliver.

The CLI calls these; each takes an engine (the store) and reports progress
through an optional callback so it runs the same with or without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sqlalchemy import Engine

from sitrep import failpoints
from sitrep.analyze import ANALYZER_VERSION, analyze_docs
from sitrep.assess import Assessment
from sitrep.ingest import IngestProblem, furniture, read_sources
from sitrep.ingest.dedupe import band_keys
from sitrep.lexicon.gazetteer import Gazetteer, load_gazetteer
from sitrep.records import Analysis, Document
from sitrep.resolve import Resolution, apply_all, resolve_corpus
from sitrep.store import read, write
from sitrep.store import resolution as stored_resolution
from sitrep.store.furniture import mark_repeated_lines
from sitrep.store.near_duplicates import fill_band_keys, mark_near_duplicates

__all__ = [
    "AnalyzeReport",
    "IngestReport",
    "analyze_pending",
    "analyze_stream",
    "fill_band_keys",
    "ingest",
    "mark_near_duplicates",
    "mark_repeated_lines",
    "resolve",
    "resolved",
]

Progress = Callable[[str, int, int | None], None]  # (stage, advance, total)


def _noop(stage: str, advance: int, total: int | None) -> None:
    pass


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)
    #: path -> what was dropped as page furniture ("3 lines (2 ad, 1 repeated)"), per document
    furniture: dict[str, str] = field(default_factory=dict)


def ingest(
    engine: Engine,
    paths: Iterable[str],
    overrides: dict | None = None,
    progress: Progress = _noop,
    on_problem: Callable[[IngestProblem], None] | None = None,
) -> IngestReport:
    """Store every readable document; the same content twice is a no-op."""
    report = IngestReport()
    for item in read_sources(paths, overrides):
        if isinstance(item, IngestProblem):
            report.problems.append(item)
            write.record_problem(engine, item.path, item.message, "ingest", item.line)
            if on_problem:
                on_problem(item)
        elif write.add_document(engine, item, partial(band_keys, item.text)):
            report.added.append(item.path or item.id)
            if item.meta.get("furniture"):
                report.furniture[item.path or item.id] = furniture.summary(item.meta)
        else:
            report.already.append(item.path or item.id)
        progress("ingest", 1, None)
        failpoints.reached("ingest")
    return report


@dataclass
class AnalyzeReport:
    analyzed: int = 0
    not_analyzed: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


def analyze_pending(
    engine: Engine,
    workers: int = 1,
    progress: Progress = _noop,
    batch: int = 64,
    gazetteer: Gazetteer | None = None,
) -> AnalyzeReport:
    """Analyze every document not yet analyzed; each lands in its own transaction, so a
    killed run resumes where it stopped. Documents are read ``batch`` at a time and fed
    to one analysis stream (one worker pool for the whole run), so memory stays flat.
    Documents in languages sitrep cannot analyze are stored and reported, never dropped."""
    total = read.count_pending(engine, ANALYZER_VERSION)
    progress("analyze", 0, total)

    def documents() -> Iterator[Document]:  # pages of pending ids by key: none held beyond a page
        after = None
        while ids := read.pending_documents(engine, ANALYZER_VERSION, after=after, limit=batch):
            yield from read.get_documents(engine, ids)
            after = ids[-1]

    report = AnalyzeReport()
    for doc, analysis in analyze_stream(documents(), workers, gazetteer):
        write.save_analysis(engine, doc.id, analysis, ANALYZER_VERSION)
        report.analyzed += 1
        if not analysis.analyzed:
            report.not_analyzed.append((doc.path or doc.id, analysis.note or "not analyzed"))
        progress("analyze", 1, total)
        failpoints.reached("analyze")
    return report


def analyze_stream(
    docs: Iterable[Document], workers: int = 1, gazetteer: Gazetteer | None = None
) -> Iterator[tuple[Document, Analysis]]:
    """``(document, analysis)`` in input order, in this process or a pool of ``workers``."""
    if workers > 1:
        from sitrep.scale.pool import analyze_parallel

        return analyze_parallel(docs, workers, gazetteer=gazetteer)
    return analyze_docs(docs, gazetteer=gazetteer)


def resolve(
    engine: Engine, gazetteer: Gazetteer | None = None
) -> tuple[list[tuple[Document, Analysis]], Resolution]:
    """Resolve the stored corpus (read once), save the result, and return the corpus with its
    speakers, sources and mentions pointed at canonical actors. ``gazetteer``: the one in
    force (by default the one the store keeps, else the base one)."""
    stamp = stored_resolution.corpus_stamp(engine)
    items = list(read.iter_corpus(engine))
    resolution = resolve_corpus(items, gazetteer or gazetteer_in_force(engine, [], None, _silent))
    write.save_resolution(engine, resolution)
    stored_resolution.save(engine, resolution, stamp)
    apply_all(items, resolution)
    return items, resolution


def resolved(
    engine: Engine, gazetteer: Gazetteer | None = None
) -> tuple[list[tuple[Document, Analysis]], Resolution]:
    """The stored corpus under its saved resolution; resolved again only when the corpus
    changed since (what ``brief``, ``export`` and ``hypotheses`` read)."""
    saved = stored_resolution.load(engine, stored_resolution.corpus_stamp(engine))
    if saved is None:
        return resolve(engine, gazetteer)
    items = list(read.iter_corpus(engine))
    apply_all(items, saved)
    return items, saved


# --- the main job: what `sitrep assess` and `sitrep brief` run; the CLI only parses and prints ---

Note = Callable[[str], None]


def _silent(_line: str) -> None:
    pass


@dataclass
class JobSettings:
    """What a run was asked for; files not named are looked for beside the
    inputs, then in the store."""

    out_dir: Path = Path(".")
    title: str = "Preliminary assessment"
    sources: Path | None = None
    gazetteer: Path | None = None
    hypotheses: Path | None = None
    workers: int = 1
    overrides: dict = field(default_factory=dict)


@dataclass
class JobReport:
    ingested: IngestReport
    analyzed: AnalyzeReport
    assessment: Assessment
    brief: tuple[Path, Path]


class NothingToAssess(Exception):
    """No document in the store: a brief of nothing would read like a finding."""


class SettingsFileError(Exception):
    """A gazetteer that cannot be read (grading and hypotheses files raise their own errors)."""


def beside(paths: Iterable[str], name: str) -> Path | None:
    """A settings file (sources.toml, gazetteer.toml, hypotheses.toml) in
    the first input folder with one."""
    for p in paths:
        cand = Path(p) / name if Path(p).is_dir() else Path(p).parent / name
        if cand.is_file():
            return cand
    return None


def kept(engine: Engine | None, kind: str, given: Path | None, note: Note = print) -> Path | None:
    """The settings file in force: the one given (kept in the store), else
    the one kept last time."""
    if engine is None:
        return given
    from sitrep.store.settings_files import choose

    chosen = choose(engine, kind, given)
    if chosen.note:
        note(chosen.note)
    return chosen.path


def gazetteer_in_force(
    engine: Engine | None, paths: Iterable[str], gazetteer: Path | None, note: Note = print
) -> Gazetteer:
    """The gazetteer a run places names with: the base one plus the user file named, else one
    beside the inputs, else the one the store kept from an earlier run. Handed to analysis
    and resolution as an argument (workers load the same file)."""
    chosen = kept(engine, "gazetteer", gazetteer or beside(paths, "gazetteer.toml"), note)
    try:
        return load_gazetteer(chosen.resolve() if chosen is not None else None)
    except Exception as exc:
        raise SettingsFileError(f"gazetteer {chosen} cannot be read: {exc}") from exc


def ingest_and_analyze(
    engine: Engine,
    paths: Iterable[str],
    settings: JobSettings,
    progress: Progress = _noop,
    on_problem: Callable[[IngestProblem], None] | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[IngestReport, AnalyzeReport]:
    report = ingest(engine, paths, settings.overrides, progress=progress, on_problem=on_problem)
    mark_near_duplicates(engine)
    repeated = mark_repeated_lines(engine)
    if repeated:  # lines blanked: their documents' near-duplicate keys again
        report.furniture.update(repeated)
        mark_near_duplicates(engine)
    return report, analyze_pending(
        engine, workers=settings.workers, progress=progress, gazetteer=gazetteer
    )


def assess_and_save(
    engine: Engine,
    items: list[tuple[Document, Analysis]],
    resolution: Resolution,
    sources: Path | None,
    hypotheses: Path | None,
) -> Assessment:
    """Assess the corpus, weigh the hypotheses when a file is in force, and store both."""
    from sitrep.assess import assess_corpus
    from sitrep.assess.hypotheses import matrix_for
    from sitrep.store.assessment import save_assessment, save_matrix

    assessment = assess_corpus(items, resolution, sources)
    if hypotheses is not None:
        assessment.matrix = matrix_for(assessment, hypotheses)
    save_assessment(engine, assessment)
    if assessment.matrix is not None:
        save_matrix(engine, assessment.matrix)
    return assessment


def run_assessment(
    engine: Engine,
    paths: list[str],
    settings: JobSettings,
    progress: Progress = _noop,
    on_problem: Callable[[IngestProblem], None] | None = None,
    note: Note = print,
) -> JobReport:
    """The main job: ingest -> analyze -> resolve -> assess -> save -> render the brief."""
    gaz = gazetteer_in_force(engine, paths, settings.gazetteer, note)
    ingested, analyzed = ingest_and_analyze(engine, paths, settings, progress, on_problem, gaz)
    progress("resolve", 0, 1)
    items, resolution = resolve(engine, gaz)
    progress("resolve", 1, 1)
    if not items:
        raise NothingToAssess(
            f"no document could be read from {' '.join(paths)}"
            + (" (see the problems above)" if ingested.problems else "")
        )
    failpoints.reached("assess")
    sources = kept(engine, "sources", settings.sources or beside(paths, "sources.toml"), note)
    hypotheses = kept(
        engine, "hypotheses", settings.hypotheses or beside(paths, "hypotheses.toml"), note
    )
    assessment = assess_and_save(engine, items, resolution, sources, hypotheses)
    return JobReport(
        ingested, analyzed, assessment, _render(items, resolution, assessment, settings)
    )


def rebrief(
    engine: Engine, settings: JobSettings, note: Note = print
) -> tuple[Assessment, tuple[Path, Path]]:
    """The brief again from the store, under the settings in force (the kept ones unless named)."""
    items, resolution = resolved(engine, gazetteer_in_force(engine, [], settings.gazetteer, note))
    if not items:
        raise NothingToAssess("the database holds no documents (run `sitrep ingest PATH` first)")
    assessment = assess_and_save(
        engine,
        items,
        resolution,
        kept(engine, "sources", settings.sources, note),
        kept(engine, "hypotheses", settings.hypotheses, note),
    )
    return assessment, _render(items, resolution, assessment, settings)


def _render(
    items, resolution: Resolution, assessment: Assessment, settings: JobSettings
) -> tuple[Path, Path]:
    from sitrep.deliver.brief import render_brief

    return render_brief(
        items, settings.out_dir, resolution, title=settings.title, assessment=assessment
    )
