"""The Service: every mixin of the application layer in one class."""

from __future__ import annotations

from rejection_therapy.service.coaching import CoachingMixin
from rejection_therapy.service.data import DataMixin
from rejection_therapy.service.demo import DemoMixin
from rejection_therapy.service.doctor import DoctorMixin
from rejection_therapy.service.packs import PacksMixin
from rejection_therapy.service.profile import ProfileMixin
from rejection_therapy.service.runs import RunMixin
from rejection_therapy.service.share import ShareMixin
from rejection_therapy.service.today import TodayMixin


class Service(
    DemoMixin,
    TodayMixin,
    CoachingMixin,
    PacksMixin,
    ProfileMixin,
    ShareMixin,
    DataMixin,
    DoctorMixin,
    RunMixin,
):
    """One home's rejection-therapy: read it, log to it, fix it, start runs."""
