"""Printing: gathers what the printed forms show and hands it to the renderers in ``reports``.

The archive card (档案卡) of a selection of children, of a class, or of a whole school: the
archives are read one by one in one read transaction, the current assessments, pairings and
latest records in a few bulk queries (not one query per child and table), so a school of 500
prints in seconds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..domain.access import Op, Role
from ..domain.archive import Assessment, ChildArchive
from ..domain.care import RecordKind
from ..domain.enums import AT_SCHOOL
from ..domain.errors import KnownError
from ..domain.grades import class_label, grade_label
from ..reports.archive_card import (
    MAX_HELPERS,
    MAX_VISITS,
    CardData,
    CardHelper,
    CardsCancelled,
    CardVisit,
    MissingGlyph,
    write_cards,
)
from ..reports.contact_cards import ContactCard, Person, write_contact_cards
from ..reports.duty_report_pdf import (
    DutyReportData,
    ReportMissed,
    ReportPairing,
    ReportRule,
    write_duty_reports,
)
from ..reports.fonts import FontSpec
from ..reports.ledger_pdf import ledger_document
from ..reports.pairing_pdf import PairingLine, pairing_document
from ..reports.table_pdf import PrintedTable, TableCancelled, write_table
from ..reports.visit_form import VisitFormData, VisitRecord, write_visit_forms
from .access import (
    PermissionDenied,
    actor_of,
    arg,
    check,
    requires,
    teacher_children,
    write_audit,
)
from .archive import ArchiveService
from .care import CareService, TeacherReport
from .context import ServiceContext

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

_CHUNK = 500

__all__ = ["CardsCancelled", "MissingGlyph", "PrintService"]


def _day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


class PrintService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        # the fonts tried after the vendored one; None: Windows SimSun and SimSun-ExtB
        self.fallback_fonts: list[FontSpec] | None = None

    # -- choosing children ---------------------------------------------------------------------
    @requires(Op.READ_LIST)
    def children_of(self, *, grade: int | None = None, class_no: int | None = None) -> list[str]:
        """The ids of the children at school (在册, 不再留守) of this database's school(s), or of
        one class, in class and name order — the order a class's folder is kept in."""
        sql = "SELECT id FROM child WHERE status IN (?, ?)"
        params: list[Any] = sorted(AT_SCHOOL)
        own = self._own_school()
        if own is not None:
            sql += " AND school_id = ?"
            params.append(own)
        if grade is not None:
            sql += " AND grade = ?"
            params.append(grade)
        if class_no is not None:
            sql += " AND class_no = ?"
            params.append(class_no)
        sql += " ORDER BY school_id, grade, class_no, name_pinyin, id"
        with self.ctx.db.session(write=False) as s:
            return [r[0] for r in s.connection().exec_driver_sql(sql, tuple(params))]

    def _own_school(self) -> str | None:
        with self.ctx.db.session(write=False) as s:
            rows = {
                k: v
                for k, v in s.connection().exec_driver_sql(
                    "SELECT key, value FROM meta WHERE key IN ('mode', 'own_school')"
                )
            }
        if (rows.get("mode") or "school") != "school":
            return None
        return rows.get("own_school")

    # -- the archive card ----------------------------------------------------------------------
    @requires(Op.PRINT, children=arg("child_ids"))
    def card_data(
        self, child_ids: Sequence[str], cancelled: CancelFn | None = None
    ) -> list[CardData]:
        """What each child's card shows, in the order of ``child_ids``."""
        ids = list(dict.fromkeys(child_ids))
        archive = ArchiveService(self.ctx)
        with self.ctx.db.session(write=False) as s:
            if cancelled is not None and cancelled():
                raise CardsCancelled()
            loaded = archive.load_many(s, ids)  # bulk queries, one read transaction for all
            for child_id in ids:
                if child_id not in loaded:
                    archive.load_in(s, child_id)  # raises NotFound, with its message
            archives: list[ChildArchive] = [loaded[i] for i in ids]
            if cancelled is not None and cancelled():
                raise CardsCancelled()
            conn = s.connection()
            schools = {k: v for k, v in conn.exec_driver_sql("SELECT id, name FROM school")}
            teachers = {
                (sid, g, c): name
                for sid, g, c, name in conn.exec_driver_sql(
                    "SELECT school_id, grade, class_no, teacher_name FROM school_class"
                )
            }
            assessments = self._assessments(conn, ids)
            helpers = self._helpers(conn, ids)
            visits = self._visits(conn, ids)
        cards: list[CardData] = []
        for a in archives:
            c = a.child
            cards.append(
                CardData(
                    archive=a,
                    assessment=assessments.get(c.id),
                    helpers=helpers.get(c.id, []),
                    visits=visits.get(c.id, []),
                    class_teacher=teachers.get((c.school_id, c.grade, c.class_no), "") or "",
                    school_name=schools.get(c.school_id, ""),
                )
            )
        return cards

    @staticmethod
    def _assessments(conn: Any, ids: list[str]) -> dict[str, Assessment]:
        """The current assessment of each child: the latest by (date, creation stamp)."""
        found: dict[str, Assessment] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows = conn.exec_driver_sql(
                "SELECT child_id, assessed_on, risk_type, risk_level, guardian_assessment, "
                f"assessor, reasons, id FROM assessment WHERE child_id IN ({marks}) "
                "ORDER BY child_id, assessed_on DESC, hlc DESC",
                tuple(chunk),
            )
            for r in rows:
                if r[0] in found:
                    continue
                found[r[0]] = Assessment(
                    assessed_on=_day(r[1]) or dt.date.min,
                    risk_type=int(r[2]),
                    risk_level=int(r[3]),
                    guardian_assessment=r[4] or "",
                    assessor=r[5] or "",
                    reasons=r[6] or "",
                    id=r[7],
                    child_id=r[0],
                )
        return found

    @staticmethod
    def _helpers(conn: Any, ids: list[str]) -> dict[str, list[CardHelper]]:
        """Each child's pairings: the current ones first, then the most recently ended."""
        found: dict[str, list[CardHelper]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows = conn.exec_driver_sql(
                "SELECT p.child_id, h.name, h.kind, p.role, p.start_date, p.end_date "
                "FROM pairing p JOIN helper h ON h.id = p.helper_id "
                f"WHERE p.child_id IN ({marks}) "
                "ORDER BY p.child_id, p.end_date IS NOT NULL, p.end_date DESC, p.start_date DESC",
                tuple(chunk),
            )
            for child_id, name, kind, role, start, end in rows:
                items = found.setdefault(child_id, [])
                if len(items) < MAX_HELPERS:
                    items.append(CardHelper(name, kind or "", role or "", _day(start), _day(end)))
        return found

    @staticmethod
    def _visits(conn: Any, ids: list[str]) -> dict[str, list[CardVisit]]:
        """Each child's latest records (not superseded by a correction), newest first; with the
        records of duplicate archives merged into the child's."""
        found: dict[str, list[CardVisit]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows = conn.exec_driver_sql(
                "SELECT owner, occurred_on, kind, mode, summary, who FROM ("
                " SELECT COALESCE(c.merged_into, rc.child_id) AS owner, r.occurred_on, r.kind,"
                " r.mode, r.summary, COALESCE(h.name, r.author) AS who,"
                " ROW_NUMBER() OVER (PARTITION BY COALESCE(c.merged_into, rc.child_id)"
                "  ORDER BY r.occurred_on DESC, r.id DESC) AS n"
                " FROM record_child rc JOIN record r ON r.id = rc.record_id"
                " JOIN child c ON c.id = rc.child_id"
                " LEFT JOIN helper h ON h.id = r.helper_id"
                f" WHERE (rc.child_id IN ({marks}) OR c.merged_into IN ({marks}))"
                " AND NOT EXISTS (SELECT 1 FROM record n WHERE n.corrects = r.id)"
                f") WHERE n <= {MAX_VISITS} ORDER BY owner, n",
                (*chunk, *chunk),
            )
            for owner, on, kind, mode, summary, who in rows:
                found.setdefault(owner, []).append(
                    CardVisit(_day(on) or dt.date.min, kind, mode or "", summary or "", who or "")
                )
        return found

    @requires(Op.PRINT, children=arg("child_ids"))
    def archive_cards(
        self,
        child_ids: Sequence[str],
        path: Path,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> list[MissingGlyph]:
        """Write the archive cards of ``child_ids`` (one A4 page each, in this order) to
        ``path``; returns the characters no font could print (child and character).
        ``progress(done, total)`` after each page; ``cancelled()`` is asked between pages and
        stops with :class:`CardsCancelled`, writing nothing."""
        if not child_ids:
            raise KnownError("没有要打印的儿童。")
        cards = self.card_data(child_ids, cancelled)
        school = cards[0].school_name if cards else ""
        missing = write_cards(
            cards,
            school,
            Path(path),
            printed_on=self.ctx.today(),
            fallbacks=self.fallback_fonts,
            progress=progress,
            cancelled=cancelled,
        )
        _audit_print(self.ctx, "档案卡", path, child_ids)
        return missing

    # -- tables on landscape A4: the ledger (台账) and the pairing list (结对帮扶名单) -----------
    def _chosen(
        self, grade: int | None, class_no: int | None, child_ids: Sequence[str] | None
    ) -> tuple[set[str] | None, str]:
        """The children a table is limited to (None: everyone at school) and the label of
        that part (a class or a grade). Refuses a choice with no child at school."""
        if grade is None and class_no is None and child_ids is None:
            return None, ""
        ids = set(self.children_of(grade=grade, class_no=class_no))
        if child_ids is not None:
            ids &= set(child_ids)
        if not ids:
            raise KnownError("没有要打印的儿童（这个班没有在校儿童？）。")
        if grade is not None and class_no is not None:
            return ids, class_label(grade, class_no)
        return ids, grade_label(grade) if grade is not None else ""

    @requires(Op.PRINT)
    def ledger_pdf(
        self,
        path: Path,
        *,
        grade: int | None = None,
        class_no: int | None = None,
        child_ids: Sequence[str] | None = None,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> PrintedTable:
        """The ledger (台账) as a landscape A4 table: the Excel ledger's rows
        (``LedgerService.ledger_rows``: every child at school; at the township every school,
        with a 学校 column), or those of one class or of ``child_ids``; with each child's
        current helpers. ``progress``/``cancelled`` as in :func:`~..reports.table_pdf.render_table`
        (cancel writes nothing)."""
        from .ledger import LedgerService
        from .sync import MODE_TOWNSHIP

        ledger = LedgerService(self.ctx)
        wanted, scope = self._chosen(grade, class_no, child_ids)
        rows = ledger.ledger_rows()
        if wanted is not None:
            rows = [r for r in rows if r.child_id in wanted]
        check(self.ctx, Op.PRINT, [r.child_id for r in rows])  # a teacher: their children only
        if cancelled is not None and cancelled():
            raise TableCancelled("台账")
        with self.ctx.db.session(write=False) as s:
            helpers = self._helper_contacts(s.connection(), [r.child_id for r in rows])
        several = ledger.archive.mode() == MODE_TOWNSHIP or len({r.school for r in rows}) > 1
        doc = ledger_document(
            rows,
            ledger.unit_name(),
            helpers={k: [p.name for p in v] for k, v in helpers.items()},
            with_school=several,
            scope=scope,
            printed_on=self.ctx.today(),
        )
        printed = write_table(
            doc, Path(path), fallbacks=self.fallback_fonts, progress=progress, cancelled=cancelled
        )
        _audit_print(self.ctx, "台账", path, [r.child_id for r in rows])
        return printed

    @requires(Op.READ_CARE)
    def pairing_lines(
        self,
        *,
        grade: int | None = None,
        class_no: int | None = None,
        child_ids: Sequence[str] | None = None,
    ) -> tuple[list[PairingLine], str]:
        """Every current pairing (``CareService.pairings``, active only) of the children at
        school, or of one class, with the helper's phone; and the label of the part chosen."""
        from .care import CareService

        care = CareService(self.ctx)
        wanted, scope = self._chosen(grade, class_no, child_ids)
        at_school = wanted if wanted is not None else set(self.children_of())
        schools = ArchiveService(self.ctx).schools()
        names = {sc.id: sc.name for sc in schools}
        helpers = {h.id: h for sc in schools for h in care.helpers(sc.id)}
        lines: list[PairingLine] = []
        for p in care.pairings(self._own_school(), active_only=True):
            if p.child_id not in at_school:
                continue
            h = helpers.get(p.helper_id)
            lines.append(
                PairingLine(
                    child_name=p.child_name,
                    class_label=p.class_label,
                    helper_name=p.helper_name,
                    helper_kind=p.helper_kind,
                    helper_phone=h.phone if h else "",
                    role=p.role,
                    since=p.start_date,
                    goals=p.goals,
                    content=p.content,
                    help_times=p.help_times,
                    study_situation=p.study_situation,
                    school=names.get(h.school_id, "") if h else "",
                    child_id=p.child_id,
                )
            )
        lines.sort(key=lambda line: line.school)  # stable: by class and child within a school
        return lines, scope

    @requires(Op.PRINT)
    def pairing_list_pdf(
        self,
        path: Path,
        *,
        grade: int | None = None,
        class_no: int | None = None,
        child_ids: Sequence[str] | None = None,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> PrintedTable:
        """The pairing list (结对帮扶名单) as a landscape A4 table, by class and child."""
        from .ledger import LedgerService
        from .sync import MODE_TOWNSHIP

        lines, scope = self.pairing_lines(grade=grade, class_no=class_no, child_ids=child_ids)
        mine = teacher_children(self.ctx)  # a teacher prints the pairings of their children
        if mine is not None:
            lines = [x for x in lines if x.child_id in mine]
            if not lines:
                raise KnownError("您的学生还没有结对，没有可打印的结对名单。")
        if cancelled is not None and cancelled():
            raise TableCancelled("结对帮扶名单")
        ledger = LedgerService(self.ctx)
        several = ledger.archive.mode() == MODE_TOWNSHIP or len({x.school for x in lines}) > 1
        doc = pairing_document(
            lines,
            ledger.unit_name(),
            with_school=several,
            scope=scope,
            printed_on=self.ctx.today(),
        )
        printed = write_table(
            doc, Path(path), fallbacks=self.fallback_fonts, progress=progress, cancelled=cancelled
        )
        _audit_print(self.ctx, "结对帮扶名单", path, [x.child_id for x in lines])
        return printed

    # -- contact cards and home-visit forms ----------------------------------------------------
    def _contacts(self, conn: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Per child (bulk, in chunks): the child's row, guardian, father, mother, class teacher
        and school name, as plain values."""
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows = conn.exec_driver_sql(
                "SELECT c.id, c.name, c.sex, c.grade, c.class_no, c.address, c.left_behind_kind, "
                "g.name, g.relation, g.phone, g.address, "
                "f.name, f.phone, f.work_province, f.work_city, "
                "m.name, m.phone, m.work_province, m.work_city, "
                "k.teacher_name, k.teacher_phone, s.name "
                "FROM child c "
                "LEFT JOIN guardian g ON g.child_id = c.id "
                "LEFT JOIN parent f ON f.child_id = c.id AND f.role = '父亲' "
                "LEFT JOIN parent m ON m.child_id = c.id AND m.role = '母亲' "
                "LEFT JOIN school_class k ON k.school_id = c.school_id AND k.grade = c.grade "
                "AND k.class_no = c.class_no "
                "LEFT JOIN school s ON s.id = c.school_id "
                f"WHERE c.id IN ({marks})",
                tuple(chunk),
            )
            keys = [
                "id",
                "name",
                "sex",
                "grade",
                "class_no",
                "address",
                "kind",
                "g_name",
                "g_relation",
                "g_phone",
                "g_address",
                "f_name",
                "f_phone",
                "f_prov",
                "f_city",
                "m_name",
                "m_phone",
                "m_prov",
                "m_city",
                "t_name",
                "t_phone",
                "school",
            ]
            for r in rows:
                found[r[0]] = {k: ("" if v is None else v) for k, v in zip(keys, r, strict=True)}
        return found

    @staticmethod
    def _helper_contacts(conn: Any, ids: list[str]) -> dict[str, list[Person]]:
        """Each child's current pairings (helper name, phone, role)."""
        found: dict[str, list[Person]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows = conn.exec_driver_sql(
                "SELECT p.child_id, h.name, h.phone, p.role FROM pairing p "
                "JOIN helper h ON h.id = p.helper_id "
                f"WHERE p.child_id IN ({marks}) AND p.end_date IS NULL "
                "ORDER BY p.child_id, p.start_date",
                tuple(chunk),
            )
            for child_id, name, phone, role in rows:
                found.setdefault(child_id, []).append(Person(name, phone or "", role or ""))
        return found

    def _gather(self, child_ids: Sequence[str]) -> tuple[list[str], dict[str, dict[str, Any]]]:
        if not child_ids:
            raise KnownError("没有要打印的儿童。")
        ids = list(dict.fromkeys(child_ids))
        with self.ctx.db.session(write=False) as s:
            found = self._contacts(s.connection(), ids)
        missing = [i for i in ids if i not in found]
        if missing:
            raise KnownError(f"找不到这名儿童：{missing[0]}")
        return ids, found

    @requires(Op.PRINT_CONTACT)
    def contact_card_data(self, child_ids: Sequence[str]) -> list[ContactCard]:
        ids = list(dict.fromkeys(child_ids))
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            found = self._contacts(conn, ids)
            helpers = self._helper_contacts(conn, ids)
        cards: list[ContactCard] = []
        for child_id in ids:
            c = found.get(child_id)
            if c is None:
                raise KnownError(f"找不到这名儿童：{child_id}")
            cards.append(
                ContactCard(
                    child_name=c["name"],
                    class_label=class_label(c["grade"], c["class_no"]) if c["grade"] else "",
                    teacher=Person(c["t_name"], c["t_phone"]),
                    guardian=Person(c["g_name"], c["g_phone"], c["g_relation"]),
                    father=Person(c["f_name"], c["f_phone"]),
                    mother=Person(c["m_name"], c["m_phone"]),
                    helpers=helpers.get(child_id, []),
                    school_name=c["school"],
                )
            )
        return cards

    @requires(Op.PRINT_CONTACT)
    def contact_cards(
        self,
        child_ids: Sequence[str],
        path: Path,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> list[MissingGlyph]:
        """Write the contact cards (联系卡, eight to an A4 page) of ``child_ids`` to ``path``;
        returns the characters no font could print. Progress counts cards."""
        if not child_ids:
            raise KnownError("没有要打印的儿童。")
        cards = self.contact_card_data(child_ids)
        missing = write_contact_cards(
            cards,
            Path(path),
            cards[0].school_name,
            fallbacks=self.fallback_fonts,
            progress=progress,
            cancelled=cancelled,
        )
        _audit_print(self.ctx, "联系卡", path, child_ids)
        return missing

    @staticmethod
    def _form(c: dict[str, Any], record: VisitRecord | None = None) -> VisitFormData:
        def parent(prefix: str) -> str:
            place = f"{c[prefix + '_prov']}{c[prefix + '_city']}"
            return "　".join(x for x in (c[prefix + "_name"], c[prefix + "_phone"], place) if x)

        return VisitFormData(
            child_name=c["name"],
            sex=c["sex"],
            class_label=class_label(c["grade"], c["class_no"]) if c["grade"] else "",
            left_behind_kind=c["kind"],
            guardian_name=c["g_name"],
            guardian_relation=c["g_relation"],
            guardian_phone=c["g_phone"],
            address=c["address"] or c["g_address"],
            father=parent("f"),
            mother=parent("m"),
            class_teacher=c["t_name"],
            school_name=c["school"],
            record=record,
        )

    @requires(Op.PRINT, children=arg("child_ids"))
    def visit_forms(
        self,
        child_ids: Sequence[str],
        path: Path,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> list[MissingGlyph]:
        """Blank home-visit forms (家访登记表), one A4 page per child, with the child's name,
        class, guardian and address filled in."""
        ids, found = self._gather(child_ids)
        forms = [self._form(found[i]) for i in ids]
        missing = write_visit_forms(
            forms,
            Path(path),
            forms[0].school_name,
            printed_on=self.ctx.today(),
            fallbacks=self.fallback_fonts,
            progress=progress,
            cancelled=cancelled,
        )
        _audit_print(self.ctx, "家访登记表（空白）", path, ids)
        return missing

    @requires(Op.PRINT)
    def visit_form_for_record(
        self,
        record_id: str,
        path: Path,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> list[MissingGlyph]:
        """The home-visit form filled in from a saved 家访 record: one page per child of the
        record (a group visit has several)."""
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            row = conn.exec_driver_sql(
                "SELECT r.kind, r.occurred_on, r.mode, r.author, r.summary, r.details, "
                "r.follow_up, r.follow_up_due, h.name FROM record r "
                "LEFT JOIN helper h ON h.id = r.helper_id WHERE r.id = ?",
                (record_id,),
            ).fetchone()
            if row is None:
                raise KnownError("找不到这条记录。")
            child_ids = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT child_id FROM record_child WHERE record_id = ? ORDER BY child_id",
                    (record_id,),
                )
            ]
        check(self.ctx, Op.PRINT, child_ids)  # a teacher: records of their children only
        kind, on, mode, author, summary, details, follow_up, due, helper = row
        if kind != RecordKind.HOME_VISIT:
            raise KnownError(f"这条记录是“{kind}”，不是家访，不能打印家访登记表。")
        d: dict[str, Any] = details if isinstance(details, dict) else json.loads(details or "{}")
        observations = d.get("observations") or {}
        record = VisitRecord(
            on=_day(on) or dt.date.min,
            mode=mode or "",
            visitors=str(d.get("visitors") or "") or (helper or author or ""),
            met=str(d.get("met") or ""),
            summary=summary or "",
            observations={str(k): str(v or "") for k, v in observations.items()},
            problems=tuple(str(p) for p in d.get("problems") or ()),
            guardian_opinion=str(d.get("guardian_opinion") or ""),
            advice=str(d.get("advice") or ""),
            follow_up=follow_up or "",
            follow_up_due=_day(due),
        )
        ids, found = self._gather(child_ids)
        forms = [self._form(found[i], record) for i in ids]
        missing = write_visit_forms(
            forms,
            Path(path),
            forms[0].school_name,
            printed_on=self.ctx.today(),
            fallbacks=self.fallback_fonts,
            progress=progress,
            cancelled=cancelled,
        )
        _audit_print(self.ctx, "家访登记表", path, ids)
        return missing

    # -- the teacher's year-end duty report (考核) ----------------------------------------------
    @requires(Op.READ_CARE)
    def duty_report_teachers(self, school_year: str) -> list[str]:
        """The teachers a school head prints at year end: every teacher-helper of this
        database's school (of every school with that year in its calendar, at a township) who is
        still a helper or was paired with a child during the year — by school, then name."""
        from ..domain.care import HelperKind
        from ..domain.pinyin import search_key

        own = self._own_school()
        care = CareService(self.ctx)
        sql = (
            "SELECT h.id, h.name, h.school_id, h.active, s.name FROM helper h "
            "JOIN school s ON s.id = h.school_id WHERE h.kind = ?"
        )
        params: list[Any] = [HelperKind.TEACHER.value]
        if own is not None:
            sql += " AND h.school_id = ?"
            params.append(own)
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            helpers = conn.exec_driver_sql(sql, tuple(params)).fetchall()
            pairings = conn.exec_driver_sql(
                "SELECT helper_id, start_date, end_date FROM pairing"
            ).fetchall()
        years: dict[str, tuple[dt.date, dt.date] | None] = {}
        for school_id in {h[2] for h in helpers}:
            terms = [t for t in care.terms(school_id) if t.school_year == school_year]
            years[school_id] = (
                (min(t.start for t in terms), max(t.end for t in terms)) if terms else None
            )
        paired: set[str] = set()
        spans = {h[0]: years[h[2]] for h in helpers}
        for helper_id, start, end in pairings:
            span = spans.get(helper_id)
            begun, ended = _day(start), _day(end)
            if span is None or begun is None:
                continue
            if begun <= span[1] and (ended is None or ended >= span[0]):
                paired.add(helper_id)
        if helpers and all(span is None for span in years.values()):
            raise KnownError(f"校历里没有 {school_year} 学年的学期，请先在“校历与工作要求”中设置。")
        chosen = [h for h in helpers if years[h[2]] is not None and (h[3] or h[0] in paired)]
        chosen.sort(key=lambda h: (h[4], search_key(h[1]).split(" ")[-1], h[1], h[0]))
        return [h[0] for h in chosen]

    @requires(Op.READ_CARE)
    def duty_report_data(self, helper_ids: Sequence[str], school_year: str) -> list[DutyReportData]:
        """What each teacher's report shows (``CareService.teacher_reports``, read in bulk)."""
        from ..domain.care import HelperKind

        ids = list(dict.fromkeys(helper_ids))
        care = CareService(self.ctx)
        marks = ",".join("?" * len(ids))
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            rows = conn.exec_driver_sql(
                "SELECT h.id, h.school_id, s.name, h.kind, h.name FROM helper h "
                f"JOIN school s ON s.id = h.school_id WHERE h.id IN ({marks})",
                tuple(ids),
            ).fetchall()
        schools = {r[0]: (r[1], r[2]) for r in rows}
        for helper_id in ids:
            if helper_id not in schools:
                raise KnownError(f"找不到这位帮扶人：{helper_id}")
        for r in rows:
            if r[3] != HelperKind.TEACHER:
                raise KnownError(f"{r[4]} 是{r[3]}帮扶人，不是教师：考核表只为教师打印。")
        reports = care.teacher_reports(ids, school_year)
        today: dt.date = self.ctx.today()
        ends: dict[str, dt.date] = {}
        for school_id, _name in set(schools.values()):
            terms = [t for t in care.terms(school_id) if t.school_year == school_year]
            ends[school_id] = max((t.end for t in terms), default=today)
        return [
            _duty_report(r, schools[r.helper_id][1], min(today, ends[schools[r.helper_id][0]]))
            for r in reports
        ]

    @requires(Op.PRINT)
    def teacher_report_pdf(
        self,
        helper_id: str,
        school_year: str,
        path: Path,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> list[MissingGlyph]:
        """One teacher's year-end duty report (教师关爱工作考核表) as a PDF; returns the
        characters no font could print."""
        return self.teacher_reports_pdf([helper_id], school_year, path, progress, cancelled)

    @requires(Op.PRINT)
    def teacher_reports_pdf(
        self,
        helper_ids: Sequence[str] | None,
        school_year: str,
        path: Path,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> list[MissingGlyph]:
        """The reports of several teachers in one PDF, each on pages of their own (numbered
        per teacher); ``None``: every teacher of :meth:`duty_report_teachers`. Progress counts
        teachers; ``cancelled()`` stops with :class:`CardsCancelled`, writing nothing."""
        ids = self.duty_report_teachers(school_year) if helper_ids is None else list(helper_ids)
        actor = actor_of(self.ctx)
        if actor.role is Role.TEACHER and ids != [actor.helper_id]:
            # a teacher prints their own year-end report, not their colleagues'
            write_audit(self.ctx, "refused", outcome="refused", detail="打印其他教师的考核表")
            raise PermissionDenied(
                Op.PRINT, actor, message="教师只能打印自己的考核表。其他教师的请找管理员打印。"
            )
        if not ids:
            raise KnownError(
                f"没有要打印考核表的教师：{school_year} 学年没有登记为帮扶人的教师。"
                "请先在“帮扶结对”中登记教师。"
            )
        if progress is not None:
            progress(0, len(ids))
        if cancelled is not None and cancelled():
            raise CardsCancelled()
        data = self.duty_report_data(ids, school_year)
        missing = write_duty_reports(
            data,
            Path(path),
            printed_on=self.ctx.today(),
            fallbacks=self.fallback_fonts,
            progress=progress,
            cancelled=cancelled,
        )
        names = "、".join(d.teacher for d in data[:5]) + (
            f"等 {len(data)} 人" if len(data) > 5 else ""
        )
        _audit_print(self.ctx, f"{school_year}学年考核表（{names}）", path, ())
        return missing


def _audit_print(ctx: ServiceContext, what: str, path: Path, child_ids: Iterable[str]) -> None:
    ids = list(dict.fromkeys(child_ids))
    count = f"，{len(ids)} 名儿童" if ids else ""
    write_audit(ctx, "print", child_ids=ids, detail=f"{what}{count} → {Path(path).name}")


def _duty_report(r: TeacherReport, school: str, as_of: dt.date) -> DutyReportData:
    return DutyReportData(
        teacher=r.helper_name,
        school_name=school,
        school_year=r.school_year,
        as_of=as_of,
        pairings=[
            ReportPairing(p.child_name, p.class_label, p.role, p.start_date, p.end_date)
            for p in r.pairings
        ],
        records_by_kind=list(r.records_by_kind.items()),
        rules=[ReportRule(d.label, d.required, d.done, d.due, d.overdue) for d in r.rules],
        met=r.met,
        missed=r.missed,
        missed_units=[
            ReportMissed(u.rule, u.child_name, u.class_label, u.start, u.end, u.required, u.done)
            for u in r.missed_units
        ],
    )
