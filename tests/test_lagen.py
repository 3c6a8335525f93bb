"""The pipeline is visible in the package and stays one-way: a stage imports only the stages
before it, nothing of the package is imported inside a function, and no module imports
itself back through others."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "prestatie"

LAGEN = ("cli", "pipeline", "write", "parse", "render", "plan", "load", "model", "core")
"""From the command line down to the shared basics: each may import only those after it."""

CLI = {"cli", "clitaal", "__main__"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:  # the package itself: its version only
        return len(LAGEN)
    first = parts[1]
    return LAGEN.index("cli" if first in CLI else first)


def _imports(module: str) -> list[tuple[str, ast.AST, bool]]:
    """Every import of the package in ``module``: (imported module, node, inside a function)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, ast.AST, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((a.name, child, in_function) for a in child.names if a.name.split(".")[0] == "prestatie")
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.split(".")[0] != "prestatie":
                    continue
                for alias in child.names:  # 'from . import x' may name a module
                    sub = f"{target}.{alias.name}"
                    found.append((sub if sub in MODULES else target, child, in_function))
            visit(child, inner)

    visit(tree, False)
    return found


def test_every_module_belongs_to_a_stage() -> None:
    for module in MODULES:
        assert _layer(module) >= 0, module


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_stage_imports_only_the_stages_before_it(module: str) -> None:
    mine = _layer(module)
    for target, node, _ in _imports(module):
        theirs = _layer(target)
        assert theirs >= mine, (
            f"{MODULES[module].name}:{node.lineno}: {module} ({LAGEN[mine]}) imports {target} "
            f"({LAGEN[theirs] if theirs < len(LAGEN) else 'prestatie'}), a later stage"
        )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_of_the_package_is_imported_inside_a_function(module: str) -> None:
    inside = [f"line {node.lineno}: {target}" for target, node, in_function in _imports(module) if in_function]
    assert inside == []


def test_no_import_cycle() -> None:
    graph = {m: {t for t, _, _ in _imports(m) if t in MODULES and t != m} for m in MODULES}
    state: dict[str, int] = {}
    path: list[str] = []

    def walk(m: str) -> None:
        state[m] = 1
        path.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                raise AssertionError("import cycle: " + " → ".join(path[path.index(t):] + [t]))
            if t not in state:
                walk(t)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            walk(m)


def test_the_folder_listing_shows_the_pipeline() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders == set(LAGEN) - {"cli"}


GRENS = 400
"""No module is longer than this: a module fits on a few screens (no exceptions)."""


def test_no_module_is_over_400_lines() -> None:
    lengths = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    assert {m: n for m, n in lengths.items() if n > GRENS} == {}


FAMILIES = {"word", "web", "pdf", "data", "tekst"}
"""The writer families under write/; each writer lives in its family, shared helpers in gedeeld."""


def test_the_writers_are_grouped_by_family() -> None:
    write = PACKAGE / "write"
    folders = {p.name for p in write.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders == FAMILIES
    top = {p.stem for p in write.glob("*.py")}
    assert top == {"__init__", "formats", "output", "publicatie", "gedeeld"}
