"""Photos and scanned forms attached to a record: a strip of thumbnails and a larger preview.

Files are read and thumbnails made on the worker thread (:func:`read_files`,
:func:`load_blobs`): ``QImage`` may be used off the UI thread, ``QPixmap`` may not, so the
worker hands back scaled images and the strip turns them into icons.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import KnownError
from ...services.care import MAX_ATTACHMENT_BYTES
from .. import file_dialogs
from ..messages import show_known_error
from .text import arg

if TYPE_CHECKING:
    from ...services.care import AttachmentInfo, CareService
    from ..tasks import TaskRunner

THUMB = 96  # thumbnail edge in pixels
_PREVIEW = QSize(960, 680)
_INDEX_ROLE = int(Qt.ItemDataRole.UserRole) + 1

# What QFileDialog offers first; "all files" stays available for other scans.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")


@dataclass(frozen=True)
class Attachment:
    """A file held by a form before saving (or read back from a saved record)."""

    filename: str
    content: bytes
    thumb: QImage  # null when the file is no image

    @property
    def is_image(self) -> bool:
        return not self.thumb.isNull()


def too_big_message(filename: str) -> str:
    """The service's words for a file over the limit (``CareService`` refuses it the same)."""
    return arg(
        QCoreApplication.translate(
            "AttachmentStrip", "The attachment “%1” is over 20 MB; compress it and attach it again"
        ),
        filename,
    )


def thumbnail(content: bytes, edge: int = THUMB) -> QImage:
    """A scaled copy of an image file's content; a null image for anything else."""
    image = QImage()
    if not image.loadFromData(content):
        return QImage()
    return image.scaled(
        edge,
        edge,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def _looks_like_image(filename: str) -> bool:
    return filename.lower().endswith(IMAGE_SUFFIXES)


def make_attachment(filename: str, content: bytes) -> Attachment:
    thumb = thumbnail(content) if _looks_like_image(filename) else QImage()
    return Attachment(filename, content, thumb)


def read_files(paths: Iterable[str]) -> tuple[list[Attachment], list[str]]:
    """(worker) Read the chosen files; returns them and the names of the ones over 20 MB."""
    read: list[Attachment] = []
    too_big: list[str] = []
    for path in paths:
        p = Path(path)
        try:
            if p.stat().st_size > MAX_ATTACHMENT_BYTES:
                too_big.append(p.name)
                continue
            content = p.read_bytes()
        except OSError as exc:
            raise KnownError(
                arg(
                    QCoreApplication.translate(
                        "AttachmentStrip", "The file “%1” could not be read: %2"
                    ),
                    p.name,
                    exc.strerror or exc,
                )
            ) from exc
        read.append(make_attachment(p.name, content))
    return read, too_big


def load_blobs(care: CareService, files: Sequence[AttachmentInfo]) -> list[Attachment]:
    """(worker) A saved record's attachments, with thumbnails."""
    return [make_attachment(f.filename, care.blob(f.sha256)) for f in files]


def write_copy(path: str, content: bytes) -> None:
    """(worker) Save a file atomically: a temporary name, flushed to disk, then renamed."""
    part = f"{path}.part"
    try:
        with open(part, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, path)
    except OSError as exc:
        raise KnownError(
            arg(
                QCoreApplication.translate(
                    "AttachmentPreview", "The copy could not be saved to “%1”: %2"
                ),
                path,
                exc.strerror or exc,
            )
        ) from exc


class AttachmentStrip(QWidget):
    """A horizontal strip of thumbnails. Editable: "Attach…" and "Remove" buttons too.

    Double-clicking a thumbnail opens :class:`AttachmentPreview`."""

    changed = Signal()
    refused = Signal(list)  # names of files over the limit

    def __init__(
        self, runner: TaskRunner, parent: QWidget | None = None, *, editable: bool = True
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._items: list[Attachment] = []
        self._editable = editable
        self._reading = False

        self.list = QListWidget(self)
        self.list.setObjectName("attachmentStrip")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setIconSize(QSize(THUMB, THUMB))
        text_height = self.fontMetrics().height()
        self.list.setGridSize(QSize(THUMB + 34, THUMB + text_height + 16))
        self.list.setFixedHeight(THUMB + text_height + 40)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setToolTip(self.tr("Double-click to see it larger"))
        self.list.itemActivated.connect(self._preview)
        self.list.itemDoubleClicked.connect(self._preview)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("hint")
        self.add_button = QPushButton(self.tr("Attach photos or scans…"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.empty_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if editable:
            layout.addLayout(buttons)
        else:
            self.add_button.hide()
            self.remove_button.hide()
            layout.addWidget(self.empty_label)
        layout.addWidget(self.list)
        self._refresh()

    # -- public -----------------------------------------------------------------------------
    @property
    def reading(self) -> bool:
        return self._reading

    def attachments(self) -> list[Attachment]:
        return list(self._items)

    def files(self) -> list[tuple[str, bytes]]:
        """(filename, content) pairs, as ``RecordDraft.attachments`` takes them."""
        return [(a.filename, a.content) for a in self._items]

    def set_attachments(self, items: Sequence[Attachment]) -> None:
        self._items = list(items)
        self._refresh()
        self.changed.emit()

    def add(self, items: Sequence[Attachment]) -> None:
        if items:
            self.set_attachments([*self._items, *items])

    def remove_selected(self) -> None:
        gone = {self.list.row(item) for item in self.list.selectedItems()}
        if gone:
            self.set_attachments([a for n, a in enumerate(self._items) if n not in gone])

    def choose_files(self) -> None:
        images = " ".join(f"*{s}" for s in IMAGE_SUFFIXES)
        filters = ";;".join(
            (
                arg(self.tr("Photos and scans (%1 *.pdf)"), images),
                self.tr("All files (*)"),
            )
        )
        paths = file_dialogs.open_files(
            self, self.tr("Attach photos or scanned forms"), "", filters
        )
        if paths:
            self.add_paths(paths)

    def add_paths(self, paths: Sequence[str]) -> None:
        """Read files on the worker thread and add them (files over 20 MB are refused)."""
        self._reading = True
        self._refresh()
        self._runner.run(
            lambda _state: read_files(paths),
            on_done=self._guard(self._read),
            on_error=self._guard(self._read_failed),
        )

    def load_saved(self, care: CareService, files: Sequence[AttachmentInfo]) -> None:
        """Show a saved record's attachments (read from the database on the worker)."""
        if not files:
            self.set_attachments([])
            return
        self._reading = True
        self._refresh()
        self._runner.run(
            lambda _state: load_blobs(care, files),
            on_done=self._guard(self._loaded),
            on_error=self._guard(self._read_failed),
        )

    # -- behaviour --------------------------------------------------------------------------
    def _guard(self, fn: Callable[..., None]) -> Callable[..., None]:
        def call(*args: object) -> None:
            if shiboken6.isValid(self):
                fn(*args)

        return call

    def _read(self, result: tuple[list[Attachment], list[str]]) -> None:
        self._reading = False
        items, too_big = result
        self.add(items)
        self._refresh()
        if too_big:
            self.refused.emit(too_big)

    def _loaded(self, items: list[Attachment]) -> None:
        self._reading = False
        self.set_attachments(items)

    def _read_failed(self, exc: BaseException) -> None:
        self._reading = False
        self._refresh()
        show_known_error(self, exc)

    def _icon(self, a: Attachment) -> QIcon:
        """The thumbnail centred on a square, so names line up under thumbnails of any shape."""
        square = QPixmap(THUMB, THUMB)
        square.fill(Qt.GlobalColor.transparent)
        painter = QPainter(square)
        if a.is_image:
            image = a.thumb
            painter.drawImage((THUMB - image.width()) // 2, (THUMB - image.height()) // 2, image)
        else:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            edge = THUMB * 2 // 3
            painter.drawPixmap((THUMB - edge) // 2, (THUMB - edge) // 2, icon.pixmap(edge, edge))
        painter.end()
        return QIcon(square)

    def _refresh(self) -> None:
        self.list.clear()
        for n, a in enumerate(self._items):
            item = QListWidgetItem(self._icon(a), a.filename)
            item.setData(_INDEX_ROLE, n)
            item.setToolTip(arg(self.tr("%1 (%2 KB)"), a.filename, max(1, len(a.content) // 1024)))
            self.list.addItem(item)
        if self._reading:
            self.empty_label.setText(self.tr("Reading the files…"))
        elif self._items:
            self.empty_label.setText(arg(self.tr("%1 file(s)"), len(self._items)))
        else:
            self.empty_label.setText(self.tr("No photos or scans attached"))
        self.empty_label.setVisible(self._editable or self._reading or not self._items)
        self.list.setVisible(bool(self._items))
        self.remove_button.setEnabled(bool(self._items))
        self.add_button.setEnabled(not self._reading)

    def _preview(self, item: QListWidgetItem) -> None:
        a = self._items[int(item.data(_INDEX_ROLE))]
        dialog = AttachmentPreview(self._runner, a, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


class AttachmentPreview(QDialog):
    """One attachment, larger (images scaled to fit on the worker), and "Save a copy…"."""

    def __init__(self, runner: TaskRunner, attachment: Attachment, parent: QWidget | None = None):
        super().__init__(parent)
        self._runner = runner
        self._attachment = attachment
        self.setWindowTitle(attachment.filename)
        self.image_label = QLabel(self)
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setWordWrap(True)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(self.image_label)
        self.save_button = QPushButton(self.tr("Save a copy…"), self)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_copy)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(area, 1)
        layout.addLayout(buttons)
        if attachment.is_image:
            self.image_label.setText(self.tr("Loading…"))
            self.resize(_PREVIEW.width() + 40, _PREVIEW.height() + 80)
            content = attachment.content
            runner.run(
                lambda _state: _fit(content),
                on_done=self._shown,
                on_error=self._failed,
            )
        else:
            self.image_label.setText(
                arg(
                    self.tr("“%1” cannot be shown here. Save a copy and open it with its program."),
                    attachment.filename,
                )
            )
            self.resize(520, 200)

    def _shown(self, image: QImage) -> None:
        if shiboken6.isValid(self) and not image.isNull():
            self.image_label.setPixmap(QPixmap.fromImage(image))

    def _failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            show_known_error(self, exc)

    def save_copy(self) -> None:
        path = file_dialogs.save_file(self, self.tr("Save a copy"), self._attachment.filename)
        if not path:
            return
        content = self._attachment.content
        self._runner.run(lambda _state: write_copy(path, content), on_error=self._failed)


def _fit(content: bytes) -> QImage:
    """(worker) The image scaled down to fit the preview (never up)."""
    image = QImage()
    image.loadFromData(content)
    if image.width() > _PREVIEW.width() or image.height() > _PREVIEW.height():
        image = image.scaled(
            _PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image
