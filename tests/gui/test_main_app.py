"""The composition root's pieces: settings, paths, translations, the crash hook."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QSortFilterProxyModel, Qt, QTimer

from liushou_desktop.app import (
    DB_FILENAME,
    Settings,
    SettingsStore,
    parse_args,
    resolve_paths,
    settings_file,
)
from liushou_desktop.gui import crash, i18n


def test_settings_round_trip_atomically(tmp_path):
    store = SettingsStore(tmp_path / "config" / "settings.json")
    assert store.load() == Settings()
    store.save(Settings(last_db_path="D:/档案/school.sqlite"))
    assert store.load() == Settings(last_db_path="D:/档案/school.sqlite")
    assert "档案" in (tmp_path / "config" / "settings.json").read_text(encoding="utf-8")
    assert [p.name for p in (tmp_path / "config").iterdir()] == ["settings.json"]  # no temp left


def test_damaged_or_foreign_settings_fall_back_to_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert SettingsStore(path).load() == Settings()
    path.write_text(json.dumps({"operator_name": 5, "unknown": "x", "last_db_path": "a"}))
    assert SettingsStore(path).load() == Settings(last_db_path="a")


def test_an_older_settings_file_with_the_operator_name_still_loads(tmp_path):
    """Before accounts, the settings kept who was working; the account logged in says it now."""
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"operator_name": "王老师", "last_db_path": "D:/a.sqlite"}))
    assert SettingsStore(path).load() == Settings(last_db_path="D:/a.sqlite")


def test_no_user_config_means_no_settings_file(monkeypatch, tmp_path):
    monkeypatch.setenv("LIUSHOU_NO_USER_CONFIG", "1")
    assert settings_file(tmp_path) is None
    SettingsStore(None).save(Settings(last_db_path="x"))  # silently keeps nothing
    monkeypatch.setenv("LIUSHOU_NO_USER_CONFIG", "0")
    assert settings_file(tmp_path) == tmp_path / "settings.json"


def test_database_path_comes_from_the_option_then_the_last_one_then_the_data_dir(tmp_path):
    data = tmp_path / "data"
    args, qt_args = parse_args(["--db", str(tmp_path / "x.sqlite"), "-platform", "offscreen"])
    assert qt_args == ["-platform", "offscreen"]
    assert resolve_paths(args, Settings(), data_dir=data).db_path == tmp_path / "x.sqlite"

    none, _ = parse_args([])
    last = tmp_path / "last.sqlite"
    assert resolve_paths(none, Settings(last_db_path=str(last)), data_dir=data).db_path == (
        data / DB_FILENAME  # the last one no longer exists
    )
    last.touch()
    paths = resolve_paths(none, Settings(last_db_path=str(last)), data_dir=data)
    assert paths.db_path == last
    assert paths.log_path == data / "logs" / "liushou.log"
    assert paths.demo_path.parent == data and paths.demo_path != paths.db_path


@pytest.fixture
def translators(qapp) -> object:
    yield
    i18n.remove_translators()


def test_translators_load_qt_and_the_app_catalogs(qapp, translators):
    loaded = i18n.install_translators(qapp)
    assert "qtbase_zh_CN" in loaded and "app_zh_CN" in loaded
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    i18n.install_translators(qapp)  # again: replaces, does not stack
    i18n.remove_translators()
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_resources_are_found_from_the_source_tree_and_when_frozen(monkeypatch, tmp_path):
    assert (i18n.resources_dir() / "i18n" / "app_zh_CN.qm").is_file()
    (tmp_path / "resources" / "i18n").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert i18n.resources_dir() == tmp_path / "resources"


def test_crash_hook_logs_the_traceback_and_hands_the_error_on(tmp_path, monkeypatch):
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: seen.append(e))
    log_path = tmp_path / "logs" / "liushou.log"
    handler = crash.install_crash_handler(log_path)
    assert handler.interactive is False  # under pytest: never a modal dialog
    try:
        raise ValueError("boom in a slot")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert [str(e) for e in seen] == ["boom in a slot"]
    for h in logging.getLogger("liushou").handlers:
        h.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "ValueError: boom in a slot" in text and "Traceback" in text

    crash.install_crash_handler(log_path)  # a second install chains to the same original
    try:
        raise KeyError("again")
    except KeyError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert len(seen) == 2


def test_errors_in_qt_callbacks_still_reach_pytest_qt(qtbot, tmp_path):
    """The hook chains to pytest-qt's, so a bug in a slot fails the test as it should."""
    emitter = QObject()
    timer = QTimer(emitter)
    timer.setSingleShot(True)

    def broken() -> None:
        raise RuntimeError("bug in a slot")

    timer.timeout.connect(broken)
    with qtbot.captureExceptions() as exceptions:
        crash.install_crash_handler(tmp_path / "liushou.log")  # installed over pytest-qt's
        timer.start(0)
        qtbot.waitUntil(lambda: bool(exceptions))
    assert str(exceptions[0][1]) == "bug in a slot"


def test_none_is_kept_alive_through_many_model_calls(qapp):
    """shiboken6 6.12 on Python 3.11 drops a reference to None per C++→Python call that
    returns None; keep_none_alive keeps the interpreter safe (see gui.crash)."""
    from liushou_desktop.gui.models.children_model import ChildrenModel

    crash.keep_none_alive()
    model = ChildrenModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    for _ in range(10_000):  # C++ calls the Python override, which returns None
        assert proxy.headerData(99, Qt.Orientation.Horizontal) is None
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > 1 << 59


def test_the_program_has_its_icon(qapp) -> None:
    from PySide6.QtGui import QIcon

    from liushou_desktop.app import set_window_icon

    before = qapp.windowIcon()
    try:
        qapp.setWindowIcon(QIcon())
        set_window_icon(qapp)
        assert not qapp.windowIcon().isNull()
        assert qapp.windowIcon().availableSizes()
    finally:
        qapp.setWindowIcon(before)
