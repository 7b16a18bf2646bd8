"""The app's file dialogs never open the files they list (the database's locks depend on it).

On Linux the kernel says when a file is opened (inotify IN_OPEN), by anyone, from any thread:
nothing in Qt is patched, the test only listens.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import struct
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QFileSystemModel

from liushou_desktop.gui import file_dialogs, i18n

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify")

_IN_OPEN = 0x20
_IN_NONBLOCK = 0o4000
_DB_FILES = ("archive.sqlite", "archive.sqlite-wal", "archive.sqlite-shm")


class OpenWatch:
    """Names of the files in a folder that were opened since the last call."""

    def __init__(self, folder: Path) -> None:
        self._libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self._fd = self._libc.inotify_init1(_IN_NONBLOCK)
        assert self._fd >= 0
        wd = self._libc.inotify_add_watch(self._fd, os.fsencode(folder), _IN_OPEN)
        assert wd >= 0

    def opened(self) -> set[str]:
        names: set[str] = set()
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return names
            pos = 0
            while pos < len(data):
                _wd, mask, _cookie, size = struct.unpack_from("iIII", data, pos)
                name = data[pos + 16 : pos + 16 + size].rstrip(b"\0").decode()
                if mask & _IN_OPEN and name:
                    names.add(name)
                pos += 16 + size

    def close(self) -> None:
        os.close(self._fd)


@pytest.fixture
def db_folder(tmp_path: Path) -> Path:
    # Contents that only sniffing could name (no glob matches "-wal"/"-shm").
    (tmp_path / "archive.sqlite").write_bytes(b"SQLite format 3\0" + bytes(4080))
    (tmp_path / "archive.sqlite-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(4092))
    (tmp_path / "archive.sqlite-shm").write_bytes(bytes(32768))
    (tmp_path / "sub").mkdir()
    return tmp_path


@pytest.fixture
def watch(db_folder: Path) -> Iterator[OpenWatch]:
    w = OpenWatch(db_folder)
    yield w
    w.close()


def test_the_watch_sees_qt_s_default_provider_open_a_file(qapp, db_folder, watch):
    """The control: Qt's own provider does open files to name their type."""
    QFileIconProvider().type(QFileInfo(str(db_folder / "archive.sqlite-wal")))
    assert "archive.sqlite-wal" in watch.opened()


def test_the_safe_provider_opens_nothing(qapp, db_folder, watch):
    provider = file_dialogs.safe_icon_provider()
    for name in (*_DB_FILES, "sub"):
        info = QFileInfo(str(db_folder / name))
        assert not provider.icon(info).isNull()
        assert provider.type(info)
    assert provider.type(QFileInfo(str(db_folder / "sub"))) != provider.type(
        QFileInfo(str(db_folder / "archive.sqlite"))
    )
    assert not provider.icon(QAbstractFileIconProvider.IconType.Drive).isNull()
    assert watch.opened() == set()


def test_an_unreadable_file_is_no_problem(qapp, tmp_path):
    locked = tmp_path / "locked.sqlite-wal"
    locked.write_bytes(b"x")
    locked.chmod(0)
    try:
        provider = file_dialogs.safe_icon_provider()
        assert not provider.icon(QFileInfo(str(locked))).isNull()
        assert provider.type(QFileInfo(str(locked)))
    finally:
        locked.chmod(0o600)


def _wait_listed(qtbot, dialog: QFileDialog, folder: Path) -> None:
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    assert model.iconProvider() is file_dialogs.safe_icon_provider()

    def listed() -> bool:
        parent = model.index(str(folder))
        return model.rowCount(parent) == len(_DB_FILES) + 1 and all(
            model.index(i, 0, parent).data() for i in range(model.rowCount(parent))
        )

    qtbot.waitUntil(listed, timeout=5000)
    qtbot.wait(300)  # let the model's thread finish the icons and types


@pytest.mark.parametrize("make", ["open", "save", "folder"])
def test_the_dialog_lists_the_database_folder_without_opening_its_files(
    qtbot, qapp, db_folder, watch, make
):
    if make == "folder":
        dialog = file_dialogs.make_dialog(
            None, "choose", str(db_folder), mode=QFileDialog.FileMode.Directory
        )
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, False)  # list the files too
    elif make == "save":
        dialog = file_dialogs.make_dialog(
            None, "save", str(db_folder / "new.sqlite"), "*", save=True
        )
    else:
        dialog = file_dialogs.make_dialog(None, "open", str(db_folder), "All files (*)")
    qtbot.addWidget(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    _wait_listed(qtbot, dialog, db_folder)
    assert dialog.directory().absolutePath() == str(db_folder)
    assert watch.opened() == set()
    dialog.reject()


def test_the_labels_are_chinese(qtbot, qapp, tmp_path):
    i18n.install_translators(qapp)
    try:
        label = QFileDialog.DialogLabel
        opener = file_dialogs.make_dialog(None, "open", str(tmp_path))
        saver = file_dialogs.make_dialog(None, "save", str(tmp_path / "a.pdf"), save=True)
        chooser = file_dialogs.make_dialog(
            None, "folder", str(tmp_path), mode=QFileDialog.FileMode.Directory
        )
        for d in (opener, saver, chooser):
            qtbot.addWidget(d)
        assert opener.labelText(label.LookIn) == "查找范围："
        assert opener.labelText(label.FileName) == "文件名："
        assert opener.labelText(label.FileType) == "文件类型："
        assert opener.labelText(label.Accept) == "打开"
        assert opener.labelText(label.Reject) == "取消"
        assert saver.labelText(label.Accept) == "保存"
        assert saver.selectedFiles() == [str(tmp_path / "a.pdf")]
        assert chooser.labelText(label.Accept) == "选择"
    finally:
        i18n.remove_translators()


def test_the_helpers_return_what_was_chosen(qtbot, qapp, tmp_path, monkeypatch):
    (tmp_path / "a.lsync").write_bytes(b"x")
    (tmp_path / "b.lsync").write_bytes(b"x")

    def accept(dialog: QFileDialog) -> int:
        if dialog.fileMode() == QFileDialog.FileMode.ExistingFiles:
            dialog.selectFile('"a.lsync" "b.lsync"')
        elif dialog.fileMode() == QFileDialog.FileMode.ExistingFile:
            dialog.selectFile("a.lsync")
        return QFileDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QFileDialog, "exec", accept)
    assert file_dialogs.open_file(None, "x", str(tmp_path)) == str(tmp_path / "a.lsync")
    assert sorted(file_dialogs.open_files(None, "x", str(tmp_path))) == [
        str(tmp_path / "a.lsync"),
        str(tmp_path / "b.lsync"),
    ]
    assert file_dialogs.save_file(None, "x", str(tmp_path / "c.pdf")) == str(tmp_path / "c.pdf")
    assert file_dialogs.existing_directory(None, "x", str(tmp_path)) == str(tmp_path)
    monkeypatch.setattr(QFileDialog, "exec", lambda d: QFileDialog.DialogCode.Rejected.value)
    assert file_dialogs.open_file(None, "x", str(tmp_path)) == ""
    assert file_dialogs.open_files(None, "x", str(tmp_path)) == []
