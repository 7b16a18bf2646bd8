"""统一设置: what the township sets for its schools — a term, a preset of duty rules, a helper
from outside the schools — for every school ticked in the list above the tabs. The settings
are written at the township (``TownshipService``) and reach each school with the next bundle
it imports; a school that already has the term's dates, the preset's rules or the helper is
left as it is, and the result says which and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.archive import phone_problem
from ...domain.care import PRESETS, HelperKind, term_problems
from ...domain.duties import Term
from ...domain.errors import KnownError, ValidationFailed
from ..messages import show_known_error
from ..widgets.duty_tables import Col, RowTableModel, make_table
from .duty_calendar_dialog import suggested_term_name
from .fields import (
    ERROR,
    PROBLEM_STYLE,
    ChoiceField,
    DateField,
    Field,
    FormGrid,
    TextField,
    arg,
    date_text,
    group,
    guarded,
    hint_label,
    set_role,
)
from .helper_dialog import OUTSIDER_ROLES

if TYPE_CHECKING:
    from collections.abc import Callable

    from ...services.context import ServiceContext
    from ...services.township import PolicyResult
    from ..tasks import TaskRunner

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1

# The usual term dates (the schools adjust theirs to the Spring Festival): spring from 20
# February to 10 July, autumn from 1 September to 20 January.
_SPRING = ((2, 20), (7, 10))
_AUTUMN = ((9, 1), (1, 20))


@dataclass(frozen=True)
class SchoolTerms:
    id: str
    name: str
    code: str
    terms: list[Term]


@dataclass(frozen=True)
class PolicyData:
    schools: list[SchoolTerms]
    today: dt.date


def load_policy_data(ctx: ServiceContext) -> PolicyData:
    """(worker) The township's schools, each with its terms."""
    from ...services.archive import ArchiveService
    from ...services.care import CareService

    care = CareService(ctx)
    schools = [
        SchoolTerms(s.id, s.name, s.code, care.terms(s.id)) for s in ArchiveService(ctx).schools()
    ]
    return PolicyData(schools, ctx.today())


def suggested_term(today: dt.date, terms: list[Term]) -> tuple[str, dt.date, dt.date]:
    """The term to set next: the first usual term not over yet that starts after every term
    the schools already have (the current term when they have none)."""
    latest = max((t.end for t in terms), default=None)
    for year in range(today.year - 1, today.year + 3):
        for (sm, sd), (em, ed) in (_SPRING, _AUTUMN):
            start = dt.date(year, sm, sd)
            end = dt.date(year + (em < sm), em, ed)
            if end > today and (latest is None or start > latest):
                return suggested_term_name(start), start, end
    start = dt.date(today.year + 1, 9, 1)  # terms set years ahead: the autumn after
    return suggested_term_name(start), start, dt.date(today.year + 2, 1, 20)


def _rule_rows(preset: str) -> list[Any]:
    return list(PRESETS.get(preset, ()))


class TownshipPolicyDialog(QDialog):
    """The schools (all ticked) above three tabs: 学期, 工作要求, 校外帮扶人. Each tab's button
    applies its setting to the ticked schools on the worker thread, then shows the result.
    ``loaded`` is emitted when the schools have been read, ``applied`` with the
    ``PolicyResult`` of every setting applied."""

    loaded = Signal()
    applied = Signal(object)

    def __init__(self, runner: TaskRunner, ctx: ServiceContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._runner = runner
        self._ctx = ctx
        self._busy = False
        self._auto_name = ""  # the term name last filled in from the start date
        self._suggest = True  # fill in the next term when the schools' terms have been read
        self.data: PolicyData | None = None
        self.setWindowTitle(self.tr("Settings for the schools"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setSizeGripEnabled(True)
        self.setMinimumSize(700, 560)
        self.resize(780, 620)

        schools_box = self._build_schools()
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_term_tab(), self.tr("Term"))
        self.tabs.addTab(self._build_rules_tab(), self.tr("Duty rules"))
        self.tabs.addTab(self._build_helper_tab(), self.tr("Helper from outside"))
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(schools_box)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self._connect()
        self._set_busy(True)
        self.reload()

    # -- layout ------------------------------------------------------------------------------
    def _build_schools(self) -> QWidget:
        self.schools_list = QListWidget(self)
        self.schools_list.setViewMode(QListView.ViewMode.ListMode)
        self.schools_list.setFlow(QListView.Flow.LeftToRight)
        self.schools_list.setWrapping(True)
        self.schools_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.schools_list.setUniformItemSizes(True)
        self.schools_list.setSpacing(2)
        self.schools_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        line = self.schools_list.fontMetrics().height() + 12
        self.schools_list.setFixedHeight(line * 3 + 12)
        self.all_button = QPushButton(self.tr("Select all"))
        self.none_button = QPushButton(self.tr("Select none"))
        for button in (self.all_button, self.none_button):
            button.setAutoDefault(False)
        self.chosen_label = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.chosen_label, 1)
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        return group(self.tr("Schools"), self.schools_list, row)

    def _build_term_tab(self) -> QWidget:
        self.term_fields: dict[str, Field] = {
            "name": TextField(self.tr("e.g. 2026年秋季学期"), max_length=40),
            "start_date": DateField(),
            "end_date": DateField(),
        }
        self.term_fields["name"].limit(280)
        form = FormGrid(columns=1)
        form.add(self.tr("Name"), self.term_fields["name"].box)
        form.add(self.tr("Starts on"), self.term_fields["start_date"].box)
        form.add(self.tr("Ends on"), self.term_fields["end_date"].box)
        self.term_preview = hint_label("")
        self.term_button = QPushButton(self.tr("Add the term for the ticked schools"))
        self.term_button.setObjectName("primary")
        return self._page(
            hint_label(
                self.tr(
                    "The term is added to each ticked school's calendar. A school that already "
                    "has a term over these dates keeps its own."
                )
            ),
            form,
            self.term_preview,
            self.term_button,
        )

    def _build_rules_tab(self) -> QWidget:
        self.preset_field = ChoiceField(list(PRESETS), required=True).limit(320)
        form = FormGrid(columns=1)
        form.add(self.tr("Preset"), self.preset_field.box)
        self.rules_model = RowTableModel(
            [
                Col(self.tr("Rule"), lambda r: r.name, width=14),
                Col(self.tr("Records that count"), lambda r: "、".join(sorted(r.kinds)), width=14),
                Col(self.tr("Times"), lambda r: str(r.count), lambda r: r.count, "right", width=3),
                Col(self.tr("Period"), lambda r: r.period.value),
            ],
            key=lambda r: r.name,
            parent=self,
        )
        self.rules_table = make_table(self.rules_model, self)
        self.rules_table.setMinimumHeight(110)
        self.preset_button = QPushButton(self.tr("Switch the rules on at the ticked schools"))
        self.preset_button.setObjectName("primary")
        return self._page(
            hint_label(
                self.tr(
                    "The preset's rules are added to each ticked school and counted from now "
                    "on. A rule a school already has (by name) is not added twice."
                )
            ),
            form,
            self.rules_table,
            self.preset_button,
            stretch=self.rules_table,
        )

    def _build_helper_tab(self) -> QWidget:
        self.helper_fields: dict[str, Field] = {
            "name": TextField(max_length=40).limit(240),
            "phone": TextField(self.tr("Mobile (11 digits) or landline"), 24).limit(240),
            "role_note": ChoiceField(
                OUTSIDER_ROLES, editable=True, placeholder=self.tr("Choose or type a role")
            ).limit(200),
        }
        form = FormGrid(columns=1)
        form.add(self.tr("Full name"), self.helper_fields["name"].box)
        form.add(self.tr("Phone"), self.helper_fields["phone"].box)
        form.add(self.tr("Role"), self.helper_fields["role_note"].box)
        self.helper_button = QPushButton(self.tr("Add to the ticked schools' helpers"))
        self.helper_button.setObjectName("primary")
        return self._page(
            hint_label(
                self.tr(
                    "Someone from outside the schools (志愿者, 村干部, 退休教师, 爱心妈妈 …) who "
                    "helps several schools: each ticked school can then pair them with its "
                    "children. A school that already lists the same name and phone is left "
                    "as it is."
                )
            ),
            form,
            self.helper_button,
        )

    def _page(self, *contents: QWidget, stretch: QWidget | None = None) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        for content in contents:
            if isinstance(content, QPushButton):
                content.setAutoDefault(False)
                row = QHBoxLayout()
                row.addStretch(1)
                row.addWidget(content)
                layout.addLayout(row)
            else:
                layout.addWidget(content, 1 if content is stretch else 0)
        if stretch is None:
            layout.addStretch(1)
        return page

    def _connect(self) -> None:
        self.schools_list.itemChanged.connect(self._schools_changed)
        self.all_button.clicked.connect(lambda: self.check_all(True))
        self.none_button.clicked.connect(lambda: self.check_all(False))
        self.term_fields["start_date"].on_change(self._start_changed)
        for fields in (self.term_fields, self.helper_fields):
            for f in fields.values():
                f.on_change(partial(f.box.set_problem, "", ""))
        for key in ("start_date", "end_date"):
            self.term_fields[key].on_change(self._update_term_preview)
        self.preset_field.on_change(self._preset_changed)
        self.term_button.clicked.connect(self.apply_term)
        self.preset_button.clicked.connect(self.apply_preset)
        self.helper_button.clicked.connect(self.add_helper)
        self.preset_field.set_value(next(iter(PRESETS)))

    # -- the schools -------------------------------------------------------------------------
    def reload(self) -> None:
        ctx = self._ctx
        self._runner.run(
            lambda _state: load_policy_data(ctx),
            on_done=guarded(self, self._loaded),
            on_error=guarded(self, self._load_failed),
        )

    def _load_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_known_error(self, exc)

    def _loaded(self, data: PolicyData) -> None:
        unticked = set() if self.data is None else set(self.school_ids(checked=False))
        self.data = data
        self.schools_list.blockSignals(True)
        self.schools_list.clear()
        width = 0
        metrics = self.schools_list.fontMetrics()
        for school in data.schools:
            item = QListWidgetItem(school.name)
            item.setData(ID_ROLE, school.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Unchecked if school.id in unticked else Qt.CheckState.Checked
            )
            item.setToolTip(self._school_tip(school))
            self.schools_list.addItem(item)
            width = max(width, metrics.horizontalAdvance(school.name))
        size = QSize(width + 48, metrics.height() + 10)
        for row in range(self.schools_list.count()):
            self.schools_list.item(row).setSizeHint(size)
        self.schools_list.blockSignals(False)
        if self._suggest:
            self._suggest = False
            for f in self.term_fields.values():
                f.box.set_problem("", "")
            name, start, end = suggested_term(
                data.today, [t for s in data.schools for t in s.terms]
            )
            self.term_fields["end_date"].set_value(end)
            self.term_fields["start_date"].set_value(start)  # fills in the name
            self.term_fields["name"].set_value(name)
            self._auto_name = name
        self._set_busy(False)
        self._schools_changed()
        self.loaded.emit()

    def _school_tip(self, school: SchoolTerms) -> str:
        if not school.terms:
            return arg(self.tr("%1 (code %2): no term set yet"), school.name, school.code)
        last = school.terms[-1]
        return arg(
            self.tr("%1 (code %2): latest term %3, %4 to %5"),
            school.name,
            school.code,
            last.name,
            date_text(last.start),
            date_text(last.end),
        )

    def school_ids(self, *, checked: bool = True) -> list[str]:
        """The ids of the ticked schools (or of the unticked ones), in the list's order."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        items = (self.schools_list.item(r) for r in range(self.schools_list.count()))
        return [str(i.data(ID_ROLE)) for i in items if i.checkState() == state]

    def set_checked(self, school_id: str, checked: bool) -> None:
        for row in range(self.schools_list.count()):
            item = self.schools_list.item(row)
            if item.data(ID_ROLE) == school_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def check_all(self, checked: bool) -> None:
        self.schools_list.blockSignals(True)
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.schools_list.count()):
            self.schools_list.item(row).setCheckState(state)
        self.schools_list.blockSignals(False)
        self._schools_changed()

    def _schools_changed(self, _item: object = None) -> None:
        chosen, total = len(self.school_ids()), self.schools_list.count()
        if self.data is not None and not total:
            text = self.tr("No school yet: schools are listed once their first bundle is in.")
        elif chosen:
            text = arg(self.tr("%1 of %2 schools ticked."), chosen, total)
        else:
            text = self.tr("Tick at least one school.")
        self.chosen_label.setText(text)
        set_role(self.chosen_label, "" if chosen else "error")
        self._enable_buttons()
        self._update_term_preview()

    # -- the term ----------------------------------------------------------------------------
    def _start_changed(self) -> None:
        start = self.term_fields["start_date"].value()
        name = self.term_fields["name"]
        if not isinstance(start, dt.date):
            return
        suggestion = suggested_term_name(start)
        if isinstance(name, TextField):
            name.edit.setPlaceholderText(suggestion)
        if str(name.value()).strip() in ("", self._auto_name):
            self._auto_name = suggestion
            name.set_value(suggestion)

    def _update_term_preview(self) -> None:
        start = self.term_fields["start_date"].value()
        end = self.term_fields["end_date"].value()
        data = self.data
        if data is None or not isinstance(start, dt.date) or not isinstance(end, dt.date):
            self.term_preview.setText("")
            return
        chosen = set(self.school_ids())
        clashes = []
        for school in data.schools:
            if school.id not in chosen:
                continue
            over = [t.name for t in school.terms if t.start <= end and start <= t.end]
            if over:
                clashes.append(arg(self.tr("%1 (%2)"), school.name, "、".join(over)))
        if clashes:
            self.term_preview.setText(
                arg(
                    self.tr("Already have a term over these dates, will be left unchanged: %1"),
                    "、".join(clashes),
                )
            )
            set_role(self.term_preview, "warning")
        else:
            self.term_preview.setText("")

    def _date_of(self, key: str) -> dt.date | None:
        f = self.term_fields[key]
        problem = f.parse_error()
        value = f.value()
        if problem:
            f.box.set_problem(ERROR, problem)
            return None
        if not isinstance(value, dt.date):
            f.box.set_problem(ERROR, self.tr("Please enter the date"))
            return None
        return value

    def apply_term(self) -> None:
        start, end = self._date_of("start_date"), self._date_of("end_date")
        if start is None or end is None:
            return
        name = str(self.term_fields["name"].value()).strip() or suggested_term_name(start)
        problems = term_problems(name, start, end)
        if problems:
            for key, text in problems.items():
                self.term_fields[key].box.set_problem(ERROR, text)
            return
        ids, ctx = self.school_ids(), self._ctx

        def work() -> PolicyResult:
            from ...services.township import TownshipService

            return TownshipService(ctx).set_term(name, start, end, ids)

        def then(result: PolicyResult) -> None:
            self._suggest = bool(result.done)  # the term after it comes next

        self._apply(work, arg(self.tr("Term “%1”"), name), self.term_fields, then)

    # -- the duty rules ----------------------------------------------------------------------
    def _preset_changed(self) -> None:
        self.rules_model.set_rows(_rule_rows(self.preset()))

    def preset(self) -> str:
        return str(self.preset_field.value())

    def apply_preset(self) -> None:
        preset = self.preset()
        if not preset:
            self.preset_field.box.set_problem(ERROR, self.tr("Choose a preset"))
            return
        ids, ctx = self.school_ids(), self._ctx

        def work() -> PolicyResult:
            from ...services.township import TownshipService

            return TownshipService(ctx).apply_preset(preset, ids)

        self._apply(work, arg(self.tr("Duty rules “%1”"), preset))

    # -- the helper --------------------------------------------------------------------------
    def _helper_problems(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not str(self.helper_fields["name"].value()).strip():
            errors["name"] = self.tr("Please enter the name")
        problem = phone_problem(str(self.helper_fields["phone"].value()).strip())
        if problem:
            errors["phone"] = problem
        return errors

    def add_helper(self) -> None:
        problems = self._helper_problems()
        if problems:
            for key, text in problems.items():
                self.helper_fields[key].box.set_problem(ERROR, text)
            return
        name = str(self.helper_fields["name"].value()).strip()
        phone = str(self.helper_fields["phone"].value()).strip()
        role = str(self.helper_fields["role_note"].value()).strip()
        ids, ctx = self.school_ids(), self._ctx

        def work() -> PolicyResult:
            from ...services.care import HelperDraft
            from ...services.township import TownshipService

            draft = HelperDraft(HelperKind.OUTSIDER.value, name, phone, role_note=role)
            return TownshipService(ctx).add_shared_helper(draft, ids)

        self._apply(work, arg(self.tr("Helper %1"), name), self.helper_fields)

    # -- applying ----------------------------------------------------------------------------
    def _apply(
        self,
        work: Callable[[], PolicyResult],
        what: str,
        fields: dict[str, Field] | None = None,
        then: Callable[[PolicyResult], None] | None = None,
    ) -> None:
        if self._busy or not self.school_ids():
            return
        self._set_busy(True)
        self.status_label.setText(self.tr("Applying…"))
        set_role(self.status_label, "hint")

        def done(result: PolicyResult) -> None:
            text = self.result_text(result)
            self.status_label.setText(arg(self.tr("%1: %2"), what, text))
            set_role(self.status_label, "hint")
            if then is not None:
                then(result)
            self.applied.emit(result)
            self.reload()  # the new terms count in the preview; the buttons come back then
            QMessageBox.information(self, self.tr("Settings for the schools"), text)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self.status_label.setText("")
            shown = False
            if isinstance(exc, ValidationFailed) and fields is not None:
                for key, reason in exc.errors.items():
                    if key in fields:
                        fields[key].box.set_problem(ERROR, reason)
                        shown = True
            if not shown and isinstance(exc, KnownError):
                show_known_error(self, exc)

        self._runner.run(
            lambda _state: work(), on_done=guarded(self, done), on_error=guarded(self, failed)
        )

    def result_text(self, result: PolicyResult) -> str:
        """The result in words: how many schools were set, which were left alone and why."""
        skipped = "、".join(
            arg(self.tr("%1 (%2)"), school, reason) for school, reason in result.skipped.items()
        )
        if result.done and skipped:
            text = arg(
                self.tr("Set for %1 school(s); these schools were left unchanged: %2."),
                len(result.done),
                skipped,
            )
        elif result.done:
            text = arg(
                self.tr("Set for %1 school(s): %2."), len(result.done), "、".join(result.done)
            )
        else:
            text = arg(self.tr("No school was changed: %1."), skipped)
        if result.done:
            text += "\n" + self.tr(
                "It takes effect at each school once it imports its next sync bundle."
            )
        return text

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        ready = not self._busy and bool(self.school_ids())
        for button in (self.term_button, self.preset_button, self.helper_button):
            button.setEnabled(ready)
        has_schools = not self._busy and self.schools_list.count() > 0
        self.all_button.setEnabled(has_schools)
        self.none_button.setEnabled(has_schools)


__all__ = ["TownshipPolicyDialog", "load_policy_data", "suggested_term"]
