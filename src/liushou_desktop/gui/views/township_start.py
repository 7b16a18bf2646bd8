"""Creating a township (乡镇中心校) database from the first-run page.

The first-run page asks for it (``FirstRunPage.township_requested``); this controller chooses
the file, creates the database on the worker thread (``Backend.create_township``) and then
opens it through the window's ordinary :meth:`MainWindow.open_database`, which asks for its
administrator's account (乡镇管理员), reads its mode and shows the township's pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject

from ...domain.errors import ValidationFailed
from .. import file_dialogs
from ..messages import show_known_error
from ..widgets.text import arg

if TYPE_CHECKING:
    from ..main_window import MainWindow, OpenedArchive
    from .first_run import FirstRunPage

_DB_FILTER_SUFFIXES = "*.sqlite *.db"


class TownshipBackend(Protocol):
    def create_township(self, path: Path, name: str, code: str) -> OpenedArchive: ...


class TownshipStarter(QObject):
    """Connects a first-run page's township form to the backend and the window."""

    def __init__(self, window: MainWindow, backend: TownshipBackend) -> None:
        super().__init__(window)
        self.window = window
        self.backend = backend
        self._page: FirstRunPage | None = None

    def attach(self, page: FirstRunPage) -> None:
        if self._page is page:
            return
        self._page = page
        page.township_requested.connect(self.start)

    def start(self, name: str, code: str) -> None:
        page = self._page
        if page is None:
            return
        target = self._target(name)
        if target is None:
            return
        backend = self.backend

        def create(_state: object) -> Path:
            backend.create_township(target, name, code).context.db.close()
            return target

        page.set_busy(True, self.tr("Setting up the township database…"))
        self.window.runner.run(create, on_done=self._created, on_error=self._failed)

    def _target(self, name: str) -> Path | None:
        paths = self.window.paths
        if not paths.db_path.exists():
            return paths.db_path
        suggestion = paths.db_path.parent / f"{name or 'township'}.sqlite"
        chosen = file_dialogs.save_file(
            self.window,
            self.tr("Save the township database as"),
            str(suggestion),
            arg(self.tr("Archive databases (%1)"), _DB_FILTER_SUFFIXES),
        )
        return Path(chosen) if chosen else None

    def _created(self, path: object) -> None:
        assert isinstance(path, Path)
        if self._page is not None:
            self._page.set_busy(False)
        self.window.open_database(path)

    def _failed(self, exc: BaseException) -> None:
        page = self._page
        if page is None:
            return
        page.set_busy(False)
        if isinstance(exc, ValidationFailed) and page.show_township_problems(exc.errors):
            return
        show_known_error(self.window, exc)
