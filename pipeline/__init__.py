"""Figurewatch - streaming alerts on troop and weapon-test figures in news."""

from pipeline import native as _native

__version__ = "0.1.0"

# The extractor compiled by `make native`, when a checked build of these sources exists.
_native.activate()
