"""backend-tui: a terminal study dashboard about the backend engineer role."""

__version__ = "0.1.0"
