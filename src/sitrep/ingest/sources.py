"""Walking the inputs: files and folders, recursively, safely, in a stable order."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.ingest.errors import IngestError, IngestProblem
from sitrep.ingest.language import detect_language
from sitrep.ingest.metadata import is_sidecar, normalize_published
from sitrep.ingest.readers import STREAMED, Item, reader_for
from sitrep.records import Document

ARCHIVES = (".zip", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".7z", ".rar")
NOT_REPORTS = ("readme", "license", "licence", "changelog", "contributing")
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", ".venv", "node_modules"}


@dataclass(frozen=True, slots=True)
class Limits:
    """Guards against inputs that would exhaust memory; settings, not hard-coded facts."""

    max_bytes: int = 50_000_000
    max_line: int = 1_000_000

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            max_bytes=int(os.environ.get("SITREP_MAX_BYTES", 50_000_000)),
            max_line=int(os.environ.get("SITREP_MAX_LINE", 1_000_000)),
        )


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str] | IngestProblem]:
    """Yield ``(path, label)`` for every candidate file; ``label`` is the
    path as the user named it."""
    for raw in paths:
        root = Path(raw)
        if not root.exists() and not root.is_symlink():
            yield IngestProblem(str(raw), "no such file or folder")
            continue
        try:
            is_dir = root.is_dir()
        except OSError:  # a link that loops back on itself
            is_dir = False
        if not is_dir:
            yield (
                root,
                str(raw),
            )  # read_file says what is wrong with anything that is not a regular file
            continue
        seen: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=None):
            try:
                st = os.stat(dirpath)
            except OSError as exc:
                yield IngestProblem(dirpath, f"cannot be read ({exc.strerror})")
                dirnames[:] = []
                continue
            if (st.st_dev, st.st_ino) in seen:  # a symlink loop: each folder is visited once
                dirnames[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            if not os.access(dirpath, os.R_OK | os.X_OK):
                yield IngestProblem(dirpath, "permission denied")
            dirnames[:] = sorted(
                d for d in dirnames if d not in SKIP_DIRS and not d.startswith(".")
            )
            for name in sorted(filenames):
                if name.startswith(".") or name.lower().startswith(NOT_REPORTS):
                    continue  # a folder's README describes the corpus; it is not a report
                p = Path(dirpath) / name
                if is_sidecar(p) or p.suffix.lower() in (
                    ".toml",
                    ".json",
                    ".csv",
                    ".tsv",
                    ".yaml",
                    ".yml",
                    ".py",
                ):
                    continue
                yield p, str(p)


def read_file(path: Path, label: str, limits: Limits) -> Iterator[Item]:
    reader = reader_for(path)
    lower = path.name.lower()
    if reader is None:
        if lower.endswith(ARCHIVES):
            raise IngestError(
                f"is a {path.suffix.lstrip('.')} archive; unpack it and ingest the folder"
            )
        raise IngestError(
            f"has an unsupported file type ({path.suffix or 'no extension'}); "
            "sitrep reads .txt .md .html .jsonl .xml/.rss/.atom .warc .warc.gz"
        )
    size = _regular_size(path)
    if reader in STREAMED:
        yield from reader(path, None, label, max_bytes=limits.max_bytes)
        return
    if size > limits.max_bytes:
        raise IngestError(
            f"is {size / 1e6:.0f} MB, over the {limits.max_bytes / 1e6:.0f} MB limit "
            "(set SITREP_MAX_BYTES to raise it)"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError("vanished before it could be read") from exc
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except IsADirectoryError as exc:
        raise IngestError("is a folder") from exc
    except OSError as exc:
        raise IngestError(f"cannot be read ({exc.strerror or exc})") from exc
    if data[:4] == b"PK\x03\x04":
        raise IngestError("is a zip archive; unpack it and ingest the folder")
    if reader.__name__ != "read_jsonl" and _longest_line(data) > limits.max_line:
        raise IngestError(
            f"has a line longer than {limits.max_line:,} characters (set SITREP_MAX_LINE to "
            "raise it)"
        )
    yield from reader(path, data, label)


def _regular_size(path: Path) -> int:
    """The size of a regular file; anything else (a FIFO would block
    forever, a device never ends) is refused."""
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise IngestError("is a link to nothing (a broken link)") from exc
        raise IngestError("vanished before it could be read") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError("is a link that loops back on itself") from exc
        raise IngestError(f"cannot be read ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(st.st_mode):
        raise IngestError("is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise IngestError("is not a regular file (a pipe, socket or device); skipped")
    return st.st_size


def _longest_line(data: bytes) -> int:
    longest, pos = 0, 0
    while pos < len(data):
        nl = data.find(b"\n", pos)
        nl = len(data) if nl < 0 else nl
        longest = max(longest, nl - pos)
        pos = nl + 1
    return longest


def with_language(doc: Document) -> Document:
    """The document, given the language its text is in when its metadata names none. Every
    reader of documents does this last: ``read_sources`` here, the Spark job for its inputs."""
    if doc.language is None:
        doc.language = detect_language(doc.text)
    return doc


def read_sources(
    paths: Iterable[str | Path], overrides: dict | None = None, limits: Limits | None = None
) -> Iterator[Document | IngestProblem]:
    """Every document found under ``paths``, with problems reported inline
    and the batch going on."""
    limits = limits or Limits.from_env()
    overrides = {k: v for k, v in (overrides or {}).items() if v}
    if "published" in overrides:
        overrides["published"] = normalize_published(overrides["published"])
    for item in iter_files(paths):
        if isinstance(item, IngestProblem):
            yield item
            continue
        path, label = item
        try:
            for found in read_file(path, label, limits):
                if isinstance(found, Document):
                    for key, value in overrides.items():
                        setattr(found, key, value)
                    with_language(found)
                yield found
        except IngestError as exc:
            yield IngestProblem(label, str(exc))
        except Exception as exc:  # one bad document never stops the batch
            yield IngestProblem(label, f"could not be read ({type(exc).__name__}: {exc})")
