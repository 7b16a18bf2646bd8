"""Form building blocks shared by the dialogs.

Each :class:`Field` wraps one input and reads or writes one plain value of a record (``str``,
``int``, ``bool``, a date, a list of coded values). It sits in a :class:`FieldBox`, which adds a
message line under the input: red for a reason that blocks saving, orange for something worth a
second look. The rules themselves live in ``domain``; the dialogs only show what it says.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

ERROR = "error"
WARNING = "warning"

ERROR_COLOR = "#c62828"
WARNING_COLOR = "#b35c00"

# Borders for inputs whose value is refused or doubtful; set on each dialog. Combo and spin boxes
# keep their native frame (a style sheet border would replace their arrows); the message says it.
PROBLEM_STYLE = f"""
QLineEdit[problem="error"], QPlainTextEdit[problem="error"] {{ border: 1px solid {ERROR_COLOR}; border-radius: 2px; }}
QLineEdit[problem="warning"], QPlainTextEdit[problem="warning"] {{ border: 1px solid {WARNING_COLOR}; border-radius: 2px; }}
QLabel[role="error"] {{ color: {ERROR_COLOR}; }}
QLabel[role="warning"] {{ color: {WARNING_COLOR}; }}
QLabel[role="hint"] {{ color: #5f6368; }}
"""

Listener = Callable[[], None]


def arg(text: str, *values: object) -> str:
    """Fill Qt-style placeholders %1, %2 … (translations may reorder them)."""
    for i in range(len(values), 0, -1):
        text = text.replace(f"%{i}", str(values[i - 1]))
    return text


def guarded(owner: QWidget, fn: Callable[..., Any]) -> Callable[..., None]:
    """Wrap a task callback so a result arriving after ``owner`` was deleted does nothing."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            fn(*args)

    return call


def date_text(value: dt.date | None) -> str:
    return value.strftime("%Y-%m-%d") if value is not None else ""


_DATE_PARTS = re.compile(r"^(\d{4})\D+(\d{1,2})\D+(\d{1,2})\D*$")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(text: str) -> dt.date | None:
    """A date as people type it: 2016-03-08, 2016/3/8, 2016.3.8, 20160308, 2016年3月8日.

    Empty text is ``None``; anything else that is not a date raises ``ValueError``."""
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    if not folded:
        return None
    m = _DATE_PARTS.match(folded) or _DATE_DIGITS.match(folded)
    if m is None:
        raise ValueError(text)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def set_role(label: QLabel, role: str) -> None:
    """Colour a label by role ("error", "warning", "hint", "") through the dialog's style."""
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    set_role(label, "hint")
    return label


def dot_icon(color: str, size: int = 10) -> QIcon:
    """A small filled circle, used to mark tabs with problems."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(0, 0, size, size)
    painter.end()
    return QIcon(pixmap)


class FieldBox(QWidget):
    """An input with a message line under it (hidden while there is nothing to say)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.column = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 0.92)
        self.message.setFont(font)
        self.message.hide()
        layout.addWidget(self.message)
        self._kind = ""

    @property
    def kind(self) -> str:
        return self._kind

    def set_problem(self, kind: str, text: str) -> None:
        """Show ``text`` as an error, a warning or a "hint" (grey, no border: a reason the
        user has not had the chance to act on yet); an empty kind clears the message."""
        if kind == self._kind and text == self.message.text():
            return
        self._kind = kind
        self.message.setText(text if kind else "")
        self.message.setVisible(bool(kind and text))
        set_role(self.message, kind)
        self.editor.setProperty("problem", kind)
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)
        self.editor.update()


class Field:
    """One input bound to one value. Subclasses say how to read and write it."""

    widget: QWidget

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.box = FieldBox(widget)
        self.tab = -1

    def limit(self, width: int) -> Field:
        """Make the input ``width`` pixels wide, left-aligned (the message under it may be wider)."""
        self.widget.setFixedWidth(width)
        self.box.column.setAlignment(self.widget, Qt.AlignmentFlag.AlignLeft)
        return self

    def value(self) -> object:
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        raise NotImplementedError

    def on_change(self, listener: Listener) -> None:
        raise NotImplementedError

    def parse_error(self) -> str | None:
        """Why the typed text is not a value at all (a date that is no date); None if fine."""
        return None


class TextField(Field):
    def __init__(self, placeholder: str = "", max_length: int = 200) -> None:
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMaxLength(max_length)
        self.edit.setClearButtonEnabled(False)
        super().__init__(self.edit)

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: object) -> None:
        self.edit.setText("" if value is None else str(value))

    def on_change(self, listener: Listener) -> None:
        self.edit.textChanged.connect(lambda _text: listener())


class NoteField(Field):
    """Free text over a few lines (the teacher's judgement, reasons, expectations)."""

    def __init__(self, lines: int = 2, placeholder: str = "") -> None:
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(placeholder)
        line = self.edit.fontMetrics().lineSpacing()
        self.edit.setFixedHeight(line * lines + 14)
        super().__init__(self.edit)

    def value(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: object) -> None:
        self.edit.setPlainText("" if value is None else str(value))

    def on_change(self, listener: Listener) -> None:
        self.edit.textChanged.connect(listener)


Choice = str | tuple[str, object]


class ChoiceField(Field):
    """A combo box of coded values. Items are ``value`` or ``(label, value)``.

    ``editable``: free text is allowed and the choices are suggestions (民族, 管教方式).
    ``required``: no empty item; an unset value shows the placeholder.
    A stored value that is not among the choices is added, so opening an archive never loses it.
    """

    def __init__(
        self,
        choices: Iterable[Choice],
        *,
        editable: bool = False,
        required: bool = False,
        placeholder: str = "",
    ) -> None:
        self.combo = QComboBox()
        self.combo.setEditable(editable)
        self.combo.setMaxVisibleItems(20)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(8)
        self.editable = editable
        self.required = required
        if not required and not editable:
            self.combo.addItem("", "")
        for choice in choices:
            label, data = choice if isinstance(choice, tuple) else (choice, choice)
            self.combo.addItem(label, data)
        if editable:
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            line = self.combo.lineEdit()
            assert line is not None  # an editable combo always has one
            line.setPlaceholderText(placeholder)
            self.combo.setCurrentIndex(-1)
        else:
            self.combo.setPlaceholderText(
                placeholder or QCoreApplication.translate("fields", "Choose…")
            )
            self.combo.setCurrentIndex(-1 if required else 0)
        super().__init__(self.combo)

    def value(self) -> object:
        if self.editable:
            return self.combo.currentText().strip()
        if self.combo.currentIndex() < 0:
            return ""
        return self.combo.currentData()

    def set_value(self, value: object) -> None:
        if self.editable:
            self.combo.setEditText("" if value is None else str(value))
            return
        if value is None or value == "":
            self.combo.setCurrentIndex(-1 if self.required else 0)
            return
        index = self.combo.findData(value)
        if index < 0:
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def on_change(self, listener: Listener) -> None:
        if self.editable:
            self.combo.currentTextChanged.connect(lambda _text: listener())
        else:
            self.combo.currentIndexChanged.connect(lambda _index: listener())


class SpinField(Field):
    """A whole number in a range."""

    def __init__(self, minimum: int, maximum: int) -> None:
        self.spin = QSpinBox()
        self.spin.setRange(minimum, maximum)
        self.spin.setMaximumWidth(120)
        super().__init__(self.spin)

    def value(self) -> int:
        return self.spin.value()

    def set_value(self, value: object) -> None:
        self.spin.setValue(int(value) if isinstance(value, int) else self.spin.minimum())

    def on_change(self, listener: Listener) -> None:
        self.spin.valueChanged.connect(lambda _value: listener())


class OptionalIntField(SpinField):
    """A whole number that may be left empty (ages): the lowest value stands for "not given"."""

    def __init__(self, maximum: int) -> None:
        super().__init__(0, maximum)
        self.spin.setSpecialValueText(QCoreApplication.translate("fields", "not given"))

    def value(self) -> int | None:  # type: ignore[override]  # None is the empty value
        v = self.spin.value()
        return None if v == self.spin.minimum() else v

    def set_value(self, value: object) -> None:
        self.spin.setValue(int(value) if isinstance(value, int) else self.spin.minimum())


class FlagField(Field):
    def __init__(self, text: str) -> None:
        self.check = QCheckBox(text)
        super().__init__(self.check)

    def value(self) -> bool:
        return self.check.isChecked()

    def set_value(self, value: object) -> None:
        self.check.setChecked(bool(value))

    def on_change(self, listener: Listener) -> None:
        self.check.toggled.connect(lambda _on: listener())


class DateField(Field):
    """A date typed as text (2016-03-08 and the usual variants), with a calendar to pick from.

    Empty is allowed and reads as ``None``."""

    def __init__(self, placeholder: str = "") -> None:
        container = QWidget()
        row = QHBoxLayout(container)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(
            placeholder or QCoreApplication.translate("fields", "e.g. 2016-03-08")
        )
        self.edit.setMaxLength(20)
        self.edit.setMaximumWidth(160)
        self.button = QToolButton()
        self.button.setText(QCoreApplication.translate("fields", "Calendar"))
        self.button.setToolTip(QCoreApplication.translate("fields", "Pick a date"))
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.button.setMenu(menu)
        self._menu = menu
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addStretch(1)
        super().__init__(container)
        self.box.editor = self.edit  # the border goes on the text, not on the row

    def _prepare_calendar(self) -> None:
        try:
            current = parse_date(self.edit.text())
        except ValueError:
            current = None
        day = current or dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, day: QDate) -> None:
        self.edit.setText(day.toString("yyyy-MM-dd"))
        self._menu.hide()

    def value(self) -> dt.date | None:
        try:
            return parse_date(self.edit.text())
        except ValueError:
            return None

    def set_value(self, value: object) -> None:
        self.edit.setText(date_text(value) if isinstance(value, dt.date) else "")

    def on_change(self, listener: Listener) -> None:
        self.edit.textChanged.connect(lambda _text: listener())

    def parse_error(self) -> str | None:
        try:
            parse_date(self.edit.text())
        except ValueError:
            return QCoreApplication.translate("fields", "Write the date like 2016-03-08")
        return None


class ChecksField(Field):
    """Several coded values, each a check box (categories, aid, income sources).

    Reads as a list in the order of the choices; stored values not among them are kept."""

    def __init__(self, choices: Sequence[str], columns: int = 6) -> None:
        container = QWidget()
        self._grid = QGridLayout(container)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(28)
        self._grid.setColumnStretch(columns, 1)
        self._columns = columns
        self.checks: dict[str, QCheckBox] = {}
        self._listeners: list[Listener] = []
        for choice in choices:
            self._add(choice)
        super().__init__(container)

    def _add(self, choice: str) -> QCheckBox:
        box = QCheckBox(choice)
        n = len(self.checks)
        self._grid.addWidget(box, n // self._columns, n % self._columns)
        self.checks[choice] = box
        for listener in self._listeners:
            box.toggled.connect(lambda _on, fn=listener: fn())
        return box

    def value(self) -> list[str]:
        return [v for v, box in self.checks.items() if box.isChecked()]

    def set_value(self, value: object) -> None:
        wanted = [str(v) for v in value] if isinstance(value, list | tuple) else []
        for v in wanted:
            if v not in self.checks:
                self._add(v)
        for v, box in self.checks.items():
            box.setChecked(v in wanted)

    def on_change(self, listener: Listener) -> None:
        self._listeners.append(listener)
        for box in self.checks.values():
            box.toggled.connect(lambda _on, fn=listener: fn())


# --- layout ------------------------------------------------------------------------------------


class FormGrid(QWidget):
    """Label–field pairs in two columns; a wide field takes the whole row."""

    def __init__(self, columns: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(8)
        self._columns = columns
        self._row = 0
        self._col = 0
        for c in range(columns):
            self.grid.setColumnStretch(c * 2 + 1, 1)
            self.grid.setColumnMinimumWidth(c * 2, 84)

    def add(self, label: str, widget: QWidget, *, wide: bool = False) -> QLabel:
        if wide and self._col:
            self._next_row()
        caption = QLabel(label)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        caption.setContentsMargins(0, 5, 0, 0)
        caption.setBuddy(getattr(widget, "editor", widget))
        self.grid.addWidget(caption, self._row, self._col * 2)
        span = self._columns * 2 - 1 if wide else 1
        self.grid.addWidget(widget, self._row, self._col * 2 + 1, 1, span)
        if wide:
            self._next_row()
        else:
            self._col += 1
            if self._col >= self._columns:
                self._next_row()
        return caption

    def _next_row(self) -> None:
        self._row += 1
        self._col = 0


def group(title: str, *contents: QWidget | QLayout) -> QGroupBox:
    """A titled box holding widgets and layouts, top to bottom."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(12, 10, 12, 12)
    for content in contents:
        if isinstance(content, QLayout):
            layout.addLayout(content)
        else:
            layout.addWidget(content)
    return box


def form(rows: Iterable[tuple[str, QWidget]]) -> QFormLayout:
    layout = QFormLayout()
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setVerticalSpacing(8)
    for label, widget in rows:
        layout.addRow(label, widget)
    return layout


def scrolled(*widgets: QWidget) -> QScrollArea:
    """A page of stacked widgets that scrolls when the window is small."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(12, 12, 12, 12)
    layout.setSpacing(12)
    for w in widgets:
        layout.addWidget(w)
    layout.addStretch(1)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(page)
    area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return area
