"""Importing a roster (花名册) from Excel or CSV, undoing an import, and the import template.

    roster = RosterService(ctx).open(path)        # read; find headers; map the columns
    roster.mapping["监护人/联系电话"] = "guardian_phone"   # the user corrects the mapping
    report = service.preview(roster)              # what would happen, writing nothing
    report = service.run(roster)                  # one transaction; remembered for undo
    service.undo(report.import_id)

A good row adds a child, or updates the child with the same ID number (or, without one, the
only child with the same name and birth date) with the values the row gives — an empty cell
never erases what the archive holds. A bad row is listed with its sheet, its spreadsheet row
number (1-based, as Excel shows it) and the reason. The column mapping the user settles on is
remembered in the database for the next file with the same column names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session

from ..domain.access import Op
from ..domain.archive import FIELD_LABELS, ChildArchive, validate_archive
from ..domain.enums import GuardianRelation, LeftBehindKind, Sex, Status
from ..domain.errors import KnownError
from ..domain.grades import MAX_GRADE, grade_label
from ..domain.roster import (
    FIELD_BY_KEY,
    FIELDS,
    Header,
    apply_given,
    find_header,
    grade_of_sheet,
    map_columns,
    parse_row,
    skip_reason,
    text_of,
)
from ..reports.roster_files import (
    SheetGrid,
    TemplateColumn,
    UnreadableRoster,
    read_roster,
    write_problem_report,
    write_template,
)
from ..storage import models
from .access import requires, write_audit
from .archive import ArchiveService, normalized
from .backup import BackupService
from .changes import Changes, ChangeWriter, bulk_insert, new_id, read_meta, read_mode, write_meta
from .context import ServiceContext

__all__ = ["ImportReport", "RosterFile", "RosterService", "UnreadableRoster"]

META_MAPPING = "roster_mapping"
UNDO_REASON = "撤销花名册导入"  # the status reason of a child an undo removed
_UNDONE = "undone"
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ImportCancelled(KnownError):
    def __init__(self) -> None:
        super().__init__("已取消，花名册没有导入，数据库没有任何改动。")


@dataclass
class RosterColumn:
    index: int  # 0-based
    label: str  # "姓名", "监护人/联系电话"
    samples: list[str] = field(default_factory=list)


@dataclass
class RosterSheet:
    name: str
    header: Header | None
    columns: list[RosterColumn]
    data_rows: int  # rows below the header that are not blank
    grade_hint: int | None = None  # the sheet is named for a grade (三年级)
    note: str = ""  # why the sheet is skipped (no table on it), in Chinese


@dataclass
class RosterFile:
    path: Path
    sheets: list[RosterSheet]
    grids: list[SheetGrid]
    mapping: dict[str, str | None]  # column label → our field (None: not imported)

    @property
    def labels(self) -> list[str]:
        seen: dict[str, None] = {}
        for sheet in self.sheets:
            for c in sheet.columns:
                seen.setdefault(c.label, None)
        return list(seen)


@dataclass
class Rejected:
    sheet: str
    row: int  # the spreadsheet's own row number, 1-based
    reason: str  # a code: missing_name, id_lost_digits, bad_id, duplicate, moved_away …
    message: str  # Chinese
    values: list[Any] = field(default_factory=list)  # the row as it is in the file

    def as_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "reason": self.reason,
            "message": self.message,
        }


@dataclass
class Note:
    sheet: str
    row: int
    message: str


@dataclass
class UpdateNote:
    """A child an import changes, and how (for the check page: 将更新的儿童)."""

    sheet: str
    row: int
    name: str
    changes: list[str]  # "监护人电话：13900001111 → 13800002222"


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)  # imported, but worth a look
    skipped: int = 0  # blank rows, 合计 rows, signature lines, repeated headers
    import_id: str | None = None  # None for a preview (nothing written)
    file_name: str = ""
    changes: Changes = field(default_factory=Changes)
    updates: list[UpdateNote] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [r.as_json() for r in self.rejected],
            "warnings": [
                {"sheet": w.sheet, "row": w.row, "message": w.message} for w in self.warnings
            ],
            "skipped": self.skipped,
            "import_id": self.import_id,
            "updates": [
                {"sheet": u.sheet, "row": u.row, "name": u.name, "changes": u.changes}
                for u in self.updates
            ],
        }

    @property
    def summary(self) -> str:
        parts = [
            f"新增 {self.imported} 名",
            f"更新 {self.updated} 名",
            f"无变化 {self.unchanged} 名",
        ]
        if self.rejected:
            parts.append(f"{len(self.rejected)} 行未导入")
        return "，".join(parts)


@dataclass(frozen=True)
class ImportInfo:
    id: str
    file_name: str
    at: dt.datetime
    author: str
    imported: int
    updated: int
    unchanged: int
    rejected: int
    undone_at: dt.datetime | None


@dataclass
class UndoReport:
    removed: int = 0  # children the import added, now 已删除
    restored: int = 0  # children whose earlier values were put back
    kept: list[str] = field(default_factory=list)  # what was left alone, and why (Chinese)
    changes: Changes = field(default_factory=Changes)


@dataclass
class _Plan:
    report: ImportReport
    new: list[ChildArchive] = field(default_factory=list)
    updates: list[tuple[ChildArchive, ChildArchive]] = field(default_factory=list)  # old, new


FIELD_CHOICES: list[tuple[str, str]] = [(f.key, f.label) for f in FIELDS]


def _audit_import(
    ctx: ServiceContext, report: ImportReport, file_name: str, ids: list[str]
) -> None:
    write_audit(
        ctx,
        "import",
        child_ids=ids,
        detail=(
            f"{file_name}：新增 {report.imported}，更新 {report.updated}，"
            f"未变 {report.unchanged}，有问题 {len(report.rejected)}"
        ),
    )


class RosterService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reading ----------------------------------------------------------------------------
    @requires(Op.IMPORT_ROSTER)
    def remembered_mapping(self) -> dict[str, str | None]:
        with self.ctx.db.session(write=False) as s:
            value = self._remembered_in(s)
        return {str(k): (v if v in FIELD_BY_KEY else None) for k, v in value.items()}

    @requires(Op.IMPORT_ROSTER)
    def forget_mapping(self, labels: list[str]) -> None:
        """Forget what the user chose for these column names: the next file is mapped by the
        names alone."""
        with self.ctx.db.session() as s:
            known = self._remembered_in(s)
            for label in labels:
                known.pop(label, None)
            write_meta(s, META_MAPPING, json.dumps(known, ensure_ascii=False, sort_keys=True))

    @requires(Op.IMPORT_ROSTER)
    def open(self, path: Path, *, remembered: bool = True) -> RosterFile:
        """Read a roster file and find each sheet's table; raises UnreadableRoster when the
        file cannot be read, KnownError when no sheet has a roster table."""
        path = Path(path)
        grids = read_roster(path)
        known = self.remembered_mapping() if remembered else {}
        sheets: list[RosterSheet] = []
        mapping: dict[str, str | None] = {}
        for grid in grids:
            if any(word in grid.name for word in ("说明", "示例", "选项")):
                sheets.append(RosterSheet(grid.name, None, [], 0, note="说明、示例或选项，不导入"))
                continue
            header = find_header(grid.rows, grid.merged)
            if header is None:
                note = "没有找到表头（姓名、身份证号等列名），这个工作表不导入"
                if len(grid.rows) <= 3:
                    note = "说明或空白工作表，不导入"
                sheets.append(RosterSheet(grid.name, None, [], 0, note=note))
                continue
            remembered_keys = {k: v for k, v in known.items() if v is not None}
            auto = map_columns(header.labels, remembered_keys)
            columns = []
            data = grid.rows[header.data_start :]
            repeats: dict[str, int] = {}
            for i, label in enumerate(header.labels):
                if not label:
                    continue
                repeats[label] = repeats.get(label, 0) + 1
                if repeats[label] > 1:
                    # the same name twice on a sheet (姓名 for the child and the guardian): the
                    # second gets a name of its own, to be mapped by hand
                    label = f"{label}（第{repeats[label]}个）"
                samples = [text_of(r[i]) for r in data[:40] if i < len(r) and text_of(r[i])][:3]
                columns.append(RosterColumn(i, label, samples))
                if label not in mapping:
                    # what the user chose before (None: do not import), else the column's name
                    mapping[label] = known[label] if label in known else auto.get(i)
            rows = sum(1 for r in data if skip_reason(r) is None)
            sheets.append(
                RosterSheet(grid.name, header, columns, rows, grade_hint=grade_of_sheet(grid.name))
            )
        if not any(s.header for s in sheets):
            raise UnreadableRoster(
                f"在 {path.name} 里没有找到花名册：没有一行写着“姓名”等列名。"
                "请检查文件，或下载导入模板，按模板整理后再导入。"
            )
        return RosterFile(path, sheets, grids, mapping)

    # -- planning ---------------------------------------------------------------------------
    def _school(self, s: Session) -> str:
        mode = read_mode(s)
        if mode != "school":
            raise KnownError("乡镇（中心校）数据库不能导入花名册：请在学校的电脑上导入。")
        school = read_meta(s, "own_school")
        if school is None:
            row = s.connection().exec_driver_sql("SELECT id FROM school LIMIT 1").fetchone()
            if row is None:
                raise KnownError("数据库里还没有学校，请先建立学校。")
            school = str(row[0])
        return school

    def _plan(self, s: Session, roster: RosterFile, school_id: str) -> _Plan:
        report = ImportReport(file_name=roster.path.name)
        plan = _Plan(report)
        today = self.ctx.today()
        conn = s.connection()
        by_id: dict[str, tuple[str, str]] = {}
        by_name: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for cid, number, name, birth, status, sid, reason in conn.exec_driver_sql(
            "SELECT id, id_number, name, birth_date, status, school_id, status_reason FROM child"
        ):
            state = status if sid == school_id else Status.TRANSFERRED_OUT.value
            if state == Status.DELETED and (reason or "").startswith(UNDO_REASON):
                state = _UNDONE  # removed by undoing an import: importing again brings it back
            if number:
                by_id[number] = (cid, state)
            by_name.setdefault((name, str(birth)[:10]), []).append((cid, state))
        seen: dict[str, tuple[str, int]] = {}
        top = conn.exec_driver_sql("SELECT top_grade FROM school WHERE id = ?", (school_id,))
        top_grade = int(top.scalar() or MAX_GRADE)
        archive = ArchiveService(self.ctx)
        matched: list[tuple[str, int, list[Any], ChildArchive, set[str], str]] = []
        back: set[str] = set()  # matched children an undone import had removed
        fields_of = {k: v for k, v in roster.mapping.items() if v}
        for sheet, grid in zip(roster.sheets, roster.grids, strict=True):
            if sheet.header is None:
                continue
            columns: dict[int, str] = {}
            for col in sheet.columns:  # one column per field: the first (left-most) wins
                key = fields_of.get(col.label)
                if key is not None and key not in columns.values():
                    columns[col.index] = key
            if "name" not in columns.values():
                report.rejected.append(
                    Rejected(
                        sheet.name,
                        sheet.header.first_row + 1,
                        "no_name_column",
                        "没有对应“姓名”的列，这个工作表没有导入；请在列对应里选出姓名列",
                    )
                )
                continue
            for r in range(sheet.header.data_start, len(grid.rows)):
                cells = grid.rows[r]
                row_no = r + 1
                if skip_reason(cells) is not None:
                    report.skipped += 1
                    continue
                values = {key: cells[i] if i < len(cells) else None for i, key in columns.items()}
                parsed = parse_row(values, grade_hint=sheet.grade_hint, today=today)

                if parsed.archive is None:
                    _reject(
                        report,
                        sheet.name,
                        row_no,
                        cells,
                        parsed.problems[0].reason,
                        "；".join(p.message for p in parsed.problems),
                    )
                    continue
                got = parsed.archive  # already tidied as the editor's normalized() would
                c = got.child
                if c.grade > top_grade:
                    _reject(
                        report,
                        sheet.name,
                        row_no,
                        cells,
                        "bad_class",
                        f"{c.name}：{grade_label(c.grade)}超出本校的年级（最高{grade_label(top_grade)}）",
                    )
                    continue
                key = c.id_number or f"{c.name}|{c.birth_date}"
                if key in seen:
                    first_sheet, first_row = seen[key]
                    where = (
                        f"第 {first_row} 行"
                        if first_sheet == sheet.name
                        else f"工作表“{first_sheet}”第 {first_row} 行"
                    )
                    _reject(
                        report,
                        sheet.name,
                        row_no,
                        cells,
                        "duplicate",
                        f"与{where}是同一名儿童（{c.name}），重复的这一行没有导入",
                    )
                    continue
                seen[key] = (sheet.name, row_no)
                match = by_id.get(c.id_number) if c.id_number else None
                if match is None and not c.id_number:
                    same = by_name.get((c.name, str(c.birth_date)), [])
                    if len(same) == 1:
                        match = same[0]
                    elif len(same) > 1:
                        _reject(
                            report,
                            sheet.name,
                            row_no,
                            cells,
                            "ambiguous",
                            f"档案里有 {len(same)} 名同名同生日的儿童（{c.name}），"
                            "请填写身份证号以区分",
                        )
                        continue
                for w in parsed.warnings:
                    report.warnings.append(Note(sheet.name, row_no, f"{c.name}：{w}"))
                if match is None:
                    c.school_id = school_id
                    errors = validate_archive(got, today)
                    if errors:
                        _reject(
                            report, sheet.name, row_no, cells, "invalid", "；".join(errors.values())
                        )
                        continue
                    plan.new.append(got)
                    report.imported += 1
                    continue
                child_id, state = match
                if state == Status.TRANSFERRED_OUT:
                    _reject(
                        report,
                        sheet.name,
                        row_no,
                        cells,
                        "moved_away",
                        f"{c.name} 已转出本校，本校的档案不能再修改",
                    )
                    continue
                if state == Status.DELETED:
                    _reject(
                        report,
                        sheet.name,
                        row_no,
                        cells,
                        "deleted",
                        f"{c.name} 的档案已删除；如是误删，请先在档案里恢复，再导入",
                    )
                    continue
                matched.append((sheet.name, row_no, cells, got, parsed.given, child_id))
                if state == _UNDONE:
                    back.add(child_id)
        # the matched children's archives in a few queries, not a few per row
        archives = archive.load_many(s, [m[5] for m in matched])
        for sheet_name, row_no, cells, got, given, child_id in matched:
            old = archives[child_id]
            new = normalized(apply_given(old, got, given))
            if child_id in back:
                new.child.status = Status.ENROLLED.value
                new.child.status_date = today
                new.child.status_reason = f"重新导入花名册（{roster.path.name}）"
            errors = validate_archive(new, today)
            if errors:
                _reject(report, sheet_name, row_no, cells, "invalid", "；".join(errors.values()))
                continue
            if old == new:
                report.unchanged += 1
            else:
                plan.updates.append((old, new))
                report.updates.append(
                    UpdateNote(sheet_name, row_no, new.child.name, _diff(old, new))
                )
                report.updated += 1
        return plan

    @requires(Op.IMPORT_ROSTER)
    def preview(self, roster: RosterFile) -> ImportReport:
        """What importing would do — counts, problem rows, warnings — writing nothing."""
        with self.ctx.db.session(write=False) as s:
            return self._plan(s, roster, self._school(s)).report

    # -- importing --------------------------------------------------------------------------
    @requires(Op.IMPORT_ROSTER)
    def run(
        self,
        roster: RosterFile,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Import the good rows in one transaction (all or nothing); remember the mapping and
        what the import did, so it can be undone."""
        BackupService(self.ctx).before_import()  # one backup per import run (services/backup.py)
        with self.ctx.db.session() as s:
            school_id = self._school(s)
            plan = self._plan(s, roster, school_id)
            report = plan.report
            total = len(plan.new) + len(plan.updates)
            w = ChangeWriter(s, self.ctx.author)
            rows: list[tuple[str, dict[str, Any], str | None]] = []
            created: list[str] = []
            for i, a in enumerate(plan.new):
                if cancelled is not None and i % 200 == 0 and cancelled():
                    raise ImportCancelled()
                a.child.id = new_id()
                created.append(a.child.id)
                for entity, values in ArchiveService.rows_for_new(a):
                    rows.append((entity, values, a.child.id))
                if progress is not None and i % 200 == 0:
                    progress(i, total)
            bulk_insert(s, w, rows)
            archive = ArchiveService(self.ctx)
            updated: list[dict[str, Any]] = []
            for i, (old, new) in enumerate(plan.updates, start=len(plan.new)):
                if cancelled is not None and i % 50 == 0 and cancelled():
                    raise ImportCancelled()
                for entity, row_id, child_id, before, after in archive.write_changes(
                    s, w, old, new
                ):
                    updated.append(
                        {
                            "entity": entity,
                            "entity_id": row_id,
                            "child_id": child_id,
                            "old": _jsonable(before),
                            "new": _jsonable(after),
                        }
                    )
                if progress is not None and i % 50 == 0:
                    progress(i, total)
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            report.changes = w.flush()
            mapping_before = self._remember(s, roster.mapping)
            if not created and not updated:
                _audit_import(self.ctx, report, roster.path.name, [])
                return report  # nothing written: nothing to undo
            report.import_id = new_id()
            s.add(
                models.RosterImport(
                    id=report.import_id,
                    school_id=school_id,
                    file_name=roster.path.name,
                    at=dt.datetime.now(dt.UTC),
                    author=self.ctx.author,
                    imported=report.imported,
                    updated=report.updated,
                    unchanged=report.unchanged,
                    rejected=len(report.rejected),
                    undo={"created": created, "updated": updated, "mapping": mapping_before},
                )
            )
        if progress is not None:
            progress(total, total)
        touched = [*created, *(u["child_id"] for u in updated if u["child_id"])]
        _audit_import(self.ctx, report, roster.path.name, touched)
        return report

    @staticmethod
    def _remembered_in(s: Session) -> dict[str, Any]:
        raw = read_meta(s, META_MAPPING)
        try:
            known = json.loads(raw) if raw else {}
        except ValueError:
            known = {}
        return known if isinstance(known, dict) else {}

    def _remember(self, s: Session, mapping: Mapping[str, str | None]) -> dict[str, Any]:
        """Remember the mapping; returns what was remembered before for these labels (absent
        labels as the string "-"), so an undo can put it back."""
        known = self._remembered_in(s)
        before = {label: known.get(label, "-") for label in mapping}
        known.update(mapping)
        write_meta(s, META_MAPPING, json.dumps(known, ensure_ascii=False, sort_keys=True))
        return before

    # -- history and undo -------------------------------------------------------------------
    @requires(Op.IMPORT_ROSTER)
    def imports(self) -> list[ImportInfo]:
        """Every roster import, newest first."""
        with self.ctx.db.session(write=False) as s:
            rows = s.connection().exec_driver_sql(
                "SELECT id, file_name, at, author, imported, updated, unchanged, rejected, "
                "undone_at FROM roster_import ORDER BY at DESC, id DESC"
            )
            return [
                ImportInfo(
                    r[0],
                    r[1],
                    _when(r[2]) or dt.datetime.min,
                    r[3],
                    r[4],
                    r[5],
                    r[6],
                    r[7],
                    _when(r[8]),
                )
                for r in rows
            ]

    @requires(Op.IMPORT_ROSTER)
    def undo(self, import_id: str) -> UndoReport:
        """Undo a whole import in one transaction: the children it added become 已删除 (which
        can itself be undone), and the values it replaced are put back — except where someone
        changed them since, or where care work was recorded for an added child; those are left
        as they are and listed."""
        out = UndoReport()
        with self.ctx.db.session() as s:
            row = s.get(models.RosterImport, import_id)
            if row is None:
                raise KnownError("找不到这次导入的记录。")
            if row.undone_at is not None:
                when = _when(row.undone_at) or row.undone_at
                raise KnownError(f"这次导入已经在 {when:%Y-%m-%d %H:%M} 撤销过了。")
            undo: dict[str, Any] = dict(row.undo)
            w = ChangeWriter(s, self.ctx.author)
            conn = s.connection()
            today = self.ctx.today()
            reason = f"{UNDO_REASON}（{row.file_name}，{_when(row.at) or row.at:%Y-%m-%d %H:%M}）"
            for child_id in undo.get("created", []):
                child = s.get(models.Child, child_id)
                if child is None or child.status == Status.DELETED:
                    continue
                used = conn.exec_driver_sql(
                    "SELECT (SELECT COUNT(*) FROM record_child WHERE child_id = ?) + "
                    "(SELECT COUNT(*) FROM pairing WHERE child_id = ?) + "
                    "(SELECT COUNT(*) FROM assessment WHERE child_id = ?)",
                    (child_id, child_id, child_id),
                ).scalar()
                if used:
                    out.kept.append(f"{child.name}：导入后已有评估、结对或记录，档案保留")
                    continue
                before = {
                    "status": child.status,
                    "status_date": child.status_date,
                    "status_reason": child.status_reason,
                    "merged_into": child.merged_into,
                }
                after = {
                    **before,
                    "status": Status.DELETED.value,
                    "status_date": today,
                    "status_reason": reason,
                }
                w.update("child", child_id, before, after, child_id)
                out.removed += 1
            tables: dict[str, Any] = {
                "child": models.Child,
                "guardian": models.Guardian,
                "parent": models.Parent,
            }
            restored: set[str] = set()
            for change in undo.get("updated", []):
                model = tables[change["entity"]]
                current = s.get(model, change["entity_id"])
                if current is None:
                    continue
                now = {k: _json_value(getattr(current, k)) for k in change["new"]}
                name = _child_name(s, change["child_id"])
                # per field: put back the old value where the import's value still stands
                back = dict(now)
                moved = False
                for k, imported in change["new"].items():
                    if imported == change["old"].get(k):
                        continue
                    if now[k] == imported:
                        back[k] = change["old"].get(k)
                    else:
                        moved = True
                if moved:
                    fields = "、".join(
                        FIELD_LABELS.get(k, k)
                        for k, imported in change["new"].items()
                        if imported != change["old"].get(k) and now[k] != imported
                    )
                    part = {"guardian": "监护人", "parent": "父母"}.get(change["entity"], "")
                    out.kept.append(f"{name}：{part}{fields} 导入后又有修改，保留现在的内容")
                if back != now:
                    before_vals = {k: _from_json(k, v) for k, v in now.items()}
                    after_vals = {k: _from_json(k, v) for k, v in back.items()}
                    extra = None
                    if change["entity"] == "child" and "name" in back:
                        from ..domain.pinyin import search_key

                        extra = {"name_pinyin": search_key(str(back["name"]))}
                    w.update(
                        change["entity"],
                        change["entity_id"],
                        before_vals,
                        after_vals,
                        change["child_id"],
                        extra=extra,
                    )
                    restored.add(change["child_id"])
            out.restored = len(restored)
            out.changes = w.flush()
            # the column choices this import remembered go back to what they were: a wrong
            # mapping that spoilt the import is not used again
            before = undo.get("mapping") or {}
            if before:
                known = self._remembered_in(s)
                for label, value in before.items():
                    if value == "-":
                        known.pop(label, None)
                    else:
                        known[label] = value
                write_meta(s, META_MAPPING, json.dumps(known, ensure_ascii=False, sort_keys=True))
            row.undone_at = dt.datetime.now(dt.UTC)
            s.add(row)
            file_name = row.file_name
        write_audit(
            self.ctx,
            "import",
            child_ids=[*undo.get("created", []), *restored],
            detail=f"撤销导入 {file_name}：{out.removed} 名新增儿童改为已删除，{out.restored} 名恢复原值",
        )
        return out

    # -- files ------------------------------------------------------------------------------
    @requires(Op.IMPORT_ROSTER)
    def write_template(self, path: Path) -> None:
        write_template(Path(path), TEMPLATE_COLUMNS, TEMPLATE_NOTES)

    @staticmethod
    def write_problems(report: ImportReport, path: Path) -> None:
        """The rows an import refused, with sheet, row, reason and the row's own cells."""
        width = max((len(r.values) for r in report.rejected), default=0)
        headers = ["工作表", "行号", "原因", "说明"] + [f"原第{i + 1}列" for i in range(width)]
        rows = [
            [r.sheet, r.row, REASONS.get(r.reason, r.reason), r.message, *r.values]
            for r in report.rejected
        ]
        title = f"{report.file_name}：{len(report.rejected)} 行未导入（改正后可以再次导入）"
        write_problem_report(Path(path), headers, rows, title)


REASONS = {
    "missing_name": "没有姓名",
    "id_lost_digits": "身份证号丢失位数",
    "bad_id": "身份证号不对",
    "bad_date": "日期不对",
    "missing_birth_date": "没有出生日期",
    "bad_sex": "性别不对",
    "missing_sex": "没有性别",
    "bad_class": "年级班级不对",
    "missing_class": "没有年级班级",
    "bad_kind": "留守类型不对",
    "bad_phone": "电话不对",
    "bad_value": "内容看不懂",
    "duplicate": "重复",
    "ambiguous": "无法确定是哪名儿童",
    "moved_away": "已转出",
    "deleted": "档案已删除",
    "invalid": "不符合档案要求",
    "no_name_column": "没有姓名列",
}


_PART_LABELS = {"child": "", "guardian": "监护人", "father": "父亲", "mother": "母亲"}


def _diff(old: ChildArchive, new: ChildArchive) -> list[str]:
    """What changes, field by field: "监护人电话：139… → 138…"."""
    out: list[str] = []
    for part, prefix in _PART_LABELS.items():
        was, now = getattr(old, part), getattr(new, part)
        for f in dataclasses.fields(now):
            a, b = getattr(was, f.name), getattr(now, f.name)
            if a != b:
                label = FIELD_LABELS.get(f.name, f.name)
                shown = [_shown(a), _shown(b)]
                out.append(f"{prefix}{label}：{shown[0] or '（空）'} → {shown[1] or '（空）'}")
    return out


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(map(str, value))
    return "" if value is None else str(value)


def _reject(
    report: ImportReport,
    sheet: str,
    row: int,
    cells: list[Any],
    reason: str,
    message: str,
) -> None:
    report.rejected.append(Rejected(sheet, row, reason, message, list(cells)))


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10] if not isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _jsonable(values: Any) -> Any:
    if isinstance(values, dict):
        return {k: _jsonable(v) for k, v in values.items()}
    if isinstance(values, list | tuple):
        return [_jsonable(v) for v in values]
    return _json_value(values)


_DATE_FIELDS = {"birth_date", "status_date"}


def _from_json(key: str, value: Any) -> Any:
    if key in _DATE_FIELDS and isinstance(value, str) and value:
        return dt.date.fromisoformat(value[:10])
    return value


def _when(value: Any) -> dt.datetime | None:
    """A stored time (UTC) as local time, without the zone."""
    if value is None or value == "":
        return None
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone().replace(tzinfo=None)


def _child_name(s: Session, child_id: str) -> str:
    child = s.get(models.Child, child_id)
    return child.name if child is not None else child_id


# -- the template ------------------------------------------------------------------------------

_GRADES = [grade_label(g) for g in range(1, MAX_GRADE + 1)]
TEMPLATE_COLUMNS: list[TemplateColumn] = [
    TemplateColumn("姓名", 10, example="张小明", note="必填"),
    TemplateColumn(
        "性别", 6, choices=[s.value for s in Sex], example="男", note="可不填：由身份证号得出"
    ),
    TemplateColumn(
        "出生日期",
        12,
        example=dt.date(2016, 3, 8),
        note="可不填：由身份证号得出。写法如 2016-03-08",
    ),
    TemplateColumn(
        "身份证号",
        21,
        text=True,
        example="110101201603080010",
        note="18位，按文本填写（本列已设为文本格式）",
    ),
    TemplateColumn("民族", 8, example="汉族"),
    TemplateColumn("年级", 9, choices=_GRADES, example="三年级", note="必填"),
    TemplateColumn("班级", 7, example="2班", note="必填：如 2班 或 2"),
    TemplateColumn("学号", 12, text=True),
    TemplateColumn("是否寄宿", 9, choices=["是", "否"], example="否"),
    TemplateColumn("家庭住址", 22, example="红山村2组"),
    TemplateColumn("留守类型", 16, choices=[k.value for k in LeftBehindKind], example="父母均外出"),
    TemplateColumn("监护人姓名", 10, example="张大山", note="新建档案必填"),
    TemplateColumn("与儿童关系", 10, choices=[r.value for r in GuardianRelation], example="祖父母"),
    TemplateColumn("监护人电话", 13, text=True, example="13800001111"),
    TemplateColumn("父亲姓名", 10, example="张建国"),
    TemplateColumn("父亲电话", 13, text=True),
    TemplateColumn("父亲务工地", 16, example="广东省深圳市"),
    TemplateColumn("母亲姓名", 10, example="李红梅"),
    TemplateColumn("母亲电话", 13, text=True),
    TemplateColumn("母亲务工地", 16, example="浙江省宁波市"),
]
TEMPLATE_NOTES = [
    "留守儿童花名册导入模板 — 填表说明",
    "1. 在“花名册”工作表里每名儿童填一行（示例见本页下方）。",
    "2. 必填：姓名、年级、班级；新建档案还要填监护人姓名。出生日期和性别可以不填，由身份证号得出。",
    "3. 身份证号一列已设为文本格式，请直接填写18位号码（末位X大小写均可）。"
    "如果粘贴后显示为 4.21127E+17，说明已被存成数字，后几位已经丢失，请重新逐个填写。",
    "4. 性别、年级、是否寄宿、留守类型、与儿童关系请从下拉列表中选择。",
    "5. 日期写法：2016-03-08、2016.3.8、2016年3月8日、20160308 都可以。",
    "6. 务工地写省和市，如“广东省深圳市”。",
    "7. 同一名儿童再次导入时按身份证号匹配，更新有内容的项目，空白的格子不会清除已有信息。",
    "8. 导入后可以在“花名册导入记录”中整体撤销。",
]
