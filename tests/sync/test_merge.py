"""The merge of device logs (sync/merge.py) on its own: a day's ask drawn on two devices
before they synced."""

from __future__ import annotations

from datetime import UTC, date, datetime

from rejection_therapy.core.models import DailyAsk, Run
from rejection_therapy.storage.documents import to_document
from rejection_therapy.sync.devicelog import Change, DeviceLog
from rejection_therapy.sync.merge import merge_logs

RUN, DAY = "run1", date(2026, 3, 3)
KEY = f"{RUN}/{DAY.isoformat()}"
NOW_MS = 1_772_600_000_000


def stamp(minute: int, device: str) -> str:
    return f"{1_772_521_200_000 + minute * 60_000:015d}-000000-{device * 32}"


def version(
    minute: int, device: str, ask: str, away: tuple[str, ...] = (), drawn: int | None = None
) -> Change:
    doc = to_document(
        DailyAsk(
            run_id=RUN,
            date=DAY,
            ask_id=ask,
            text=f"ask {ask}",
            pack="core",
            difficulty=1,
            swapped_away=list(away),
        )
    )
    made = stamp(minute if drawn is None else drawn, device)
    return Change(1, stamp(minute, device), "daily_asks", KEY, doc, 2, made)


RUN_DOC = to_document(
    Run(
        id=RUN,
        number=1,
        start=date(2026, 3, 2),
        length=30,
        created_at=datetime(2026, 3, 2, tzinfo=UTC),
    )
)


def standing(*logs: list[Change], held: list[Change] | None = None) -> str:
    devices = [DeviceLog(change[0].stamp[-32:], changes=change) for change in logs if change]
    run = Change(0, stamp(-60, "c"), "runs", RUN, RUN_DOC, 0)
    merged = merge_logs(devices, NOW_MS, "f" * 32, [run, *(held or [])])
    [doc] = merged.tables["daily_asks"].values()
    return doc["ask_id"]


def test_the_first_draw_stands_whichever_log_is_read_first():
    laptop, desktop = [version(0, "a", "a1")], [version(30, "b", "b1")]
    assert standing(laptop, desktop) == standing(desktop, laptop) == "a1"


def test_a_swap_of_the_standing_ask_follows_it_and_one_of_the_losing_draw_does_not():
    laptop = [version(0, "a", "a1"), version(40, "a", "a2", ("a1",), drawn=0)]
    desktop = [version(30, "b", "b1"), version(50, "b", "b2", ("b1",), drawn=30)]
    assert standing(laptop, desktop) == standing(desktop, laptop) == "a2"
    assert standing(laptop[1:], desktop[1:]) == "a2", "each device's latest alone agrees"


def test_a_home_holding_a_swap_of_the_later_draw_takes_the_earlier_draw():
    swap = version(50, "b", "b2", ("b1",), drawn=30)
    held = [Change(0, swap.stamp, swap.table, swap.key, swap.doc, 0, swap.drawn)]
    assert standing([version(0, "a", "a1")], held=held) == "a1"
    assert standing([version(40, "a", "a2", ("a1",), drawn=0)], held=held) == "a2"
