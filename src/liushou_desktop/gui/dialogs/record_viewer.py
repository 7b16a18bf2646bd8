"""One record, read-only: every field that was filled, its photos and scans, and "Correct…"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Op
from ...domain.care import RecordKind
from ..session import permitted
from ..widgets.record_attachments import AttachmentStrip
from .fields import arg, date_text, hint_label
from .record_dialog import OBSERVATIONS

if TYPE_CHECKING:
    from ...services.care import CareService, RecordInfo
    from ..tasks import TaskRunner


class RecordViewer(QDialog):
    """Shows ``record``; ``correct_requested`` asks the opener to start a correction.

    ``child_names`` and ``helper_names`` map ids to names (the records page has them)."""

    correct_requested = Signal(object)  # the RecordInfo

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        record: RecordInfo,
        child_names: dict[str, str],
        helper_names: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._record = record
        self.setWindowTitle(arg(self.tr("Record: %1"), record.kind))
        self.setSizeGripEnabled(True)
        self.resize(760, 640)

        title = QLabel(self._title(record))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setVerticalSpacing(8)
        self._fill(record, child_names, helper_names)

        self.strip = AttachmentStrip(runner, self, editable=False)
        self.strip.load_saved(care, record.attachments)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(self._version_note(record))
        layout.addLayout(self.form)
        files = QLabel(self.tr("Photos and scanned forms"))
        files.setStyleSheet("font-weight: bold;")
        layout.addWidget(files)
        layout.addWidget(self.strip)
        layout.addStretch(1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)

        self.correct_button = QPushButton(self.tr("Correct…"))
        self.correct_button.setAutoDefault(False)
        self.correct_button.clicked.connect(self._correct)
        if record.corrected_by is not None:
            self.correct_button.setEnabled(False)
            self.correct_button.setToolTip(
                self.tr("This version was corrected already; correct the newest version.")
            )
        # a reader's account (督导/只读) changes nothing: no way to a correction
        self.correct_button.setVisible(permitted(care.ctx, Op.WRITE_RECORD))
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(close)
        outer = QVBoxLayout(self)
        outer.addWidget(area, 1)
        outer.addLayout(buttons)

    @property
    def record(self) -> RecordInfo:
        return self._record

    def text_of(self, label: str) -> str:
        """The value shown beside ``label`` ("" when the row is not shown)."""
        for row in range(self.form.rowCount()):
            name = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            value = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if name is None or value is None:
                continue
            name_widget, value_widget = name.widget(), value.widget()
            if (
                isinstance(name_widget, QLabel)
                and isinstance(value_widget, QLabel)
                and name_widget.text() == label
            ):
                return value_widget.text()
        return ""

    # -- building ---------------------------------------------------------------------------
    def _title(self, r: RecordInfo) -> str:
        kind = f"{r.kind}（{r.mode}）" if r.mode else r.kind
        return f"{date_text(r.occurred_on)}  {kind}"

    def _version_note(self, r: RecordInfo) -> QLabel:
        if r.corrected_by is not None:
            text = self.tr("This version was corrected later; the lists show the newer one.")
        elif r.corrects is not None:
            text = self.tr("This is a corrected version; the original is kept in the history.")
        else:
            text = ""
        label = hint_label(text)
        label.setVisible(bool(text))
        return label

    def _row(self, label: str, value: Any) -> None:
        text = str(value or "").strip()
        if not text:
            return
        shown = QLabel(text)
        shown.setWordWrap(True)
        shown.setTextFormat(Qt.TextFormat.PlainText)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(label, shown)

    def _fill(self, r: RecordInfo, children: dict[str, str], helpers: dict[str, str]) -> None:
        self._row(self.tr("Children"), "、".join(children.get(c, "?") for c in r.child_ids))
        self._row(self.tr("Helper"), helpers.get(r.helper_id, "") if r.helper_id else "")
        self._row(self.tr("Written by"), r.author)
        self._row(self.tr("Summary"), r.summary)
        d = r.details or {}
        if r.kind == RecordKind.HOME_VISIT or d:
            self._row(self.tr("Visitors"), d.get("visitors"))
            self._row(self.tr("Who was met"), d.get("met"))
            labels = {
                "self_care": self.tr("Self-care"),
                "personality": self.tr("Personality"),
                "health": self.tr("Health"),
                "diet": self.tr("Diet"),
                "sleep": self.tr("Sleep"),
                "home_education": self.tr("Home education"),
            }
            observations = d.get("observations") or {}
            for key in OBSERVATIONS:
                self._row(labels[key], observations.get(key))
            self._row(self.tr("Problems found"), "、".join(d.get("problems") or []))
            self._row(self.tr("Guardian's opinions"), d.get("guardian_opinion"))
            self._row(self.tr("Advice given"), d.get("advice"))
        if r.follow_up:
            due = date_text(r.follow_up_due)
            text = arg(self.tr("%1 (due %2)"), r.follow_up, due) if due else r.follow_up
            self._row(self.tr("Follow-up"), text)

    def _correct(self) -> None:
        self.correct_requested.emit(self._record)
        self.accept()
