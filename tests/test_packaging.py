"""The built-in packs ship inside the wheel, so an installed copy finds them anywhere."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_the_challenge_packs(tmp_path):
    done = subprocess.run(
        ["uv", "build", "--wheel", "--out-dir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("rejection_therapy/challenges/")}
    expected = {p.name for p in (ROOT / "challenges").glob("*.yaml")}
    assert expected and expected <= shipped
    assert "rejection_therapy/cli/__init__.py" in names


def test_the_installed_wheel_finds_its_packs_from_another_folder(tmp_path):
    """`pip install .` into a fresh venv, run from elsewhere: the built-in packs are there."""
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        ["uv", "build", "--wheel", "--out-dir", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    venv = tmp_path / "venv"
    made = subprocess.run(
        ["uv", "venv", "--quiet", str(venv)], capture_output=True, text=True, timeout=120
    )
    assert made.returncode == 0, made.stderr
    wheel = next(wheels.glob("*.whl"))
    installed = subprocess.run(
        ["uv", "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PATH": "/usr/bin:/bin", "REJECTION_THERAPY_HOME": str(tmp_path / "home"), "TZ": "UTC"}
    listed = subprocess.run(
        [str(venv / "bin" / "rejection-therapy"), "packs", "list", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=elsewhere,
        env=env,
    )
    assert listed.returncode == 0, listed.stderr
    packs = json.loads(listed.stdout)
    assert {p["id"] for p in packs} >= {"everyday", "social", "career", "bold"}
    assert all("site-packages" in p["path"] for p in packs)
