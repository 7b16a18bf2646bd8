"""Writing a record quickly: a home visit, a talk, a call, a guardians' meeting …

The kind comes first (one click), the date defaults to today, the children are preselected
when the dialog is opened from a child and more can be added by typing (a meeting or a group
visit covers several). A home visit grows the fields of the visit form (家访登记表): mode,
visitors, who was met, what was seen, problems found, the guardian's opinions, advice. Photos
and scanned forms are attached with thumbnails. A correction opens pre-filled from the old
record and is saved as a new version; the original stays in the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Role
from ...domain.care import VISIT_PROBLEMS, HelperKind, RecordKind, VisitMode
from ...domain.grades import class_label
from ...domain.pinyin import search_key
from ...services.care import RecordDraft
from ..widgets.record_attachments import Attachment, AttachmentStrip, load_blobs, too_big_message
from ..widgets.record_children import ChildPicker
from ..widgets.screen import fit_to_screen
from .fields import (
    ERROR,
    ChecksField,
    ChoiceField,
    DateField,
    Field,
    FormGrid,
    NoteField,
    TextField,
    arg,
    date_text,
    guarded,
    hint_label,
)
from .record_form import CareForm, ChildrenField, date_problem

if TYPE_CHECKING:
    from ...domain.listing import ChildRow
    from ...services.archive import ArchiveService
    from ...services.care import CareService, HelperInfo, RecordInfo
    from ..tasks import TaskRunner

# The helper last chosen, per school, for this session: a teacher writing several records in
# a row does not pick their name every time.
_REMEMBERED_HELPER: dict[str, str] = {}

OBSERVATIONS = ("self_care", "personality", "health", "diet", "sleep", "home_education")
_KIND_COLUMNS = 6


def remembered_helper(school_id: str) -> str | None:
    return _REMEMBERED_HELPER.get(school_id)


def forget_helpers() -> None:
    """Forget the remembered helpers (a new session; tests)."""
    _REMEMBERED_HELPER.clear()


_KIND_ORDER: dict[str, int] = {
    HelperKind.TEACHER: 0,
    HelperKind.OUTSIDER: 1,
    HelperKind.CLASSMATE: 2,
}


def helper_label(h: HelperInfo) -> str:
    """Name, kind and (teachers) subject and class: two teachers may share a name.

    "吴晓燕（教师·数学·三年级(2)班）", "刘阿姨（校外）"."""
    parts = [h.kind]
    if h.kind == HelperKind.TEACHER:
        if h.subject:
            parts.append(h.subject)
        if h.grade is not None and h.class_no is not None:
            parts.append(class_label(h.grade, h.class_no))
    return f"{h.name}（{'·'.join(parts)}）"


def helper_order(h: HelperInfo) -> tuple[int, str, str]:
    """Teachers, then outsiders, then classmates; within each by the name's full pinyin."""
    words = search_key(h.name).split()
    reading = words[1] if len(words) > 1 else (words[0] if words else "")
    return (_KIND_ORDER.get(h.kind, len(_KIND_ORDER)), reading, helper_label(h))


@dataclass
class _Loaded:
    rows: list[ChildRow]
    helpers: list[HelperInfo]  # in the order the helper list shows them
    # child id → the child's active helper (a teacher first), for new records
    paired: dict[str, str] = field(default_factory=dict)
    attachments: list[Attachment] = field(default_factory=list)

    def paired_helper(self, child_ids: Sequence[str]) -> str | None:
        """The active helper of the first of these children who has one."""
        return next((self.paired[c] for c in child_ids if c in self.paired), None)


def _load(
    care: CareService,
    archive: ArchiveService,
    school_id: str,
    child_ids: Sequence[str],
    correcting: RecordInfo | None,
) -> _Loaded:
    helpers = sorted(care.helpers(school_id), key=helper_order)
    rows = archive.list_children(school_id)
    own = archive.own_children()
    if own is not None:  # a teacher writes records about their own children only
        rows = [r for r in rows if r.id in own or r.id in child_ids]
    loaded = _Loaded(rows, helpers)
    if correcting is None:
        active = care.pairings(school_id, active_only=True)
        for p in sorted(active, key=lambda p: p.helper_kind != HelperKind.TEACHER):
            loaded.paired.setdefault(p.child_id, p.helper_id)
    if correcting is not None:
        loaded.attachments = load_blobs(care, correcting.attachments)
    return loaded


# --- fields that wrap the record's own widgets ---------------------------------------------------
class KindField(Field):
    """One button per record kind; exactly one is down once chosen."""

    def __init__(self) -> None:
        container = QWidget()
        grid = QGridLayout(container)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        self.group = QButtonGroup(container)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for n, kind in enumerate(RecordKind):
            button = QPushButton(kind.value)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setObjectName(f"kind-{n}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(button)
            self.buttons[kind.value] = button
            grid.addWidget(button, n // _KIND_COLUMNS, n % _KIND_COLUMNS)
        container.setStyleSheet(
            "QPushButton:checked { background: #2f6fae; border-color: #2f6fae; color: white;"
            " font-weight: bold; }"
        )
        super().__init__(container)

    def value(self) -> str:
        button = self.group.checkedButton()
        return button.text() if button is not None else ""

    def set_value(self, value: object) -> None:
        button = self.buttons.get(str(value))
        if button is not None:
            button.setChecked(True)

    def on_change(self, listener: Callable[[], None]) -> None:
        def toggled(_button: object, on: bool) -> None:
            if on:
                listener()

        self.group.buttonToggled.connect(toggled)


class AttachmentsField(Field):
    def __init__(self, strip: AttachmentStrip) -> None:
        self.strip = strip
        super().__init__(strip)
        self.box.editor = strip.list

    def value(self) -> list[tuple[str, bytes]]:
        return self.strip.files()

    def set_value(self, value: object) -> None:
        self.strip.set_attachments(list(value) if isinstance(value, list) else [])

    def on_change(self, listener: Callable[[], None]) -> None:
        self.strip.changed.connect(listener)


# --- the dialog ----------------------------------------------------------------------------------
class RecordDialog(CareForm):
    """Write (or correct) one record; ``saved`` carries the new record's id."""

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        archive: ArchiveService,
        school_id: str,
        child_ids: list[str] | None = None,
        kind: str | None = None,
        correcting: RecordInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._care = care
        self._archive = archive
        self._school_id = school_id
        self._correcting = correcting
        self._loaded = False
        self._paired: _Loaded | None = None  # for the helpers of children added later
        self._too_big: list[str] = []
        self.setWindowTitle(
            self.tr("Correct a record") if correcting else self.tr("Write a record")
        )
        self.setSizeGripEnabled(True)
        fit_to_screen(self, 900, 780)
        self.depends = {"follow_up": ("follow_up_due",)}
        self._build()
        self.save_button.setText(self.tr("Save correction") if correcting else self.tr("Save"))
        self.save_button.setEnabled(False)
        self._start(child_ids or [], kind)

    # -- public -----------------------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._loaded

    @property
    def picker(self) -> ChildPicker:
        return self._children.picker

    def kind_button(self, kind: str) -> QPushButton:
        return self._kind.buttons[kind]

    def draft(self) -> RecordDraft:
        """The record as the form holds it now."""
        kind = self._kind.value()
        visit = kind == RecordKind.HOME_VISIT
        on = self.fields["occurred_on"].value()
        helper = self.fields["helper_id"].value()
        due = self.fields["follow_up_due"].value()
        return RecordDraft(
            kind=kind,
            occurred_on=on if isinstance(on, dt.date) else self._care.ctx.today(),
            child_ids=self._children.value(),
            summary=str(self.fields["summary"].value()).strip(),
            mode=str(self.fields["mode"].value()) if visit else "",
            helper_id=str(helper) if helper else None,
            details=self._details() if visit else {},
            follow_up=str(self.fields["follow_up"].value()).strip(),
            follow_up_due=due if isinstance(due, dt.date) else None,
            attachments=self.strip.files(),
        )

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        b = self.bind
        self._kind = KindField()
        self._children = ChildrenField()
        self.strip = AttachmentStrip(self._runner, self)
        self.strip.refused.connect(self._refused)
        self.strip.changed.connect(self._attachments_changed)

        header = QLabel(self.tr("What kind of record?"))
        font = header.font()
        font.setBold(True)
        header.setFont(font)

        main = FormGrid()
        main.add(self.tr("Date"), b("occurred_on", DateField()))
        self.helper_field = ChoiceField([], placeholder=self.tr("Who wrote it"))
        self.helper_field.combo.setMinimumContentsLength(14)
        main.add(self.tr("Helper"), b("helper_id", self.helper_field))
        main.add(self.tr("Children"), b("child_ids", self._children), wide=True)
        self._children.on_change(self._children_changed)
        self.group_hint = hint_label(
            self.tr(
                "For a guardians' meeting or a group visit add every child it covers, or a "
                "whole class at once."
            )
        )
        self._children.box.column.addWidget(self.group_hint)
        main.add(
            self.tr("Summary"),
            b("summary", NoteField(3, self.tr("What happened, in a few sentences"))),
            wide=True,
        )

        self.visit_box = self._visit_group()

        follow = FormGrid()
        follow.add(
            self.tr("To do"),
            b("follow_up", TextField(self.tr("What is to be done next, e.g. 联系村委会"), 300)),
            wide=True,
        )
        follow.add(self.tr("Due by"), b("follow_up_due", DateField(self.tr("optional"))))
        follow_box = QGroupBox(self.tr("Follow-up"))
        follow_layout = QVBoxLayout(follow_box)
        follow_layout.addWidget(follow)
        follow_layout.addWidget(
            hint_label(self.tr("A follow-up with a date shows as a due item on the dashboard."))
        )

        files_box = QGroupBox(self.tr("Photos and scanned forms"))
        files_layout = QVBoxLayout(files_box)
        files_layout.addWidget(b("attachments", AttachmentsField(self.strip)))

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(10)
        if self._correcting is not None:
            note = hint_label(
                arg(
                    self.tr(
                        "Correcting the record of %1. The corrected version replaces it in "
                        "lists and counts; the original stays in the history."
                    ),
                    date_text(self._correcting.occurred_on),
                )
            )
            layout.addWidget(note)
        layout.addWidget(header)
        layout.addWidget(b("kind", self._kind))
        layout.addWidget(main)
        layout.addWidget(self.visit_box)
        layout.addWidget(follow_box)
        layout.addWidget(files_box)
        layout.addStretch(1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)

        self.loading_label = hint_label(self.tr("Loading the children and helpers…"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 10)
        outer.addWidget(area, 1)
        outer.addWidget(self.loading_label)
        outer.addLayout(self.button_row())
        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)
        self._kind.on_change(self._kind_changed)

    def _visit_group(self) -> QGroupBox:
        b = self.bind
        box = QGroupBox(self.tr("Home visit"))
        top = FormGrid()
        top.add(
            self.tr("Mode"),
            b("mode", ChoiceField([m.value for m in VisitMode], required=True).limit(160)),
        )
        top.add(
            self.tr("Visitors"),
            b("visitors", TextField(self.tr("e.g. 李老师、王老师"), 120)),
        )
        top.add(
            self.tr("Who was met"),
            b("met", TextField(self.tr("e.g. 祖母；父亲（视频）"), 120)),
            wide=True,
        )
        labels = {
            "self_care": self.tr("Self-care"),
            "personality": self.tr("Personality"),
            "health": self.tr("Health"),
            "diet": self.tr("Diet"),
            "sleep": self.tr("Sleep"),
            "home_education": self.tr("Home education"),
        }
        seen = FormGrid()
        for key in OBSERVATIONS:
            seen.add(labels[key], b(f"obs_{key}", NoteField(2)))
        seen_box = QGroupBox(self.tr("What was seen"))
        QVBoxLayout(seen_box).addWidget(seen)

        found = FormGrid(columns=1)
        self._problems = ChecksField(VISIT_PROBLEMS, columns=3)
        found.add(self.tr("Problems found"), b("problems", self._problems))
        found.add(
            self.tr("Other problem"),
            b("problems_other", TextField(self.tr("anything else found"), 120)),
        )
        found.add(
            self.tr("Guardian's opinions"),
            b("guardian_opinion", NoteField(2, self.tr("What the guardian said and asked for"))),
        )
        found.add(self.tr("Advice given"), b("advice", NoteField(2)))

        layout = QVBoxLayout(box)
        layout.addWidget(top)
        layout.addWidget(seen_box)
        layout.addWidget(found)
        return box

    # -- loading ----------------------------------------------------------------------------
    def _start(self, child_ids: list[str], kind: str | None) -> None:
        c = self._correcting
        self._populating = True
        try:
            self.fields["mode"].set_value(VisitMode.IN_PERSON.value)
            if c is not None:
                self._fill_from(c)
            else:
                self.fields["occurred_on"].set_value(self._care.ctx.today())
                self._children.set_value(child_ids)
                if kind:
                    self._kind.set_value(kind)
        finally:
            self._populating = False
        self._kind_changed()
        ids = list(c.child_ids) if c is not None else child_ids
        care, archive, school_id = self._care, self._archive, self._school_id
        self._runner.run(
            lambda _state: _load(care, archive, school_id, ids, c),
            on_done=guarded(self, self._show_loaded),
            on_error=guarded(self, self.failed),
        )

    def _fill_from(self, r: RecordInfo) -> None:
        self._kind.set_value(r.kind)
        self.fields["occurred_on"].set_value(r.occurred_on)
        self._children.set_value(list(r.child_ids))
        self.fields["summary"].set_value(r.summary)
        if r.mode:
            self.fields["mode"].set_value(r.mode)
        self.fields["follow_up"].set_value(r.follow_up)
        self.fields["follow_up_due"].set_value(r.follow_up_due)
        d: dict[str, Any] = r.details or {}
        self.fields["visitors"].set_value(d.get("visitors", ""))
        self.fields["met"].set_value(d.get("met", ""))
        observations = d.get("observations") or {}
        for key in OBSERVATIONS:
            self.fields[f"obs_{key}"].set_value(observations.get(key, ""))
        problems = [str(p) for p in d.get("problems") or []]
        self.fields["problems"].set_value([p for p in problems if p in VISIT_PROBLEMS])
        self.fields["problems_other"].set_value(
            "、".join(p for p in problems if p not in VISIT_PROBLEMS)
        )
        self.fields["guardian_opinion"].set_value(d.get("guardian_opinion", ""))
        self.fields["advice"].set_value(d.get("advice", ""))

    def _show_loaded(self, loaded: _Loaded) -> None:
        self._populating = True
        try:
            self._children.picker.set_rows(loaded.rows)
            self._set_helpers(loaded)
            if self._correcting is not None:
                self.strip.set_attachments(loaded.attachments)
        finally:
            self._populating = False
        self._loaded = True
        self.loading_label.hide()
        self.save_button.setEnabled(not self.busy)
        self.revalidate()
        if self._kind.value():
            self.fields["summary"].widget.setFocus()
        elif self._kind.buttons:
            self._kind.buttons[RecordKind.HOME_VISIT.value].setFocus()

    def teachers_own_helper(self) -> str | None:
        """A teacher writes as themselves: their 帮扶人 record ("" for an account linked to
        none); None for every other role, who choose the helper."""
        actor = self._care.ctx.actor
        if actor is None or actor.role is not Role.TEACHER:
            return None
        return actor.helper_id or ""

    def _set_helpers(self, loaded: _Loaded) -> None:
        current = self._correcting.helper_id if self._correcting is not None else None
        combo = self.helper_field.combo
        combo.clear()
        combo.addItem(self.tr("(not given)"), "")
        for h in loaded.helpers:
            if h.active or h.id == current:
                combo.addItem(helper_label(h), h.id)
        own = self.teachers_own_helper()
        if own is not None:  # a teacher: the record is theirs (the service says so too)
            if own and combo.findData(own) < 0:
                mine = next((h for h in loaded.helpers if h.id == own), None)
                if mine is not None:
                    combo.addItem(helper_label(mine), own)
            combo.setCurrentIndex(max(combo.findData(own), 0))
            combo.setEnabled(False)
            combo.setToolTip(
                self.tr("Your own records name you as the helper.")
                if own
                else self.tr(
                    "Your account is not linked to your helper record (帮扶人): ask the "
                    "administrator to link it."
                )
            )
            return
        if self._correcting is None:
            self._paired = loaded
            wanted = remembered_helper(self._school_id) or loaded.paired_helper(
                self._children.value()
            )
        else:
            wanted = current
        at = combo.findData(wanted) if wanted else 0
        combo.setCurrentIndex(max(at, 0))

    # -- behaviour --------------------------------------------------------------------------
    def _children_changed(self) -> None:
        """A child added while no helper is given: their paired helper, unless the user has
        chosen (or cleared) the helper themselves; a record naming nobody counts for no one."""
        if self._paired is None or self._populating or "helper_id" in self._touched:
            return
        if self.teachers_own_helper() is not None:
            return  # a teacher's records are theirs
        if self.fields["helper_id"].value():
            return
        wanted = self._paired.paired_helper(self._children.value())
        at = self.helper_field.combo.findData(wanted) if wanted else -1
        if at > 0:
            self._populating = True  # not the user's own choice
            try:
                self.helper_field.combo.setCurrentIndex(at)
            finally:
                self._populating = False

    def _kind_changed(self) -> None:
        kind = self._kind.value()
        self.visit_box.setVisible(kind == RecordKind.HOME_VISIT)
        self.group_hint.setVisible(kind in (RecordKind.GUARDIAN_MEETING, RecordKind.HOME_VISIT))
        if kind and not self._populating and self._loaded:
            self.fields["summary"].widget.setFocus()

    def _details(self) -> dict[str, Any]:
        problems = list(self._problems.value())
        other = str(self.fields["problems_other"].value()).strip()
        if other:
            problems.append(other)
        return {
            "visitors": str(self.fields["visitors"].value()).strip(),
            "met": str(self.fields["met"].value()).strip(),
            "observations": {
                key: str(self.fields[f"obs_{key}"].value()).strip() for key in OBSERVATIONS
            },
            "problems": problems,
            "guardian_opinion": str(self.fields["guardian_opinion"].value()).strip(),
            "advice": str(self.fields["advice"].value()).strip(),
        }

    def _refused(self, names: list[str]) -> None:
        self._too_big = names
        self.revalidate()

    def _attachments_changed(self) -> None:
        self._too_big = []

    def problems(self) -> dict[str, str]:
        today = self._care.ctx.today()
        errors: dict[str, str] = {}
        if not self._kind.value():
            errors["kind"] = self.tr("Choose what kind of record this is")
        problem = date_problem(self.fields["occurred_on"], today, required=True)
        if problem:
            errors["occurred_on"] = problem
        if not self._children.value():
            errors["child_ids"] = self.tr("Choose at least one child")
        due = date_problem(self.fields["follow_up_due"], today, required=False, future=True)
        if due:
            errors["follow_up_due"] = due
        elif (
            self.fields["follow_up_due"].value() is not None
            and not str(self.fields["follow_up"].value()).strip()
        ):
            errors["follow_up"] = self.tr("You gave a follow-up date: write what is to be done")
        return errors

    def revalidate(self) -> None:
        super().revalidate()
        box = self.fields["attachments"].box
        if self._too_big and not box.kind:  # said at once; the refused files were not added
            box.set_problem(ERROR, "；".join(too_big_message(n) for n in self._too_big))

    def submit(self) -> None:
        if not self._loaded or self.strip.reading:
            return
        super().submit()

    def job(self) -> Callable[[], Any]:
        draft = self.draft()
        care, school_id = self._care, self._school_id
        correcting = self._correcting.id if self._correcting is not None else None
        if correcting is not None:
            return lambda: care.correct_record(correcting, draft)
        return lambda: care.add_record(school_id, draft)

    def on_saved(self, result: Any) -> None:
        helper = self.fields["helper_id"].value()
        if helper and self.teachers_own_helper() is None:
            _REMEMBERED_HELPER[self._school_id] = str(helper)
        super().on_saved(result)


__all__ = ["OBSERVATIONS", "RecordDialog", "forget_helpers", "remembered_helper"]
