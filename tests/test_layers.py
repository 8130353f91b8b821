"""The layers: every package imports only downward (docs/DEVELOPING.md).

Reads each module's source with :mod:`ast` (nothing is executed), so an
import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ALLOWED: dict[str, frozenset[str]] = {
    "graph": frozenset(),
    "extractors": frozenset({"graph"}),
    "ontology": frozenset({"graph"}),
    "analytics": frozenset({"graph"}),
    "dashboard": frozenset({"graph", "analytics", "ontology"}),
    "alliancekg": frozenset({"graph", "extractors", "ontology", "analytics", "dashboard"}),
}
"""For each package, the project packages it may import (besides itself)."""


def imported_packages(path: Path) -> set[tuple[str, int]]:
    """Top-level project packages a module imports, with the line of each import."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update((alias.name.split(".")[0], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add((node.module.split(".")[0], node.lineno))
    return {(name, line) for name, line in out if name in ALLOWED}


def upward_imports(package: str) -> list[str]:
    """``file:line imports pkg`` for every import of ``package`` that is not allowed."""
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name, line in sorted(imported_packages(path)):
            if name != package and name not in ALLOWED[package]:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_downward(package: str) -> None:
    assert upward_imports(package) == []


def test_the_walk_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from alliancekg.settings import open_store\n    import analytics.tracer\n")
    assert imported_packages(module) == {("alliancekg", 2), ("analytics", 3)}


def data_reads(path: Path) -> set[tuple[str, int]]:
    """Project packages whose package data a module reads (``resources.files("<package>")``), with the line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        first = node.args[0]
        if name == "files" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            package = first.value.split(".")[0]
            if package in ALLOWED:
                out.add((package, node.lineno))
    return out


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_data_is_read_only_downward(package: str) -> None:
    """Data both layers need (the incident catalogue) lives in the ground, not in a sibling package."""
    found = [
        f"{path.relative_to(ROOT)}:{line} reads the data of {name}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for name, line in sorted(data_reads(path))
        if name != package and name not in ALLOWED[package]
    ]
    assert found == []


def test_the_walk_sees_a_sideways_data_read(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('from importlib import resources\nresources.files("extractors").joinpath("data/x.json")\n')
    assert data_reads(module) == {("extractors", 2)}


def test_every_package_is_listed() -> None:
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench", "scripts", "tools"}
    assert packages == set(ALLOWED)
