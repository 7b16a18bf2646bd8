<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardPage</name>
    <message>
        <source>Duties</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>School calendar and duty rules…</source>
        <translation>校历与工作要求…</translation>
    </message>
    <message>
        <source>Year-end duty report…</source>
        <translation>年度考核报告…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Set up the calendar and rules…</source>
        <translation>设置校历与工作要求…</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>应做</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已做</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待完成</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
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
        <source>Duty rule</source>
        <translation>工作要求</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Still to do</source>
        <translation>还差</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Choose your name</source>
        <translation>请选择您的姓名</translation>
    </message>
    <message>
        <source>I am:</source>
        <translation>我是：</translation>
    </message>
    <message>
        <source>My to-do</source>
        <translation>我的待办</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Each helper&apos;s own records for the children paired with them. Double-click a helper to see their to-do list.</source>
        <translation>只统计帮扶人本人为结对儿童所做的记录。双击帮扶人可查看其待办事项。</translation>
    </message>
    <message>
        <source>Paired children</source>
        <translation>结对儿童</translation>
    </message>
    <message>
        <source>By helper</source>
        <translation>按帮扶人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Helpers</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>All children</source>
        <translation>全部儿童</translation>
    </message>
    <message>
        <source>Children with overdue duties</source>
        <translation>有逾期未完成的儿童</translation>
    </message>
    <message>
        <source>Children with duties not yet done</source>
        <translation>有待完成或逾期的儿童</translation>
    </message>
    <message>
        <source>Search by name, pinyin initials or class</source>
        <translation>按姓名、拼音首字母或班级查找</translation>
    </message>
    <message>
        <source>By child</source>
        <translation>按儿童</translation>
    </message>
    <message>
        <source>Double-click a class to see its children.</source>
        <translation>双击班级可查看该班儿童。</translation>
    </message>
    <message>
        <source>By class</source>
        <translation>按班级</translation>
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
        <source>Not visited this term</source>
        <translation>本学期未家访</translation>
    </message>
    <message>
        <source>Left-behind kind</source>
        <translation>留守类型</translation>
    </message>
    <message>
        <source>Not paired</source>
        <translation>未结对</translation>
    </message>
    <message>
        <source>Follow up by</source>
        <translation>跟进期限</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Written on</source>
        <translation>记录日期</translation>
    </message>
    <message>
        <source>What to follow up</source>
        <translation>跟进事项</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>待跟进</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Booked visits</source>
        <translation>家访预约</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>The school calendar is not set up yet</source>
        <translation>还没有设置校历</translation>
    </message>
    <message>
        <source>Enter this school year&apos;s terms and choose the duty rules (三个二, 四个一次 or your own). The dashboard then shows, for every helper, class and child, what is due and what is overdue.</source>
        <translation>请录入本学年的学期起止日期，并选择工作要求（“三个二”“四个一次”或本校自定的要求）。设置后，这里会按帮扶人、班级和儿童显示待完成和已逾期的工作。</translation>
    </message>
    <message>
        <source>%1 (%2 to %3), as of %4</source>
        <translation>%1（%2 至 %3），统计截至 %4</translation>
    </message>
    <message>
        <source> — holidays: the term&apos;s final figures</source>
        <translation> —— 假期中：显示本学期最终结果</translation>
    </message>
    <message>
        <source>No duty rules are switched on</source>
        <translation>还没有启用工作要求</translation>
    </message>
    <message>
        <source>Choose the rules your school follows (三个二, 四个一次 or your own) to see who is behind.</source>
        <translation>请选择本校执行的工作要求（“三个二”“四个一次”或自定要求），即可看到哪些工作没有完成。</translation>
    </message>
    <message>
        <source>%1 of %2 children shown</source>
        <translation>显示 %1 名，共 %2 名儿童</translation>
    </message>
    <message>
        <source>Choose your name to see the children you still owe a record.</source>
        <translation>选择您的姓名，查看您还需为哪些儿童做记录。</translation>
    </message>
    <message>
        <source>%1 records due, %2 overdue</source>
        <translation>待完成 %1 次，已逾期 %2 次</translation>
    </message>
    <message>
        <source>Nothing to do: every duty is met.</source>
        <translation>没有待办：各项工作均已完成。</translation>
    </message>
</context>
<context>
    <name>DutyCalendarDialog</name>
    <message>
        <source>School calendar and duty rules</source>
        <translation>校历与工作要求</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>学期</translation>
    </message>
    <message>
        <source>Duty rules</source>
        <translation>工作要求</translation>
    </message>
    <message>
        <source>Add your own rule</source>
        <translation>自定义要求</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>学期</translation>
    </message>
    <message>
        <source>School year</source>
        <translation>学年</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>e.g. 2026年秋季学期</source>
        <translation>如：2026年秋季学期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Add term</source>
        <translation>添加学期</translation>
    </message>
    <message>
        <source>New term</source>
        <translation>新学期</translation>
    </message>
    <message>
        <source>Enter each term&apos;s first and last day. Weeks and months count for the term they mostly fall in, so holidays owe nothing.</source>
        <translation>请填写每学期的第一天和最后一天。每周、每月的要求按大部分日子所在的学期计算，寒暑假不计。</translation>
    </message>
    <message>
        <source>Rule (tick to switch on)</source>
        <translation>要求（勾选即启用）</translation>
    </message>
    <message>
        <source>Records that count</source>
        <translation>计入的记录</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>For</source>
        <translation>适用对象</translation>
    </message>
    <message>
        <source>Apply “%1”</source>
        <translation>启用“%1”</translation>
    </message>
    <message>
        <source>Presets from other schools</source>
        <translation>常用要求（预设）</translation>
    </message>
    <message>
        <source>Save limit</source>
        <translation>保存上限</translation>
    </message>
    <message>
        <source>Each teacher is paired with at most</source>
        <translation>每位教师最多结对</translation>
    </message>
    <message>
        <source>children</source>
        <translation>名儿童</translation>
    </message>
    <message>
        <source>Pairing limit</source>
        <translation>结对人数上限</translation>
    </message>
    <message>
        <source>Pairing more is allowed, with a warning.</source>
        <translation>超过上限仍可结对，但会给出提醒。</translation>
    </message>
    <message>
        <source>Tick a rule to count it, untick it to stop counting it. Rules are never deleted, so last year&apos;s figures stay as they were.</source>
        <translation>勾选的要求计入统计，取消勾选即停用。要求不会被删除，往年的统计结果保持不变。</translation>
    </message>
    <message>
        <source>e.g. 每月家访一次</source>
        <translation>如：每月家访一次</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Only risk levels</source>
        <translation>仅限风险等级</translation>
    </message>
    <message>
        <source>Only category</source>
        <translation>仅限类别</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>添加要求</translation>
    </message>
    <message>
        <source>A rule counts records of the ticked kinds, by anyone, for each child it applies to; a paired helper owes the same with their own records. Leave the risk levels and the category empty to apply the rule to every child.</source>
        <translation>每条要求统计适用儿童的所选类型记录（谁做的都算）；结对帮扶人须以本人的记录完成同样的次数。风险等级和类别都不选，则适用于全部儿童。</translation>
    </message>
    <message>
        <source>current term</source>
        <translation>当前学期</translation>
    </message>
    <message>
        <source>last term (holidays now)</source>
        <translation>上一学期（现为假期）</translation>
    </message>
    <message>
        <source>%1 children</source>
        <translation>%1儿童</translation>
    </message>
    <message>
        <source>category %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>every child</source>
        <translation>全部儿童</translation>
    </message>
    <message>
        <source>Please enter the date</source>
        <translation>请填写日期</translation>
    </message>
    <message>
        <source>Term “%1” added.</source>
        <translation>已添加学期“%1”。</translation>
    </message>
    <message>
        <source>“%1” is counted again.</source>
        <translation>“%1”已重新启用。</translation>
    </message>
    <message>
        <source>“%1” is no longer counted.</source>
        <translation>“%1”已停用，不再计入统计。</translation>
    </message>
    <message>
        <source>“%1” applied: %2 rules added.</source>
        <translation>已启用“%1”：新增 %2 条要求。</translation>
    </message>
    <message>
        <source>The rules of “%1” are already there.</source>
        <translation>“%1”的要求已经全部添加过了。</translation>
    </message>
    <message>
        <source>Limit saved: at most %1 children per teacher.</source>
        <translation>已保存：每位教师最多结对 %1 名儿童。</translation>
    </message>
    <message>
        <source>Rule “%1” added and switched on.</source>
        <translation>已添加并启用要求“%1”。</translation>
    </message>
</context>
<context>
    <name>DutyReportDialog</name>
    <message>
        <source>Year-end duty report</source>
        <translation>年度考核报告</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>School year</source>
        <translation>学年</translation>
    </message>
    <message>
        <source>Duty rule</source>
        <translation>工作要求</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>应做</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已做</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>待完成</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>逾期未完成</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>条数</translation>
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
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>now</source>
        <translation>至今</translation>
    </message>
    <message>
        <source>Paired children</source>
        <translation>结对儿童</translation>
    </message>
    <message>
        <source>Records written</source>
        <translation>所做记录</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>This teacher&apos;s report as a PDF (A4), with lines for the signatures</source>
        <translation>把这位教师的考核表生成PDF（A4），带签字栏</translation>
    </message>
    <message>
        <source>Print all teachers…</source>
        <translation>打印全部教师…</translation>
    </message>
    <message>
        <source>The reports of every teacher of the school for the chosen school year in one PDF, each teacher on pages of their own</source>
        <translation>所选学年全校每位教师的考核表合成一个PDF，每位教师单独成页</translation>
    </message>
    <message>
        <source>Duty rules over the school year</source>
        <translation>本学年工作要求完成情况</translation>
    </message>
    <message>
        <source>Counted per child and period: records the teacher wrote for the children paired with them while the pairing lasted. “Missed” are records lacking in periods that have ended.</source>
        <translation>按每名儿童、每个周期统计：只计教师在结对期间为结对儿童所做的记录。“逾期未完成”指已结束周期中缺少的记录次数。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>%1 (left)</source>
        <translation>%1（已离开）</translation>
    </message>
    <message>
        <source>%1 school year</source>
        <translation>%1学年</translation>
    </message>
    <message>
        <source>No teacher is registered as a helper yet.</source>
        <translation>还没有登记教师帮扶人。</translation>
    </message>
    <message>
        <source>The school calendar has no terms yet: set them in “School calendar and duty rules”.</source>
        <translation>校历里还没有学期，请先在“校历与工作要求”中设置。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>%1, %2 school year: %3 duties met, %4 missed</source>
        <translation>%1，%2学年：完成 %3 项，未完成 %4 项</translation>
    </message>
    <message>
        <source>%1 children paired, %2 records written. As of %3.</source>
        <translation>结对儿童 %1 名，记录 %2 条。统计截至 %3。</translation>
    </message>
    <message>
        <source>Making the duty report of %1…</source>
        <translation>正在生成%1的考核表…</translation>
    </message>
    <message>
        <source>Making the duty reports of every teacher, %1 school year…</source>
        <translation>正在生成 %1 学年全部教师的考核表…</translation>
    </message>
    <message>
        <source>Save the duty report as</source>
        <translation>考核表保存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print duty reports</source>
        <translation>打印考核表</translation>
    </message>
    <message>
        <source>%1 of %2 teachers</source>
        <translation>第 %1 / %2 位教师</translation>
    </message>
</context>
<context>
    <name>IncidentBanner</name>
    <message>
        <source>%1 open mandatory report (强制报告) cases</source>
        <translation>有 %1 件强制报告尚未结案</translation>
    </message>
    <message>
        <source>Report to the police at once and close each case when done.</source>
        <translation>请立即向公安机关报告，处理完毕后及时结案。</translation>
    </message>
</context>
<context>
    <name>_Stats</name>
    <message>
        <source>records overdue</source>
        <translation>次逾期未完成</translation>
    </message>
    <message>
        <source>records due this period</source>
        <translation>次本期待完成</translation>
    </message>
    <message>
        <source>children with overdue duties</source>
        <translation>名儿童有逾期工作</translation>
    </message>
    <message>
        <source>children not visited this term</source>
        <translation>名儿童本学期未家访</translation>
    </message>
    <message>
        <source>children not paired</source>
        <translation>名儿童未结对</translation>
    </message>
</context>
</TS>
