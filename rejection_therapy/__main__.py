"""`python -m rejection_therapy`: the same command line as the `rejection-therapy` script
(the app starts its background sync this way, with the interpreter it runs on)."""

from rejection_therapy.cli import main

raise SystemExit(main())
