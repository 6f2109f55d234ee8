"""The application layer is use-case functions over one shared Context; `Service` only
binds them. These tests keep it that way: no class grows rules again."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

import pytest

from rejection_therapy.core.clock import FixedClock
from rejection_therapy.core.models import Outcome
from rejection_therapy.paths import Paths
from rejection_therapy.service import NothingToDo, UserError, coaching, entries, runs, today
from rejection_therapy.service.context import Context

SERVICE = Path(__file__).resolve().parents[2] / "rejection_therapy" / "service"


def test_the_use_cases_run_on_a_bare_context_without_the_service(home):
    ctx = Context(
        Paths(home),
        environ={"TZ": "Europe/Berlin"},
        clock=FixedClock(datetime.fromisoformat("2026-03-02T10:00:00+01:00")),
    )
    logged = entries.log(ctx, Outcome.NO, note="asked for a discount")
    assert logged.ledger.streak.current == 1
    view = today.today(ctx)
    assert [e.id for e in view.entries] == [logged.entry.id] and view.ask is not None
    assert coaching.review(ctx).counts["no"] == 1
    assert runs.settings(ctx).timezone == "Europe/Berlin"


def test_the_service_only_binds_module_functions_to_its_context():
    tree = ast.parse((SERVICE / "service.py").read_text(encoding="utf-8"))
    (service,) = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    assert [ast.unparse(base) for base in service.bases] == ["Context"]
    for statement in service.body[1:]:  # after the docstring
        assert isinstance(statement, ast.Assign), ast.unparse(statement)
        value = statement.value
        assert isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name)
        assert value.value.id.endswith("_cases"), ast.unparse(statement)


def test_no_other_class_in_the_service_inherits_behaviour():
    """Classes there are records (dataclasses, tuples), never a layer of methods over the
    context: a second `Context` subclass would start the tower again."""
    for path in SERVICE.glob("*.py"):
        if path.name == "service.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(base) for base in node.bases}
                assert not bases & {"Context", "Service"}, f"{path.name}: {node.name}"


def test_redo_puts_back_the_entry_undo_took_with_its_id_and_badge_records(home):
    from tests.conftest import make_service

    service = make_service(home, "2026-03-02T10:00:00+01:00")
    logged = service.log(Outcome.NO, note="she laughed")
    badges_before = service.read().state.badges
    assert badges_before and all(b.entry_id == logged.entry.id for b in badges_before)
    removed = service.undo()
    assert service.read().state.entries == [] and service.read().state.badges == []
    stones = service.database.read_kept()[0]["tombstones"].values()
    assert [s["id"] for s in stones] == [logged.entry.id]
    back = service.redo(removed)
    state = service.read().state
    assert back.id == logged.entry.id and state.entries == [logged.entry]
    assert state.badges == badges_before  # the same records, earned at the same instant
    tables, _kept = service.database.read_kept()
    assert not any(s.get("id") == back.id for s in tables.get("tombstones", {}).values())
    with pytest.raises(NothingToDo):
        service.redo(removed)


def test_redo_after_the_day_is_over_is_refused(home):
    from tests.conftest import make_service

    service = make_service(home, "2026-03-02T23:00:00+01:00")
    service.log(Outcome.NO)
    removed = service.undo()
    with pytest.raises(UserError, match="its day is over"):
        make_service(home, "2026-03-03T10:00:00+01:00").redo(removed)
