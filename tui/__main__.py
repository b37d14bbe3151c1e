"""`python -m tui` runs the same command line as the `storydiff` script."""

from .cli import main

raise SystemExit(main())
