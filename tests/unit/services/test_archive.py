import datetime as dt
import json

import pytest

from liushou_desktop.domain.archive import Assessment
from liushou_desktop.domain.errors import KnownError, ValidationFailed
from liushou_desktop.services.archive import child_json
from tests.conftest import TODAY, make_archive


def ops(ctx):
    with ctx.db.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT site_seq, hlc, entity, field_group, payload, prev_hlc, author FROM op_log "
            "ORDER BY site_seq"
        ).fetchall()


def test_create_logs_every_group_in_the_same_transaction(ctx, service, school_id):
    before = len(ops(ctx))
    result = service.create(make_archive(school_id))
    log = ops(ctx)[before:]
    groups = {(o[2], o[3]) for o in log}
    assert ("child", "identity") in groups and ("guardian", "contact") in groups
    assert ("parent", "work") in groups
    assert all(o[6] == "测试员" for o in log)
    assert result.warnings == {}
    assert result.changes.children == {result.child_id}


def test_sequence_is_gapless_and_stamps_increase(ctx, service, school_id):
    for i in range(3):
        service.create(make_archive(school_id, f"孩子{i}", serial=i))
    log = ops(ctx)
    assert [o[0] for o in log] == list(range(1, len(log) + 1))
    assert [o[1] for o in log] == sorted(o[1] for o in log)
    assert len({o[1] for o in log}) == len(log)


def test_save_writes_only_changed_groups_and_links_the_replaced_stamp(ctx, service, school_id):
    cid = service.create(make_archive(school_id)).child_id
    before = ops(ctx)
    archive = service.get(cid)
    archive.guardian.phone = "13800138000"
    archive.guardian.discipline = "溺爱型"
    service.save(archive)
    new = ops(ctx)[len(before) :]
    assert {(o[2], o[3]) for o in new} == {("guardian", "contact"), ("guardian", "profile")}
    contact = next(o for o in new if o[3] == "contact")
    old_contact = next(o for o in before if o[2] == "guardian" and o[3] == "contact")
    assert contact[5] == old_contact[1]  # prev_hlc is the stamp it replaced
    assert json.loads(contact[4])["phone"] == "13800138000"
    # saving again with no change writes nothing
    assert not service.save(service.get(cid)).changes
    assert len(ops(ctx)) == len(before) + 2


def test_archive_round_trips_every_field(service, school_id):
    a = make_archive(school_id)
    a.child.habits = "爱劳动"
    a.child.categories = ["留守", "贫困"]
    a.child.aid = ["低保"]
    a.child.boarding = True
    a.guardian.discipline = "简单粗暴型"
    a.guardian.agreement_signed = True
    a.father.left_since = "2019-02"
    a.mother.capable = False
    cid = service.create(a).child_id
    got = service.get(cid)
    assert got.child.habits == "爱劳动"
    assert got.child.categories == ["留守", "贫困"]
    assert got.child.aid == ["低保"]
    assert got.child.boarding is True
    assert got.guardian.discipline == "简单粗暴型" and got.guardian.agreement_signed
    assert got.father.left_since == "2019-02" and got.father.work_place == "广东东莞"
    assert got.mother.capable is False


def test_input_is_tidied_and_id_fills_birth_date(service, school_id):
    a = make_archive(school_id, "  王 五 ")
    a.child.birth_date = None
    a.child.id_number = a.child.id_number.lower().replace("5", "５", 1)
    a.guardian.phone = "139 1234-5678"
    cid = service.create(a).child_id
    got = service.get(cid)
    assert got.child.name == "王五"
    assert got.child.birth_date == dt.date(2016, 3, 8)
    assert got.child.id_number.isascii()
    assert got.guardian.phone == "13912345678"


def test_invalid_archive_is_refused_and_nothing_written(ctx, service, school_id):
    a = make_archive(school_id)
    a.child.id_number = "522401201603080012"
    before = len(ops(ctx))
    with pytest.raises(ValidationFailed) as err:
        service.create(a)
    assert "id_number" in err.value.errors
    assert len(ops(ctx)) == before
    assert service.list_children() == []


def test_mismatch_is_saved_with_a_warning(service, school_id):
    a = make_archive(school_id)
    a.child.sex = "女"
    result = service.create(a)
    assert "性别" in result.warnings["id_number"]


def test_assessments_form_a_series_and_the_current_shows_in_the_list(service, school_id):
    cid = service.create(make_archive(school_id)).child_id
    service.add_assessment(cid, Assessment(dt.date(2026, 3, 1), 3, 4, "较好", "李老师"))
    service.add_assessment(cid, Assessment(dt.date(2026, 9, 1), 3, 2, "一般", "李老师", "辍学倾向"))
    service.add_assessment(cid, Assessment(dt.date(2026, 9, 1), 3, 1, "差", "王校长", "复核"))
    series = service.assessments(cid)
    assert [a.risk_level for a in series] == [1, 2, 4]  # newest first; same day: later entry wins
    row = service.row(cid)
    assert (row.risk_type, row.risk_level, row.guardian_assessment) == (3, 1, "差")
    with pytest.raises(ValidationFailed):
        service.add_assessment(cid, Assessment(TODAY + dt.timedelta(days=1), 3, 2, "一般", "x"))


def test_high_risk_children_list_first(service, school_id):
    low = service.create(make_archive(school_id, "低风险", serial=1)).child_id
    high = service.create(make_archive(school_id, "高风险", serial=2, grade=6)).child_id
    service.add_assessment(low, Assessment(TODAY, 3, 4, "较好", "李老师"))
    service.add_assessment(high, Assessment(TODAY, 1, 1, "差", "李老师"))
    assert [r.name for r in service.list_children()] == ["高风险", "低风险"]


def test_status_change_keeps_the_archive_and_its_history(service, school_id):
    cid = service.create(make_archive(school_id)).child_id
    with pytest.raises(ValidationFailed, match="原因"):
        service.change_status(cid, "不再留守", TODAY, "")
    service.change_status(cid, "不再留守", dt.date(2026, 11, 1), "父亲返乡就业")
    row = service.row(cid)
    assert row.status == "不再留守"
    archive = service.get(cid)
    assert archive.child.status_reason == "父亲返乡就业"
    assert archive.child.status_date == dt.date(2026, 11, 1)
    changed = [h for h in service.history(cid) if not h.created]
    assert ("状态", "在册", "不再留守") in [(h.field, h.old, h.new) for h in changed]


def test_history_shows_every_change_old_to_new_with_author(ctx, service, school_id):
    cid = service.create(make_archive(school_id)).child_id
    archive = service.get(cid)
    archive.father.work_city = "深圳"
    archive.child.psych_state = "情绪低落"
    ctx.author = "班主任李老师"
    service.save(archive)
    history = service.history(cid)
    created = [h for h in history if h.created]
    assert {("儿童", "姓名", "张三"), ("监护人", "姓名", "张大山")} <= {
        (h.entity, h.field, h.new) for h in created
    }
    edits = [(h.entity, h.field, h.old, h.new, h.author) for h in history if not h.created]
    assert ("父亲", "务工城市", "东莞", "深圳", "班主任李老师") in edits
    assert ("儿童", "心理状况", "", "情绪低落", "班主任李老师") in edits
    assert all(h.when.tzinfo is not None for h in history)


def test_stats_partitions_add_up(service, school_id):
    for i in range(5):
        cid = service.create(
            make_archive(school_id, f"孩子{i}", serial=i, grade=1 + i % 3)
        ).child_id
        if i % 2:
            service.add_assessment(cid, Assessment(TODAY, 3, 3, "一般", "李老师"))
    service.change_status(cid, "转出", TODAY, "随父母到东莞就读")
    s = service.stats()
    assert s["total"] == 5 and s["active"] == 4
    assert s["by_status"] == {"在册": 4, "转出": 1}
    for key in (
        "by_left_behind_kind",
        "by_risk_type",
        "by_risk_level",
        "by_guardian_kind",
        "by_grade",
    ):
        assert sum(s[key].values()) == 4, key
    assert s["by_risk_level"]["未评估"] == 2


def test_handover_promotes_graduates_and_sets_teachers(service, school_id):
    a = service.create(make_archive(school_id, "一年级", serial=1, grade=1, class_no=1)).child_id
    b = service.create(make_archive(school_id, "六年级", serial=2, grade=6, class_no=2)).child_id
    c = service.create(make_archive(school_id, "已转出", serial=3, grade=3)).child_id
    service.change_status(c, "转出", TODAY, "转学")
    d = service.create(make_archive(school_id, "父亲回乡", serial=4, grade=1, class_no=1)).child_id
    service.change_status(d, "不再留守", TODAY, "父亲返乡就业")
    plan = service.handover_preview(school_id)
    assert plan.school_year == "2026-2027"
    assert (plan.promoted, plan.graduating) == (2, 1)
    assert plan.off_season  # November
    assert [(m.grade, m.class_no, m.children, m.new_grade) for m in plan.moves] == [
        (1, 1, 2, 2),
        (6, 2, 1, None),
    ]
    changes = service.apply_handover(plan, {(2, 1): ("刘老师", "13900001111")})
    assert changes.children == {a, b, d} and changes.classes
    assert service.row(a).grade == 2
    assert service.row(d).grade == 2 and service.row(d).status == "不再留守"
    assert service.row(b).status == "毕业" and service.row(b).grade == 6
    assert service.row(c).grade == 3
    assert [(k.grade, k.class_no, k.teacher_name) for k in service.classes(school_id)] == [
        (2, 1, "刘老师")
    ]
    again = service.handover_preview(school_id)
    assert again.already_done
    with pytest.raises(KnownError, match="已经做过"):
        service.apply_handover(plan)


def test_child_json_shape(service, school_id):
    cid = service.create(make_archive(school_id)).child_id
    service.add_assessment(cid, Assessment(TODAY, 3, 2, "一般", "李老师"))
    j = child_json(service.row(cid))
    assert j["name"] == "张三" and j["sex"] == "男" and j["birth_date"] == "2016-03-08"
    assert j["school"] == "大山小学" and j["grade"] == 4 and j["class_no"] == 2
    assert j["guardian"] == {
        "name": "张大山",
        "relation": "祖父母",
        "phone": "13912345678",
        "kind": "隔代监护",
    }
    assert j["father"]["work_place"] == "广东东莞"
    assert j["risk"] == {"type": 3, "level": 2, "guardian_assessment": "一般"}
    assert j["categories"] == ["留守"] and j["status"] == "在册"


def test_handover_year_turns_in_june():
    from liushou_desktop.domain.grades import handover_school_year

    assert handover_school_year(dt.date(2026, 9, 1)) == "2026-2027"
    assert handover_school_year(dt.date(2026, 11, 22)) == "2026-2027"
    assert handover_school_year(dt.date(2027, 5, 31)) == "2026-2027"
    assert handover_school_year(dt.date(2027, 6, 20)) == "2027-2028"
    assert handover_school_year(dt.date(2027, 8, 30)) == "2027-2028"


def test_choosing_the_same_status_again_is_refused(service, school_id):
    cid = service.create(make_archive(school_id)).child_id
    with pytest.raises(ValidationFailed, match="已经是"):
        service.change_status(cid, "在册", TODAY, "")
    assert [h for h in service.history(cid) if not h.created] == []
