"""Stopped runs: Ctrl-C, SIGTERM and kill -9 at each moment of ``sitrep assess``, then a rerun.

A failpoint (``SITREP_FAILPOINT``) holds the run at the chosen moment: after the first
document is stored, after the first is analyzed, before the assessment, between the two
brief files. The signal arrives there; the rerun must leave every document stored exactly
once and analyzed, and a complete brief. Ctrl-C and SIGTERM must end with one line, no traceback.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.failpoints import POINTS

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    'Defence Minister Anna Teller said on 3 May that "the convoy is a routine exercise."',
    "According to the council, close to 6,000 protesters were arrested in Dravograd on Tuesday.",
    "It seems likely that the airport will stay closed for several days, officials said.",
    '"We will not negotiate under pressure," General Piet Varga told reporters in Vienna.',
]


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, text in enumerate(TEXTS):
        (folder / f"report-{n}.txt").write_text(f"Report {n}\n\n{text}\n", encoding="utf-8")
    return folder


def command(folder: Path, tmp_path: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sitrep",
        "assess",
        str(folder),
        "--db",
        str(tmp_path / "s.db"),
        "--out",
        str(tmp_path / "out"),
    ]


def env(point: str | None = None) -> dict:
    e = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    e.pop("SITREP_FAILPOINT", None)
    if point:
        e["SITREP_FAILPOINT"] = point
    return e


def stop_at(point: str, sig: int, folder: Path, tmp_path: Path) -> tuple[int, str]:
    proc = subprocess.Popen(
        command(folder, tmp_path),
        env=env(point),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    lines = []
    deadline = time.monotonic() + 120
    for line in proc.stderr:  # the run says when it has reached the failpoint
        lines.append(line)
        if f"failpoint {point} reached" in line or time.monotonic() > deadline:
            break
    assert any(f"failpoint {point}" in x for x in lines), "".join(lines)
    proc.send_signal(sig)
    rest = proc.stderr.read()
    return proc.wait(timeout=60), "".join(lines) + rest


def check_complete(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "s.db") as conn:
        paths = [r[0] for r in conn.execute("SELECT path FROM documents")]
        analyzed = conn.execute("SELECT COUNT(*) FROM analyses").fetchone()[0]
    assert sorted(Path(p).name for p in paths) == [f"report-{n}.txt" for n in range(len(TEXTS))]
    assert analyzed == len(TEXTS)
    html = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    md = (tmp_path / "out" / "brief.md").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>")
    assert "Teller" in md and "Varga" in md
    assert not list((tmp_path / "out").glob(".*.part"))


FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
ALL = [(p, s) for p in POINTS for s in (signal.SIGINT, signal.SIGTERM)] + [
    ("analyze", signal.SIGKILL),
    ("brief", signal.SIGKILL),
]
# each moment once in make test (two commands of a few
# seconds each); the whole matrix under make fuzz
CASES = (
    ALL
    if FUZZ
    else [
        ("ingest", signal.SIGINT),
        ("analyze", signal.SIGTERM),
        ("assess", signal.SIGINT),
        ("brief", signal.SIGTERM),
        ("analyze", signal.SIGKILL),
    ]
)


@pytest.mark.parametrize(
    ("point", "sig"), CASES, ids=[f"{p}-{signal.Signals(s).name}" for p, s in CASES]
)
def test_stopped_run_then_rerun_completes(tmp_path, point, sig):
    folder = corpus(tmp_path)
    code, stderr = stop_at(point, sig, folder, tmp_path)
    if sig == signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:
        assert code == 128 + sig, stderr
        assert "Traceback" not in stderr, stderr
        assert "Aborted" not in stderr
        said = [x for x in stderr.splitlines() if "interrupted" in x]
        assert len(said) == 1 and "run the same command again" in said[0], stderr
    rerun = subprocess.run(
        command(folder, tmp_path), env=env(), capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr
    check_complete(tmp_path)


def test_serve_reads_while_assess_writes(tmp_path, examples_dir):
    """The evidence browser answers every request while a run writes to the same database."""
    from fastapi.testclient import TestClient

    from sitrep.deliver.web.app import create_app
    from sitrep.store.queries import open_readonly

    folder = corpus(tmp_path)
    first = subprocess.run(
        command(folder, tmp_path), env=env(), capture_output=True, text=True, timeout=300
    )
    assert first.returncode == 0, first.stderr
    writer = subprocess.Popen(
        [*command(examples_dir, tmp_path), "--sources", str(examples_dir / "sources.toml")],
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    client = TestClient(
        create_app(open_readonly(str(tmp_path / "s.db"))), base_url="http://127.0.0.1:8000"
    )
    pages = [
        "/",
        "/documents",
        "/actors",
        "/quotes",
        "/api/brief",
        "/api/documents",
        "/api/storylines",
        "/api/search?q=council",
    ]
    statuses, rounds = [], 0
    while writer.poll() is None or rounds < 2:
        statuses += [(p, client.get(p).status_code) for p in pages]
        rounds += 1
    assert writer.wait(timeout=300) == 0, writer.stderr.read()
    assert rounds >= 2
    assert all(code == 200 for _p, code in statuses), [s for s in statuses if s[1] != 200]
