"""The Textual session: a face on the service, holding no rules of its own."""

from __future__ import annotations

from rejection_therapy.paths import Paths


def run_app(paths: Paths) -> int:
    """Open the daily session on a terminal; returns the exit code."""
    from rejection_therapy.tui.app import RejectionTherapyApp

    app = RejectionTherapyApp(paths=paths, ask_situation=True)
    app.run()
    return app.return_code or 0
