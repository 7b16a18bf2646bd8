"""自检: ``liushou-desktop --self-test OUTDIR`` — is this installation whole?

A technician at a school (or the packaging smoke test, ``packaging/smoke.sh``) runs it to see
that the program, as installed, can do a day's work: everything it needs was installed (fonts,
translations, the database migrations, the modules that are only imported when first used),
the main window opens, a PDF prints, a bundle is exported. It works only in OUTDIR, on files of
its own (``selftest-*``), and never touches the school's database or the user's settings.

Steps, each reported on one line (``[通过]`` / ``[失败]`` / ``[跳过]``) on standard output and in
``OUTDIR/selftest-report.txt`` (a windowed program on Windows has no console):

1. 演示数据库 — a fresh demo school in ``selftest-data/demo.sqlite`` (its accounts included).
2. 主窗口 — the real window opens it and logs in as the demo's administrator (``admin`` with
   the demo password, checked by the account service as a typed one would be); the children
   list loads; every page of the workspace is opened once; a screenshot is saved.
3. 资源文件 — the translations (the app's catalogs and Qt's own) are installed and translate,
   the window has a Chinese font, the vendored Chinese font and its licence are there.
4. 打印 — archive cards of some children to ``selftest-cards.pdf`` through the print service,
   on the window's worker thread; the file must be a PDF with the font embedded and no
   character missing.
5. 台账 — the ledger (Excel, through the ledger service) to ``selftest-ledger.xlsx``.
6. 导出数据包 — a township (``selftest-data/township.sqlite``) is made, the demo school joins it,
   exports its bundle to ``selftest-bundles/`` and the township imports it (age encryption,
   Ed25519 signature, merge).

Any unexpected error anywhere in the program while it runs fails the test too. The exit code is
0 when every step passed, 1 otherwise.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtGui import QFontDatabase

from . import APP_NAME, __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .gui.main_window import MainWindow, OpenedArchive

log = logging.getLogger("liushou.selftest")

PREFIX = "selftest-"
DATA = "selftest-data"  # the databases, their backups and the log
DEMO_DB = f"{DATA}/demo.sqlite"
TOWNSHIP_DB = f"{DATA}/township.sqlite"
ENROLLMENT = f"{DATA}/township-enrollment.json"
CARDS_PDF = "selftest-cards.pdf"
LEDGER_XLSX = "selftest-ledger.xlsx"
SCREENSHOT = "selftest-window.png"
BUNDLES = "selftest-bundles"
REPORT = "selftest-report.txt"
CARDS = 20  # archive cards printed
TIMEOUT_S = 180.0  # for any one wait (a slow school PC from a USB stick)

PASSED, FAILED, SKIPPED = "通过", "失败", "跳过"
STEPS = ("演示数据库", "主窗口", "资源文件", "打印", "台账", "导出数据包")


class StepFailed(Exception):
    """A check did not hold; the message says what, in Chinese."""


@dataclass
class Step:
    name: str
    status: str = SKIPPED
    detail: str = ""
    seconds: float = 0.0

    def line(self) -> str:
        took = f"  {self.seconds:.1f} 秒" if self.status != SKIPPED else ""
        return f"[{self.status}] {self.name}：{self.detail}{took}"


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _non_empty(path: Path, what: str) -> None:
    if not path.is_file() or path.stat().st_size == 0:
        raise StepFailed(f"{what} {path} 没有写出来或是空的")


class SelfTest:
    """One run; :meth:`run` returns the exit code."""

    def __init__(
        self,
        out_dir: Path,
        qt_args: list[str] | None = None,
        *,
        children: int = 300,
        echo: Callable[[str], None] | None = None,
    ) -> None:
        self.out = Path(out_dir).expanduser().resolve()
        self.qt_args = list(qt_args or [])
        self.children = children
        self.echo = echo or _print
        self.steps: list[Step] = []
        self.errors: list[str] = []  # unexpected errors the program met while the test ran
        self.app: QApplication | None = None
        self.window: MainWindow | None = None
        self._loaded: int | None = None

    # -- running -------------------------------------------------------------------------------
    def run(self) -> int:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self._clean()
        except OSError as exc:
            self.echo(f"自检没法在 {self.out} 里写文件：{exc}。请换一个文件夹。")
            return 1
        self.echo(f"{APP_NAME} {__version__} 自检，文件写在 {self.out}")
        saved_env = os.environ.get("LIUSHOU_NO_USER_CONFIG")
        # the self-test never changes the user's settings (last database, window geometry)
        os.environ["LIUSHOU_NO_USER_CONFIG"] = "1"
        saved_hook = sys.excepthook
        try:
            ok = self._step("演示数据库", self._make_demo)
            ok = ok and self._step("主窗口", self._open_window)
            ok = ok and self._step("资源文件", self._check_resources)
            ok = ok and self._step("打印", self._print_cards)
            ok = ok and self._step("台账", self._export_ledger)
            ok = ok and self._step("导出数据包", self._export_bundle)
            for name in STEPS[len(self.steps) :]:
                self._report(Step(name, SKIPPED, "前一步失败，没有做"))
        finally:
            self._close()
            sys.excepthook = saved_hook
            if saved_env is None:
                os.environ.pop("LIUSHOU_NO_USER_CONFIG", None)
            else:
                os.environ["LIUSHOU_NO_USER_CONFIG"] = saved_env
        if self.errors and all(s.status == PASSED for s in self.steps):
            self._report(Step("程序错误", FAILED, self.errors[0]))
        passed = sum(s.status == PASSED for s in self.steps)
        failed = [s for s in self.steps if s.status != PASSED]
        if failed:
            self._finish(
                f"自检没有通过（{passed}/{len(self.steps)} 项通过）。请把 {self.out / REPORT} 交给技术人员。"
            )
            return 1
        self._finish(f"自检通过（{passed}/{len(self.steps)} 项）。")
        return 0

    def _step(self, name: str, check: Callable[[], str]) -> bool:
        start = time.perf_counter()
        errors_before = len(self.errors)
        try:
            detail = check()
            if len(self.errors) > errors_before:
                raise StepFailed(f"程序出错：{self.errors[errors_before]}")
            step = Step(name, PASSED, detail)
        except Exception as exc:  # every failure is reported, none escapes
            log.exception("self-test step %s failed", name)
            message = str(exc) or type(exc).__name__
            if not isinstance(exc, StepFailed):
                message = f"{type(exc).__name__}: {message}"
            step = Step(name, FAILED, message)
        step.seconds = time.perf_counter() - start
        self._report(step)
        return step.status == PASSED

    def _report(self, step: Step) -> None:
        self.steps.append(step)
        self.echo(step.line())

    def _finish(self, summary: str) -> None:
        self.echo(summary)
        lines = [f"{APP_NAME} {__version__} 自检 {time.strftime('%Y-%m-%d %H:%M:%S')}"]
        lines += [s.line() for s in self.steps]
        lines += [f"程序错误：{e}" for e in self.errors]
        lines.append(summary)
        try:
            (self.out / REPORT).write_text("\n".join(lines) + "\n", encoding="utf-8")
        except OSError as exc:
            self.echo(f"（自检报告没能写到 {self.out / REPORT}：{exc}）")

    def _clean(self) -> None:
        """Only the self-test's own files from an earlier run."""
        for path in self.out.glob(PREFIX + "*"):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)

    # -- waiting on the event loop -------------------------------------------------------------
    def _wait(self, done: Callable[[], bool], what: str, seconds: float = TIMEOUT_S) -> None:
        deadline = time.monotonic() + seconds
        while not done():
            if self.errors:
                raise StepFailed(f"程序出错：{self.errors[-1]}")
            if time.monotonic() > deadline:
                raise StepFailed(f"等了 {seconds:.0f} 秒还没有{what}")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.005)

    def _settle(self) -> None:
        """Until the worker has nothing left to do and the events are handled."""
        assert self.window is not None
        runner = self.window.runner
        self._wait(lambda: not runner.busy, "做完后台的工作")
        for _ in range(3):
            QCoreApplication.processEvents()

    def _on_worker(self, fn: Callable[[], Any], what: str) -> Any:
        """Run ``fn`` on the window's worker thread (where the database is used) and wait."""
        assert self.window is not None
        box: list[tuple[bool, Any]] = []

        def work(_state: object) -> tuple[bool, Any]:
            try:
                return True, fn()
            except Exception as exc:
                log.exception("self-test work failed: %s", what)
                return False, exc

        self.window.runner.run(work, on_done=box.append)
        self._wait(lambda: bool(box), what)
        ok, value = box[0]
        if not ok:
            raise value
        return value

    def _hook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """Any error that reaches the program's exception hook fails the test."""
        text = "".join(traceback.format_exception_only(kind, exc)).strip()
        self.errors.append(text)
        log.error("self-test: unexpected error\n%s", "".join(traceback.format_tb(tb)))

    # -- the steps -----------------------------------------------------------------------------
    def _make_demo(self) -> str:
        from .services.demo import create_demo_database

        (self.out / DATA).mkdir()
        ctx = create_demo_database(self.out / DEMO_DB, n=self.children)
        ctx.db.close()
        _non_empty(self.out / DEMO_DB, "演示数据库")
        return f"{self.children} 名儿童，账号 admin / teacher / inspector"

    def _open_window(self) -> str:
        from .app import build_app
        from .gui import session

        saved_prompt = session.login_prompt
        session.login_prompt = _demo_admin_login
        try:
            self.app, self.window = build_app(
                ["--db", str(self.out / DEMO_DB), *self.qt_args],
                data_dir=self.out / DATA,
            )
            sys.excepthook = self._hook  # after build_app: it installs the crash handler
            window = self.window
            window.archive_opened.connect(self._archive_opened)
            self._wait(lambda: self._loaded is not None, "打开数据库、登录并读出儿童名单")
        finally:
            session.login_prompt = saved_prompt
        archive = window.archive
        if archive is None or not window.isVisible():
            raise StepFailed("主窗口没有打开")
        actor = archive.context.actor
        if actor is None or actor.username != "admin":
            raise StepFailed("没有以 admin 登录")
        if not self._loaded:
            raise StepFailed("儿童名单是空的")
        self._settle()
        tabs = window.workspace.tabs
        for i in range(tabs.count()):  # every page is built when first shown: all of them once
            tabs.setCurrentIndex(i)
            self._settle()
        tabs.setCurrentIndex(0)
        self._settle()
        shot = self.out / SCREENSHOT
        if not window.grab().save(str(shot)):
            raise StepFailed(f"主窗口的截图没能存到 {shot}")
        return (
            f"以 admin（{actor.display_name}）登录，名单 {self._loaded} 名儿童，"
            f"{tabs.count()} 个页面都打开了，截图 {SCREENSHOT}"
        )

    def _archive_opened(self, opened: OpenedArchive) -> None:
        assert self.window is not None

        def loaded(count: int) -> None:
            self._loaded = count

        self.window.children_page.loaded.connect(loaded)

    def _check_resources(self) -> str:
        from .gui import i18n
        from .reports.fonts import FONT_FILE, register_font, resources_dir

        assert self.app is not None
        folder = i18n.resources_dir() / "i18n"
        qt_own = "qtbase_zh_CN"  # copied beside the app's catalogs in the built program
        catalogs = sorted(p.stem for p in folder.glob(f"*_{i18n.LOCALE}.qm") if p.stem != qt_own)
        if not catalogs:
            raise StepFailed(f"{folder} 里没有翻译文件（.qm）")
        loaded = i18n.install_translators(self.app)
        missing = [c for c in [qt_own, *catalogs] if c not in loaded]
        if missing:
            raise StepFailed(f"这些翻译没有装上：{'、'.join(missing)}")
        if QCoreApplication.translate("QPlatformTheme", "Cancel") != "取消":
            raise StepFailed("Qt 自带的中文翻译不起作用（“Cancel”没有译成“取消”）")
        if QCoreApplication.translate("MainWindow", "&File") == "&File":
            raise StepFailed("本软件的中文翻译不起作用（菜单“&File”没有译出）")
        if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
            raise StepFailed("没有能显示中文的字体，窗口里的中文会是方块")
        fonts = resources_dir() / "fonts"
        if not (fonts / FONT_FILE).is_file():
            raise StepFailed(f"缺少中文字体 {fonts / FONT_FILE}，打印不出中文")
        register_font()
        licences = list(fonts.glob("LICENSE*"))
        if not licences:
            raise StepFailed(f"{fonts} 里缺少字体的许可证文件")
        from .gui.help_window import help_file

        if not help_file().is_file():
            raise StepFailed(f"缺少使用说明 {help_file()}，按 F1 看不到帮助")
        return (
            f"{len(catalogs)} 个翻译文件和 Qt 自带的中文翻译，中文字体 {FONT_FILE} 及其许可证，"
            "使用说明"
        )

    def _archive(self) -> OpenedArchive:
        assert self.window is not None and self.window.archive is not None
        return self.window.archive

    def _print_cards(self) -> str:
        from .services.printing import PrintService

        ctx = self._archive().context
        pdf = self.out / CARDS_PDF

        def work() -> tuple[int, list[Any]]:
            service = PrintService(ctx)
            ids = service.children_of()[:CARDS]
            return len(ids), service.archive_cards(ids, pdf)

        count, missing = self._on_worker(work, "打印档案卡")
        _non_empty(pdf, "档案卡 PDF")
        data = pdf.read_bytes()
        if not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]:
            raise StepFailed(f"{pdf} 不是完整的 PDF 文件")
        if b"/FontFile2" not in data:
            raise StepFailed(f"{pdf} 里没有嵌入中文字体")
        if missing:
            raise StepFailed(f"有 {len(missing)} 个字没有字体能印出来")
        return f"{count} 张档案卡 → {CARDS_PDF}（{_size(pdf)}，字体已嵌入）"

    def _export_ledger(self) -> str:
        from .services.ledger import LedgerService

        opened = self._archive()
        xlsx = self.out / LEDGER_XLSX

        def work() -> dict[str, Any]:
            return LedgerService(opened.context).export_ledger(xlsx, opened.school.id)

        result = self._on_worker(work, "导出台账")
        _non_empty(xlsx, "台账")
        if not zipfile.is_zipfile(xlsx):
            raise StepFailed(f"{xlsx} 不是 Excel 文件")
        return f"{result['children']} 名儿童 → {LEDGER_XLSX}（{_size(xlsx)}）"

    def _export_bundle(self) -> str:
        from .services.sync import SyncService, init_township

        ctx = self._archive().context
        out = self.out

        def work() -> tuple[Path, int, str, int]:
            township = init_township(out / TOWNSHIP_DB, "自检乡镇", "T522401", author="自检")
            try:
                SyncService(township).write_enrollment(out / ENROLLMENT)
                school = SyncService(ctx)
                school.join(out / ENROLLMENT)
                (out / BUNDLES).mkdir(exist_ok=True)
                exported = school.export_bundle(out / BUNDLES)
                (result,) = SyncService(township).import_bundles([exported.path])
                return exported.path, exported.ops, result.status, result.applied
            finally:
                township.db.close()

        path, ops, status, applied = self._on_worker(work, "导出数据包")
        _non_empty(path, "数据包")
        if status != "merged":
            raise StepFailed(f"乡镇没有收下这个数据包（{status}）")
        return f"{ops} 条变更 → {BUNDLES}/{path.name}（{_size(path)}），乡镇导入了 {applied} 条"

    def _close(self) -> None:
        window = self.window
        if window is None:
            return
        window.close()
        window.shutdown()
        QCoreApplication.processEvents()
        window.deleteLater()
        QCoreApplication.processEvents()
        self.window = None


def _demo_admin_login(parent: Any, runner: Any, request: Any, done: Any) -> None:
    """The login prompt of the self-test: the demo administrator with the demo password,
    checked by the account service on the worker (no dialog)."""

    def work(_state: object) -> object:
        from .services.accounts import AccountService
        from .services.demo import DEMO_PASSWORD

        return AccountService(request.context).login("admin", DEMO_PASSWORD)

    runner.run(work, on_done=done)


def _print(line: str) -> None:
    stream = sys.stdout
    if stream is None:  # a windowed program on Windows: the report file has it all
        return
    try:
        stream.write(line + "\n")
    except UnicodeEncodeError:
        stream.write(line.encode("ascii", "backslashreplace").decode() + "\n")
    stream.flush()


def run_self_test(out_dir: Path, qt_args: list[str] | None = None, *, children: int = 300) -> int:
    """``liushou-desktop --self-test OUTDIR``: 0 when every step passed, else 1."""
    return SelfTest(out_dir, qt_args, children=children).run()
