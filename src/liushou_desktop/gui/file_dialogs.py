"""The app's file dialogs: open file(s), save a file, choose a folder.

Every file dialog of the app goes through these functions, never through QFileDialog's static
helpers, because Qt's own (non-native) dialog is dangerous next to an open SQLite database:

Its file-system model asks an icon provider for each file's icon and type on a Qt thread, and
Qt's default provider opens the files to sniff their MIME type. On POSIX, closing *any* file
descriptor of a file drops *all* of the process's fcntl locks on it — so listing the folder that
holds the open ``*.sqlite`` (and its ``-wal``/``-shm``) silently released SQLite's locks; the
next other process to close that database then deleted the WAL file we were still writing to,
and changes were lost. :class:`SafeIconProvider` chooses icons and type names from
``QFileInfo.isDir()`` alone (a ``stat``, no ``open``), and the dialog is built with it before it
is pointed at the caller's folder.

Qt's own dialog is used everywhere except on Windows, whose native dialog is kept (Windows locks
are per handle, and it is the dialog people know there). On Linux this is what the app already
showed; forcing it means a desktop's in-process GTK dialog (which sniffs file contents too) is
never used. The labels are set in Chinese, since Qt's catalog leaves some in English.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QWidget

__all__ = [
    "SafeIconProvider",
    "existing_directory",
    "make_dialog",
    "open_file",
    "open_files",
    "safe_icon_provider",
    "save_file",
]

_Label = QFileDialog.DialogLabel


class SafeIconProvider(QAbstractFileIconProvider):
    """Icons and type names from ``QFileInfo.isDir()`` only: never opens or sniffs a file.

    Qt calls it on the file-system model's own thread, so the icons and words are made once,
    on the GUI thread, and only handed out (QIcon copies are implicitly shared).
    """

    def __init__(self) -> None:
        super().__init__()
        style = QApplication.style()
        SP = QStyle.StandardPixmap
        self._folder_icon = style.standardIcon(SP.SP_DirIcon)
        self._file_icon = style.standardIcon(SP.SP_FileIcon)
        self._computer_icon = style.standardIcon(SP.SP_ComputerIcon)
        self._drive_icon = style.standardIcon(SP.SP_DriveHDIcon)
        self._network_icon = style.standardIcon(SP.SP_DriveNetIcon)
        self._trash_icon = style.standardIcon(SP.SP_TrashIcon)
        self._folder = QCoreApplication.translate("FileDialogs", "Folder")
        self._file = QCoreApplication.translate("FileDialogs", "File")
        self._typed_file = QCoreApplication.translate("FileDialogs", "%1 file")

    def icon(self, which: QAbstractFileIconProvider.IconType | QFileInfo) -> QIcon:
        """Both C++ overloads: a file (by isDir only) or a kind of place."""
        if isinstance(which, QFileInfo):
            return self._folder_icon if which.isDir() else self._file_icon
        kind = QAbstractFileIconProvider.IconType
        return {
            kind.Computer: self._computer_icon,
            kind.Desktop: self._folder_icon,
            kind.Trashcan: self._trash_icon,
            kind.Network: self._network_icon,
            kind.Drive: self._drive_icon,
            kind.Folder: self._folder_icon,
        }.get(which, self._file_icon)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return self._folder
        suffix = info.suffix()
        return self._typed_file.replace("%1", suffix.upper()) if suffix else self._file


_provider: SafeIconProvider | None = None


def safe_icon_provider() -> SafeIconProvider:
    """The one provider of the app (Qt does not own it: it must outlive every dialog)."""
    global _provider
    if _provider is None:
        _provider = SafeIconProvider()
    return _provider


def _use_native() -> bool:
    return sys.platform == "win32"


def make_dialog(
    parent: QWidget | None,
    caption: str,
    directory: str = "",
    filter: str = "",
    *,
    mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
    save: bool = False,
) -> QFileDialog:
    """A file dialog with the safe icon provider and Chinese labels, showing ``directory``.

    ``directory`` may name a file: the dialog then opens its folder with the file selected.
    """
    # Built on a neutral folder: the model starts listing its folder at once, and that must not
    # happen with Qt's default provider in the database's folder.
    dialog = QFileDialog(parent, caption, QDir.rootPath(), filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not _use_native())
    dialog.setIconProvider(safe_icon_provider())
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setAcceptMode(
        QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    )
    dialog.setLabelText(_Label.LookIn, QCoreApplication.translate("FileDialogs", "Look in:"))
    dialog.setLabelText(_Label.FileName, QCoreApplication.translate("FileDialogs", "File name:"))
    dialog.setLabelText(
        _Label.FileType, QCoreApplication.translate("FileDialogs", "Files of type:")
    )
    if save:
        accept = QCoreApplication.translate("FileDialogs", "Save")
    elif mode == QFileDialog.FileMode.Directory:
        accept = QCoreApplication.translate("FileDialogs", "Choose")
    else:
        accept = QCoreApplication.translate("FileDialogs", "Open")
    dialog.setLabelText(_Label.Accept, accept)
    dialog.setLabelText(_Label.Reject, QCoreApplication.translate("FileDialogs", "Cancel"))
    if directory:
        start = Path(directory)
        if start.is_dir():
            dialog.setDirectory(str(start))
        else:
            if start.parent.is_dir():
                dialog.setDirectory(str(start.parent))
            dialog.selectFile(start.name)
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return []
        return list(dialog.selectedFiles())
    finally:
        dialog.deleteLater()


def open_file(parent: QWidget | None, caption: str, directory: str = "", filter: str = "") -> str:
    """One existing file, or "" when cancelled."""
    chosen = _run(make_dialog(parent, caption, directory, filter))
    return chosen[0] if chosen else ""


def open_files(
    parent: QWidget | None,
    caption: str,
    directory: str = "",
    filter: str = "",
) -> list[str]:
    """Existing files (empty when cancelled)."""
    return _run(
        make_dialog(parent, caption, directory, filter, mode=QFileDialog.FileMode.ExistingFiles)
    )


def save_file(parent: QWidget | None, caption: str, directory: str = "", filter: str = "") -> str:
    """Where to save (the dialog asks before replacing a file), or "" when cancelled."""
    chosen = _run(
        make_dialog(
            parent, caption, directory, filter, mode=QFileDialog.FileMode.AnyFile, save=True
        )
    )
    return chosen[0] if chosen else ""


def save_path(
    parent: QWidget | None, caption: str, directory: str = "", filter: str = "", *, suffix: str
) -> Path | None:
    """Where to save a file of one kind: the chosen path with ``suffix`` (".pdf", ".xlsx" …)
    added when the user left it out, or None when cancelled. A bare file name is proposed in
    the user's Documents folder (or home), not wherever the program happened to start."""
    if directory and not Path(directory).is_absolute() and Path(directory).parent == Path("."):
        directory = str(_documents() / directory)
    chosen = save_file(parent, caption, directory, filter)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    return path


def _documents() -> Path:
    from PySide6.QtCore import QStandardPaths

    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def existing_directory(parent: QWidget | None, caption: str, directory: str = "") -> str:
    """A folder, or "" when cancelled."""
    chosen = _run(make_dialog(parent, caption, directory, mode=QFileDialog.FileMode.Directory))
    return chosen[0] if chosen else ""
