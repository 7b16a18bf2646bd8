<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppointmentsModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>家访目的</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>BookVisitDialog</name>
    <message>
        <source>Book a home visit</source>
        <translation>预约家访</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Not decided</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>家访目的</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>Choose the child</source>
        <translation>请选择儿童</translation>
    </message>
    <message>
        <source>Please enter the date of the visit</source>
        <translation>请填写家访日期</translation>
    </message>
    <message>
        <source>A visit is booked for today or later (today is %1)</source>
        <translation>家访只能预约今天或以后的日期（今天是 %1）</translation>
    </message>
</context>
<context>
    <name>ChildPickModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ChildPicker</name>
    <message>
        <source>Search by name, pinyin initials or class</source>
        <translation>按姓名、拼音首字母或班级查找</translation>
    </message>
    <message>
        <source>%1 chosen · %2 of %3 shown</source>
        <translation>已选 %1 名 · 共 %3 名，显示 %2 名</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>已选：%1</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>共 %2 名，显示 %1 名</translation>
    </message>
</context>
<context>
    <name>EndPairingDialog</name>
    <message>
        <source>End pairing</source>
        <translation>结束结对</translation>
    </message>
    <message>
        <source>%1 (%2) with %3 as %4, since %5</source>
        <translation>%1（%2）与 %3 结对，角色：%4，自 %5 起</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>结束原因</translation>
    </message>
    <message>
        <source>The pairing, its plan and reviews stay in the history of both.</source>
        <translation>结束后，结对记录、帮扶计划和阶段评价仍保留在儿童和帮扶人的历史中。</translation>
    </message>
    <message>
        <source>Please enter the end date</source>
        <translation>请填写结束日期</translation>
    </message>
    <message>
        <source>The end date must lie between the start (%1) and today</source>
        <translation>结束日期应在开始日期（%1）与今天之间</translation>
    </message>
    <message>
        <source>Please give the reason</source>
        <translation>请填写结束原因</translation>
    </message>
</context>
<context>
    <name>HelperDialog</name>
    <message>
        <source>Edit helper</source>
        <translation>修改帮扶人</translation>
    </message>
    <message>
        <source>New helper</source>
        <translation>新增帮扶人</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Mobile (11 digits) or landline</source>
        <translation>手机号（11位）或座机</translation>
    </message>
    <message>
        <source>already a helper</source>
        <translation>已是帮扶人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>任教学科</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>年级</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班号</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>The classmate: a child of this school</source>
        <translation>同学：从本校学生中选择</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>From outside the school</source>
        <translation>校外人员</translation>
    </message>
    <message>
        <source>e.g. 志愿者, 村干部, 退休教师, 爱心妈妈 — or type another role</source>
        <translation>如志愿者、村干部、退休教师、爱心妈妈，也可直接输入其他身份</translation>
    </message>
    <message>
        <source>Choose the kind: teacher, classmate or from outside</source>
        <translation>请选择类别：教师、同学或校外</translation>
    </message>
    <message>
        <source>Please enter the name</source>
        <translation>请填写姓名</translation>
    </message>
    <message>
        <source>Choose the classmate in the list</source>
        <translation>请在列表中选择这位同学</translation>
    </message>
    <message>
        <source>Search the list, then click the child.</source>
        <translation>先查找，再点击选择这名学生。</translation>
    </message>
</context>
<context>
    <name>HelpersModel</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>结对</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Subject, class or role</source>
        <translation>学科、班级或身份</translation>
    </message>
    <message>
        <source>left</source>
        <translation>已离开</translation>
    </message>
    <message>
        <source>No longer a helper; the pairings are kept in the history.</source>
        <translation>已不再担任帮扶人，结对记录保留在历史中。</translation>
    </message>
    <message>
        <source>More children than the school&apos;s limit per teacher (%1)</source>
        <translation>结对人数超过本校每位教师 %1 名的上限</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <source>Pair children with a helper</source>
        <translation>结对帮扶</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>结对</translation>
    </message>
    <message>
        <source>%1 (%2, %3 children)</source>
        <translation>%1（%2，已结对 %3 名）</translation>
    </message>
    <message>
        <source>not paired</source>
        <translation>未结对</translation>
    </message>
    <message>
        <source>paired with %1</source>
        <translation>已结对：%1</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>结对角色</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>already paired with this helper</source>
        <translation>已与该帮扶人结对</translation>
    </message>
    <message>
        <source>the helper</source>
        <translation>帮扶人本人</translation>
    </message>
    <message>
        <source>Choose the helper</source>
        <translation>请选择帮扶人</translation>
    </message>
    <message>
        <source>Choose the role</source>
        <translation>请选择结对角色</translation>
    </message>
    <message>
        <source>Please enter the start date</source>
        <translation>请填写开始日期</translation>
    </message>
    <message>
        <source>The start date cannot be after today</source>
        <translation>开始日期不能晚于今天</translation>
    </message>
    <message>
        <source>Tick at least one child</source>
        <translation>请至少勾选一名儿童</translation>
    </message>
    <message>
        <source>%1 has %2 children now and would have %3, more than the school&apos;s limit of %4 per teacher. You can still pair them.</source>
        <translation>%1 现已结对 %2 名儿童，结对后将有 %3 名，超过本校每位教师 %4 名的上限。仍可继续结对。</translation>
    </message>
    <message>
        <source>%1 children paired.</source>
        <translation>已结对 %1 名儿童。</translation>
    </message>
    <message>
        <source>Not paired: %1 — %2</source>
        <translation>未能结对：%1 —— %2</translation>
    </message>
    <message>
        <source>Pairing</source>
        <translation>结对帮扶</translation>
    </message>
</context>
<context>
    <name>PairingPage</name>
    <message>
        <source>Helpers and pairings</source>
        <translation>帮扶人与结对</translation>
    </message>
    <message>
        <source>Not paired</source>
        <translation>未结对儿童</translation>
    </message>
    <message>
        <source>Home visits booked</source>
        <translation>家访预约</translation>
    </message>
    <message>
        <source>Search helpers by name or pinyin</source>
        <translation>按姓名或拼音查找帮扶人</translation>
    </message>
    <message>
        <source>A teacher with more children than this is pointed out (allowed)</source>
        <translation>教师结对人数超过此数时会提醒（仍可结对）</translation>
    </message>
    <message>
        <source>Add helper…</source>
        <translation>新增帮扶人…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Mark as left…</source>
        <translation>标记为离开…</translation>
    </message>
    <message>
        <source>Children per teacher, at most</source>
        <translation>每位教师结对上限</translation>
    </message>
    <message>
        <source>All pairings of the school</source>
        <translation>显示全校结对</translation>
    </message>
    <message>
        <source>Show ended pairings</source>
        <translation>显示已结束的结对</translation>
    </message>
    <message>
        <source>Pair children…</source>
        <translation>结对…</translation>
    </message>
    <message>
        <source>Help plan and reviews…</source>
        <translation>帮扶计划与评价…</translation>
    </message>
    <message>
        <source>End pairing…</source>
        <translation>结束结对…</translation>
    </message>
    <message>
        <source>Book a visit…</source>
        <translation>预约家访…</translation>
    </message>
    <message>
        <source>Open archive</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <source>Print the pairing list…</source>
        <translation>打印结对名单…</translation>
    </message>
    <message>
        <source>Every current pairing of the school as a table (PDF, landscape A4)</source>
        <translation>把全校当前的结对帮扶列成表格打印（PDF，A4 横向）</translation>
    </message>
    <message>
        <source>Children on the register with no active pairing, 一级 and 二级 first. Choose one or more and pair them with a helper.</source>
        <translation>在册但目前没有帮扶人的儿童，一级、二级排在前面。选中一名或多名儿童，即可为其安排帮扶人。</translation>
    </message>
    <message>
        <source>Search by name, pinyin initials (e.g. zs) or class</source>
        <translation>按姓名、拼音首字母（如 zs）或班级查找</translation>
    </message>
    <message>
        <source>Every child on the register has a helper.</source>
        <translation>在册儿童都已有帮扶人。</translation>
    </message>
    <message>
        <source>Pair with a helper…</source>
        <translation>安排帮扶人…</translation>
    </message>
    <message>
        <source>All pairings</source>
        <translation>全校结对</translation>
    </message>
    <message>
        <source>%1 active pairings, %2 children not paired</source>
        <translation>正在结对 %1 对，未结对儿童 %2 名</translation>
    </message>
    <message>
        <source>Pairings</source>
        <translation>结对</translation>
    </message>
    <message>
        <source>Add a helper on the left, then pair children with them.</source>
        <translation>请先在左侧新增帮扶人，再为其结对儿童。</translation>
    </message>
    <message>
        <source>Choose a helper on the left.</source>
        <translation>请在左侧选择一位帮扶人。</translation>
    </message>
    <message>
        <source>This helper has left and had no pairing.</source>
        <translation>该帮扶人已离开，没有结对记录。</translation>
    </message>
    <message>
        <source>No pairing yet. Click “Pair children…”.</source>
        <translation>还没有结对，请点击“结对…”。</translation>
    </message>
    <message>
        <source>%1 children paired</source>
        <translation>结对 %1 名</translation>
    </message>
    <message>
        <source>more than the limit of %1</source>
        <translation>超过上限 %1 名</translation>
    </message>
    <message>
        <source>has left</source>
        <translation>已离开</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>共 %2 名，显示 %1 名</translation>
    </message>
    <message>
        <source>Not paired (%1)</source>
        <translation>未结对儿童（%1）</translation>
    </message>
    <message>
        <source>Home visits booked (%1)</source>
        <translation>家访预约（%1）</translation>
    </message>
    <message>
        <source>%1 helpers</source>
        <translation>帮扶人 %1 位</translation>
    </message>
    <message>
        <source>Helper again</source>
        <translation>恢复为帮扶人</translation>
    </message>
    <message>
        <source>Mark as left</source>
        <translation>标记为离开</translation>
    </message>
    <message>
        <source>%1 will no longer be a helper. Their %2 active pairings end today and stay in the history; those children show under “Not paired” if nobody else helps them. Continue?</source>
        <translation>%1 将不再担任帮扶人，其正在进行的 %2 个结对将于今天结束并保留在历史中；没有其他帮扶人的儿童会出现在“未结对儿童”中。是否继续？</translation>
    </message>
</context>
<context>
    <name>PairingsModel</name>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>结对角色</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Progress by term</source>
        <translation>各学期效果</translation>
    </message>
    <message>
        <source>No term review yet</source>
        <translation>尚无学期评价</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Help plan: %1</source>
        <translation>帮扶计划：%1</translation>
    </message>
    <message>
        <source>%1, %2, since %3</source>
        <translation>%1，%2，自 %3 起</translation>
    </message>
    <message>
        <source>; ended %1 (%2)</source>
        <translation>；%1 结束（%2）</translation>
    </message>
    <message>
        <source>Progress by term:</source>
        <translation>各学期效果：</translation>
    </message>
    <message>
        <source>e.g. 数学基础弱，作业常拖欠</source>
        <translation>如：数学基础弱，作业常拖欠</translation>
    </message>
    <message>
        <source>e.g. 每周二、四放学后</source>
        <translation>如：每周二、四放学后</translation>
    </message>
    <message>
        <source>e.g. 辅导数学作业，每周谈心一次</source>
        <translation>如：辅导数学作业，每周谈心一次</translation>
    </message>
    <message>
        <source>e.g. 期末数学及格，按时完成作业</source>
        <translation>如：期末数学及格，按时完成作业</translation>
    </message>
    <message>
        <source>Study situation</source>
        <translation>学习情况</translation>
    </message>
    <message>
        <source>Help times</source>
        <translation>帮扶时间</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>帮扶内容</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>帮扶目标</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>保存计划</translation>
    </message>
    <message>
        <source>Help plan</source>
        <translation>帮扶计划</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>学期</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>评价日期</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>效果</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>No review yet.</source>
        <translation>还没有阶段评价。</translation>
    </message>
    <message>
        <source>e.g. 2026年秋季学期</source>
        <translation>如：2026年秋季学期</translation>
    </message>
    <message>
        <source>What changed this term: study, behaviour, mood</source>
        <translation>本学期的变化：学习、行为习惯、情绪等</translation>
    </message>
    <message>
        <source>Add review</source>
        <translation>添加评价</translation>
    </message>
    <message>
        <source>New review</source>
        <translation>新增阶段评价</translation>
    </message>
    <message>
        <source>Term reviews (staged results)</source>
        <translation>阶段性效果（学期评价）</translation>
    </message>
    <message>
        <source>The plan has changes that are not saved. Save them?</source>
        <translation>帮扶计划有修改尚未保存，是否保存？</translation>
    </message>
    <message>
        <source>no review yet</source>
        <translation>尚无评价</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>Plan saved</source>
        <translation>计划已保存</translation>
    </message>
    <message>
        <source>Please enter the date</source>
        <translation>请填写日期</translation>
    </message>
    <message>
        <source>The date cannot be after today</source>
        <translation>日期不能晚于今天</translation>
    </message>
    <message>
        <source>Please enter the term</source>
        <translation>请填写学期</translation>
    </message>
    <message>
        <source>Choose 进步, 持平 or 退步</source>
        <translation>请选择进步、持平或退步</translation>
    </message>
</context>
<context>
    <name>UnpairedModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>监护人</translation>
    </message>
    <message>
        <source>Guardian phone</source>
        <translation>监护人电话</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>未评估</translation>
    </message>
</context>
<context>
    <name>VisitAppointmentsPanel</name>
    <message>
        <source>Book a visit…</source>
        <translation>预约家访…</translation>
    </message>
    <message>
        <source>No home visit is booked.</source>
        <translation>目前没有家访预约。</translation>
    </message>
    <message>
        <source>Visit done</source>
        <translation>标记为已完成</translation>
    </message>
    <message>
        <source>Mark the visit as made (已完成)</source>
        <translation>将这次家访标记为“已完成”</translation>
    </message>
    <message>
        <source>Cancel visit</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <source>Mark the visit as cancelled (已取消)</source>
        <translation>将这次家访标记为“已取消”</translation>
    </message>
    <message>
        <source>Open archive</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <source>%1 visits booked</source>
        <translation>共 %1 次家访预约</translation>
    </message>
    <message>
        <source>, %1 of them past their date</source>
        <translation>，其中 %1 次已过预约日期</translation>
    </message>
    <message>
        <source>Cancel the visit to %1 on %2?</source>
        <translation>确定取消 %2 对 %1 的家访预约吗？</translation>
    </message>
</context>
</TS>
