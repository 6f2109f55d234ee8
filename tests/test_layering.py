"""Who may import whom (../shared/STYLE.md), read from the source: every import statement,
type-only ones included, so no module leans on a layer above its own."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "rejection_therapy"

LEAVES = {
    "__init__",
    "paths",
    "filenames",
    "untrusted",
    "fileio",
    "shapes",
    "lightjson",
    "exports",
    "marks",
    "keymap",  # the keys a person may choose, checked by `config` and the TUI alike
    "device",  # this device's settings file, read before the TUI's first paint
    "relative",  # arrow's humanize, imported inside its functions: the quick paths never call them
}
"""Top-level modules of the standard library alone (or of each other): anyone may use them."""

ALLOWED = {
    "__main__": {"cli"},  # `python -m rejection_therapy`: the command line itself
    "core": set(),
    "storage": {"core"},
    "packs": {"core"},
    "views": {"core"},
    "share": {"core", "views"},
    "fastpath": {"core", "storage", "views", "share"},
    "remind": {"core"},
    "sync": {"core", "storage"},
    "service": {"core", "storage", "packs", "share", "views", "remind", "sync"},
    "cli": {"service", "views", "core", "fastpath", "tui"},
    "tui": {"service", "views", "core", "fastpath"},
}
"""Each package and the packages it may import (besides itself and the leaves). `fastpath`
is the light layer `streak`, `today`, `log`, `stats`, `badges`, a private `share`, and
`history --json`, `export` and `doctor` from the checked copy answer from before the
service loads (share/ only formats a snapshot: core and views below it)."""

NEVER = {
    "textual": {"core", "storage", "packs", "views", "share", "fastpath", "service", "cli"},
    "rich": {"core", "storage", "packs", "views", "share", "fastpath", "service"},
    "tinydb": {"core", "packs", "views", "share", "fastpath", "service", "cli", "tui", "sync"},
}
"""Libraries a package must not import: the TUI's and the terminal's stay in the adapters,
the database's stays in storage (no TinyDB type or query leaves it)."""


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "rejection_therapy":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _imports() -> list[tuple[str, str, str, bool]]:
    """(module, its layer, imported module, whether the import is inside a function)."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        layer = _layer(module) or ""
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {
            id(node)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(function)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                found.append((module, layer, target, id(node) in functions))
    return found


def test_every_package_imports_only_the_layers_below_it():
    wrong = []
    for module, layer, target, _lazy in _imports():
        other = _layer(target)
        if other is None or other == layer or other in LEAVES:
            continue
        if layer in LEAVES:
            wrong.append(f"{module} (a leaf) imports {target}")
        elif other not in ALLOWED[layer]:
            wrong.append(f"{module} ({layer}) imports {target} ({other})")
    assert not wrong, "\n".join(wrong)


def test_no_package_imports_a_library_it_must_not():
    wrong = [
        f"{module} imports {target}"
        for module, layer, target, _lazy in _imports()
        if layer in NEVER.get(target.split(".")[0], set())
    ]
    assert not wrong, "\n".join(wrong)


def test_the_command_line_reaches_the_tui_only_by_launching_it_lazily():
    reaches = [
        (module, target, lazy)
        for module, layer, target, lazy in _imports()
        if layer == "cli" and _layer(target) == "tui"
    ]
    assert reaches == [("rejection_therapy.cli", "rejection_therapy.tui", True)], reaches


def test_there_is_no_cycle_between_packages():
    graph: dict[str, set[str]] = defaultdict(set)
    for _module, layer, target, _lazy in _imports():
        other = _layer(target)
        if other and other != layer:
            graph[layer].add(other)
    visiting, done = set(), set()

    def visit(node: str, trail: list[str]) -> None:
        if node in done:
            return
        assert node not in visiting, "cycle: " + " -> ".join([*trail, node])
        visiting.add(node)
        for following in sorted(graph[node]):
            visit(following, [*trail, node])
        visiting.discard(node)
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
