"""自检 (``liushou-desktop --self-test OUTDIR``), run in-process offscreen: the same code the
packaging smoke test runs in the built executable (packaging/smoke.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from liushou_desktop import app as app_module
from liushou_desktop import selftest
from liushou_desktop.gui import i18n, session
from liushou_desktop.selftest import SelfTest


@pytest.fixture
def app_state(qapp: QApplication) -> Iterator[None]:
    """build_app installs translators, a theme and a locale on the shared QApplication."""
    style, sheet, palette, font = (
        qapp.style().name(),
        qapp.styleSheet(),
        qapp.palette(),
        qapp.font(),
    )
    locale = QLocale()
    yield
    i18n.remove_translators()
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    QLocale.setDefault(locale)


def test_the_self_test_passes_and_leaves_its_files(tmp_path: Path, app_state: None) -> None:
    prompt = session.login_prompt
    lines: list[str] = []
    out = tmp_path / "自检"
    (out / "selftest-cards.pdf").parent.mkdir()
    (out / "selftest-cards.pdf").write_bytes(b"old run")  # an earlier run's files are replaced
    (out / "school.sqlite").write_bytes(b"not ours")  # anything else is left alone

    code = SelfTest(out, children=30, echo=lines.append).run()

    assert code == 0, "\n".join(lines)
    assert [line.split("]")[0] for line in lines[1:-1]] == ["[通过"] * 6
    assert lines[-1].startswith("自检通过")
    assert "以 admin（王德育）登录" in lines[2] and "名单 30 名儿童" in lines[2]
    report = (out / selftest.REPORT).read_text(encoding="utf-8")
    assert "自检通过" in report and report.count("[通过]") == 6
    pdf = out / selftest.CARDS_PDF
    assert pdf.read_bytes().startswith(b"%PDF") and b"/FontFile2" in pdf.read_bytes()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "留守儿童" in text
    (bundle,) = (out / selftest.BUNDLES).iterdir()
    assert bundle.stat().st_size > 0
    assert (out / selftest.SCREENSHOT).stat().st_size > 0
    assert zipfile.is_zipfile(out / selftest.LEDGER_XLSX)
    assert (out / "school.sqlite").read_bytes() == b"not ours"
    # it changed nothing of the program's state: the login prompt, the settings switch
    assert session.login_prompt is prompt
    assert os.environ.get("LIUSHOU_NO_USER_CONFIG") == "1"  # as tests/conftest.py set it


def test_a_missing_resource_fails_the_self_test(
    tmp_path: Path, app_state: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the smoke test is for: a bundle built without the translations fails, and says
    which step, and the steps after it are skipped."""
    empty = tmp_path / "resources"
    (empty / "i18n").mkdir(parents=True)
    monkeypatch.setattr(i18n, "resources_dir", lambda: empty)
    lines: list[str] = []

    code = SelfTest(tmp_path / "out", children=10, echo=lines.append).run()

    assert code == 1
    status = {line.split("：")[0] for line in lines[1:-1]}
    assert status == {
        "[通过] 演示数据库",
        "[通过] 主窗口",
        "[失败] 资源文件",
        "[跳过] 打印",
        "[跳过] 台账",
        "[跳过] 导出数据包",
    }
    assert "没有翻译文件" in "\n".join(lines)
    assert lines[-1].startswith("自检没有通过")
    assert "自检没有通过" in (tmp_path / "out" / selftest.REPORT).read_text(encoding="utf-8")


def test_the_self_test_option_runs_it_instead_of_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, list[str]]] = []

    def fake(out: Path, qt_args: list[str]) -> int:
        calls.append((out, qt_args))
        return 7

    monkeypatch.setattr(selftest, "run_self_test", fake)
    assert app_module.main(["--self-test", str(tmp_path), "-platform", "offscreen"]) == 7
    assert calls == [(tmp_path, ["-platform", "offscreen"])]


def test_a_computer_without_a_chinese_font_gets_the_vendored_one(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bare Linux has no Chinese font: the window would show boxes. The font the PDFs use is
    added to the program's fonts then (and only then)."""
    assert app_module.ensure_chinese_font() is None  # this machine has one (fonts-wqy-microhei)

    class NoChinese:
        WritingSystem = QFontDatabase.WritingSystem
        addApplicationFont = staticmethod(QFontDatabase.addApplicationFont)
        applicationFontFamilies = staticmethod(QFontDatabase.applicationFontFamilies)

        @staticmethod
        def families(*_args: object) -> list[str]:
            return []

    monkeypatch.setattr(app_module, "QFontDatabase", NoChinese)
    family = app_module.ensure_chinese_font()
    assert family == "WenQuanYi Micro Hei"
    assert family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def test_a_folder_it_cannot_write_is_said_plainly(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    lines: list[str] = []
    assert SelfTest(blocker / "sub", echo=lines.append).run() == 1
    assert lines and "没法在" in lines[0] and "请换一个文件夹" in lines[0]
