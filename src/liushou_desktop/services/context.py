"""What every service needs: the open database, who is acting, and what day it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain.access import Actor
from ..storage.db import Database


def _today() -> dt.date:
    return dt.date.today()


def _now() -> dt.datetime:
    return dt.datetime.now()


@dataclass
class ServiceContext:
    """``actor`` is the logged-in account; None acts as the local administrator (the command
    line, the demo builder, tests). ``author`` is the name the change history writes."""

    db: Database
    author: str = "管理员"
    today: Callable[[], dt.date] = field(default=_today)
    actor: Actor | None = None
    now: Callable[[], dt.datetime] = field(default=_now)

    def act_as(self, actor: Actor | None) -> None:
        """From now on the services act for ``actor`` (its name goes into the history)."""
        self.actor = actor
        if actor is not None:
            self.author = actor.display_name or actor.username
