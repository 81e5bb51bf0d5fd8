"""Bounds that keep one address or one class from exhausting the server."""

from __future__ import annotations

from collections import deque

WINDOW = 60.0


class ConnectionRate:
    """At most ``per_minute`` new connections per address in any 60 s window."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._seen: dict[str, deque[float]] = {}

    def allow(self, address: str, now: float) -> bool:
        """Record a connection attempt from ``address``; False when over the limit.

        Refused attempts are not recorded, so a flood does not extend its own ban.
        """
        self._forget_before(now - WINDOW)
        times = self._seen.setdefault(address, deque())
        if len(times) >= self.per_minute:
            return False
        times.append(now)
        return True

    def _forget_before(self, cutoff: float) -> None:
        for address in list(self._seen):
            times = self._seen[address]
            while times and times[0] <= cutoff:
                times.popleft()
            if not times:
                del self._seen[address]
