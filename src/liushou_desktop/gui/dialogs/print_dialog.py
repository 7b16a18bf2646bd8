"""打印…: choose what to print (档案卡, 联系卡, blank 家访登记表) and for whom (the selected
children, one child, a class, the children the list shows, everyone at school), see how many
children and pages that is, then save a PDF — built on the worker with progress and cancel —
and open it in the system's viewer.

The printouts are :data:`PRINT_KINDS`: one :class:`PrintKind` each, naming its texts, its
file-name stem, how many children fit on a page and the :class:`PrintService` method that
writes it. Another per-child printout is one more entry there. :func:`ask_pdf_path` and
:func:`start_printout` are the one printing path: the children page's context menu (one
child) uses them as the dialog does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QStandardPaths, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import AT_SCHOOL, Status
from ...domain.grades import grade_label
from ...domain.listing import ChildRow, text_matches
from .. import file_dialogs
from ..messages import show_known_error
from ..printouts import build_pdf
from .fields import PROBLEM_STYLE, arg, guarded, hint_label, set_role

if TYPE_CHECKING:
    from ...reports.archive_card import MissingGlyph
    from ...services.archive import ArchiveService, ClassInfo
    from ...services.context import ServiceContext
    from ...services.printing import PrintService
    from ..tasks import TaskRunner, TaskState
    from .sync_progress_dialog import CancelFn, ProgressFn, SyncProgressDialog

_CONTEXT = "PrintDialog"

# How many names the one-child search offers at a time.
_MATCHES = 50


# -- what can be printed ------------------------------------------------------------------------
@dataclass(frozen=True)
class KindTexts:
    label: str  # the choice in the dialog
    hint: str  # what it looks like, next to the choice
    title: str  # the progress window's title
    caption: str  # the save dialog's caption
    progress: str  # "Making the … of %1 children…"
    steps: str  # "%1 of %2 cards"


Writer = Callable[
    [Sequence[str], Path, "ProgressFn | None", "CancelFn | None"], "list[MissingGlyph]"
]


@dataclass(frozen=True)
class PrintKind:
    """One printout made for a list of children."""

    key: str  # remembered between runs; also the children page's name for it
    stem: str  # the start of the suggested file name (Chinese, as the paper says)
    texts: Callable[[], KindTexts]  # translated when asked
    writer: Callable[[PrintService], Writer]  # the PrintService method that writes it
    per_page: Callable[[], int] = lambda: 1  # children on one A4 page
    # Op.PRINT: a teacher prints it for their own children only (a contact card: for anyone)
    own_only: bool = True

    def pages(self, children: int) -> int:
        per_page = self.per_page()
        return -(-children // per_page)


def _contact_cards_per_page() -> int:
    from ...reports.contact_cards import PER_PAGE  # reportlab: loaded when printing

    return PER_PAGE


PRINT_KINDS: tuple[PrintKind, ...] = (
    PrintKind(
        key="cards",
        stem="档案卡",
        texts=lambda: KindTexts(
            label=QCoreApplication.translate("PrintDialog", "Archive cards (档案卡)"),
            hint=QCoreApplication.translate(
                "PrintDialog", "Every section of the archive, one A4 page per child"
            ),
            title=QCoreApplication.translate("PrintDialog", "Print archive cards"),
            caption=QCoreApplication.translate("PrintDialog", "Save the archive cards as"),
            progress=QCoreApplication.translate(
                "PrintDialog", "Making the archive cards of %1 children…"
            ),
            steps=QCoreApplication.translate("PrintDialog", "%1 of %2 cards"),
        ),
        writer=lambda printer: printer.archive_cards,
    ),
    PrintKind(
        key="contact",
        stem="联系卡",
        texts=lambda: KindTexts(
            label=QCoreApplication.translate("PrintDialog", "Contact cards (联系卡)"),
            hint=QCoreApplication.translate(
                "PrintDialog", "Small cards with the phone numbers, 8 to an A4 page with cut marks"
            ),
            title=QCoreApplication.translate("PrintDialog", "Print contact cards"),
            caption=QCoreApplication.translate("PrintDialog", "Save the contact cards as"),
            progress=QCoreApplication.translate(
                "PrintDialog", "Making the contact cards of %1 children…"
            ),
            steps=QCoreApplication.translate("PrintDialog", "%1 of %2 cards"),
        ),
        writer=lambda printer: printer.contact_cards,
        per_page=_contact_cards_per_page,
        own_only=False,  # Op.PRINT_CONTACT: everyone, for every child
    ),
    PrintKind(
        key="visit",
        stem="家访登记表",
        texts=lambda: KindTexts(
            label=QCoreApplication.translate("PrintDialog", "Home-visit forms, blank (家访登记表)"),
            hint=QCoreApplication.translate(
                "PrintDialog",
                "One A4 page per child, name, class and guardian filled in",
            ),
            title=QCoreApplication.translate("PrintDialog", "Print home-visit forms"),
            caption=QCoreApplication.translate("PrintDialog", "Save the home-visit forms as"),
            progress=QCoreApplication.translate(
                "PrintDialog", "Making the home-visit forms of %1 children…"
            ),
            steps=QCoreApplication.translate("PrintDialog", "%1 of %2 forms"),
        ),
        writer=lambda printer: printer.visit_forms,
    ),
)


def print_kind(key: str) -> PrintKind:
    """The printout named ``key`` (the archive card when the name is unknown)."""
    return next((k for k in PRINT_KINDS if k.key == key), PRINT_KINDS[0])


# -- the one printing path ----------------------------------------------------------------------
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def default_file_name(kind: PrintKind, scope: str, today: dt.date) -> str:
    """档案卡_三年级2班_2026-11-22.pdf: what, for whom, when."""
    scope = _UNSAFE.sub("", scope)
    parts = [kind.stem, scope, today.isoformat()] if scope else [kind.stem, today.isoformat()]
    return "_".join(parts) + ".pdf"


def ask_pdf_path(parent: QWidget, kind: PrintKind, suggestion: Path) -> Path | None:
    """Where to save the printout (the .pdf suffix is added), or None when cancelled."""
    return file_dialogs.save_path(
        parent,
        kind.texts().caption,
        str(suggestion),
        QCoreApplication.translate("PrintDialog", "PDF files (*.pdf)"),
        suffix=".pdf",
    )


def start_printout(
    parent: QWidget,
    runner: TaskRunner,
    ctx: ServiceContext,
    kind: PrintKind,
    child_ids: Sequence[str],
    path: Path,
    on_written: Callable[[Path, list[str]], None] | None = None,
) -> SyncProgressDialog:
    """Build the printout of ``child_ids`` to ``path`` on the worker, with a progress window
    and Cancel (cancelling writes nothing); then name the missing characters, if any, and open
    the PDF. ``on_written(path, warnings)`` is called first."""
    from ...services.printing import PrintService

    texts = kind.texts()
    ids = list(child_ids)
    return build_pdf(
        parent,
        runner,
        path,
        lambda progress, cancelled: kind.writer(PrintService(ctx))(ids, path, progress, cancelled),
        title=texts.title,
        message=arg(texts.progress, len(ids)),
        steps=texts.steps,
        on_written=on_written,
    )


# -- remembering the last choice ----------------------------------------------------------------
class Settings(Protocol):
    """What the dialog needs of QSettings."""

    def value(self, key: str, defaultValue: Any = None) -> Any: ...

    def setValue(self, key: str, value: Any) -> None: ...


class SessionSettings:
    """Remembers for this run only, when the app keeps no settings (tests, no user config)."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def value(self, key: str, defaultValue: Any = None) -> Any:
        return self._values.get(key, defaultValue)

    def setValue(self, key: str, value: Any) -> None:
        self._values[key] = value


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# -- for whom -----------------------------------------------------------------------------------
SELECTED = "selected"
ONE_CHILD = "child"
CLASS = "class"
SHOWN = "shown"
EVERYONE = "everyone"
WHOM = (SELECTED, ONE_CHILD, CLASS, SHOWN, EVERYONE)


@dataclass(frozen=True)
class PrintSource:
    """What the children list offers the dialog."""

    service: ArchiveService
    school_id: str  # the database's own school; "" at a township
    township: bool
    rows: Sequence[ChildRow]  # every child the list holds (finding one child by name)
    selected: Sequence[str]  # the rows selected in the list, in its order
    shown: Sequence[str]  # the rows the list shows, in its order
    # the children the user sees in full (a teacher's class and pairings); None: everyone.
    # Printouts with ``PrintKind.own_only`` are limited to them.
    own: frozenset[str] | None = None


class PrintDialog(QDialog):
    """Chooses a printout and its children; OK asks for the file and starts the printout."""

    def __init__(
        self,
        runner: TaskRunner,
        source: PrintSource,
        settings: Settings,
        parent: QWidget,
        *,
        on_written: Callable[[Path, list[str]], None] | None = None,
        whom: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._source = source
        self._settings = settings
        self._on_written = on_written
        self._rows = {r.id: r for r in source.rows if r.status != Status.DELETED.value}
        self._classes: list[ClassInfo] = []
        self._classes_loading = False
        self._counted: dict[tuple[int, int] | None, list[str]] = {}  # class (None: all) → ids
        self._generation = 0
        self._child_id: str | None = None
        self._ids: list[str] | None = []
        self._left_out = 0  # children of the scope not printed: not the teacher's own
        self._home_class = self._teachers_class()
        self.progress_dialog: SyncProgressDialog | None = None  # the printout started by OK

        self.setWindowTitle(self.tr("Print"))
        self.setStyleSheet(PROBLEM_STYLE)
        self._build()
        self._restore(whom)
        self._connect()
        self._load_classes()
        self._update()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        kinds = QGridLayout()
        kinds.setHorizontalSpacing(16)
        kinds.setColumnStretch(1, 1)
        for row, kind in enumerate(PRINT_KINDS):
            texts = kind.texts()
            button = QRadioButton(texts.label)
            self.kind_group.addButton(button, row)
            self.kind_buttons[kind.key] = button
            kinds.addWidget(button, row, 0)
            kinds.addWidget(hint_label(texts.hint), row, 1)
        what = QGroupBox(self.tr("What to print"))
        what.setLayout(kinds)

        count = len(self._source.selected)
        self.selected_button = QRadioButton(arg(self.tr("The selected children (%1)"), count))
        self.selected_hint = hint_label(
            self.tr(
                "Select children in the list first: click one, hold Ctrl or Shift and click more."
            )
        )
        self.child_button = QRadioButton(self.tr("One child"))
        self.child_edit = QLineEdit()
        self.child_edit.setPlaceholderText(self.tr("Name or pinyin initials, e.g. zs"))
        self.child_edit.setClearButtonEnabled(True)
        self._matches = QStandardItemModel(self)
        self.completer = QCompleter(self._matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.child_edit.setCompleter(self.completer)
        self.class_button = QRadioButton(self.tr("A class"))
        self.grade_combo = QComboBox()
        self.class_combo = QComboBox()
        self.class_hint = hint_label("")
        self.shown_button = QRadioButton(
            arg(self.tr("The children the list shows (%1)"), len(self._source.shown))
        )
        self.everyone_button = QRadioButton(
            self.tr("Every child at school, all schools")
            if self._source.township
            else self.tr("Every child at school")
        )
        self.whom_group = QButtonGroup(self)
        self.whom_buttons: dict[str, QRadioButton] = {
            SELECTED: self.selected_button,
            ONE_CHILD: self.child_button,
            CLASS: self.class_button,
            SHOWN: self.shown_button,
            EVERYONE: self.everyone_button,
        }
        for n, key in enumerate(WHOM):
            self.whom_group.addButton(self.whom_buttons[key], n)

        class_row = QHBoxLayout()
        class_row.addWidget(self.grade_combo)
        class_row.addWidget(self.class_combo)
        class_row.addStretch(1)
        people = QGridLayout()
        people.setHorizontalSpacing(16)
        people.setColumnStretch(1, 1)
        people.addWidget(self.selected_button, 0, 0)
        people.addWidget(self.selected_hint, 0, 1)
        people.addWidget(self.child_button, 1, 0)
        people.addWidget(self.child_edit, 1, 1)
        people.addWidget(self.class_button, 2, 0)
        people.addLayout(class_row, 2, 1)
        people.addWidget(self.class_hint, 3, 1)
        people.addWidget(self.shown_button, 4, 0, 1, 2)
        people.addWidget(self.everyone_button, 5, 0, 1, 2)
        whom = QGroupBox(self.tr("For whom"))
        whom.setLayout(people)

        self.scope_hint = hint_label("")
        self.scope_hint.hide()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("printSummary")
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Make the PDF…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.print_now)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_label, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(what)
        layout.addWidget(whom)
        layout.addWidget(self.scope_hint)
        layout.addLayout(bottom)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 40)

        self.selected_button.setEnabled(bool(self._source.selected))
        self.selected_hint.setVisible(not self._source.selected)
        self.shown_button.setEnabled(bool(self._source.shown))
        if self._source.township:  # classes are per school: filter the list by school instead
            self.class_button.setEnabled(False)
            self.grade_combo.setEnabled(False)
            self.class_combo.setEnabled(False)
            self.class_hint.setText(
                self.tr(
                    "In the township's ledger, filter the list by school, grade and class and "
                    "print the children the list shows."
                )
            )
        else:
            self.class_hint.hide()

    def _connect(self) -> None:
        self.kind_group.buttonToggled.connect(self._toggled)
        self.whom_group.buttonToggled.connect(self._toggled)
        self.child_edit.textEdited.connect(self._search)
        self.child_edit.installEventFilter(self)  # Enter picks the first match
        # the overload with the item (two children may have the same name and class)
        self.completer.activated[QModelIndex].connect(self._picked)  # type: ignore[index]
        self.grade_combo.activated.connect(self._grade_chosen)
        self.class_combo.activated.connect(lambda _i: self.class_button.setChecked(True))
        self.grade_combo.currentIndexChanged.connect(self._fill_class_numbers)
        self.class_combo.currentIndexChanged.connect(lambda _i: self._update())

    # -- the last choice -----------------------------------------------------------------------
    def _restore(self, whom: str | None) -> None:
        kind = print_kind(str(self._settings.value("print/kind", PRINT_KINDS[0].key)))
        self.kind_buttons[kind.key].setChecked(True)
        child = self._settings.value("print/child", "")
        if isinstance(child, str) and child in self._rows:
            self._set_child(child)
        if whom is None:
            if len(self._source.selected) > 1:
                whom = SELECTED  # several rows were selected on purpose
            else:
                whom = str(self._settings.value("print/whom", EVERYONE))
        self._show_kind_scope()
        if whom not in WHOM or not self._offered(whom):
            whom = self._default_whom()
        if whom == ONE_CHILD and self._child_id is None:
            whom = SELECTED if self._source.selected else self._default_whom()
        self.whom_buttons[whom].setChecked(True)

    # -- a teacher's own children --------------------------------------------------------------
    def limited(self) -> bool:
        """Whether the chosen printout is limited to the user's own children now."""
        return self._source.own is not None and self.kind().own_only

    def _may_print(self, child_id: str) -> bool:
        own = self._source.own
        return own is None or not self.kind().own_only or child_id in own

    def _teachers_class(self) -> tuple[int, int] | None:
        """A teacher's own class: the class most of their own children are in."""
        own = self._source.own
        if not own:
            return None
        counts: dict[tuple[int, int], int] = {}
        for child_id in own:
            row = self._rows.get(child_id)
            if row is not None and row.status in AT_SCHOOL:
                key = (row.grade, row.class_no)
                counts[key] = counts.get(key, 0) + 1
        return max(counts, key=lambda k: (counts[k], -k[0], -k[1])) if counts else None

    def _offered(self, whom: str) -> bool:
        button = self.whom_buttons[whom]
        return button.isEnabled() and not button.isHidden()

    def _default_whom(self) -> str:
        """Everyone at school; a teacher printing what is limited to their own children:
        their class, else the selected children, else one child."""
        if not self.limited():
            return EVERYONE
        if self._home_class is not None and self.class_button.isEnabled():
            return CLASS
        return SELECTED if self._source.selected else ONE_CHILD

    def _show_kind_scope(self) -> None:
        """Everyone at school is offered only for what the user may print for everyone."""
        limited = self.limited()
        self.everyone_button.setVisible(not limited)
        if limited and self.everyone_button.isChecked():
            self.whom_buttons[self._default_whom()].setChecked(True)

    def _remember(self) -> None:
        self._settings.setValue("print/kind", self.kind().key)
        self._settings.setValue("print/whom", self.whom())
        if self._child_id is not None:
            self._settings.setValue("print/child", self._child_id)
        chosen = self._chosen_class()
        if chosen is not None:
            self._settings.setValue("print/grade", chosen[0])
            self._settings.setValue("print/class", chosen[1])

    # -- the school's classes ------------------------------------------------------------------
    def _load_classes(self) -> None:
        if self._source.township:
            return
        service, school_id = self._source.service, self._source.school_id
        self.grade_combo.setEnabled(False)
        self.class_combo.setEnabled(False)
        self._classes_loading = True
        self._runner.run(
            lambda _state: service.classes(school_id),
            on_done=guarded(self, self._classes_loaded),
            on_error=guarded(self, lambda exc: show_known_error(self, exc)),
        )

    def _classes_loaded(self, classes: list[ClassInfo]) -> None:
        self._classes = list(classes)
        self._classes_loading = False
        grade = _int(self._settings.value("print/grade"))
        class_no = _int(self._settings.value("print/class"))
        selected = [self._rows.get(i) for i in self._source.selected]
        if selected and selected[0] is not None and self.whom() != CLASS:
            # offer the class of the child selected in the list
            grade, class_no = selected[0].grade, selected[0].class_no
        elif self._home_class is not None and (
            grade is None
            or class_no is None
            or (
                self.limited()
                and not any(
                    self._may_print(r.id)
                    for r in self._rows.values()
                    if (r.grade, r.class_no) == (grade, class_no)
                )
            )
        ):
            grade, class_no = self._home_class  # a teacher: their own class
        self.grade_combo.blockSignals(True)
        self.grade_combo.clear()
        for g in sorted({c.grade for c in self._classes}):
            self.grade_combo.addItem(grade_label(g), g)
        at = self.grade_combo.findData(grade)
        self.grade_combo.setCurrentIndex(max(at, 0))
        self.grade_combo.blockSignals(False)
        self._fill_class_numbers(class_no=class_no)
        self.grade_combo.setEnabled(bool(self._classes))
        self.class_combo.setEnabled(bool(self._classes))
        self.class_button.setEnabled(bool(self._classes))
        if not self._classes and self.whom() == CLASS:
            self.everyone_button.setChecked(True)
        self._update()

    def _fill_class_numbers(self, _index: int = -1, *, class_no: int | None = None) -> None:
        grade = self.grade_combo.currentData()
        if class_no is None:
            class_no = self.class_combo.currentData()
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        for c in self._classes:
            if c.grade == grade:
                self.class_combo.addItem(arg(self.tr("Class %1"), c.class_no), c.class_no)
        self.class_combo.setCurrentIndex(max(self.class_combo.findData(class_no), 0))
        self.class_combo.blockSignals(False)
        self._update()

    def _grade_chosen(self, _index: int) -> None:
        self.class_button.setChecked(True)

    def _chosen_class(self) -> tuple[int, int] | None:
        grade, class_no = self.grade_combo.currentData(), self.class_combo.currentData()
        if grade is None or class_no is None:
            return None
        return int(grade), int(class_no)

    # -- one child -----------------------------------------------------------------------------
    def child_label(self, row: ChildRow) -> str:
        """张三　　四年级(2)班: names padded to four characters, so the classes line up."""
        parts = [row.name + "　" * max(0, 4 - len(row.name)), row.class_label]
        if self._source.township:
            parts.append(row.school_name)
        if row.status not in AT_SCHOOL:
            parts.append(row.status)
        return "　".join(parts)

    def matches(self, text: str) -> list[ChildRow]:
        """The children whose name, pinyin initials or full pinyin, ID number or class match
        what was typed (the list's own search), those at school first."""
        if not text.strip():
            return []
        found = [r for r in self._rows.values() if self._may_print(r.id) and text_matches(r, text)]
        found.sort(key=lambda r: (r.status not in AT_SCHOOL, r.grade, r.class_no, r.name_pinyin))
        return found[:_MATCHES]

    def _search(self, text: str) -> None:
        self._child_id = None
        self.child_button.setChecked(True)
        self._matches.clear()
        for row in self.matches(text):
            item = QStandardItem(self.child_label(row))
            item.setData(row.id, Qt.ItemDataRole.UserRole)
            self._matches.appendRow(item)
        if self._matches.rowCount():
            self.completer.complete()
        self._update()

    def _picked(self, index: QModelIndex) -> None:
        child_id = index.data(Qt.ItemDataRole.UserRole)
        if isinstance(child_id, str):
            self.choose_child(child_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the name field picks the first match and does not print yet (the next
        Enter does)."""
        if (
            watched is self.child_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self._child_id is None
        ):
            if self._matches.rowCount():
                self._picked(self._matches.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def _set_child(self, child_id: str) -> None:
        self._child_id = child_id
        self.child_edit.setText(self.child_label(self._rows[child_id]))

    def choose_child(self, child_id: str) -> None:
        """Print for this one child."""
        if child_id not in self._rows:
            return
        self._set_child(child_id)
        self.child_button.setChecked(True)
        self._update()

    # -- the children and pages ----------------------------------------------------------------
    def kind(self) -> PrintKind:
        return PRINT_KINDS[max(self.kind_group.checkedId(), 0)]

    def whom(self) -> str:
        return WHOM[max(self.whom_group.checkedId(), 0)]

    def child_ids(self) -> list[str] | None:
        """The children to print, in print order; None while they are being counted."""
        return None if self._ids is None else list(self._ids)

    def _toggled(self, button: QAbstractButton, checked: bool) -> None:
        if not checked:
            return
        if button in self.kind_buttons.values():
            self._show_kind_scope()
        self._update()

    def _update(self) -> None:
        whom = self.whom()
        self._generation += 1
        if whom == SELECTED:
            self._ids = list(self._source.selected)
        elif whom == SHOWN:
            self._ids = list(self._source.shown)
        elif whom == ONE_CHILD:
            self._ids = [self._child_id] if self._child_id is not None else []
        else:
            key = self._chosen_class() if whom == CLASS else None
            if whom == CLASS and key is None:
                self._ids = None if self._classes_loading else []
            elif key in self._counted:
                self._ids = self._counted[key]
            else:
                self._ids = None
                self._count(key, self._generation)
        self._limit_ids()
        self._show_summary()

    def _limit_ids(self) -> None:
        """Keep only the children the user may print this for (a teacher: their own)."""
        ids = self._ids
        self._left_out = 0
        if ids is None or not self.limited():
            return
        kept = [i for i in ids if self._may_print(i)]
        self._left_out = len(ids) - len(kept)
        self._ids = kept

    def _count(self, key: tuple[int, int] | None, generation: int) -> None:
        from ...services.printing import PrintService

        ctx = self._source.service.ctx

        def count(_state: TaskState) -> list[str]:
            printer = PrintService(ctx)
            if key is None:
                return printer.children_of()
            return printer.children_of(grade=key[0], class_no=key[1])

        self._runner.run(
            count,
            on_done=guarded(self, lambda ids: self._counted_now(key, generation, ids)),
            on_error=guarded(self, lambda exc: show_known_error(self, exc)),
        )

    def _counted_now(self, key: tuple[int, int] | None, generation: int, ids: list[str]) -> None:
        self._counted[key] = ids
        if generation == self._generation:
            self._ids = ids
            self._limit_ids()
            self._show_summary()

    def pages(self) -> int | None:
        return None if self._ids is None else self.kind().pages(len(self._ids))

    def _show_summary(self) -> None:
        ids = self._ids
        if ids is None:
            text, role = self.tr("Counting the children…"), "hint"
        elif ids:
            text, role = arg(self.tr("%1 children, %2 pages"), len(ids), self.pages()), ""
        elif self.whom() == ONE_CHILD:
            text, role = self.tr("Type a name and choose the child"), "hint"
        else:
            text, role = self.tr("No children to print"), "hint"
        self.summary_label.setText(text)
        set_role(self.summary_label, role)
        self.ok_button.setEnabled(bool(ids))
        if self._left_out:
            self.scope_hint.setText(
                arg(
                    self.tr(
                        "%1 of these children are not in your class or paired with you and are "
                        "left out: you print their contact cards only."
                    ),
                    self._left_out,
                )
            )
        elif self.limited():
            self.scope_hint.setText(
                self.tr(
                    "Archive cards and home-visit forms: for your own class and the children "
                    "paired with you."
                )
            )
        self.scope_hint.setVisible(bool(self._left_out) or self.limited())

    # -- printing ------------------------------------------------------------------------------
    def _scope(self) -> str:
        """For whom, in the suggested file name."""
        ids = self._ids or []
        whom = self.whom()
        if whom == ONE_CHILD or len(ids) == 1:
            row = self._rows.get(ids[0]) if ids else None
            return row.name if row is not None else ""
        if whom == CLASS:
            chosen = self._chosen_class()
            if chosen is not None:
                return f"{grade_label(chosen[0])}{chosen[1]}班"
        if whom == EVERYONE:
            own = next(
                (
                    r.school_name
                    for r in self._rows.values()
                    if r.school_id == self._source.school_id
                ),
                "",
            )
            return own or ("全部学校" if self._source.township else "全校")
        return f"{len(ids)}人"

    def suggested_path(self) -> Path:
        folder = self._settings.value("print/folder", "")
        if not isinstance(folder, str) or not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
        today = self._source.service.ctx.today()
        return Path(folder) / default_file_name(self.kind(), self._scope(), today)

    def print_now(self) -> None:
        """OK: ask for the file, then build it on the worker. Cancelling the file dialog
        returns here."""
        ids = self._ids
        if not ids:
            return
        kind = self.kind()
        path = ask_pdf_path(self, kind, self.suggested_path())
        if path is None:
            return
        self._remember()
        self._settings.setValue("print/folder", str(path.parent))
        parent = self.parentWidget()
        assert parent is not None  # the children page: it outlives this dialog
        self.accept()
        self.progress_dialog = start_printout(
            parent,
            self._runner,
            self._source.service.ctx,
            kind,
            ids,
            path,
            self._on_written,
        )
