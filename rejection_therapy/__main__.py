"""`python -m rejection_therapy`: the same command line as the `rejection-therapy` script
(the app and a change from the shell start their background sync this way, with the
interpreter they run on)."""

import os
import sys

if "--background" in sys.argv[1:]:
    import contextlib

    with contextlib.suppress(OSError, AttributeError):  # before the imports: a command
        os.nice(19)  # typed meanwhile gets the processor first

from rejection_therapy.cli import main  # noqa: E402 - after the nice, on purpose

raise SystemExit(main())
