"""A small reader for PolNeAR (brat standoff attribution files), shared by training and benchmarks.

The corpus is licensed research data: it is read from ``../shared/data/polnear``
(relative to the repository root) or ``$SITREP_DATA/polnear`` and never copied
into the project.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

Pieces = list[tuple[int, int]]


@dataclass
class GoldAttribution:
    """One annotated attribution: discontinuous spans as (start, end) pieces."""

    content: Pieces
    cue: Pieces = field(default_factory=list)
    source: Pieces = field(default_factory=list)


@dataclass
class Article:
    name: str
    text: str
    attributions: list[GoldAttribution]


def data_root() -> Path | None:
    """The PolNeAR folder, or None when the licensed data is not present."""
    env = os.environ.get("SITREP_DATA")
    candidates = [Path(env) / "polnear"] if env else []
    repo = Path(__file__).resolve().parents[3]
    candidates.append(repo.parent / "shared" / "data" / "polnear")
    for path in candidates:
        if (path / "dev" / "text").is_dir():
            return path
    return None


def _pieces(spec: str) -> Pieces:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Attributions from one .ann file (``Attribution`` and ``Attribution-no-source`` events)."""
    spans: dict[str, tuple[str, Pieces]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        if line.startswith("T") and "\t" in line:
            tid, info = line.split("\t")[:2]
            label, _, spec = info.partition(" ")
            try:
                spans[tid] = (label, _pieces(spec))
            except ValueError:
                continue
        elif line.startswith("E") and "\t" in line:
            events.append(line.split("\t")[1].split())
    out = []
    for args in events:
        roles: dict[str, Pieces] = {"Content": [], "Cue": [], "Source": []}
        for arg in args:
            role, _, tid = arg.partition(":")
            role = role.rstrip("0123456789")
            if role in roles and tid in spans:
                roles[role].extend(spans[tid][1])
        if roles["Content"]:
            out.append(
                GoldAttribution(
                    sorted(roles["Content"]), sorted(roles["Cue"]), sorted(roles["Source"])
                )
            )
    return out


def load_split(split: str, root: Path | None = None) -> list[Article]:
    """Every article of a split, scored against its first annotator file (sorted by name)."""
    root = root or data_root()
    if root is None:
        raise FileNotFoundError("PolNeAR data not found (../shared/data/polnear or $SITREP_DATA)")
    articles = []
    for txt in sorted((root / split / "text").glob("*.txt")):
        anns = sorted((root / split / "attributions").glob(txt.stem + "_*.ann"))
        text = txt.read_text(encoding="utf-8")
        gold = parse_ann(anns[0].read_text(encoding="utf-8")) if anns else []
        articles.append(Article(txt.stem, text, gold))
    return articles


def parsed_split(split: str, nlp=None, cache_dir: Path | None = None) -> tuple[list[Article], list]:
    """Articles and their spaCy docs, parsed once and cached as a DocBin under ``build/``.

    The cache is keyed on the pipeline's name and version so a new model re-parses.
    """
    from spacy.tokens import DocBin

    from sitrep.analyze.nlp import load_nlp

    articles = load_split(split)
    nlp = nlp or load_nlp()
    repo = Path(__file__).resolve().parents[3]
    cache_dir = cache_dir or repo / "build" / "polnear"
    key = f"{split}-{nlp.meta['name']}-{nlp.meta['version']}-{len(articles)}.spacy"
    path = cache_dir / key
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == [a.text for a in articles]:
            return articles, docs
    docs = list(nlp.pipe([a.text for a in articles], batch_size=16))
    cache_dir.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return articles, docs
