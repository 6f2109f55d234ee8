"""What the screens show, loaded off the UI thread in one piece."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rejection_therapy.core.ledger import Ledger
from rejection_therapy.service import Service
from rejection_therapy.service.today import TodayView
from rejection_therapy.storage.database import data_file_stamp


@dataclass(frozen=True)
class Loaded:
    """One consistent reading of the home, and the data file version it came from."""

    view: TodayView
    stamp: list[int] | None

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
    stamp = data_file_stamp(service.paths.data_file)
    return Loaded(service.today(), stamp)
