"""Shared fixtures: the spaCy pipeline (loaded once), example corpus paths, hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "veskaria"
SHARED_DATA = Path(os.environ.get("SITREP_DATA", ROOT.parent / "shared" / "data"))

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "fuzz",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def nlp():
    from sitrep.analyze.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    if not EXAMPLES.is_dir():
        pytest.skip("example corpus not present")
    return EXAMPLES


def make_doc(text: str, **meta):
    from sitrep.ids import content_id
    from sitrep.records import Document

    return Document(id=content_id(text), text=text, **meta)
