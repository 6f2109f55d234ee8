"""The Service: one context with every use case bound to it.

The use cases are plain functions in their modules (`entries.log(ctx, ...)`), sharing one
`Context`; this class only names them, so that the CLI and the TUI hold one object. A rule
that needs no context (`review_of`, `checkin_due`, ...) is a plain function here too."""

from __future__ import annotations

from rejection_therapy.service import coaching as coaching_cases
from rejection_therapy.service import data as data_cases
from rejection_therapy.service import demo as demo_cases
from rejection_therapy.service import doctor as doctor_cases
from rejection_therapy.service import entries as entries_cases
from rejection_therapy.service import events as events_cases
from rejection_therapy.service import packs as packs_cases
from rejection_therapy.service import profile as profile_cases
from rejection_therapy.service import runs as runs_cases
from rejection_therapy.service import share as share_cases
from rejection_therapy.service import today as today_cases
from rejection_therapy.service.context import Context


class Service(Context):
    """One home's rejection-therapy: read it, log to it, fix it, start runs."""

    # coaching.py
    resolve = coaching_cases.resolve
    add_followup = coaching_cases.add_followup
    followups = coaching_cases.followups
    complete_followup = coaching_cases.complete_followup
    checkin = coaching_cases.checkin
    set_intention = coaching_cases.set_intention
    declare_rest = coaching_cases.declare_rest
    review = coaching_cases.review

    # data.py
    export_data = data_cases.export_data
    history_rows = data_cases.history_rows
    import_data = data_cases.import_data
    import_log = data_cases.import_log

    # demo.py
    demo = demo_cases.demo

    # doctor.py
    doctor = doctor_cases.doctor
    repair = doctor_cases.repair

    # entries.py
    log = entries_cases.log
    undo = entries_cases.undo
    redo = entries_cases.redo
    delete = entries_cases.delete
    edit = entries_cases.edit
    edit_entry = entries_cases.edit_entry
    reflect = entries_cases.reflect

    # events.py
    log_event = events_cases.log_event
    offers = events_cases.offers

    # packs.py
    list_packs = packs_cases.list_packs
    broken_packs = packs_cases.broken_packs
    pack = packs_cases.pack
    add_pack = packs_cases.add_pack
    remove_pack = packs_cases.remove_pack
    enable_pack = packs_cases.enable_pack
    disable_pack = packs_cases.disable_pack
    never = packs_cases.never

    # profile.py
    set_profile = profile_cases.set_profile

    # runs.py
    start = runs_cases.start
    settings = runs_cases.settings
    set_setting = runs_cases.set_setting

    # share.py
    snapshot = share_cases.snapshot
    save_snapshot = share_cases.save_snapshot

    # today.py
    today = today_cases.today
