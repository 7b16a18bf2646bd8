"""After a PDF was written: name the characters no font could print, then open the file in
the system's viewer (or say where it is when there is none)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from .widgets.text import arg


def show_pdf(parent: QWidget, path: Path, title: str, warnings: Sequence[str] = ()) -> None:
    if warnings:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("printouts", "Characters missing"),
            QCoreApplication.translate(
                "printouts",
                "Some characters could not be printed with any font on this computer. "
                "They are marked 【缺字】 on the pages; write them in by hand:",
            )
            + "\n\n"
            + "\n".join(warnings),
        )
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return  # tests: no PDF viewer
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        QMessageBox.information(
            parent,
            title,
            arg(
                QCoreApplication.translate(
                    "printouts",
                    "The PDF was saved to %1, but no program to open PDF files was found. "
                    "Open it yourself and print it.",
                ),
                path,
            ),
        )
