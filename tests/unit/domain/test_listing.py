import dataclasses
import datetime as dt

from liushou_desktop.domain.listing import ChildFilter, ChildRow, matches, text_matches
from liushou_desktop.domain.pinyin import search_key


def row(**kw):
    base = dict(
        id="1",
        school_id="s",
        school_name="大山小学",
        name="张三",
        name_pinyin=search_key("张三"),
        sex="男",
        birth_date=dt.date(2016, 3, 8),
        id_number="52240120160308001X",
        grade=3,
        class_no=2,
        student_no="2023001",
        status="在册",
        left_behind_kind="父母均外出",
        categories=("留守", "贫困"),
        boarding=False,
        guardian_name="张大山",
        guardian_relation="祖父母",
        guardian_phone="13912345678",
        father_name="张建国",
        father_work_place="广东东莞",
        father_phone="",
        mother_name="",
        mother_work_place="",
        mother_phone="",
        risk_type=3,
        risk_level=2,
        guardian_assessment="一般",
    )
    base.update(kw)
    return ChildRow(**base)


def test_search_key_has_initials_and_full_pinyin():
    assert search_key("张三").split() == ["zs", "zhangsan"]
    assert "lxl" in search_key("李 小龙").split()
    # polyphonic surname: both readings are found
    keys = search_key("曾乐").split()
    assert "zl" in keys or "zy" in keys
    assert "cl" in keys or "cy" in keys


def test_text_search_by_name_pinyin_id_and_class():
    r = row()
    for q in (
        "张",
        "张三",
        "zs",
        "ZS",
        "zhang",
        "zhangs",
        "0308",
        "52240120160308001x",
        "三年级(2)班",
        "三年级（2）",
        "2023001",
    ):
        assert text_matches(r, q), q
    for q in ("李", "ls", "9999", "四年级"):
        assert not text_matches(r, q), q
    assert text_matches(r, "  ")


def test_filters_combine():
    r = row()
    assert matches(r, ChildFilter())
    assert matches(r, ChildFilter(grade=3, class_no=2, category="贫困", risk_level=2, text="zs"))
    assert not matches(r, ChildFilter(grade=4))
    assert not matches(r, ChildFilter(category="残疾"))
    assert not matches(r, ChildFilter(status="毕业"))
    assert matches(r, ChildFilter(statuses=frozenset({"在册", "转出"})))
    assert not matches(dataclasses.replace(r, risk_type=None), ChildFilter(risk_type=3))
    assert not matches(r, ChildFilter(left_behind_kind="父亲外出"))
    assert not matches(r, ChildFilter(school_id="other"))


def test_narrowing_rule():
    from liushou_desktop.domain.listing import narrows

    assert narrows(ChildFilter(text=""), ChildFilter(text="z"))
    assert narrows(ChildFilter(text="z"), ChildFilter(text="zs"))
    assert narrows(ChildFilter(text="张"), ChildFilter(text="张三"))
    assert not narrows(ChildFilter(text="zs"), ChildFilter(text="z"))
    assert not narrows(ChildFilter(text="20"), ChildFilter(text="2023"))  # student no. is exact
    assert not narrows(ChildFilter(text="z", grade=1), ChildFilter(text="zs", grade=2))
    # whatever is typed, searching within the shown rows gives what a full search gives
    rows = [row(), row(id="2", name="李四", name_pinyin=search_key("李四"), student_no="20")]
    for old, new in (("", "z"), ("z", "zh"), ("张", "张三"), ("l", "li")):
        shown = [r for r in rows if matches(r, ChildFilter(text=old))]
        assert [r for r in shown if matches(r, ChildFilter(text=new))] == [
            r for r in rows if matches(r, ChildFilter(text=new))
        ]


def test_rare_readings_do_not_give_false_hits_and_surnames_read_as_surnames():
    assert "zs" not in search_key("丁思远").split()
    assert search_key("张俊豪").split()[0] == "zjh"
    assert {"zll", "zenglele"} <= set(search_key("曾乐乐").split())
    assert "syf" in search_key("单于飞").split()


def test_filter_for_children_not_yet_assessed():
    from liushou_desktop.domain.listing import UNASSESSED

    assessed, new = row(), row(id="2", risk_type=None, risk_level=None)
    assert not matches(assessed, ChildFilter(risk_level=UNASSESSED))
    assert matches(new, ChildFilter(risk_level=UNASSESSED))
    assert matches(new, ChildFilter(risk_type=UNASSESSED))
    assert not matches(new, ChildFilter(risk_level=2))
