"""The built-in packs ship inside the wheel, so an installed copy finds them anywhere."""

from __future__ import annotations

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
