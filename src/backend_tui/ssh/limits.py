"""Bounds that keep one address or one class from exhausting the server."""

from __future__ import annotations

from collections import Counter, deque

WINDOW = 60.0

MAX_COLUMNS = 500
MAX_ROWS = 200
"""The largest terminal an app is drawn for. A bigger request (a client may ask
for 65535x65535) is served at this size: the app's memory grows with the screen."""


def clamp_size(columns: int, rows: int, default: tuple[int, int] = (80, 24)) -> tuple[int, int]:
    """A terminal size the app can be drawn at; 0 or less means "use ``default``"."""
    columns = default[0] if columns <= 0 else min(columns, MAX_COLUMNS)
    rows = default[1] if rows <= 0 else min(rows, MAX_ROWS)
    return columns, rows


class SlidingWindow:
    """At most ``limit`` events per key in any ``window`` seconds."""

    def __init__(self, limit: int, window: float = WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._seen: dict[str, deque[float]] = {}

    def allow(self, key: str, now: float) -> bool:
        """Record an event for ``key``; False when over the limit.

        Refused events are not recorded, so a flood does not extend its own ban.
        """
        self._forget_before(now - self.window)
        times = self._seen.setdefault(key, deque())
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True

    def _forget_before(self, cutoff: float) -> None:
        for key in list(self._seen):
            times = self._seen[key]
            while times and times[0] <= cutoff:
                times.popleft()
            if not times:
                del self._seen[key]


class ConnectionRate(SlidingWindow):
    """At most ``per_minute`` new connections per address in any 60 s window."""

    def __init__(self, per_minute: int) -> None:
        super().__init__(per_minute, WINDOW)
        self.per_minute = per_minute


class PendingLogins:
    """Connections that have not logged in yet, counted per address and in total."""

    def __init__(self, per_address: int, total: int) -> None:
        self.per_address = per_address
        self.total = total
        self._by_address: Counter[str] = Counter()

    def __len__(self) -> int:
        return self._by_address.total()

    def refusal(self, address: str) -> str | None:
        """Why one more connection from ``address`` may not start logging in, or ``None``."""
        if self._by_address[address] >= self.per_address:
            return "too many connections from your address are logging in at once"
        if len(self) >= self.total:
            return "too many connections are logging in at once; try again in a minute"
        return None

    def add(self, address: str) -> None:
        self._by_address[address] += 1

    def discard(self, address: str) -> None:
        self._by_address[address] -= 1
        if self._by_address[address] <= 0:
            del self._by_address[address]


class Quieter:
    """Lets a repeated log line through once per key per ``window`` seconds.

    A flood (thousands of refused connections, an accept loop out of file
    descriptors) then costs a few lines a minute, not a line or a traceback each.
    """

    def __init__(self, window: float = WINDOW, max_keys: int = 10_000) -> None:
        self.window = window
        self.max_keys = max_keys
        self._last: dict[str, tuple[float, int]] = {}

    def allow(self, key: str, now: float) -> int | None:
        """``None`` to stay quiet; else how many were held back since the last line."""
        last = self._last.get(key)
        if last is not None and now - last[0] < self.window:
            self._last[key] = (last[0], last[1] + 1)
            return None
        if last is None and len(self._last) >= self.max_keys:
            self._last = {k: v for k, v in self._last.items() if now - v[0] < self.window}
            if len(self._last) >= self.max_keys:
                return None  # a flood from more places than we keep track of
        self._last[key] = (now, 0)
        return 0 if last is None else last[1]
