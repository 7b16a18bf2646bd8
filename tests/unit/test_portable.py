"""Portable mode: the built program with ``portable.txt`` beside it keeps everything in the
``data`` folder beside it (the program on a USB stick)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from liushou_desktop import app
from liushou_desktop.app import (
    DB_FILENAME,
    Settings,
    parse_args,
    portable_data_dir,
    portable_root,
    recalled_path,
    remembered_path,
    resolve_paths,
    settings_file,
    window_settings,
)


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A built program in ``E:/liushou`` (sys.frozen, sys.executable as PyInstaller sets them)."""
    folder = tmp_path / "liushou"
    folder.mkdir()
    (folder / "liushou-desktop").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "liushou-desktop"))
    monkeypatch.setenv("LIUSHOU_NO_USER_CONFIG", "0")
    return folder


@pytest.fixture
def qt_defaults() -> Iterator[None]:
    """window_settings changes QSettings' process-wide default format and INI folder."""
    yield
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
    home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, home)


def test_without_the_marker_the_program_uses_the_users_folders(stick: Path) -> None:
    assert portable_root() is None and portable_data_dir() is None
    args, _ = parse_args([])
    paths = resolve_paths(args, Settings())
    assert not paths.data_dir.is_relative_to(stick)
    assert paths.settings_path is not None and not paths.settings_path.is_relative_to(stick)


@pytest.mark.parametrize("marker", ["portable.txt", "liushou-portable"])
def test_with_the_marker_everything_lives_beside_the_program(stick: Path, marker: str) -> None:
    (stick / marker).write_text("", encoding="utf-8")
    data = stick / "data"
    assert portable_root() == stick.resolve()
    args, _ = parse_args([])
    paths = resolve_paths(args, Settings())
    assert paths.data_dir == data
    assert paths.db_path == data / DB_FILENAME
    assert paths.demo_path.parent == data
    assert paths.log_path == data / "logs" / "liushou.log"
    assert settings_file() == paths.settings_path == data / "settings.json"


def test_the_marker_counts_only_for_the_built_program(stick: Path, monkeypatch) -> None:
    (stick / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", False)
    assert portable_root() is None  # from source, a stray file beside python changes nothing


def test_tests_and_benchmarks_still_keep_no_settings(stick: Path, monkeypatch) -> None:
    (stick / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv("LIUSHOU_NO_USER_CONFIG", "1")
    assert settings_file() is None


def test_explicit_folders_and_the_db_option_win(stick: Path, tmp_path: Path) -> None:
    (stick / "portable.txt").write_text("", encoding="utf-8")
    args, _ = parse_args(["--db", str(tmp_path / "other.sqlite")])
    paths = resolve_paths(args, Settings(), data_dir=tmp_path / "d", config_dir=tmp_path / "c")
    assert paths.db_path == tmp_path / "other.sqlite"
    assert paths.data_dir == tmp_path / "d"
    assert paths.settings_path == tmp_path / "c" / "settings.json"


def test_the_last_database_on_the_stick_is_kept_relative(stick: Path, tmp_path: Path) -> None:
    """The stick is E: on one computer and F: on the next: a database on it is remembered
    relative to the program's folder; one elsewhere by its full path."""
    (stick / "portable.txt").write_text("", encoding="utf-8")
    school = stick / "学校档案" / "school.sqlite"
    school.parent.mkdir()
    school.touch()
    stored = remembered_path(school)
    assert stored == "学校档案/school.sqlite"
    assert recalled_path(stored) == stick.resolve() / "学校档案" / "school.sqlite"
    args, _ = parse_args([])
    assert resolve_paths(args, Settings(last_db_path=stored)).db_path == recalled_path(stored)

    elsewhere = tmp_path / "elsewhere.sqlite"
    assert remembered_path(elsewhere) == str(elsewhere)
    assert recalled_path(str(elsewhere)) == elsewhere
    assert recalled_path("") is None


def test_remembered_paths_are_unchanged_when_installed(stick: Path) -> None:
    assert remembered_path(stick / "a.sqlite") == str(stick / "a.sqlite")


def test_qt_settings_go_to_the_data_folder(stick: Path, qt_defaults: None) -> None:
    native = window_settings()
    assert native.format() == QSettings.Format.NativeFormat
    (stick / "portable.txt").write_text("", encoding="utf-8")
    settings = window_settings()
    assert settings.format() == QSettings.Format.IniFormat
    assert Path(settings.fileName()).is_relative_to(stick / "data")
    settings.setValue("main/geometry", "x")
    settings.sync()
    assert Path(settings.fileName()).is_file()
    # Qt's own settings (the file dialogs' history) follow (not on Windows: the registry)
    qt_own = QSettings(QSettings.Scope.UserScope, "QtProject")
    assert Path(qt_own.fileName()).is_relative_to(stick / "data")


def test_the_app_module_names_its_markers() -> None:
    assert "portable.txt" in app.PORTABLE_MARKERS
