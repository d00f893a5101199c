"""Spark at local[2]: the same records as the local run, from JSON Lines and Parquet inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import make_doc

pytestmark = pytest.mark.spark

DOCS = [
    {
        "title": "Airport",
        "outlet": "Drovna Herald",
        "published": "2026-02-26",
        "text": '"We stand ready," General Varlamov said in Drovna on Monday.',
    },
    {
        "outlet": "Meridian",
        "text": "About 300 people were killed in the fighting, officials said on 26 February 2026.",
    },
    {
        "text": "The council will probably announce new elections in March, according to the "
        "Drovna Herald."
    },
    {"text": "Такие тексты сохраняются, но не анализируются: это русский язык."},
    {"title": "no text here"},
]


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    import shutil

    if shutil.which("java") is None:
        pytest.skip("Spark needs Java (java not on PATH)")
    from sitrep.scale.spark import session

    sess = session("local[2]", "sitrep-test")
    sess.sparkContext.setLogLevel("ERROR")
    yield sess
    sess.stop()


def _local(paths: list[Path]) -> dict[str, dict]:
    """What a local run produces for the same inputs: sitrep/1 JSON per document id."""
    from sitrep.analyze import analyze_docs
    from sitrep.deliver.contract import document_json
    from sitrep.ingest import read_sources
    from sitrep.records import Document

    docs = [d for d in read_sources([str(p) for p in paths]) if isinstance(d, Document)]
    return {
        d.id: json.loads(json.dumps(document_json(d, a), ensure_ascii=False))
        for d, a in analyze_docs(docs)
    }


def _warc(path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = (
        "<html><body><article><p>Soldiers blocked the bridge in Ostrovets on Sunday, residents "
        "said. The army is likely to withdraw next week, according to a "
        "spokesman.</p></article></body></html>"
    )
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/a",
                "response",
                payload=io.BytesIO(body.encode()),
                http_headers=headers,
            )
        )


def test_spark_records_equal_the_local_run(spark, tmp_path: Path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from sitrep.scale.spark import run

    jsonl = tmp_path / "in" / "news.jsonl"
    jsonl.parent.mkdir()
    jsonl.write_text(
        "\n".join(json.dumps(d, ensure_ascii=False) for d in DOCS) + "\n\n", encoding="utf-8"
    )
    _warc(tmp_path / "in" / "crawl.warc.gz")
    counts = run(spark, [str(tmp_path / "in")], str(tmp_path / "out"))

    local = _local([jsonl, tmp_path / "in" / "crawl.warc.gz"])
    table = pq.read_table(tmp_path / "out" / "documents")
    remote = {row["id"]: json.loads(row["sitrep"]) for row in table.to_pylist()}
    assert remote == local
    assert counts["documents"] == 5 and counts["problems"] == 1  # the line without text
    [problem] = pq.read_table(tmp_path / "out" / "problems").to_pylist()
    assert problem["line"] == 5
    claims = pq.read_table(tmp_path / "out" / "claims").to_pylist()
    assert len(claims) == sum(len(d["claims"]) for d in local.values())
    assert all(local[c["document_id"]]["text"][c["start"] : c["end"]] == c["text"] for c in claims)

    # the same documents from Parquet: the same records (the path label aside)
    pq.write_table(
        pa.table(
            {"text": [d["text"] for d in DOCS[:2]], "outlet": [d.get("outlet") for d in DOCS[:2]]}
        ),
        tmp_path / "in.parquet",
    )
    run(spark, [str(tmp_path / "in.parquet")], str(tmp_path / "out2"), tables=False)
    again = {
        r["id"]: json.loads(r["sitrep"])
        for r in pq.read_table(tmp_path / "out2" / "documents").to_pylist()
    }
    assert set(again) == {make_doc(d["text"]).id for d in DOCS[:2]}
    for doc_id, data in again.items():
        assert (
            data["claims"] == local[doc_id]["claims"] and data["quotes"] == local[doc_id]["quotes"]
        )
