"""Printing: gathers what the printed forms show and hands it to the renderers in ``reports``.

The archive card (档案卡) of a selection of children, of a class, or of a whole school: the
archives are read one by one in one read transaction, the current assessments, pairings and
latest records in a few bulk queries (not one query per child and table), so a school of 500
prints in seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..domain.archive import Assessment, ChildArchive
from ..domain.enums import AT_SCHOOL
from ..domain.errors import KnownError
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
from ..reports.fonts import FontSpec
from .archive import ArchiveService
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
    def card_data(
        self, child_ids: Sequence[str], cancelled: CancelFn | None = None
    ) -> list[CardData]:
        """What each child's card shows, in the order of ``child_ids``."""
        ids = list(dict.fromkeys(child_ids))
        archive = ArchiveService(self.ctx)
        with self.ctx.db.session(write=False) as s:
            archives: list[ChildArchive] = []
            for child_id in ids:
                if cancelled is not None and cancelled():
                    raise CardsCancelled()
                archives.append(archive.load_in(s, child_id))  # one read transaction for all
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
        return write_cards(
            cards,
            school,
            Path(path),
            printed_on=self.ctx.today(),
            fallbacks=self.fallback_fonts,
            progress=progress,
            cancelled=cancelled,
        )
