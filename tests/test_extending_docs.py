"""docs/extending.md stays true: each of its Python blocks runs and its assertions hold."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[1] / "docs" / "extending.md"
BLOCKS = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)


def test_the_page_has_its_four_examples():
    assert len(BLOCKS) == 4


@pytest.mark.parametrize(
    "n", range(len(BLOCKS)), ids=["input-format", "extractor", "brief-section", "web-page"]
)
def test_example_runs(n, monkeypatch):
    module = types.ModuleType(f"extending_{n}")  # dataclasses look their module up in sys.modules
    monkeypatch.setitem(sys.modules, module.__name__, module)
    exec(compile(BLOCKS[n], f"{PAGE.name} block {n + 1}", "exec"), module.__dict__)
