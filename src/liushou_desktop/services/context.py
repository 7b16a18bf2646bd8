"""What every service needs: the open database, who is acting, and what day it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..storage.db import Database


def _today() -> dt.date:
    return dt.date.today()


@dataclass
class ServiceContext:
    db: Database
    author: str = "管理员"
    today: Callable[[], dt.date] = field(default=_today)
