"""A digest of every record sitrep stores for a corpus, to show a refactoring changed nothing.

    python benchmarks/records_digest.py                   # PolNeAR dev articles (../shared/data)
    python benchmarks/records_digest.py --limit 40 --show 3
    python benchmarks/records_digest.py PATH...           # any files or folders

Runs ``sitrep assess`` into a fresh SQLite store and hashes, table by table, every row of
every table that holds records (documents, analyses, quotes, claims, mentions, entities,
storylines, ...), in a stable order, without the columns that record when a run happened.
Two runs print the same digests exactly when the stored records are byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("SITREP_DATA", ROOT.parent / "shared" / "data"))
TIME_COLUMNS = {
    "at",
    "created_at",
    "updated_at",
    "assessed_at",
    "stored_at",
    "analyzed_at",
    "generated_at",
    "ingested_at",
    "stamp",
}  # stamp: of analyzed_at
SKIP_TABLES = {"settings", "problems", "settings_files", "sqlite_sequence"}


def digest(db: Path) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for t in tables:
            if t in SKIP_TABLES or "_fts" in t:
                continue
            cols = [
                r[1] for r in conn.execute(f'PRAGMA table_info("{t}")') if r[1] not in TIME_COLUMNS
            ]
            listed = ", ".join(f'"{c}"' for c in cols)
            h, n = hashlib.sha256(), 0
            for row in conn.execute(f'SELECT {listed} FROM "{t}" ORDER BY {listed}'):
                h.update(repr(row).encode())
                n += 1
            out[t] = (n, h.hexdigest()[:16])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--limit", type=int, default=0, help="only the first N PolNeAR dev articles")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = args.paths
        if not paths:  # copied to the same folder every run: stored paths must not differ
            texts = sorted((DATA / "polnear" / "dev" / "text").glob("*.txt"))
            if not texts:
                sys.exit("PolNeAR dev articles not found under ../shared/data (or $SITREP_DATA)")
            folder = Path(tempfile.gettempdir()) / "sitrep-records-digest"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            for t in texts[: args.limit or None]:
                (folder / t.name).write_bytes(t.read_bytes())
            paths = [str(folder)]
        db = Path(tmp) / "s.db"
        run = subprocess.run(
            [sys.executable, "-m", "sitrep", "assess", *paths, "--db", str(db), "--out", tmp],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            capture_output=True,
            text=True,
        )
        if run.returncode not in (0, 1):
            sys.exit(run.stderr[-2000:])
        total = hashlib.sha256()
        for table, (n, h) in digest(db).items():
            print(f"{table:<28} {n:>7} rows  {h}")
            total.update(f"{table}{n}{h}".encode())
        print(f"{'all records':<28} {'':>7}       {total.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
