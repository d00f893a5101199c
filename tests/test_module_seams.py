"""Modules talk to each other through public names only.

A leading underscore says "this may change without notice"; importing it from
another module couples the two silently, so the seam is checked here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "sitrep"


def private_imports(path: Path, root: Path = SRC) -> list[str]:
    """``from sitrep.x import _y`` and ``sitrep.x._y`` attribute use, as readable lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitrep"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(
                        f"{path.relative_to(root)}:{node.lineno} imports {node.module}.{alias.name}"
                    )
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            base = node.value
            if (
                isinstance(base, ast.Name)
                and base.id not in ("self", "cls")
                and _is_module_alias(tree, base.id)
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno} uses {base.id}.{node.attr}")
    return found


def _is_module_alias(tree: ast.Module, name: str) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitrep"):
            if any((a.asname or a.name) == name for a in node.names):
                return True
        if isinstance(node, ast.Import):
            if any(
                (a.asname or a.name) == name and a.name.startswith("sitrep") for a in node.names
            ):
                return True
    return False


def test_no_module_imports_another_modules_private_names():
    problems = [line for path in sorted(SRC.rglob("*.py")) for line in private_imports(path)]
    assert problems == []


def test_tests_benchmarks_and_training_use_public_names_only():
    root = SRC.parents[1]
    problems = [
        line
        for folder in ("tests", "benchmarks", "training")
        for path in sorted((root / folder).rglob("*.py"))
        for line in private_imports(path, root)
    ]
    assert problems == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from sitrep.assess.grades import _key\n", 1),
        ("from sitrep.store import write\nwrite._replace_analysis(1)\n", 1),
        ("from sitrep.assess.grades import outlet_key\n", 0),
        ("import re\nre._pattern\n", 0),
    ],
)
def test_the_scan_finds_what_it_should(tmp_path, source, expected):
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    assert len(private_imports(path, tmp_path)) == expected


LATER_STAGES = {  # what each stage must not import: it lies above it in the pipeline
    "analyze": {"resolve", "store", "assess", "deliver", "commands", "scale"},
    "lexicon": {"analyze", "resolve", "store", "assess", "deliver", "commands", "scale"},
    "resolve": {"store", "assess", "deliver", "commands"},
}


def sitrep_imports(path: Path) -> set[str]:
    """The top-level sitrep packages a module imports (``sitrep.analyze.x`` -> ``analyze``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitrep."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names |= {a.name.split(".")[1] for a in node.names if a.name.startswith("sitrep.")}
    return names


@pytest.mark.parametrize("stage", sorted(LATER_STAGES))
def test_a_stage_never_imports_a_later_one(stage):
    wrong = {
        str(p.relative_to(SRC)): sorted(sitrep_imports(p) & LATER_STAGES[stage])
        for p in sorted((SRC / stage).rglob("*.py"))
    }
    assert {k: v for k, v in wrong.items() if v} == {}
