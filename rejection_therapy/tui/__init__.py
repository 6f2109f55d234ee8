"""The Textual session: a face on the service, holding no rules of its own."""

from __future__ import annotations

from rejection_therapy.paths import Paths


def run_app(paths: Paths, mouse: bool | None = None) -> int:
    """Open the daily session on a terminal; returns the exit code.

    `mouse`: False leaves the mouse to the terminal (`--no-mouse`); None takes this
    device's setting (device.json), read before the app starts: Textual asks the terminal
    for the mouse as it starts, and cannot give it back later."""
    from rejection_therapy.device import peek
    from rejection_therapy.tui.app import RejectionTherapyApp

    if mouse is None:
        mouse = peek(paths.device_file).get("mouse", True) is not False
    app = RejectionTherapyApp(paths=paths, ask_situation=True)
    app.run(mouse=mouse)
    return app.return_code or 0
