"""What the screens show, loaded off the UI thread in one piece."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the app paints Today before these heavy modules are imported
    from rejection_therapy.core.ledger import Ledger
    from rejection_therapy.service import Service
    from rejection_therapy.service.today import TodayView
    from rejection_therapy.shapes import DayView, TodayAnswer


@dataclass(frozen=True)
class Loaded:
    """One consistent reading of the home, and the data file version it came from.

    `today` and `day` are the same view in the `today --json` shapes: what Today paints,
    whether from this reading or, at start-up, from the status record.
    """

    view: TodayView
    stamp: list[int] | None
    today: TodayAnswer
    day: DayView

    @property
    def ledger(self) -> Ledger:
        return self.view.ledger

    @property
    def date(self) -> date:
        return self.view.snapshot.today


def load(service: Service) -> Loaded:
    """Read everything the screens need (blocking: call from a worker thread).

    The stamp is taken before reading, so a change that lands during the read is seen
    as a newer version at the next poll rather than missed.
    """
    from rejection_therapy.service.today import day_record
    from rejection_therapy.service.watch import data_stamp
    from rejection_therapy.views import streak_json, today_json

    stamp = data_stamp(service.paths)
    view = service.today()
    day = day_record(view)
    return Loaded(view, stamp, today_json(streak_json(view.ledger), day, view.ledger.total_xp), day)
