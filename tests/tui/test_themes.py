"""Themes: the ones offered are Textual's own plus the app's light theme, and every text
colour the app uses reads at WCAG AA (4.5:1) on the light theme's backgrounds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.color import Color

from rejection_therapy.device import LIGHT_THEME, THEME_NAMES
from rejection_therapy.tui.marks import OUTCOME_STYLES
from tests.tui.conftest import settle

TUI = Path(__file__).resolve().parents[2] / "rejection_therapy" / "tui"
AA = 4.5


def relative_luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        value_01 = value / 255
        return value_01 / 12.92 if value_01 <= 0.03928 else ((value_01 + 0.055) / 1.055) ** 2.4

    red, green, blue = colour.rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: Color, second: Color) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_variables() -> set[str]:
    """Every theme variable the app paints text with: `color:`-like rules in its .tcss files
    and widgets' CSS, and the `$name` in the styles its Python code gives text (not the
    ones after `on`, which are backgrounds)."""
    found: set[str] = set()
    for path in TUI.rglob("*.tcss"):
        found |= set(
            re.findall(
                r"(?<![-\w])(?:border-title-|border-subtitle-)?color:\s*\$([\w-]+)",
                path.read_text(),
            )
        )
    for path in TUI.rglob("*.py"):
        source = path.read_text()
        found |= set(
            re.findall(r"(?<![-\w])(?:border-title-|border-subtitle-)?color:\s*\$([\w-]+)", source)
        )
        for literal in re.findall(r"\"([^\"\n]*\$[^\"\n]*)\"", source):
            literal = re.sub(r"\bon \$[\w-]+", "", literal)
            found |= set(re.findall(r"\$([\w-]+)", literal))
    for style in OUTCOME_STYLES.values():
        found |= set(re.findall(r"\$([\w-]+)", style))
    return {name for name in found if not name.endswith("-")}  # an f-string's stem


def paint(spec: str, ground: Color) -> Color:
    """A theme value as it shows on `ground` (an `auto 60%` or a translucent one blended)."""
    if spec.startswith("auto"):
        alpha = float(spec.split()[1].rstrip("%")) / 100 if " " in spec else 1.0
        return ground + ground.get_contrast_text(alpha)
    colour = Color.parse(spec)
    return ground + colour if colour.a < 1 else colour


def failures(variables: dict[str, str], names: set[str]) -> list[str]:
    background = Color.parse(variables["background"])
    grounds = {
        "background": background,
        "surface": paint(variables["surface"], background),
        "boost": paint(variables["boost"], background),
    }
    footer = paint(variables["footer-background"], background)
    found = []
    for name in sorted(names):
        on = {"footer": footer} if name.startswith("footer") else grounds
        for ground_name, ground in on.items():
            ratio = contrast(paint(variables[name], ground), ground)
            if ratio < AA:
                found.append(f"${name} on {ground_name}: {ratio:.2f}")
    return found


def test_the_contrast_measure_is_wcags():
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21)
    assert contrast(Color.parse("#767676"), Color(255, 255, 255)) == pytest.approx(4.54, abs=0.01)


def test_the_app_paints_text_with_the_colours_the_issue_names():
    names = text_variables()
    # titles (accent), warnings, "today done" (success), muted text, the outcome counts
    assert {"accent", "warning", "success", "text-muted", "error"} <= names
    assert {"outcome-no", "outcome-why", "outcome-yes", "outcome-pending"} <= names
    assert "footer-key-foreground" in names


async def test_every_text_colour_meets_aa_on_the_light_theme(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = LIGHT_THEME
        await settle(pilot)
        assert failures(app.get_css_variables(), text_variables()) == []
        # the measure has teeth: Textual's own light theme fails it (the faint amber)
        app.theme = "textual-light"
        await settle(pilot)
        faint = failures(app.get_css_variables(), text_variables())
        assert "$accent on background: 1.49" in faint


async def test_the_outcome_colours_follow_the_theme(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.get_css_variables()["outcome-no"] == "#E69F00"  # the fill, on dark
        app.theme = LIGHT_THEME
        await settle(pilot)
        assert app.get_css_variables()["outcome-no"] == "#8A5400"


async def test_the_picker_offers_textuals_themes_and_the_apps_light_one(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert sorted(THEME_NAMES) == sorted(app.available_themes)
        assert {"ansi-dark", "ansi-light", "textual-light", LIGHT_THEME} <= set(THEME_NAMES)


async def test_the_device_theme_is_painted_first_and_the_old_light_one_migrates(
    make_app, home, clock
):
    from tests.tui.conftest import service_at

    service_at(home, clock).set_setting("theme", "light")  # as an earlier version saved it
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == LIGHT_THEME
    assert not (home / "device.json").exists()  # read, never written without a change
    (home / "device.json").write_text('{"theme": "nord"}')
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        assert again.theme == "nord"  # from the first paint on, before the data is read
        await settle(pilot)
        assert again.theme == "nord"
