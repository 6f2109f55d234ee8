"""Progress snapshots to share: txt, md, svg, html and json, private by default."""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs a `share` answer milliseconds
if TYPE_CHECKING:
    from typing import Any

FORMATS = ("txt", "md", "svg", "html", "json")
EXTENSIONS = {"txt": "txt", "md": "md", "svg": "svg", "html": "html", "json": "json"}


def render(snapshot: dict[str, Any], fmt: str, plain: bool = False) -> str:
    """One snapshot in one format (renderers are imported only when asked for)."""
    if fmt == "txt":
        from rejection_therapy.share.text import render_txt

        return render_txt(snapshot, plain=plain)
    if fmt == "md":
        from rejection_therapy.share.text import render_md

        return render_md(snapshot)
    if fmt == "svg":
        from rejection_therapy.share.card import render_svg

        return render_svg(snapshot)
    if fmt == "html":
        from rejection_therapy.share.page import render_html

        return render_html(snapshot)
    if fmt == "json":
        import json

        return json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
