"""校历与工作要求: the school's terms, its duty rules (presets and its own) and the limit of
children per teacher. Every read and write runs on the worker thread; a refused value is
explained beside its field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.care import PRESETS, RecordKind
from ...domain.duties import DutyRule, Period, Term, current_term
from ...domain.enums import Category, RiskLevel
from ...domain.errors import KnownError, ValidationFailed
from ..messages import show_known_error
from ..widgets.duty_tables import Col, RowTableModel, make_table
from .fields import (
    ERROR,
    PROBLEM_STYLE,
    ChecksField,
    ChoiceField,
    DateField,
    Field,
    FormGrid,
    SpinField,
    TextField,
    arg,
    date_text,
    group,
    guarded,
    hint_label,
    scrolled,
    set_role,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ...services.care import CareService
    from ..tasks import TaskRunner

_LEVELS = {lv.label: int(lv) for lv in RiskLevel}  # 一级 → 1 …


@dataclass(frozen=True)
class RuleRow:
    rule: DutyRule
    active: bool


@dataclass(frozen=True)
class CalendarData:
    terms: list[Term]
    rules: list[RuleRow]
    pairing_limit: int
    today: dt.date


def _load(care: CareService, school_id: str) -> CalendarData:
    return CalendarData(
        terms=care.terms(school_id),
        rules=[RuleRow(r, a) for r, a in care.rules(school_id, active_only=False)],
        pairing_limit=care.pairing_limit(school_id),
        today=care.ctx.today(),
    )


def suggested_term_name(start: dt.date) -> str:
    """2026-09-01 → 2026年秋季学期; 2027-02-20 → 2027年春季学期 (the names schools use)."""
    season = "秋季" if start.month >= 7 else "春季"
    return f"{start.year}年{season}学期"


class DutyCalendarDialog(QDialog):
    """Terms (name, start, end), duty rules with their on/off state, the presets, a custom
    rule, and the pairing limit per teacher. ``changed`` is emitted after every saved change."""

    changed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        school_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._care = care
        self._school_id = school_id
        self._busy = False
        self.data: CalendarData | None = None
        self.setWindowTitle(self.tr("School calendar and duty rules"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumSize(860, 640)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_terms_tab(), self.tr("Terms"))
        self.tabs.addTab(self._build_rules_tab(), self.tr("Duty rules"))
        self.tabs.addTab(self._build_custom_tab(), self.tr("Add your own rule"))
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self._connect()
        self.reload()

    # -- layout ------------------------------------------------------------------------------
    def _build_terms_tab(self) -> QWidget:
        self.terms_model = RowTableModel(
            [
                Col(self.tr("Term"), lambda t: t.name, width=10),
                Col(self.tr("School year"), lambda t: t.school_year, width=6),
                Col(self.tr("Starts"), lambda t: date_text(t.start), width=6),
                Col(self.tr("Ends"), lambda t: date_text(t.end), width=6),
                Col(self.tr("Now"), self._term_state),
            ],
            key=lambda t: t.start,
            parent=self,
        )
        self.terms_table = make_table(self.terms_model, self)
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
        self.add_term_button = QPushButton(self.tr("Add term"))
        self.add_term_button.setObjectName("primary")
        self.add_term_button.setAutoDefault(False)
        add = QHBoxLayout()
        add.addStretch(1)
        add.addWidget(self.add_term_button)
        box = group(self.tr("New term"), form, add)

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Enter each term's first and last day. Weeks and months count for the "
                    "term they mostly fall in, so holidays owe nothing."
                )
            )
        )
        layout.addWidget(self.terms_table, 1)
        layout.addWidget(box)
        return page

    def _build_rules_tab(self) -> QWidget:
        self.rules_model = RowTableModel(
            [
                Col(self.tr("Rule (tick to switch on)"), lambda r: r.rule.name, width=16),
                Col(
                    self.tr("Records that count"),
                    lambda r: "、".join(sorted(r.rule.kinds)),
                    width=12,
                ),
                Col(
                    self.tr("Times"),
                    lambda r: str(r.rule.count),
                    lambda r: r.rule.count,
                    "right",
                    width=3,
                ),
                Col(self.tr("Period"), lambda r: r.rule.period.value, width=4),
                Col(self.tr("For"), self._rule_scope),
            ],
            key=lambda r: r.rule.id,
            checkable=lambda r: r.active,
            parent=self,
        )
        self.rules_model.on_check = self._toggle_rule
        self.rules_table = make_table(self.rules_model, self)

        presets = QGridLayout()
        presets.setHorizontalSpacing(12)
        presets.setColumnStretch(1, 1)
        self.preset_buttons: dict[str, QPushButton] = {}
        for n, (name, rules) in enumerate(PRESETS.items()):
            button = QPushButton(arg(self.tr("Apply “%1”"), name))
            button.setAutoDefault(False)
            self.preset_buttons[name] = button
            presets.addWidget(button, n, 0)
            presets.addWidget(hint_label("；".join(r.name for r in rules)), n, 1)
        preset_box = group(self.tr("Presets from other schools"), presets)

        self.limit_field = SpinField(1, 30)
        self.save_limit_button = QPushButton(self.tr("Save limit"))
        self.save_limit_button.setAutoDefault(False)
        limit_row = QHBoxLayout()
        limit_row.addWidget(QLabel(self.tr("Each teacher is paired with at most")))
        limit_row.addWidget(self.limit_field.box)
        limit_row.addWidget(QLabel(self.tr("children")))
        limit_row.addWidget(self.save_limit_button)
        limit_row.addStretch(1)
        limit_box = group(
            self.tr("Pairing limit"),
            limit_row,
            hint_label(self.tr("Pairing more is allowed, with a warning.")),
        )

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Tick a rule to count it, untick it to stop counting it. Rules are never "
                    "deleted, so last year's figures stay as they were."
                )
            )
        )
        layout.addWidget(self.rules_table, 1)
        layout.addWidget(preset_box)
        layout.addWidget(limit_box)
        return page

    def _build_custom_tab(self) -> QWidget:
        self.kinds_field = ChecksField([k.value for k in RecordKind], columns=4)
        self.count_field = SpinField(1, 50)
        self.levels_field = ChecksField(list(_LEVELS), columns=4)
        self.rule_fields: dict[str, Field] = {
            "name": TextField(self.tr("e.g. 每月家访一次"), max_length=60),
            "kinds": self.kinds_field,
            "count": self.count_field,
            "period": ChoiceField(
                [p.value for p in Period], required=True, placeholder=self.tr("Choose…")
            ),
            "risk_levels": self.levels_field,
            "category": ChoiceField([c.value for c in Category]),
        }
        self.rule_fields["name"].limit(320)
        self.rule_fields["count"].set_value(1)
        form = FormGrid(columns=1)
        form.add(self.tr("Name"), self.rule_fields["name"].box)
        form.add(self.tr("Records that count"), self.rule_fields["kinds"].box)
        form.add(self.tr("How many"), self.rule_fields["count"].box)
        form.add(self.tr("Every"), self.rule_fields["period"].box)
        form.add(self.tr("Only risk levels"), self.rule_fields["risk_levels"].box)
        form.add(self.tr("Only category"), self.rule_fields["category"].box)
        self.add_rule_button = QPushButton(self.tr("Add rule"))
        self.add_rule_button.setObjectName("primary")
        self.add_rule_button.setAutoDefault(False)
        add = QHBoxLayout()
        add.addStretch(1)
        add.addWidget(self.add_rule_button)
        hint = hint_label(
            self.tr(
                "A rule counts records of the ticked kinds, by anyone, for each child it "
                "applies to; a paired helper owes the same with their own records. Leave the "
                "risk levels and the category empty to apply the rule to every child."
            )
        )
        return scrolled(hint, form, _wrap(add))

    def _connect(self) -> None:
        self.add_term_button.clicked.connect(self._add_term)
        self.term_fields["start_date"].on_change(self._suggest_name)
        for f in self.term_fields.values():
            f.on_change(partial(f.box.set_problem, "", ""))
        for name, button in self.preset_buttons.items():
            button.clicked.connect(lambda _checked=False, name=name: self._apply_preset(name))
        self.save_limit_button.clicked.connect(self._save_limit)
        self.add_rule_button.clicked.connect(self._add_rule)
        for f in self.rule_fields.values():
            f.on_change(partial(f.box.set_problem, "", ""))

    # -- reading -----------------------------------------------------------------------------
    def reload(self) -> None:
        care, school_id = self._care, self._school_id
        self._runner.run(
            lambda _state: _load(care, school_id),
            on_done=guarded(self, self._loaded),
            on_error=guarded(self, self._load_failed),
        )

    def _load_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_known_error(self, exc)

    def _loaded(self, data: CalendarData) -> None:
        self.data = data
        self.terms_model.set_rows(data.terms)
        current = self.rules_table.currentIndex()
        kept = self.rules_model.row_id(current.row()) if current.isValid() else None
        self.rules_model.set_rows(data.rules)
        at = self.rules_model.row_of(kept) if kept is not None else -1
        if at >= 0:  # a rule just switched on or off stays the current one
            self.rules_table.setCurrentIndex(self.rules_model.index(at, 0))
        self.limit_field.set_value(data.pairing_limit)
        self._set_busy(False)

    def _term_state(self, t: Term) -> str:
        data = self.data
        if data is None or current_term(data.terms, data.today) != t:
            return ""
        if t.start <= data.today <= t.end:
            return self.tr("current term")
        return self.tr("last term (holidays now)")

    def _rule_scope(self, r: RuleRow) -> str:
        parts = []
        if r.rule.risk_levels:
            levels = "、".join(RiskLevel(lv).label for lv in sorted(r.rule.risk_levels))
            parts.append(arg(self.tr("%1 children"), levels))
        if r.rule.category:
            parts.append(arg(self.tr("category %1"), r.rule.category))
        return "；".join(parts) if parts else self.tr("every child")

    # -- writing -----------------------------------------------------------------------------
    def _write(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        fields: dict[str, Field] | None = None,
    ) -> None:
        """Run one service call; on success ``done`` and a reload, on a refused value the
        reasons beside ``fields``."""
        if self._busy:
            return
        self._set_busy(True)

        def ok(result: Any) -> None:
            done(result)
            self.changed.emit()
            self.reload()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            shown = False
            if isinstance(exc, ValidationFailed) and fields is not None:
                for key, text in exc.errors.items():
                    if key in fields:
                        fields[key].box.set_problem(ERROR, text)
                        shown = True
            if not shown and isinstance(exc, KnownError):
                show_known_error(self, exc)

        self._runner.run(
            lambda _state: fn(), on_done=guarded(self, ok), on_error=guarded(self, failed)
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (
            self.add_term_button,
            self.add_rule_button,
            self.save_limit_button,
            *self.preset_buttons.values(),
        ):
            button.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
        set_role(self.status_label, "hint")

    def _suggest_name(self) -> None:
        start = self.term_fields["start_date"].value()
        edit = self.term_fields["name"]
        if isinstance(edit, TextField) and isinstance(start, dt.date):
            edit.edit.setPlaceholderText(suggested_term_name(start))

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

    def _add_term(self) -> None:
        start, end = self._date_of("start_date"), self._date_of("end_date")
        if start is None or end is None:
            return
        name_field = self.term_fields["name"]
        name = str(name_field.value()).strip() or suggested_term_name(start)
        care, school_id = self._care, self._school_id

        def done(_term_id: object) -> None:
            for f in self.term_fields.values():
                f.set_value(None)
                f.box.set_problem("", "")
            self._say(arg(self.tr("Term “%1” added."), name))

        self._write(lambda: care.add_term(school_id, name, start, end), done, self.term_fields)

    def _toggle_rule(self, row: RuleRow, active: bool) -> None:
        care = self._care

        def done(_changes: object) -> None:
            text = (
                self.tr("“%1” is counted again.")
                if active
                else self.tr("“%1” is no longer counted.")
            )
            self._say(arg(text, row.rule.name))

        self._write(lambda: care.set_rule_active(row.rule.id, active), done)

    def _apply_preset(self, name: str) -> None:
        care, school_id = self._care, self._school_id

        def done(added: object) -> None:
            n = len(added) if isinstance(added, list) else 0
            if n:
                self._say(arg(self.tr("“%1” applied: %2 rules added."), name, n))
            else:
                self._say(arg(self.tr("The rules of “%1” are already there."), name))
            self.tabs.setCurrentIndex(1)

        self._write(lambda: care.apply_preset(school_id, name), done)

    def _save_limit(self) -> None:
        care, school_id = self._care, self._school_id
        limit = self.limit_field.value()
        fields: dict[str, Field] = {"limit": self.limit_field}

        def done(_result: object) -> None:
            self.limit_field.box.set_problem("", "")
            self._say(arg(self.tr("Limit saved: at most %1 children per teacher."), limit))

        self._write(lambda: care.set_pairing_limit(school_id, limit), done, fields)

    def _add_rule(self) -> None:
        f = self.rule_fields
        name = str(f["name"].value())
        kinds = frozenset(self.kinds_field.value())
        count = self.count_field.value()
        period = str(f["period"].value())
        levels = frozenset(_LEVELS[v] for v in self.levels_field.value())
        category = str(f["category"].value()) or None
        care, school_id = self._care, self._school_id

        def done(_rule_id: object) -> None:
            for key, field in f.items():
                field.set_value(1 if key == "count" else None)
                field.box.set_problem("", "")
            self._say(arg(self.tr("Rule “%1” added and switched on."), name.strip()))
            self.tabs.setCurrentIndex(1)

        self._write(
            lambda: care.add_rule(school_id, name, kinds, count, period, levels, category),
            done,
            f,
        )


def _wrap(layout: QHBoxLayout) -> QWidget:
    w = QWidget()
    w.setLayout(layout)
    return w


__all__ = ["DutyCalendarDialog", "suggested_term_name"]
