"""Lint, format and type checks run with the tests, so CI enforces them too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_lint_is_clean():
    result = _run("ruff", "check", "rejection_therapy", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied():
    result = _run("ruff", "format", "--check", "rejection_therapy", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_errors():
    result = _run("mypy", "rejection_therapy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_never_imports_textual_tinydb_or_rich():
    code = (
        "import sys, pkgutil, importlib, rejection_therapy.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__): importlib.import_module('rejection_therapy.core.' + m.name)\n"
        "print(' '.join(sorted({n.split('.')[0] for n in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert not loaded & {"textual", "tinydb", "rich"}
