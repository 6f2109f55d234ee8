"""doctor, export and import through the console script."""

from __future__ import annotations


def test_doctor_exit_codes_and_repair_from_backup(cli, home):
    cli("log", "no")
    assert cli("doctor").code == 0
    data = home / "rejection-therapy.json"
    data.write_text("{truncated")
    found = cli("doctor")
    assert found.code == 1 and "cannot be read" in found.out
    assert cli("doctor", "--repair").code == 2  # no terminal to confirm on, and no --yes
    repaired = cli("doctor", "--repair", "--yes")
    assert repaired.code == 0, repaired.err
    assert list(home.glob("rejection-therapy.json.corrupt-*"))[0].read_text() == "{truncated"
    assert len(cli("history", "--json").json()) == 1


def test_export_warns_and_import_merges(cli, tmp_path, home):
    cli("log", "no", "--note", "private")
    target = tmp_path / "out.json"
    exported = cli("export", "-o", str(target))
    assert exported.code == 0 and "holds your notes" in exported.err
    csv = cli("export", "--format", "csv")
    assert csv.out.splitlines()[0].startswith("id,date,run_id,outcome")
    other = tmp_path / "other"
    result = cli("import", str(target), "--dry-run", REJECTION_THERAPY_HOME=str(other))
    assert result.code == 0 and "Would add" in result.out
    assert cli("import", str(target), REJECTION_THERAPY_HOME=str(other)).code == 0
    assert (
        cli("history", "--json", REJECTION_THERAPY_HOME=str(other)).json()[0]["note"] == "private"
    )
    bad = tmp_path / "bad.json"
    bad.write_text("[1,2]")
    assert cli("import", str(bad)).code == 2


def test_a_damaged_journal_line_costs_only_that_line(cli, home):
    cli("today")  # the full service draws the ask and keeps the day's backup
    assert cli("log", "no", "--note", "kept one").code == 0
    assert cli("log", "yes", "--ask", "kept two").code == 0
    journal = home / "rejection-therapy.journal"
    lines = journal.read_bytes().count(b"\n")  # the header, 2 entries, 2 badges
    with journal.open("ab") as handle:
        handle.write(b"{not a journal line}\n")
    refused = cli("log", "why")
    assert refused.code == 2, refused.err
    assert f"rejection-therapy.journal line {lines + 1} is damaged" in refused.err
    assert "Traceback" not in refused.err
    assert cli("doctor").code == 1
    repaired = cli("doctor", "--repair", "--yes")
    assert repaired.code == 0, repaired.err
    assert f"Kept {lines - 1} journal line(s)" in repaired.out
    notes = {entry["note"] or entry["ask"] for entry in cli("history", "--json").json()}
    assert notes == {"kept one", "kept two"}
    assert [p.name for p in home.glob("rejection-therapy.journal.damaged-*")]
