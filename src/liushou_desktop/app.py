"""The composition root: paths, settings, translations, crash hook, services and the window.

Start-up order (ARCHITECTURE.md §2): the window is built and shown first; the database is
opened afterwards on the worker thread. Storage and services (``import sqlmodel`` alone costs
most of a second) are imported lazily, inside the worker's jobs.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from . import APP_NAME, __version__
from .domain.errors import KnownError
from .gui.crash import install_crash_handler, keep_none_alive
from .gui.i18n import install_translators
from .gui.main_window import MainWindow, OpenedArchive, WindowPaths
from .gui.tasks import TaskRunner
from .gui.widgets.theme import apply_theme

if TYPE_CHECKING:
    from .services.context import ServiceContext

log = logging.getLogger("liushou.app")

DB_FILENAME = "liushou.sqlite"
DEMO_FILENAME = "liushou-demo.sqlite"
SETTINGS_FILENAME = "settings.json"
LOG_RELATIVE = Path("logs") / "liushou.log"
NO_USER_CONFIG_ENV = "LIUSHOU_NO_USER_CONFIG"
DEFAULT_AUTHOR = "管理员"


# -- settings ---------------------------------------------------------------------------------
@dataclass
class Settings:
    """What the app remembers between runs (window geometry lives in QSettings). Who is working
    is the account logged in (an older file's ``operator_name`` is ignored)."""

    last_db_path: str = ""  # the database opened last (not the demo)

    @classmethod
    def from_json(cls, data: object) -> Settings:
        if not isinstance(data, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known and isinstance(v, str)})


def user_config_enabled() -> bool:
    return os.environ.get(NO_USER_CONFIG_ENV, "") != "1"


class SettingsStore:
    """Reads and atomically writes :class:`Settings` as JSON; ``path`` None keeps nothing."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def load(self) -> Settings:
        if self.path is None or not self.path.exists():
            return Settings()
        try:
            return Settings.from_json(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable, using defaults: %s", self.path, exc)
            return Settings()

    def save(self, settings: Settings) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(asdict(settings), fh, ensure_ascii=False, indent=2)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:  # settings are a convenience: never fail the app over them
            log.warning("could not save settings to %s: %s", self.path, exc)


# -- paths ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    db_path: Path
    demo_path: Path
    log_path: Path
    settings_path: Path | None  # None when LIUSHOU_NO_USER_CONFIG=1


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options; whatever is left (e.g. ``-platform offscreen``) goes to Qt."""
    parser = argparse.ArgumentParser(prog="liushou-desktop", description="留守儿童关爱档案")
    parser.add_argument("--db", type=Path, metavar="PATH", help="要打开的数据库文件")
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help="显示版本号并退出"
    )
    parser.add_argument(
        "--self-test",
        type=Path,
        metavar="OUTDIR",
        help="自检：在 OUTDIR 里建演示数据库，打开主窗口，打印档案卡，导出数据包，逐项报告后退出",
    )
    return parser.parse_known_args(argv)


# -- portable mode: the app on a USB stick ----------------------------------------------------
PORTABLE_MARKERS = ("portable.txt", "liushou-portable")
PORTABLE_DATA_DIR = "data"


def portable_root() -> Path | None:
    """The folder of the built (frozen) executable when a marker file (``portable.txt``) lies
    beside it: everything the app keeps then lives in its ``data`` folder. None when installed
    or run from the source tree."""
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    if any((folder / name).is_file() for name in PORTABLE_MARKERS):
        return folder
    return None


def portable_data_dir() -> Path | None:
    root = portable_root()
    return None if root is None else root / PORTABLE_DATA_DIR


def remembered_path(path: Path) -> str:
    """How the settings keep a database path: relative to the portable folder when inside it
    (a USB stick's drive letter differs from one computer to the next)."""
    root = portable_root()
    if root is not None:
        try:
            return Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)


def recalled_path(stored: str) -> Path | None:
    """The database path the settings keep (see :func:`remembered_path`); None if none."""
    if not stored:
        return None
    path = Path(stored)
    root = portable_root()
    if not path.is_absolute() and root is not None:
        return root / path
    return path


def window_settings() -> QSettings:
    """Qt's settings (window geometry, the print dialog's last choice). Portable: an INI file
    in the data folder, not the registry; Qt's own (the file dialogs' history) go there too,
    except on Windows, where Qt keeps those in the registry whatever one says."""
    data = portable_data_dir()
    if data is None:
        return QSettings(APP_NAME, APP_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(data / "qt"))
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)


def settings_file(config_dir: Path | None = None) -> Path | None:
    """Where settings are kept; None when LIUSHOU_NO_USER_CONFIG=1 (tests, benchmarks)."""
    if not user_config_enabled():
        return None
    config = (
        config_dir
        or portable_data_dir()
        or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )
    return config / SETTINGS_FILENAME


def resolve_paths(
    args: argparse.Namespace,
    settings: Settings,
    *,
    data_dir: Path | None = None,
    config_dir: Path | None = None,
) -> AppPaths:
    data = (
        data_dir
        or portable_data_dir()
        or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    )
    last = recalled_path(settings.last_db_path)
    if args.db is not None:
        db_path = Path(args.db).expanduser().resolve()
    elif last is not None and last.exists():
        db_path = last
    else:
        db_path = data / DB_FILENAME
    return AppPaths(
        data_dir=data,
        db_path=db_path,
        demo_path=data / DEMO_FILENAME,
        log_path=data / LOG_RELATIVE,
        settings_path=settings_file(config_dir),
    )


# -- opening databases (runs on the worker thread) --------------------------------------------
class Backend:
    """Opens and creates databases for the window (gui.main_window.ArchiveBackend)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @staticmethod
    def author() -> str:
        """The history's author until someone logs in (the login names the account)."""
        return DEFAULT_AUTHOR

    def open(self, path: Path, *, demo: bool = False) -> OpenedArchive:
        from .services.context import ServiceContext
        from .storage.db import Database

        db = Database.open(path)
        return self._opened(path, ServiceContext(db=db, author=self.author()), demo)

    def create_school(self, path: Path, name: str, code: str, top_grade: int) -> OpenedArchive:
        """A new school's database (the first-run wizard makes its administrator next). Its
        code is the county code plus the school's number (domain.codes)."""
        from .services.setup import init_school

        ctx = init_school(path, name, code, top_grade, author=self.author(), standard_code=True)
        return self._opened(path, ctx, demo=False)

    def create_demo(self, path: Path) -> OpenedArchive:
        from .services.demo import create_demo_database

        ctx = create_demo_database(path, author=self.author())
        return self._opened(path, ctx, demo=True)

    def create_township(self, path: Path, name: str, code: str) -> OpenedArchive:
        """A new township (乡镇中心校) database: no schools until their bundles are merged.
        Its code is the county code plus the township's number (domain.codes)."""
        from .services.sync import init_township

        ctx = init_township(path, name, code, author=self.author(), standard_code=True)
        return self._opened(path, ctx, demo=False)

    @staticmethod
    def _opened(path: Path, ctx: ServiceContext, demo: bool) -> OpenedArchive:
        from .gui.views.children_page import TOWNSHIP_SCHOOL_ID
        from .services.accounts import META_DEMO_ACCOUNTS, AccountService
        from .services.archive import ArchiveService, SchoolInfo
        from .services.changes import read_meta
        from .services.sync import (
            META_CODE,
            META_NAME,
            META_OWN_SCHOOL,
            MODE_TOWNSHIP,
            SyncService,
        )

        try:
            service = ArchiveService(ctx)
            mode = SyncService(ctx).mode()
            if mode == MODE_TOWNSHIP:
                # The township has no school of its own (and none at all until bundles are
                # merged): its own info, with no school id — the pages then show every school.
                with ctx.db.session(write=False) as s:
                    name = read_meta(s, META_NAME) or "乡镇"
                    code = read_meta(s, META_CODE) or ""
                school = SchoolInfo(id=TOWNSHIP_SCHOOL_ID, name=name, code=code, top_grade=12)
            else:
                schools = service.schools()
                if not schools:
                    raise KnownError(
                        f"{path} 里还没有学校。请用“文件 → 新建学校…”建立本校档案，"
                        "或打开别的数据库。"
                    )
                with ctx.db.session(write=False) as s:
                    own = read_meta(s, META_OWN_SCHOOL)
                # a school's database also holds the schools its children were transferred to
                school = next((x for x in schools if x.id == own), schools[0])
            # who may work on it: the login (or the first administrator) comes next
            accounts = AccountService(ctx)
            has_accounts = accounts.has_accounts()
            idle_minutes = accounts.idle_minutes()
            with ctx.db.session(write=False) as s:
                demo_accounts = read_meta(s, META_DEMO_ACCOUNTS) == "1"
        except BaseException:
            ctx.db.close()
            raise
        return OpenedArchive(
            path=path,
            context=ctx,
            service=service,
            school=school,
            demo=demo,
            mode=mode,
            has_accounts=has_accounts,
            idle_minutes=idle_minutes,
            demo_accounts=demo_accounts,
        )


# -- township mode ----------------------------------------------------------------------------
def wire_township(window: MainWindow, backend: Backend) -> None:
    """The township's part of the window: hiding the school-only actions while a township
    database is open (a township is made by the first-run wizard, like a school)."""

    def opened(archive: object) -> None:
        if not isinstance(archive, OpenedArchive):
            return
        school = archive.mode != "township"
        for action in (
            window.add_child_action,
            window.handover_action,
            window.write_record_action,
            window.calendar_action,
            window.duty_report_action,
            window.import_roster_action,
            window.roster_template_action,
            window.roster_history_action,
        ):
            action.setVisible(school and window.permits(action))  # and the user's role

    window.archive_opened.connect(opened)


# -- the application --------------------------------------------------------------------------
def ensure_chinese_font() -> str | None:
    """On a computer with no Chinese font (a bare Linux), the vendored one (the PDFs' font), so
    the window shows glyphs, not boxes. Returns its family when it had to be added."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return None
    from .reports.fonts import FONT_FILE, resources_dir

    path = resources_dir() / "fonts" / FONT_FILE
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("no Chinese font on this computer, and %s could not be loaded", path)
        return None
    log.info("no Chinese font on this computer: using %s", families[0])
    return families[0]


def set_window_icon(app: QApplication) -> None:
    """The program's icon (resources/icons/liushou.png, drawn by packaging/make_icon.py) on
    every window and in the task bar."""
    from PySide6.QtGui import QIcon

    from .gui.i18n import resources_dir

    icon = resources_dir() / "icons" / "liushou.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    else:
        log.warning("the program's icon %s is missing", icon)


def build_app(
    argv: list[str] | None = None,
    *,
    data_dir: Path | None = None,
    config_dir: Path | None = None,
) -> tuple[QApplication, MainWindow]:
    """Everything ``main`` does except running the event loop: returns the shown window.

    The database is opened (or the first-run page shown) as soon as the event loop runs."""
    keep_none_alive()
    args, qt_args = parse_args(sys.argv[1:] if argv is None else list(argv))
    config_enabled = user_config_enabled()
    store = SettingsStore(settings_file(config_dir))
    settings = store.load()
    paths = resolve_paths(args, settings, data_dir=data_dir, config_dir=config_dir)

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    install_crash_handler(paths.log_path)
    install_translators(app)
    ensure_chinese_font()
    apply_theme(app)
    set_window_icon(app)
    log.info("starting %s %s, database %s", APP_NAME, __version__, paths.db_path)

    backend = Backend(settings)
    window = MainWindow(
        TaskRunner(),
        backend,
        WindowPaths(
            db_path=paths.db_path,
            demo_path=paths.demo_path,
            log_path=paths.log_path,
            data_dir=paths.data_dir,
        ),
        geometry_settings=window_settings() if config_enabled else None,
    )

    def remember_database(opened: object) -> None:
        if isinstance(opened, OpenedArchive) and not opened.demo:
            settings.last_db_path = remembered_path(opened.path)
            store.save(settings)

    window.archive_opened.connect(remember_database)
    wire_township(window, backend)
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    # Paint the window first; then build the pages and open the database (or show first-run).
    window.start_after_first_paint()
    return app, window


def main(argv: list[str] | None = None) -> int:
    """The GUI entry point (``liushou-desktop [--db PATH] [--self-test OUTDIR]``)."""
    args, qt_args = parse_args(sys.argv[1:] if argv is None else list(argv))
    if args.self_test is not None:
        from .selftest import run_self_test

        return run_self_test(args.self_test, qt_args)
    app, window = build_app(argv)
    code = app.exec()
    window.shutdown()
    return code
