"""The children page: one list of every child, search as you type, filters, open an archive.

In a township's database it is the ledger (台账) of every school: a 学校 column, a school
filter and 转学…; in a school's, a child the township moved to another school is listed as
transferred out and its archive opens read-only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import (
    AT_SCHOOL,
    AT_SCHOOL_FILTER,
    Category,
    LeftBehindKind,
    RiskLevel,
    RiskType,
    Status,
)
from ...domain.errors import NotFound
from ...domain.grades import grade_label
from ...domain.listing import UNASSESSED, ChildFilter, ChildRow
from ..messages import show_known_error
from ..models.children_model import ChildrenModel, Column
from ..tasks import TaskRunner, TaskState
from ..widgets.filter_combo import FilterCombo
from ..widgets.text import arg

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ...services.changes import Changes
    from ..dialogs.print_dialog import PrintDialog, Settings

# The school id a township's database is opened with: it has no school of its own, and its
# children page lists every school's children (app.Backend gives the township this id).
TOWNSHIP_SCHOOL_ID = ""

# Above this many changed children a full reload is cheaper than fetching rows one by one.
_RELOAD_ABOVE = 200

# Column widths in units of one CJK character (plus padding), set once.
_WIDTHS: dict[Column, float] = {
    Column.NAME: 5,
    Column.SEX: 2.5,
    Column.AGE: 2.5,
    Column.CLASS: 7,
    Column.KIND: 6.5,
    Column.GUARDIAN: 8,
    Column.GUARDIAN_PHONE: 7,
    Column.FATHER_WORK: 6,
    Column.MOTHER_WORK: 6,
    Column.RISK_LEVEL: 4,
    Column.RISK_TYPE: 4,
    Column.STATUS: 4,
    Column.SCHOOL: 12,
}


def _fetch_rows(service: ArchiveService, ids: list[str]) -> tuple[list[ChildRow], list[str]]:
    """Fresh rows for the changed children; ids that no longer exist come back separately."""
    rows: list[ChildRow] = []
    missing: list[str] = []
    for child_id in ids:
        try:
            rows.append(service.row(child_id))
        except NotFound:
            missing.append(child_id)
    return rows, missing


class ChildrenPage(QWidget):
    """Lists the children of the open archive. Needs :meth:`set_archive` before use."""

    loaded = Signal(int)  # the list was (re)loaded; the number of children
    counts_changed = Signal(int, int)  # total, shown
    # After an edit: children updated (or gone), children added, and how many of those the
    # current filters do not show.
    rows_updated = Signal(int, int, int)
    cards_printed = Signal(object, list)  # the PDF's path, the missing-glyph messages
    _load_failed = Signal(int)  # emitted on the worker thread: the load's generation

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service: ArchiveService | None = None
        self._school_id = ""
        self._generation = 0  # drops the result of a load that a newer one replaced
        self._loading = False
        # the app's QSettings (set by the window; None in tests): the print dialog's last choice
        self.settings: QSettings | None = None
        self._print_memory: Settings | None = None
        self.print_dialog: PrintDialog | None = None  # the last one opened (tests drive it)
        self.contact_dialog: QDialog | None = None  # the contact card shown last
        self.context_menu: QMenu | None = None

        self.model = ChildrenModel(self, today=self._today)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(0)  # coalesce keystrokes that arrive together
        self._filter_timer.timeout.connect(self.apply_filter_now)

        self._build()
        self._connect()
        self._update_count()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(
            self.tr("Search by name, pinyin initials (e.g. zs), ID number or class")
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(360)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")

        self.grade_combo = FilterCombo(self.tr("All grades"), self)
        self.class_combo = FilterCombo(self.tr("All classes"), self)
        self.kind_combo = FilterCombo(self.tr("All left-behind kinds"), self)
        self.kind_combo.set_choices([(k.value, k.value) for k in LeftBehindKind])
        self.category_combo = FilterCombo(self.tr("All categories"), self)
        self.category_combo.set_choices([(c.value, c.value) for c in Category])
        unassessed = (self.tr("Not assessed"), UNASSESSED)  # no risk assessment yet
        self.risk_type_combo = FilterCombo(self.tr("All risk types"), self)
        self.risk_type_combo.set_choices([(t.label, int(t)) for t in RiskType] + [unassessed])
        self.risk_level_combo = FilterCombo(self.tr("All risk levels"), self)
        self.risk_level_combo.set_choices([(lv.label, int(lv)) for lv in RiskLevel] + [unassessed])
        self.status_combo = FilterCombo(self.tr("All statuses"), self)
        self.status_combo.set_choices(
            [(self.tr("At school (在册 and 不再留守)"), AT_SCHOOL_FILTER)]
            + [(s.value, s.value) for s in Status]
        )
        self.status_combo.set_value(AT_SCHOOL_FILTER)
        self.school_combo = FilterCombo(self.tr("All schools"), self)  # township only
        self.school_combo.hide()
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.transfer_button = QPushButton(self.tr("Transfer…"), self)  # township only
        self.transfer_button.setToolTip(self.tr("Move the selected child to another school (转学)"))
        self.transfer_button.hide()
        # 打印…: the print dialog (archive cards, contact cards, blank home-visit forms for the
        # selected children, one child, a class, the children shown or everyone)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setToolTip(
            self.tr(
                "Archive cards, contact cards or blank home-visit forms, for one child, the "
                "selected children, a class or the whole school, as a PDF"
            )
        )

        self.table = QTableView(self)
        self.table.setObjectName("childrenTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # several rows can be selected (Ctrl/Shift-click) and printed together
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicator(Column.RISK_LEVEL, Qt.SortOrder.AscendingOrder)
        header.moveSection(header.visualIndex(Column.SCHOOL), 1)  # after the name
        self.table.setColumnHidden(Column.SCHOOL, True)
        self.table.setSortingEnabled(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._set_column_widths()

        self.empty_title = QLabel(self.tr("No children in the archive yet"), self)
        self.empty_title.setObjectName("emptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = QLabel(
            self.tr("Click “Add child” to create the first child's archive."), self
        )
        self.empty_hint.setObjectName("hint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_add_button = QPushButton(self.tr("Add child"), self)
        self.empty_add_button.setObjectName("primary")
        empty = QWidget(self)
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(2)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addSpacing(12)
        empty_layout.addWidget(self.empty_add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(3)

        # a teacher's: the other children show their contact card only (and, for an account
        # not linked to a 帮扶人, that they see no child in full)
        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("hint")
        self.scope_label.setWordWrap(True)
        self.scope_label.hide()

        self.body = QStackedWidget(self)
        self.body.addWidget(self.table)
        self.body.addWidget(empty)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addSpacing(16)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.school_combo)
        for combo in self.filter_combos():
            filters.addWidget(combo)
        filters.addWidget(self.clear_button)
        filters.addStretch(1)
        filters.addWidget(self.transfer_button)
        filters.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.body, 1)

    def _set_column_widths(self) -> None:
        unit = self.fontMetrics().horizontalAdvance("中")
        for column, chars in _WIDTHS.items():
            self.table.setColumnWidth(column, int(unit * chars) + 24)

    def _connect(self) -> None:
        self.search_box.textChanged.connect(self._filter_timer.start)
        self.search_box.returnPressed.connect(self._focus_list)
        self.grade_combo.currentIndexChanged.connect(self._grade_changed)
        for combo in self.filter_combos()[1:]:
            combo.currentIndexChanged.connect(self.apply_filter_now)
        self.clear_button.clicked.connect(self.clear_filters)
        self.school_combo.currentIndexChanged.connect(self._school_changed)
        self.transfer_button.clicked.connect(self.transfer_selected)
        self.print_button.clicked.connect(lambda: self.open_print_dialog())
        self.table.customContextMenuRequested.connect(self._context_menu)
        self._load_failed.connect(self._load_ended)
        self.table.activated.connect(self._activated)
        self.empty_add_button.clicked.connect(self.new_child)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._focus_search)

    def filter_combos(self) -> list[FilterCombo]:
        return [
            self.grade_combo,
            self.class_combo,
            self.kind_combo,
            self.category_combo,
            self.risk_type_combo,
            self.risk_level_combo,
            self.status_combo,
        ]

    # -- the archive -------------------------------------------------------------------------
    def set_archive(self, service: ArchiveService, school_id: str) -> None:
        """Show the children of a newly opened archive. ``school_id`` is the database's own
        school; :data:`TOWNSHIP_SCHOOL_ID` opens a township's ledger of every school."""
        self._service = service
        self._school_id = school_id
        self.model.set_own_school(school_id)
        self.model.set_own_children(None)  # until the list is read for this user
        self.model.set_rows([])
        self._show_scope()
        township = self.township
        self.table.setColumnHidden(Column.SCHOOL, not township)
        if township:  # a hidden column forgets its width
            unit = self.fontMetrics().horizontalAdvance("中")
            self.table.setColumnWidth(Column.SCHOOL, int(unit * _WIDTHS[Column.SCHOOL]) + 24)
        self.school_combo.setVisible(township)
        self.transfer_button.setVisible(township)
        self.empty_add_button.setVisible(not township)
        if township:
            self.empty_title.setText(self.tr("No children in the ledger yet"))
            self.empty_hint.setText(
                self.tr(
                    "The ledger fills as the schools' sync bundles are imported: each school's "
                    "children appear with its first bundle."
                )
            )
        else:
            self.empty_title.setText(self.tr("No children in the archive yet"))
            self.empty_hint.setText(
                self.tr("Click “Add child” to create the first child's archive.")
            )
        self.school_combo.set_choices([])
        self.clear_filters()  # a search typed for another school means nothing here
        self.reload()

    @property
    def township(self) -> bool:
        """Whether the open database is a township's ledger (every school's children)."""
        return self._service is not None and self._school_id == TOWNSHIP_SCHOOL_ID

    @property
    def service(self) -> ArchiveService | None:
        return self._service

    @property
    def school_id(self) -> str:
        return self._school_id

    @property
    def loading(self) -> bool:
        return self._loading

    def _today(self) -> dt.date:
        return self._service.ctx.today() if self._service is not None else dt.date.today()

    def reload(self) -> None:
        """Read the whole list again on the worker thread."""
        service = self._service
        if service is None:
            return
        self._generation += 1
        generation = self._generation
        self._loading = True
        self._update_count()
        failed = self._load_failed

        def load(state: TaskState) -> tuple[list[ChildRow], frozenset[str] | None]:
            try:
                return service.list_children(), service.own_children()
            except BaseException:
                failed.emit(generation)  # queued: arrives before the task's own error
                raise

        self._runner.run(
            load,
            on_done=lambda rows: self._rows_loaded(generation, rows),
            on_error=lambda exc: self._show_error(generation, exc),
        )

    def detach(self) -> None:
        """Forget the archive (the window is closing): results still on their way are dropped."""
        self._service = None
        self._generation += 1

    def _show_error(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            show_known_error(self, exc)

    def _load_ended(self, generation: int) -> None:
        if generation == self._generation:
            self._loading = False
            self._update_count()

    def _rows_loaded(
        self, generation: int, loaded: tuple[list[ChildRow], frozenset[str] | None]
    ) -> None:
        if generation != self._generation:
            return
        rows, own = loaded
        self._loading = False
        self.model.set_own_children(own)
        self.model.set_rows(rows)
        self._show_scope()
        self._update_choices()
        self.body.setCurrentIndex(0 if rows else 1)
        self.loaded.emit(len(rows))

    def _update_choices(self) -> None:
        """Offer the grades and classes (and, for a township, schools) in the archive."""
        if self.township:
            schools = {r.school_id: r.school_name for r in self.model.rows()}
            self.school_combo.set_choices(
                [(name, sid) for sid, name in sorted(schools.items(), key=lambda kv: kv[1])]
            )
        grades = sorted({r.grade for r in self.model.rows()})
        self.grade_combo.set_choices([(grade_label(g), g) for g in grades])
        self._update_class_choices()

    def _update_class_choices(self) -> None:
        grade = self.grade_combo.value()
        numbers = sorted(
            {r.class_no for r in self.model.rows() if grade is None or r.grade == grade}
        )
        self.class_combo.set_choices([(arg(self.tr("Class %1"), n), n) for n in numbers])

    # -- filtering ---------------------------------------------------------------------------
    def current_filter(self) -> ChildFilter:
        status = self.status_combo.value()
        school = self.school_combo.value() if self.township else None
        return ChildFilter(
            text=self.search_box.text(),
            school_id=school,
            grade=self.grade_combo.value(),
            class_no=self.class_combo.value(),
            left_behind_kind=self.kind_combo.value(),
            category=self.category_combo.value(),
            risk_type=self.risk_type_combo.value(),
            risk_level=self.risk_level_combo.value(),
            status=None if status == AT_SCHOOL_FILTER else status,
            statuses=AT_SCHOOL if status == AT_SCHOOL_FILTER else frozenset(),
        )

    def apply_filter_now(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.current_filter())
        self._update_count()
        if not self.scope_label.isHidden():
            self._show_scope()

    def _grade_changed(self) -> None:
        self._update_class_choices()
        self.apply_filter_now()

    def _school_changed(self) -> None:
        self.apply_filter_now()

    def clear_filters(self) -> None:
        """Back to the default view: every child still at the school (在册 and 不再留守)."""
        for combo in [self.school_combo, *self.filter_combos()]:
            combo.blockSignals(True)
            combo.set_value(None)
            combo.blockSignals(False)
        self.status_combo.blockSignals(True)
        self.status_combo.set_value(AT_SCHOOL_FILTER)
        self.status_combo.blockSignals(False)
        self._update_class_choices()
        self.search_box.clear()
        self.apply_filter_now()

    def _update_count(self) -> None:
        total, shown = self.model.total_count(), self.model.visible_count()
        if self._loading and total == 0:
            self.count_label.setText(self.tr("Loading…"))
        else:
            self.count_label.setText(arg(self.tr("%1 children in total, %2 shown"), total, shown))
        self.counts_changed.emit(total, shown)

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _focus_list(self) -> None:
        self.apply_filter_now()
        if self.model.rowCount() == 0:
            return
        self.table.setFocus()
        if not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    # -- opening and editing -----------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_child(self.model.child_id(index.row()))

    def selected_child_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.child_id(index.row()) if index.isValid() else None

    def open_child(self, child_id: str) -> None:
        """Open the archive editor for one child."""
        self._open_editor(child_id)

    def new_child(self) -> None:
        """Open an empty archive editor for a new child."""
        if self.township:
            QMessageBox.information(
                self,
                self.tr("Add child"),
                self.tr(
                    "Children are added by their school; the township receives them with the "
                    "school's next sync bundle."
                ),
            )
            return
        self._open_editor(None)

    def _open_editor(self, child_id: str | None) -> None:
        service = self._service
        if service is None:
            return
        row = self.model.get(child_id) if child_id else None
        if child_id and row is not None and row.status == Status.DELETED:
            # a duplicate merged into another archive: open the one that was kept
            self._runner.run(
                lambda _state: service.redirect(child_id),
                on_done=lambda target: self._open_redirected(child_id, target),
                on_error=lambda exc: show_known_error(self, exc),
            )
            return
        self._show_editor(child_id)

    def _open_redirected(self, child_id: str, target: object) -> None:
        if not isinstance(target, str):
            self._show_editor(child_id)
            return
        QMessageBox.information(
            self,
            self.tr("Merged archive"),
            self.tr(
                "This archive was a duplicate and has been merged into another archive of the "
                "same child. The archive that was kept opens now; the records of both are in it."
            ),
        )
        self._show_editor(target)

    def _show_editor(self, child_id: str | None) -> None:
        if self._service is None:
            return
        row = self.model.get(child_id) if child_id else None
        if row is not None and self.model.limited(row):
            self.show_contact_card(row.id)  # not theirs: what they may see, not a refusal
            return
        from ..dialogs.child_editor import ChildEditor  # its module is only needed now

        school_id = self._school_id
        read_only = ""
        if row is not None and self.township:
            school_id = row.school_id  # the township edits within the child's own school
        elif row is not None and self.model.moved_away(row):
            read_only = arg(
                self.tr(
                    "%1 was transferred to %2 by the township. The archive now belongs to that "
                    "school: it is kept here read-only, and changes are made by the new school."
                ),
                row.name,
                row.school_name,
            )
        actor = self._service.ctx.actor
        if actor is not None and actor.role.read_only and child_id is not None:
            read_only = arg(
                self.tr(
                    "Your account (%1) reads the archives and changes nothing: this archive "
                    "is shown read-only."
                ),
                actor.role.value,
            )
        editor = ChildEditor(
            self._runner,
            self._service,
            school_id,
            child_id,
            parent=self,
            read_only_reason=read_only,
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self.apply_changes)
        editor.open()

    def show_contact_card(self, child_id: str) -> QDialog | None:
        """The contact card of a child whose archive the user does not see (a teacher's
        other children): name, class, guardian and parents with phones, class teacher."""
        service, row = self._service, self.model.get(child_id)
        if service is None or row is None:
            return None
        from ..dialogs.contact_card_dialog import ContactCardDialog

        dialog = ContactCardDialog(
            self._runner,
            service.ctx,
            row,
            self,
            on_print=lambda: self.print_children("contact", [child_id]),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.contact_dialog = dialog
        dialog.open()
        return dialog

    def _show_scope(self) -> None:
        """A teacher's line above the list: whose archives they see in full."""
        service = self._service
        actor = service.ctx.actor if service is not None else None
        own = self.model.own_children()
        if actor is None or own is None:
            self.scope_label.hide()
            return
        if actor.helper_id is None:
            self.scope_label.setText(
                self.tr(
                    "Your account is not linked to your helper record (帮扶人), so you see no "
                    "child's archive in full. Ask the administrator to link it."
                )
            )
            self.scope_label.setStyleSheet("QLabel { color: #b35c00; font-weight: bold; }")
        elif self.model.filters_hidden_fields():
            self.scope_label.setText(
                self.tr(
                    "Kind, category and risk are known for your own class and the children "
                    "paired with you only: the other children are left out of this filter."
                )
            )
            self.scope_label.setStyleSheet("")
        else:
            self.scope_label.setText(
                self.tr(
                    "You see your own class and the children paired with you in full; the "
                    "other children show their contact details only (—: not shown)."
                )
            )
            self.scope_label.setStyleSheet("")
        self.scope_label.show()

    def apply_changes(self, changes: Changes) -> None:
        """Refresh only the rows a service call changed (ARCHITECTURE.md §3.3)."""
        service = self._service
        ids = sorted(changes.children)
        if service is None or not ids:
            return
        if len(ids) > _RELOAD_ABOVE:
            self.reload()
            return
        generation = self._generation
        self._runner.run(
            lambda state: _fetch_rows(service, ids),
            on_done=lambda result: self._rows_fetched(generation, result),
            on_error=lambda exc: self._show_error(generation, exc),
        )

    def _rows_fetched(self, generation: int, result: tuple[list[ChildRow], list[str]]) -> None:
        if generation != self._generation:
            return  # the whole list was reloaded meanwhile
        rows, missing = result
        selected = self.selected_child_id()
        added = sum(1 for r in rows if self.model.get(r.id) is None)
        self.model.upsert_rows(rows)
        self.model.remove_ids(missing)
        self._update_choices()
        if self.model.total_count():
            self.body.setCurrentIndex(0)
        if selected is not None and self.model.row_of(selected) < 0:
            # The child in hand left the list (say 转出 under the 在册 filter): the view has
            # moved on to the neighbouring child, which Enter would then open. Select nobody.
            self.table.selectionModel().clear()
        if len(rows) == 1:
            self._select(rows[0].id)
        self._update_count()
        hidden = sum(1 for r in rows if self.model.row_of(r.id) < 0)
        self.rows_updated.emit(len(rows) - added + len(missing), added, hidden)

    # -- township: transfers -----------------------------------------------------------------
    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        child_id = self.model.child_id(index.row())
        selected = self.selected_child_ids()
        if child_id not in selected or len(selected) < 2:
            self.table.selectRow(index.row())
        menu = QMenu(self)
        full = not self.model.limited(child_id)  # a teacher's other children: the card only
        if full:
            menu.addAction(self.tr("Open the archive"), lambda: self.open_child(child_id))
        else:
            menu.addAction(
                self.tr("Show the contact card"), lambda: self.show_contact_card(child_id)
            )
        if child_id in selected and len(selected) > 1:  # the print dialog, for the selection
            menu.addAction(
                arg(self.tr("Print for the %1 selected children…"), len(selected)),
                lambda: self.open_print_dialog(whom="selected"),
            )
        else:
            if full:
                menu.addAction(
                    self.tr("Print the archive card…"),
                    lambda: self.print_children("cards", [child_id]),
                )
            menu.addAction(
                self.tr("Print the contact card…"),
                lambda: self.print_children("contact", [child_id]),
            )
            if full:
                menu.addAction(
                    self.tr("Print a blank home-visit form…"),
                    lambda: self.print_children("visit", [child_id]),
                )
        self.context_menu = menu  # the last one shown (tests read it)
        if self.township:
            menu.addAction(self.tr("Transfer to another school…"), self.transfer_selected)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def transfer_selected(self) -> None:
        """转学: the township moves the selected child to another school."""
        if not self.township or self._service is None:
            return
        child_id = self.selected_child_id()
        row = self.model.get(child_id) if child_id else None
        if row is None:
            QMessageBox.information(
                self,
                self.tr("Transfer"),
                self.tr("Select a child in the list first, then choose “Transfer…”."),
            )
            return
        from ..dialogs.township_transfer_dialog import TransferDialog

        dialog = TransferDialog(self._runner, self._service, row, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.transferred.connect(self.apply_changes)
        dialog.open()

    def _select(self, child_id: str) -> None:
        at = self.model.row_of(child_id)
        if at >= 0:
            index = self.model.index(at, 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    # -- printing ----------------------------------------------------------------------------
    def shown_child_ids(self) -> list[str]:
        return [self.model.child_id(r) for r in range(self.model.rowCount())]

    def selected_child_ids(self) -> list[str]:
        """The rows selected in the list (Ctrl/Shift-click selects several), in its order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.child_id(r) for r in rows]

    def print_settings(self) -> Settings:
        """Where the print dialog remembers its last choice: the app's QSettings, or this run
        only when there are none (tests, no user config)."""
        if self.settings is not None:
            return self.settings
        if self._print_memory is None:
            from ..dialogs.print_dialog import SessionSettings

            self._print_memory = SessionSettings()
        return self._print_memory

    def open_print_dialog(self, whom: str | None = None) -> PrintDialog | None:
        """打印…: choose what to print and for whom; ``whom`` ("selected", "child", "class",
        "shown", "everyone") overrides the last choice."""
        service = self._service
        if service is None:
            return None
        from ..dialogs.print_dialog import PrintDialog, PrintSource

        source = PrintSource(
            service=service,
            school_id=self._school_id,
            township=self.township,
            rows=self.model.rows(),
            selected=self.selected_child_ids(),
            shown=self.shown_child_ids(),
            own=self.model.own_children(),
        )
        dialog = PrintDialog(
            self._runner,
            source,
            self.print_settings(),
            self,
            on_written=self.cards_printed.emit,
            whom=whom,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def print_children(self, what: str, child_ids: list[str]) -> None:
        """Print ``what`` ("cards", "contact", "visit": see print_dialog.PRINT_KINDS) for these
        children: ask for a PDF file name, build it on the worker with progress and cancel,
        then open the PDF."""
        service = self._service
        if service is None or not child_ids:
            return
        from ..dialogs.print_dialog import (
            ask_pdf_path,
            default_file_name,
            print_kind,
            start_printout,
        )

        kind = print_kind(what)
        row = self.model.get(child_ids[0]) if len(child_ids) == 1 else None
        scope = row.name if row is not None else f"{len(child_ids)}人"
        settings = self.print_settings()
        folder = settings.value("print/folder", "")
        name = default_file_name(kind, scope, service.ctx.today())
        suggestion = Path(folder) / name if isinstance(folder, str) and folder else Path(name)
        path = ask_pdf_path(self, kind, suggestion)
        if path is None:
            return
        settings.setValue("print/folder", str(path.parent))
        start_printout(
            self, self._runner, service.ctx, kind, child_ids, path, self.cards_printed.emit
        )
