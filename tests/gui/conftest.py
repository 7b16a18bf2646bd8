"""GUI test fixtures: the one worker thread, shut down after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from liushou_desktop.gui.tasks import TaskRunner


@pytest.fixture
def runner(qapp: object) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()
