"""Binding groups shared by several widgets, so the key bar shows their keys as one entry."""

from textual.binding import Binding

MOVE = Binding.Group("group_move", compact=True)
"""j/k and the arrows, in a list or in a text: shown once as ``jk Move``."""
