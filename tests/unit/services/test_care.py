import datetime as dt
import json

import pytest

from liushou_desktop.domain.errors import KnownError, ValidationFailed
from liushou_desktop.services.care import CareService, HelperDraft, RecordDraft
from tests.conftest import TODAY, make_archive

D = dt.date


@pytest.fixture
def care(ctx):
    return CareService(ctx)


@pytest.fixture
def kids(service, school_id):
    return [
        service.create(make_archive(school_id, name, serial=i, grade=3, class_no=1)).child_id
        for i, name in enumerate(["张三", "李四", "王五", "赵六"])
    ]


def ops_for(ctx, entity):
    with ctx.db.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT field_group, payload FROM op_log WHERE entity = ? ORDER BY site_seq", (entity,)
        ).fetchall()


def teacher(care, school_id, name="李老师"):
    return care.add_helper(school_id, HelperDraft("教师", name, "13900001111", subject="语文"))


def test_helpers_of_three_kinds(care, school_id, kids, ctx):
    t = teacher(care, school_id)
    c = care.add_helper(school_id, HelperDraft("同学", "王小明", child_id=kids[1]))
    o = care.add_helper(
        school_id, HelperDraft("校外", "刘阿姨", "13700001111", role_note="爱心妈妈")
    )
    with pytest.raises(ValidationFailed) as err:
        care.add_helper(school_id, HelperDraft("同学", "无名"))
    assert "child_id" in err.value.errors
    with pytest.raises(ValidationFailed):
        care.add_helper(school_id, HelperDraft("教师", "张老师", "12345"))
    assert {h.id for h in care.helpers(school_id)} == {t, c, o}
    assert len(ops_for(ctx, "helper")) == 9  # two field groups and the key (school) each


def test_pairing_limit_warning_and_unpaired_children(care, school_id, kids):
    t = teacher(care, school_id)
    warnings = [care.pair(t, k, "代理家长", D(2026, 9, 1))[1] for k in kids]
    assert warnings[:3] == [[], [], []]
    assert "超过" in warnings[3][0] and "3" in warnings[3][0]
    with pytest.raises(KnownError, match="已经"):
        care.pair(t, kids[0], "学习帮手")
    assert care.unpaired_children(school_id) == []
    care.set_pairing_limit(school_id, 5)
    assert care.pairing_limit(school_id) == 5


def test_ending_a_pairing_keeps_it_in_the_history(care, school_id, kids):
    t = teacher(care, school_id)
    pid, _ = care.pair(t, kids[0], "代理家长", D(2026, 9, 1))
    care.end_pairing(pid, D(2026, 11, 1), "调往外校")
    assert care.unpaired_children(school_id)[0] == kids[0] or kids[0] in care.unpaired_children(
        school_id
    )
    (p,) = care.pairings(child_id=kids[0])
    assert (p.active, p.end_date, p.end_reason) == (False, D(2026, 11, 1), "调往外校")
    with pytest.raises(KnownError, match="已经结束"):
        care.end_pairing(pid, D(2026, 11, 2), "x")


def test_a_helper_who_leaves_ends_their_pairings(care, school_id, kids):
    t = teacher(care, school_id)
    care.pair(t, kids[0], "代理家长", D(2026, 9, 1))
    care.set_helper_active(t, False, D(2026, 10, 1))
    assert care.pairings(child_id=kids[0])[0].end_date == D(2026, 10, 1)
    with pytest.raises(KnownError, match="不再担任"):
        care.pair(t, kids[1], "代理家长")


def test_help_plan_and_term_reviews(care, school_id, kids):
    t = teacher(care, school_id)
    pid, _ = care.pair(t, kids[0], "代理家长", D(2026, 9, 1))
    care.save_plan(pid, "数学偏弱", "每周二、四放学后", "辅导作业、谈心", "期末数学及格")
    care.add_review(pid, "2026年秋季学期", D(2026, 11, 20), "进步", "作业按时完成")
    p = care.pairings(child_id=kids[0])[0]
    assert (p.study_situation, p.goals) == ("数学偏弱", "期末数学及格")
    assert [r.progress for r in care.reviews(pid)] == ["进步"]
    with pytest.raises(ValidationFailed):
        care.add_review(pid, "2026年秋季学期", TODAY, "很好", "")


def test_records_for_several_children_attachments_once_and_corrections(care, school_id, kids, ctx):
    photo = b"\x89PNG fake photo bytes"
    rid = care.add_record(
        school_id,
        RecordDraft(
            "监护人座谈会",
            D(2026, 10, 10),
            [kids[0], kids[1]],
            "十月座谈会",
            attachments=[("会场.png", photo), ("会场2.png", photo)],
        ),
    )
    (r,) = care.records(school_id)
    assert r.child_ids == tuple(sorted(kids[:2]))
    assert len(r.attachments) == 2 and r.attachments[0].sha256 == r.attachments[1].sha256
    assert care.blob(r.attachments[0].sha256) == photo
    with ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM blob").scalar() == 1
    new = care.correct_record(
        rid, RecordDraft("监护人座谈会", D(2026, 10, 10), [kids[0], kids[1]], "十月座谈会（更正）")
    )
    assert [x.id for x in care.records(school_id)] == [new]
    old = next(x for x in care.records(school_id, include_superseded=True) if x.id == rid)
    assert old.summary == "十月座谈会" and old.corrected_by == new
    with pytest.raises(KnownError, match="已经更正"):
        care.correct_record(rid, RecordDraft("谈心", D(2026, 10, 10), [kids[0]]))
    payload = json.loads(ops_for(ctx, "record")[0][1])
    assert payload["child_ids"] == sorted(kids[:2])


def test_record_rules(care, school_id, kids):
    with pytest.raises(ValidationFailed) as err:
        care.add_record(school_id, RecordDraft("闲聊", TODAY + dt.timedelta(days=1), []))
    assert set(err.value.errors) == {"kind", "child_ids", "occurred_on"}


def test_home_visit_with_checklist_and_a_follow_up_that_becomes_due(care, school_id, kids):
    details = {
        "visitors": "李老师、王老师",
        "met": "祖母",
        "problems": ["缺少关爱", "家庭生活艰辛"],
        "guardian_opinion": "希望多关心孩子学习",
        "advice": "每晚检查作业",
    }
    rid = care.add_record(
        school_id,
        RecordDraft(
            "家访",
            D(2026, 10, 8),
            [kids[0]],
            "登门家访",
            mode="登门",
            details=details,
            follow_up="联系村委会申请临时救助",
            follow_up_due=D(2026, 10, 20),
        ),
    )
    assert care.records(child_id=kids[0])[0].details["problems"] == ["缺少关爱", "家庭生活艰辛"]
    assert [r.id for r in care.open_follow_ups(school_id)] == [rid]
    care.add_record(school_id, RecordDraft("联系监护人", D(2026, 10, 18), [kids[0]], "已联系"))
    assert care.open_follow_ups(school_id) == []


def test_appointments(care, school_id, kids):
    aid = care.book_visit(kids[0], TODAY + dt.timedelta(days=3), "了解期中考试情况")
    assert [a.id for a in care.upcoming_visits(school_id)] == [aid]
    care.close_appointment(aid, "已完成", None)
    assert care.upcoming_visits(school_id) == []
    with pytest.raises(ValidationFailed):
        care.book_visit(kids[0], TODAY - dt.timedelta(days=1), "x")


def test_terms_and_presets(care, school_id):
    care.add_term(school_id, "2026年秋季学期", D(2026, 9, 1), D(2027, 1, 20))
    with pytest.raises(ValidationFailed, match="重叠"):
        care.add_term(school_id, "重复", D(2026, 12, 1), D(2027, 2, 1))
    care.add_term(school_id, "2027年春季学期", D(2027, 2, 20), D(2027, 7, 5))
    assert [t.school_year for t in care.terms(school_id)] == ["2026-2027", "2026-2027"]
    added = care.apply_preset(school_id, "四个一次")
    assert len(added) == 4 and care.apply_preset(school_id, "四个一次") == []
    rule_id = care.add_rule(
        school_id, "一级儿童每月家访", frozenset({"家访"}), 1, "每月", frozenset({1})
    )
    care.set_rule_active(rule_id, False)
    assert len(care.rules(school_id)) == 4 and len(care.rules(school_id, active_only=False)) == 5


def test_duties_status_per_rule_child_helper_and_class(care, service, school_id, kids):
    from liushou_desktop.domain.archive import Assessment

    care.add_term(school_id, "2026年秋季学期", D(2026, 9, 1), D(2027, 1, 20))
    care.add_rule(school_id, "每学期家访一次", frozenset({"家访"}), 1, "每学期")
    service.add_assessment(kids[2], Assessment(D(2026, 9, 5), 3, 1, "差", "李老师"))
    t = teacher(care, school_id)
    care.pair(t, kids[0], "代理家长", D(2026, 9, 1))
    care.add_record(school_id, RecordDraft("家访", D(2026, 10, 1), [kids[0]], helper_id=t))
    care.add_record(school_id, RecordDraft("家访", D(2026, 10, 2), [kids[1]]))
    report = care.duties_status(school_id, D(2026, 11, 22))
    assert report.term is not None and report.term.name == "2026年秋季学期"
    (rule,) = report.rules
    assert (rule.required, rule.done, rule.due, rule.overdue) == (4, 2, 2, 0)
    assert report.children[0].key == kids[2]  # 一级 first
    assert {c.key: c.due for c in report.children} == {
        kids[0]: 0,
        kids[1]: 0,
        kids[2]: 1,
        kids[3]: 1,
    }
    (helper,) = report.helpers
    assert (helper.label, helper.done, helper.due) == ("李老师", 1, 0)
    assert [(c.label, c.due) for c in report.classes] == [("三年级(1)班", 2)]
    j = report.to_json()
    assert set(j) == {"date", "term", "rules", "children", "helpers", "classes"}
    # in the winter holiday the term is final: what was not done is overdue
    assert care.duties_status(school_id, D(2027, 2, 1)).rules[0].overdue == 2


def test_teacher_year_end_report(care, school_id, kids):
    care.add_term(school_id, "2026年秋季学期", D(2026, 9, 1), D(2027, 1, 20))
    care.apply_preset(school_id, "四个一次")
    t = teacher(care, school_id)
    care.pair(t, kids[0], "代理家长", D(2026, 9, 1))
    care.add_record(school_id, RecordDraft("家访", D(2026, 10, 1), [kids[0]], helper_id=t))
    care.add_record(school_id, RecordDraft("谈心", D(2026, 10, 9), [kids[0]], helper_id=t))
    report = care.teacher_report(t, "2026-2027", D(2027, 2, 1))
    assert report.records_by_kind == {"家访": 1, "谈心": 1}
    assert (report.met, report.missed) == (2, 2)
    assert len(report.pairings) == 1 and len(report.rules) == 4
    with pytest.raises(KnownError, match="校历"):
        care.teacher_report(t, "2030-2031")


def test_incidents_open_until_closed(care, school_id, kids):
    iid = care.report_incident(kids[0], "独居无人监护", D(2026, 11, 20), "祖母住院，孩子独自在家")
    assert [i.id for i in care.incidents(school_id, open_only=True)] == [iid]
    with pytest.raises(ValidationFailed):
        care.update_incident(
            iid,
            reported_on=D(2026, 11, 20),
            reported_to="",
            follow_up="",
            outcome="",
            closed_on=None,
        )
    care.update_incident(
        iid,
        reported_on=D(2026, 11, 20),
        reported_to="镇派出所",
        follow_up="联系姑姑临时照看",
        outcome="已由姑姑接回照看",
        closed_on=D(2026, 11, 21),
    )
    assert care.incidents(school_id, open_only=True) == []


def test_dropouts_and_holiday_screening(care, school_id, kids):
    did = care.register_dropout(kids[3], D(2026, 10, 1), "随父母外出打工")
    care.add_dropout_attempt(did, D(2026, 10, 3), "班主任、村干部", "家长同意下周返校")
    care.close_dropout(did, D(2026, 10, 10), "已复学", "")
    (d,) = care.dropouts(school_id)
    assert d.outcome == "已复学" and d.attempts[0][2] == "家长同意下周返校"
    items = dict.fromkeys(
        ("防溺水", "交通安全", "防坠落", "防中毒", "监护人在家", "联系方式畅通"), True
    )
    care.save_screening(kids[0], "2027年寒假", items, "", D(2027, 1, 15))
    care.save_screening(kids[1], "2027年寒假", {"防溺水": True}, "监护人外出", D(2027, 1, 15))
    done = {s.child_id: s.complete for s in care.screenings(school_id, "2027年寒假")}
    assert done == {kids[0]: True, kids[1]: False, kids[2]: False, kids[3]: False}


def test_timeline_has_everything_about_a_child(care, school_id, kids, service):
    from liushou_desktop.domain.archive import Assessment

    t = teacher(care, school_id)
    care.pair(t, kids[0], "代理家长", D(2026, 9, 1))
    care.add_record(school_id, RecordDraft("谈心", D(2026, 10, 9), [kids[0]], "谈学习"))
    service.add_assessment(kids[0], Assessment(D(2026, 9, 5), 3, 3, "一般", "李老师"))
    care.report_incident(kids[0], "失踪", D(2026, 11, 1), "放学未归")
    kinds = [e.kind for e in care.timeline(kids[0])]
    assert kinds == ["强制报告", "记录", "风险评估", "结对"]


def test_reviews_for_the_whole_school_in_one_read(care, school_id, kids):
    t = teacher(care, school_id)
    a, _ = care.pair(t, kids[0], "代理家长", D(2026, 9, 1))
    b, _ = care.pair(t, kids[1], "代理家长", D(2026, 9, 1))
    care.add_review(a, "2026年春季学期", D(2026, 7, 1), "持平", "")
    care.add_review(a, "2026年秋季学期", D(2026, 11, 20), "进步", "")
    found = care.reviews_for_school(school_id)
    assert [r.progress for r in found[a]] == ["持平", "进步"] and b not in found
    assert found[a] == care.reviews(a)


def test_a_mandatory_report_is_closed_only_after_it_was_reported(care, school_id, kids):
    iid = care.report_incident(kids[0], "失踪", D(2026, 11, 20), "放学未归")
    with pytest.raises(ValidationFailed) as err:
        care.update_incident(
            iid,
            reported_on=None,
            reported_to="",
            follow_up="",
            outcome="已找到",
            closed_on=D(2026, 11, 21),
        )
    assert "reported_on" in err.value.errors
    assert care.incidents(school_id, open_only=True)


def test_only_teachers_are_counted_behind(care, school_id, kids):
    care.add_term(school_id, "2026年秋季学期", D(2026, 9, 1), D(2027, 1, 20))
    care.add_rule(school_id, "每学期家访一次", frozenset({"家访"}), 1, "每学期")
    t = teacher(care, school_id)
    mate = care.add_helper(school_id, HelperDraft("同学", "王小明", child_id=kids[1]))
    mum = care.add_helper(
        school_id, HelperDraft("校外", "刘阿姨", "13700001111", role_note="爱心妈妈")
    )
    for h in (t, mate, mum):
        care.pair(h, kids[0], "代理家长" if h == t else "手拉手好朋友", D(2026, 9, 1))
    report = care.duties_status(school_id, D(2026, 11, 22))
    assert [h.key for h in report.helpers] == [t]


def test_the_timeline_says_whether_a_report_is_closed(care, kids):
    iid = care.report_incident(kids[0], "失踪", D(2026, 11, 1), "放学未归")
    assert care.timeline(kids[0])[0].title == "失踪（未结案）"
    care.update_incident(
        iid,
        reported_on=D(2026, 11, 1),
        reported_to="镇派出所",
        follow_up="",
        outcome="当晚找到",
        closed_on=D(2026, 11, 2),
    )
    assert care.timeline(kids[0])[0].title == "失踪（2026-11-02 已结案）"
