"""Commands about runs, settings and the home: start, demo, locate, config, completion."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import date

from rejection_therapy.cli.output import Output, counted
from rejection_therapy.core import when
from rejection_therapy.relative import relative_day
from rejection_therapy.service import Service, UserError
from rejection_therapy.service.packs import builtin_packs_folder


def parse_day(text: str, today: date, option: str = "--date") -> date:
    """A date typed for `option`, read by core.when (today, friday, in 3 days, YYYY-MM-DD...)."""
    try:
        return when.parse_day(text, today)
    except when.DayError as error:
        raise UserError(f"{option} {error}") from None


def _shown(value: object) -> str:
    """Settings as a person types them: lists comma-separated, mappings as key=value."""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, dict):
        return ",".join(
            f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in value.items()
        )
    return str(value)


def _shown_setting(key: str, value: object) -> str:
    if key == "mouse":
        return "on" if value else "off (the terminal keeps it: select-to-copy)"
    if key == "keymap" and not value:
        return "(the default keys: ? in the app lists them)"
    return _shown(value)


def cmd_start(service: Service, args: argparse.Namespace, out: Output) -> int:
    packs = [p.strip() for p in args.packs.split(",") if p.strip()] if args.packs else None
    begin = parse_day(args.date, service.read().today) if args.date else None
    run = service.start(days=args.days, packs=packs, begin=begin, force=args.force)
    chosen = ", ".join(run.packs) if run.packs else "all enabled packs"
    begins = relative_day(run.start, service.read().today)
    out.line(
        f"Run {run.number} begins {begins} ({run.start.isoformat()}): "
        f"{counted(run.length, 'day')}, asks from {chosen}.",
        "bold green",
    )
    out.line("See today's ask: rejection-therapy today", "dim")
    return 0


def cmd_demo(service: Service, args: argparse.Namespace, out: Output) -> int:
    summary = service.demo(days=args.days, seed=args.seed, extra_per_day=args.extra_per_day)
    out.line(
        f"Demo history: {counted(summary.days, 'day')}, "
        f"{counted(summary.entries, 'entry', 'entries')}, {counted(summary.runs, 'run')}, "
        f"{counted(summary.badges, 'badge')}, in {service.paths.home}",
        "bold green",
    )
    return 0


def cmd_locate(service: Service, args: argparse.Namespace, out: Output) -> int:
    paths = service.paths
    out.line(f"home:          {paths.home}")
    out.line(f"data:          {paths.data_file}")
    out.line(f"settings:      {paths.data_file} (settings table; change with `config`)")
    out.line(f"this device:   {paths.device_file} (theme, keys, mouse; change with `config`;")
    out.line("               the reminder: `remind install`)")
    out.line(f"status:        {paths.status_file}")
    out.line(f"your packs:    {paths.packs_dir}")
    out.line(f"built-in packs:{' '}{builtin_packs_folder()}")
    out.line(f"backups:       {paths.backups_dir}")
    return 0


def cmd_config(service: Service, args: argparse.Namespace, out: Output) -> int:
    from rejection_therapy.service.device import DEVICE_KEYS

    if args.key in DEVICE_KEYS:
        return _config_device(service, args, out)
    if args.key is None:
        shown = _all_settings(service)
        if args.json:
            out.json(shown)
        else:
            for key, value in shown.items():
                out.line(f"{key} = {_shown_setting(key, value)}")
        return 0
    if args.value is None:
        data = _all_settings(service)
        if args.key not in data:
            raise UserError(f"unknown setting {args.key!r}; settings: {', '.join(data)}")
        out.line(_shown(data[args.key]))
        return 0
    settings = service.set_setting(args.key, args.value)
    out.line(f"{args.key} = {_shown(asdict(settings)[args.key])}", "bold")
    if args.key == "excluded_tags":
        from rejection_therapy.service.pool import known_tags

        known = known_tags(service.packs())
        for tag in settings.excluded_tags:
            if tag not in known:
                sys.stderr.write(
                    f"rejection-therapy: warning: no installed ask carries the tag {tag!r}\n"
                )
    if args.key in {"timezone", "rollover_hour"}:
        out.line("Past entries keep the dates they were logged for.", "dim")
    return 0


def _all_settings(service: Service) -> dict[str, object]:
    """The person's settings (from the data file), then this device's (device.json)."""
    from rejection_therapy.service.device import load_device

    person = asdict(service.settings())
    legacy_theme = person.pop("theme")  # the old dark/light: now this device's theme
    device = load_device(service.paths)
    return {
        **person,
        "theme": device.theme_or(legacy_theme),
        "mouse": device.mouse,
        "keymap": device.keymap,
    }


def _config_device(service: Service, args: argparse.Namespace, out: Output) -> int:
    """theme, mouse and keymap: this device's settings, kept apart from the data file."""
    from rejection_therapy.service.device import set_device_setting

    if args.value is None:
        out.line(_shown_setting(args.key, _all_settings(service)[args.key]))
        return 0
    set_device_setting(service.paths, args.key, args.value)
    shown = _shown_setting(args.key, _all_settings(service)[args.key])
    out.line(f"{args.key} = {shown}", "bold")
    out.line(f"Saved for this device in {service.paths.device_file}.", "dim")
    return 0
