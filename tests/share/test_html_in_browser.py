"""The HTML snapshot in a real browser (headless Chromium): at a phone's 390 px and a
desktop's 1200 px nothing is wider than the window, and every text on the card sits inside
its tile in the fonts this machine has. No browser is a failure, not a skip: .ci/run
installs Chromium."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from rejection_therapy.share.page import render_html
from tests.share.test_card_layout import big

WIDTHS = (390, 1200)
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
LONG_WORD = "Supercalifragilistic" * 6

# Headless Chromium will not make a window narrower than 500 px, so the page is laid out in
# an iframe of each width. The probe runs inside the page as its last element: reading sizes
# forces layout, so it needs no timer, and it hands its report to the page around it.
PROBE = """
<script>
(() => {
  const width = document.documentElement.clientWidth, wide = [], loose = [];
  const label = (el) => el.tagName + (el.getAttribute('class') ? '.' + el.getAttribute('class') : '');
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 0.5 || box.left < -0.5))
      wide.push(label(el) + ' ' + Math.round(box.left) + '..' + Math.round(box.right));
  }
  for (const tile of document.querySelectorAll('g.tile')) {
    const r = tile.querySelector('rect').getBBox();
    for (const text of tile.querySelectorAll('text')) {
      const t = text.getBBox();
      if (t.x < r.x || t.x + t.width > r.x + r.width || t.y < r.y || t.y + t.height > r.y + r.height)
        loose.push(text.textContent + ' ' + JSON.stringify([t.x, t.width, r.x, r.width]));
    }
  }
  const report = parent.document.getElementById('report-' + window.frameElement.id);
  report.textContent = JSON.stringify({
    window: window.innerWidth, width, scrollWidth: document.documentElement.scrollWidth,
    wide, loose, tiles: document.querySelectorAll('g.tile').length,
  });
})();
</script>
"""


def browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    assert found, "no Chromium: install it (`apt-get install -y chromium`, as .ci/run does)"
    return found


def hardest_page() -> str:
    """Big figures, many badges, and asks and notes with words too long for a phone."""
    snapshot = big(1234, 98765, 999, 999, count=12_345)
    snapshot["includes"] = {"asks": True, "notes": True}
    snapshot["badges"] = snapshot["badges"] * 8
    snapshot["entries"] = [
        {"date": "2026-03-01", "day": 1, "outcome": "pending", "ask": LONG_WORD, "note": LONG_WORD}
    ]
    return render_html(snapshot)


def frames_page(page: str) -> str:
    """The page in an iframe of each width, each with a place for its probe's report."""
    inner = html.escape(page.replace("</body>", PROBE + "</body>"), quote=True)
    frames = "".join(
        f'<iframe id="{width}" srcdoc="{inner}" style="width:{width}px;height:900px;border:0">'
        f'</iframe><pre id="report-{width}"></pre>'
        for width in WIDTHS
    )
    return f"<!doctype html><html><body style='margin:0'>{frames}</body></html>"


def command(page: Path, profile: Path) -> list[str]:
    return [
        browser(),
        *("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"),
        *("--disable-component-update", "--disable-sync", "--no-first-run"),
        "--disable-extensions",
        f"--user-data-dir={profile}",
        f"--window-size={max(WIDTHS) + 100},900",
        "--dump-dom",
        page.as_uri(),
    ]


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[int, dict]:
    """The probe's report from each width's iframe."""
    folder = tmp_path_factory.mktemp("browser")
    page = folder / "frames.html"
    page.write_text(frames_page(hardest_page()), encoding="utf-8")
    done = subprocess.run(
        command(page, folder / "profile"),
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    found = {}
    for width in WIDTHS:
        match = re.search(rf'<pre id="report-{width}">(.+?)</pre>', done.stdout, re.DOTALL)
        assert match, f"no layout report at {width} px (exit {done.returncode})"
        found[width] = json.loads(html.unescape(match.group(1)))
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_is_wider_than_the_window(reports, width):
    report = reports[width]
    assert report["window"] == width  # the page was laid out at the width asked for
    assert report["scrollWidth"] <= report["width"]
    assert report["wide"] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_card_text_sits_inside_its_tiles_in_real_fonts(reports, width):
    assert reports[width]["tiles"] == 3
    assert reports[width]["loose"] == []
