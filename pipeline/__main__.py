"""`python -m pipeline` runs the figurewatch command."""

from pipeline.cli import main

raise SystemExit(main())
