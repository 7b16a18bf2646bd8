"""Hybrid logical clock (Kulkarni et al.): stamps that follow wall time where the PC clock is
right, never go backwards when it is wrong, and order causally related events across sites.

A stamp is written as a fixed-width string ``PPPPPPPPPPPPP-LLLLL`` (physical milliseconds since
the epoch, logical counter) so that string order is stamp order; ties between sites are broken
by site id, compared after the stamp.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

_MAX_LOGICAL = 99_999


@dataclass(frozen=True, order=True)
class Stamp:
    physical_ms: int
    logical: int

    def encode(self) -> str:
        return f"{self.physical_ms:013d}-{self.logical:05d}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        physical, logical = text.split("-")
        return cls(int(physical), int(logical))


ZERO = Stamp(0, 0)


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridLogicalClock:
    """Issues increasing stamps. ``last`` is persisted by the caller between runs."""

    def __init__(self, last: Stamp = ZERO, wall: Callable[[], int] = wall_clock_ms) -> None:
        self.last = last
        self._wall = wall

    def now(self) -> Stamp:
        """A stamp for a local event, greater than every stamp seen so far."""
        wall = self._wall()
        stamp = Stamp(wall, 0) if wall > self.last.physical_ms else self._bump(self.last)
        self.last = stamp
        return stamp

    def observe(self, remote: Stamp) -> Stamp:
        """Take in a stamp from another site (or a clock floor); the next local stamp is greater."""
        wall = self._wall()
        top = max(self.last, remote)
        stamp = Stamp(wall, 0) if wall > top.physical_ms else self._bump(top)
        self.last = stamp
        return stamp

    @staticmethod
    def _bump(stamp: Stamp) -> Stamp:
        if stamp.logical >= _MAX_LOGICAL:
            return Stamp(stamp.physical_ms + 1, 0)
        return Stamp(stamp.physical_ms, stamp.logical + 1)
