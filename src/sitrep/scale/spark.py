"""The same per-document analysis on Spark, for corpora beyond one machine.

Documents come from JSON Lines (split by Spark, line by line), Parquet (a ``text``
column plus metadata columns) or web archives (one task per WARC file, streamed;
local paths, ``http(s)://`` URLs such as Common Crawl's news archives). Each partition
loads the spaCy pipeline once (cached per Python worker) and runs ``analyze_docs``,
the function the local run uses, so every document's records are the local ones.

The output is a folder of Parquet datasets: ``documents`` (one row per document,
with its sitrep/1 JSON in ``sitrep``), ``problems`` (inputs that could not be read)
and one dataset per record table (``quotes``, ``claims``, ...) with the columns of the
SQL store's tables. Corpus-level steps (entity resolution, assessment) are not run:
load ``documents`` into a store for those.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.deliver.contract import DOCUMENT_FIELDS
from sitrep.records import Document

# JSON Lines and web archives are the files the ingest registry (``ingest.readers.READERS``)
# reads with ``read_jsonl`` and ``read_warc``; Spark adds Parquet datasets, ``.json`` files
# read as JSON Lines, and Common Crawl's lists of archives.
SPARK_JSONL = (".json",)
PARQUET = (".parquet",)
WARC_LISTS = (".paths", ".paths.gz")
#: relative Common Crawl paths (as listed in ``warc.paths.gz``) are fetched from here
COMMON_CRAWL = "https://data.commoncrawl.org/"
DOCUMENT_COLUMNS = (*DOCUMENT_FIELDS, "format")  # the sitrep/1 document fields, then the format


# --- inputs --------------------------------------------------------------------------------


def _kind(path: str) -> str | None:
    from sitrep.ingest.readers import read_jsonl, read_warc, reader_for

    lower = path.lower()
    reader = reader_for(Path(path))
    if reader is read_warc:
        return "warc"
    if reader is read_jsonl or lower.endswith(SPARK_JSONL):
        return "jsonl"
    if lower.endswith(PARQUET):
        return "parquet"
    if lower.endswith(WARC_LISTS):
        return "warc-list"
    return None


def input_files(inputs: Iterable[str]) -> dict[str, list[str]]:
    """Inputs grouped by kind; local folders are searched recursively, other paths kept as given."""
    found: dict[str, list[str]] = {"jsonl": [], "parquet": [], "warc": []}
    for raw in inputs:
        local = Path(raw)
        if "://" not in raw and local.is_dir():
            if any(local.glob("*.parquet")) and not any(local.glob("*.jsonl")):
                found["parquet"].append(str(local))  # a Parquet dataset folder
                continue
            for p in sorted(local.rglob("*")):
                kind = _kind(p.name)
                if p.is_file() and kind in found:
                    found[kind].append(str(p))
            continue
        kind = _kind(raw)
        if kind == "warc-list":
            found["warc"].extend(_read_warc_list(raw))
        elif kind is None:
            raise ValueError(
                f"{raw}: not a JSON Lines, Parquet or WARC input "
                "(.jsonl .parquet .warc .warc.gz, or a warc.paths list)"
            )
        else:
            found[kind].append(raw)
    return found


def _read_warc_list(path: str) -> list[str]:
    """A Common Crawl ``warc.paths(.gz)`` list: one archive per line,
    relative to the crawl's host."""
    import gzip

    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        lines = [line.strip() for line in fh if line.strip()]
    return [line if "://" in line or Path(line).exists() else COMMON_CRAWL + line for line in lines]


def jsonl_line(label: str, lineno: int, line: str) -> list:
    """One JSON Lines record -> a Document (or an IngestProblem), labelled
    ``file#line`` as locally."""
    from sitrep.ingest.errors import IngestProblem
    from sitrep.ingest.readers import read_jsonl
    from sitrep.ingest.sources import with_language

    if not line.strip():
        return []
    out = []
    for item in read_jsonl(Path(label), line.encode("utf-8"), label):
        if isinstance(item, IngestProblem):
            out.append(IngestProblem(label, item.message, lineno))
        else:
            item.path = f"{label}#{lineno}"
            out.append(with_language(item))
    return out


def warc_items(location: str) -> Iterator:
    """Every HTML page in one web archive as a Document, streamed (a file path or a URL)."""
    from sitrep.ingest.errors import IngestProblem

    if "://" not in location or location.startswith("file://"):
        from sitrep.ingest import read_sources

        yield from read_sources([location.removeprefix("file://")])  # languages detected there
        return
    from warcio.archiveiterator import ArchiveIterator

    from sitrep.ingest.readers import warc_items
    from sitrep.ingest.sources import Limits, with_language

    try:
        with _open_remote(location) as stream:
            for item in warc_items(ArchiveIterator(stream), location, Limits.from_env().max_bytes):
                yield with_language(item) if isinstance(item, Document) else item
    except Exception as exc:  # a damaged or unreachable archive is one problem, not a failed job
        yield IngestProblem(
            location, f"web archive could not be read ({type(exc).__name__}: {exc})"
        )


def _open_remote(location: str):
    """``http(s)://`` with the standard library; other schemes (``s3://``...) through fsspec."""
    if location.startswith(("http://", "https://")):
        from urllib.request import urlopen

        return urlopen(location)  # noqa: S310 - the user named this archive
    try:
        import fsspec
    except ImportError as exc:
        raise OSError(
            f"reading {location.split('://')[0]}:// archives needs fsspec (pip install fsspec s3fs)"
        ) from exc
    return fsspec.open(location, "rb").open()


def parquet_row(row: dict) -> list:
    """A Parquet row with a ``text`` column (and optional metadata columns) -> a Document."""
    from sitrep.ingest.errors import IngestError, IngestProblem
    from sitrep.ingest.readers import make_document
    from sitrep.ingest.sources import with_language

    text = row.get("text") or row.get("content") or row.get("body")
    label = str(row.get("path") or row.get("url") or row.get("id") or "parquet")
    meta = {
        k: str(v)
        for k, v in row.items()
        if k not in ("text", "content", "body", "path", "id") and v is not None
    }
    try:
        if not isinstance(text, str):
            raise IngestError("has no 'text' column")
        return [with_language(make_document(text, label, "parquet", meta))]
    except IngestError as exc:
        return [IngestProblem(label, str(exc))]


# --- the work on each partition -----------------------------------------------------------


def analyze_partition(items: Iterable, user_places: str | None = None) -> Iterator[dict]:
    """Documents -> output rows, in one partition. The pipeline loads once per Python worker,
    the gazetteer (with ``user_places``, a user file's path, when given) too."""
    from sitrep.analyze import analyze_docs
    from sitrep.deliver.contract import document_json
    from sitrep.ingest.errors import IngestProblem
    from sitrep.lexicon.gazetteer import load_gazetteer

    gaz = load_gazetteer(Path(user_places) if user_places else None)
    problems: list[dict] = []

    def documents() -> Iterator[Document]:
        for item in items:
            if isinstance(item, IngestProblem):
                problems.append(
                    {
                        "kind": "problem",
                        "path": item.path,
                        "line": item.line,
                        "message": item.message,
                    }
                )
            else:
                yield item

    for doc, analysis in analyze_docs(documents(), gazetteer=gaz):
        while problems:
            yield problems.pop()
        row = {k: getattr(doc, k) for k in DOCUMENT_COLUMNS}
        row.update(
            kind="document",
            analyzed=analysis.analyzed,
            note=analysis.note,
            sitrep=json.dumps(document_json(doc, analysis), ensure_ascii=False),
        )
        yield row
    yield from problems


def record_rows(sitrep_json: str) -> Iterator[tuple[str, dict]]:
    """One document's records as ``(table, row)`` pairs, flattened exactly as the SQL store does."""
    from sitrep.records import Analysis, analysis_from_dict
    from sitrep.store.write import analysis_rows

    data = json.loads(sitrep_json)
    analysis = analysis_from_dict({k: data.get(k, []) for k in Analysis.RECORD_KINDS})
    for table, rows in analysis_rows(data["id"], analysis).items():
        if table != "analyses":
            for row in rows:
                yield table, row


# --- the job ------------------------------------------------------------------------------


def _spark_type(column):
    from pyspark.sql import types as T
    from sqlalchemy import Boolean, Float, Integer

    if isinstance(column.type, Boolean):
        return T.BooleanType()
    if isinstance(column.type, Integer):
        return T.LongType()
    if isinstance(column.type, Float):
        return T.DoubleType()
    return T.StringType()


def _table_schema(table):
    from pyspark.sql import types as T

    return T.StructType([T.StructField(c.name, _spark_type(c), True) for c in table.columns])


def _documents_schema():
    from pyspark.sql import types as T

    fields = [T.StructField(c, T.StringType(), True) for c in DOCUMENT_COLUMNS]
    fields += [
        T.StructField("analyzed", T.BooleanType(), True),
        T.StructField("note", T.StringType(), True),
        T.StructField("sitrep", T.StringType(), True),
    ]
    return T.StructType(fields)


def _problems_schema():
    from pyspark.sql import types as T

    return T.StructType(
        [
            T.StructField("path", T.StringType(), True),
            T.StructField("line", T.LongType(), True),
            T.StructField("message", T.StringType(), True),
        ]
    )


def session(master: str | None = None, app_name: str = "sitrep"):
    """A Spark session whose Python workers run this interpreter (so they
    find sitrep and its models)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit, which sets the master
        builder = builder.master("local[*]")
    return builder.getOrCreate()


def document_rdd(spark, inputs: Iterable[str], partitions: int | None = None):
    """Every input document (or reading problem) as one RDD."""
    sc = spark.sparkContext
    found = input_files(inputs)
    parts = []
    for path in found["jsonl"]:
        lines = sc.textFile(path).zipWithIndex()
        parts.append(
            lines.flatMap(lambda pair, label=path: jsonl_line(label, pair[1] + 1, pair[0]))
        )
    if found["parquet"]:
        rows = spark.read.parquet(*found["parquet"]).rdd.map(lambda r: r.asDict())
        parts.append(rows.flatMap(parquet_row))
    if found["warc"]:
        archives = sc.parallelize(found["warc"], len(found["warc"]))
        parts.append(archives.flatMap(warc_items))
    if not parts:
        raise ValueError("no JSON Lines, Parquet or WARC documents in the inputs")
    rdd = parts[0] if len(parts) == 1 else sc.union(parts)
    if partitions:
        rdd = rdd.repartition(partitions)
    elif found["warc"]:  # one archive holds thousands of pages: spread them over the cluster
        rdd = rdd.repartition(max(sc.defaultParallelism, len(found["warc"])))
    return rdd


def run(
    spark,
    inputs: Iterable[str],
    output: str,
    partitions: int | None = None,
    tables: bool = True,
    user_places: Path | None = None,
) -> dict[str, int]:
    """Analyze ``inputs`` and write Parquet under ``output``; returns the row count per dataset.
    ``user_places``: a gazetteer file of the user's places, read by every executor."""
    from pyspark import StorageLevel

    from sitrep.store import schema as s

    chosen = str(user_places) if user_places else None
    out = output.rstrip("/")
    rows = document_rdd(spark, inputs, partitions).mapPartitions(
        lambda it: analyze_partition(it, chosen)
    )
    rows.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        doc_cols = list(_documents_schema().names)
        docs = spark.createDataFrame(
            rows.filter(lambda r: r["kind"] == "document").map(
                lambda r: tuple(r[c] for c in doc_cols)
            ),
            _documents_schema(),
        )
        docs.write.mode("overwrite").parquet(f"{out}/documents")
        problems = spark.createDataFrame(
            rows.filter(lambda r: r["kind"] == "problem").map(
                lambda r: (r["path"], r["line"], r["message"])
            ),
            _problems_schema(),
        )
        problems.write.mode("overwrite").parquet(f"{out}/problems")
        kinds = rows.map(lambda r: r["kind"]).countByValue()
    finally:
        rows.unpersist()
    counts = {"documents": kinds.get("document", 0), "problems": kinds.get("problem", 0)}
    if tables:
        records = (
            spark.read.parquet(f"{out}/documents")
            .select("sitrep")
            .rdd.flatMap(lambda r: record_rows(r[0]))
        )
        records.persist(StorageLevel.MEMORY_AND_DISK)
        try:
            for table in s.ANALYSIS_TABLES:
                if table.name == "analyses":
                    continue
                cols = [c.name for c in table.columns]
                frame = spark.createDataFrame(
                    records.filter(lambda pair, name=table.name: pair[0] == name).map(
                        lambda pair, cols=cols: tuple(pair[1].get(c) for c in cols)
                    ),
                    _table_schema(table),
                )
                frame.write.mode("overwrite").parquet(f"{out}/{table.name}")
            counts.update(records.map(lambda pair: pair[0]).countByValue())
        finally:
            records.unpersist()
    return counts
