"""Figurewatch - streaming alerts on troop and weapon-test figures in news."""

__version__ = "0.1.0"
