"""GUI test fixtures: the one worker thread, shut down after each test; windows log in as an
administrator without a dialog (tests that drive the login ask for ``real_login``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from liushou_desktop.gui import session
from liushou_desktop.gui.tasks import TaskRunner

TEST_ADMIN = "admin"
TEST_ADMIN_NAME = "管理员"  # the history's author, as before accounts
TEST_PASSWORD = "test-pass-1"


def admin_login(parent: Any, runner: TaskRunner, request: Any, done: Any) -> None:
    """A login prompt that asks nobody: a database without accounts gets its administrator
    (``TEST_ADMIN`` / ``TEST_PASSWORD``), any other logs in as its first active administrator."""

    def work(_state: object) -> object:
        from liushou_desktop.domain.access import Actor, Role
        from liushou_desktop.services.accounts import AccountService

        service = AccountService(request.context)
        if not service.has_accounts():
            return service.create_first_admin(TEST_ADMIN, TEST_ADMIN_NAME, TEST_PASSWORD)
        for info in service.accounts():  # read as the local administrator: no password
            role = Role(info.role)
            if info.active and role.administers:
                return Actor(info.id, info.username, info.display_name, role, info.helper_id)
        raise AssertionError("no active administrator to log in as")

    runner.run(work, on_done=done)


@pytest.fixture(autouse=True)
def logged_in_as_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session, "login_prompt", admin_login)


@pytest.fixture
def real_login(monkeypatch: pytest.MonkeyPatch) -> None:
    """The application's own login and 创建管理员账号 dialogs."""
    monkeypatch.setattr(session, "login_prompt", session.ask_login)


@pytest.fixture
def runner(qapp: object) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()
