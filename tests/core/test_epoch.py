"""core/epoch.py reads its plain form of an instant exactly as datetime does, and leaves
every other text to datetime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from rejection_therapy.core.epoch import epoch_seconds

OFFSETS = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    instant=st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    zone=OFFSETS,
    z=st.booleans(),
)
def test_the_plain_form_reads_as_datetime_reads_it(instant, zone, z):
    aware = instant.replace(microsecond=0, tzinfo=zone)
    text = aware.isoformat()
    if z and zone.utcoffset(None) == timedelta(0):
        text = text.replace("+00:00", "Z")
    assert epoch_seconds(text) == int(aware.timestamp())


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    text=st.text(alphabet="0123456789-:+TZtz .", min_size=18, max_size=27)
    | st.sampled_from(
        [
            "2026-02-29T10:00:00Z",
            "2024-02-29T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T10:00:60Z",
            "2026-11-23T10:00:00+24:00",
            "2026-11-23T10:00:00+05:60",
            "2026-11-23T10:00:00",
            "2026-11-23 10:00:00+00:00",
            "2026-11-23T10:00:00.5+00:00",
            "٢٠٢٦-11-23T10:00:00Z",
            "0000-01-01T00:00:00Z",
        ]
    )
)
def test_any_other_text_is_left_to_datetime_or_read_alike(text):
    seconds = epoch_seconds(text)
    if seconds is None:
        return
    parsed = datetime.fromisoformat(text.strip())
    assert parsed.tzinfo is not None
    assert seconds == int(parsed.astimezone(UTC).timestamp())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    text=st.dates().map(lambda d: d.isoformat())
    | st.text(alphabet="0123456789-", min_size=8, max_size=11)
    | st.sampled_from(["2026-02-29", "2024-02-29", "2026-04-31", "0000-01-01", "20261123"])
)
def test_a_date_is_one_as_date_isoformat_writes_it(text):
    from datetime import date

    from rejection_therapy.core.epoch import is_iso_date

    try:
        expected = date.fromisoformat(text).isoformat() == text
    except ValueError:
        expected = False
    assert is_iso_date(text) == expected


def test_streak_answers_from_the_kept_facts_without_datetime_as_it_would_with_it(tmp_path):
    """While now is in the record's day, `streak` takes the facts the record keeps (no
    datetime); they are the facts worked out with it."""
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import SCRIPT

    home = tmp_path / "home"
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith("REJECTION_THERAPY")},
        "REJECTION_THERAPY_HOME": str(home),
        "REJECTION_THERAPY_NOW": "2026-03-02T10:00:00+01:00",
        "TZ": "Europe/Berlin",
    }

    def run(*argv: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(SCRIPT), *argv], env={**environ, **extra}, capture_output=True, text=True
        )

    assert run("log", "no", "--note", "first").returncode == 0
    quick = run("streak", "--json")
    full = run("streak", "--json", REJECTION_THERAPY_FULL_PATH="1")
    assert quick.returncode == full.returncode == 0
    assert json.loads(quick.stdout) == json.loads(full.stdout)
    assert json.loads(quick.stdout)["today_done"] is True
    probe = (
        "import sys, runpy; sys.argv = ['rejection-therapy', 'streak', '--check'];"
        "from rejection_therapy.cli import main; code = main(sys.argv[1:]);"
        "print('datetime' in sys.modules, code)"
    )
    answer = subprocess.run(
        [sys.executable, "-c", probe], env=environ, capture_output=True, text=True
    )
    assert answer.stdout.split() == ["False", "0"], answer.stderr
    later = run("streak", "--json", REJECTION_THERAPY_NOW="2026-03-03T10:00:00+01:00")
    assert json.loads(later.stdout)["today_done"] is False  # another day: worked out anew
