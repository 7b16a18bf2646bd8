<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BreakdownModel</name>
    <message>
        <source>Whole township</source>
        <translation>全乡镇</translation>
    </message>
    <message>
        <source>Level: %1</source>
        <translation>风险%1</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>Level not assessed</source>
        <translation>等级未评估</translation>
    </message>
    <message>
        <source>Type not assessed</source>
        <translation>类别未评估</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Decision</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>About</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Side A</source>
        <translation>甲方</translation>
    </message>
    <message>
        <source>Side B</source>
        <translation>乙方</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
</context>
<context>
    <name>DuplicatesModel</name>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Child A</source>
        <translation>甲：姓名</translation>
    </message>
    <message>
        <source>School of A</source>
        <translation>甲：学校</translation>
    </message>
    <message>
        <source>Child B</source>
        <translation>乙：姓名</translation>
    </message>
    <message>
        <source>School of B</source>
        <translation>乙：学校</translation>
    </message>
</context>
<context>
    <name>FiguresModel</name>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>On register</source>
        <translation>在册人数</translation>
    </message>
    <message>
        <source>Archive rate</source>
        <translation>建档率</translation>
    </message>
    <message>
        <source>Paired rate</source>
        <translation>结对率</translation>
    </message>
    <message>
        <source>Visited this term</source>
        <translation>本学期家访率</translation>
    </message>
    <message>
        <source>Overdue duties</source>
        <translation>逾期工作</translation>
    </message>
    <message>
        <source>Last bundle</source>
        <translation>最近同步包</translation>
    </message>
    <message>
        <source>Days without sync</source>
        <translation>未同步天数</translation>
    </message>
    <message>
        <source>Whole township</source>
        <translation>全乡镇</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>No sync bundle for %1 days or more</source>
        <translation>已有 %1 天或更久没有同步包</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge both sides</source>
        <translation>合并两方</translation>
    </message>
    <message>
        <source>Merge the changes to %1 (%2)</source>
        <translation>合并对 %1（%2）的修改</translation>
    </message>
    <message>
        <source>(no child)</source>
        <translation>（无儿童）</translation>
    </message>
    <message>
        <source>(no school)</source>
        <translation>（无学校）</translation>
    </message>
    <message>
        <source>For each item the two sides changed differently, choose the value to keep. The side whose change shows now is chosen at first.</source>
        <translation>双方改得不一样的每一项，请选择保留哪一方的内容。默认选中的是现在显示的一方。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Side A</source>
        <translation>甲方</translation>
    </message>
    <message>
        <source>Side B</source>
        <translation>乙方</translation>
    </message>
    <message>
        <source>The same on both sides</source>
        <translation>双方相同</translation>
    </message>
    <message>
        <source>Note on the decision (optional)</source>
        <translation>处理说明（可不填）</translation>
    </message>
    <message>
        <source>The merged values are written into the archive as a new change; every change stays in the child&apos;s history, and the decision reaches the school with its next bundle.</source>
        <translation>合并后的内容作为一次新的修改写入档案；所有修改都留在儿童的修改记录里，处理结果随下一个同步包发给学校。</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1, by %2, %3</source>
        <translation>%1，修改人：%2，%3</translation>
    </message>
</context>
<context>
    <name>QuarterDialog</name>
    <message>
        <source>Quarterly report of dynamic changes</source>
        <translation>季度动态变化表</translation>
    </message>
    <message>
        <source>Q1 (January–March)</source>
        <translation>第一季度（1–3月）</translation>
    </message>
    <message>
        <source>Q2 (April–June)</source>
        <translation>第二季度（4–6月）</translation>
    </message>
    <message>
        <source>Q3 (July–September)</source>
        <translation>第三季度（7–9月）</translation>
    </message>
    <message>
        <source>Q4 (October–December)</source>
        <translation>第四季度（10–12月）</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <source>Quarter:</source>
        <translation>季度：</translation>
    </message>
    <message>
        <source>One row per school: children added, transferred in and out, no longer left-behind, risk level changed, dropped out — by the date of the change itself, so bundles that arrive late still count in the right quarter.</source>
        <translation>每所学校一行：新增、转入、转出、不再留守、风险等级变化、辍学的儿童。按变化本身发生的日期统计，晚到的同步包也会算进正确的季度。</translation>
    </message>
    <message>
        <source>Choose the file…</source>
        <translation>选择保存位置…</translation>
    </message>
</context>
<context>
    <name>TownshipConflictsPage</name>
    <message>
        <source>Conflicts</source>
        <translation>冲突处理</translation>
    </message>
    <message>
        <source>Only undecided</source>
        <translation>只看未处理</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>No conflicts. A conflict arises when the township and a school (or two schools) change the same part of a child&apos;s archive before exchanging bundles.</source>
        <translation>没有冲突。乡镇和学校（或两所学校）在交换同步包之前修改了同一名儿童档案的同一部分时，才会出现冲突。</translation>
    </message>
    <message>
        <source>Side A</source>
        <translation>甲方</translation>
    </message>
    <message>
        <source>Side B</source>
        <translation>乙方</translation>
    </message>
    <message>
        <source>In effect now</source>
        <translation>现在生效</translation>
    </message>
    <message>
        <source>The archive holds this side&apos;s values now: of two changes made without seeing each other, the later one is in effect until the township decides.</source>
        <translation>档案中现在是这一方的值：两处互不知情的修改中，较晚的一处生效，直到乡镇作出处理。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Note on the decision (optional)</source>
        <translation>处理说明（可不填）</translation>
    </message>
    <message>
        <source>Take side A</source>
        <translation>采用甲方</translation>
    </message>
    <message>
        <source>Take side B</source>
        <translation>采用乙方</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>两者都保留</translation>
    </message>
    <message>
        <source>Keep both: change nothing. The values in effect now (marked “In effect now”) stay in the archive, the other side&apos;s change stays in the child&apos;s history, and the conflict is marked as looked at.</source>
        <translation>两者都保留：不做任何改动。现在生效的值（标有“现在生效”）留在档案中，另一方的修改保留在儿童的修改记录里，此冲突标记为已查看。</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>合并…</translation>
    </message>
    <message>
        <source>Put the two sides together item by item: for each item they changed differently, choose whose value to keep.</source>
        <translation>逐项合并双方的内容：双方改得不一样的每一项，选择保留哪一方的。</translation>
    </message>
    <message>
        <source>Taking a side writes its values into the archive; every change stays in the child&apos;s history, and the decision reaches the school with its next bundle.</source>
        <translation>采用某一方，就把该方的内容写入档案；所有修改都留在儿童的修改记录里，处理结果随下一个同步包发给学校。</translation>
    </message>
    <message>
        <source>%1 undecided, %2 decided</source>
        <translation>未处理 %1 条，已处理 %2 条</translation>
    </message>
    <message>
        <source>%1 — %2, %3: %4</source>
        <translation>%1 — %2，%3：%4</translation>
    </message>
    <message>
        <source>(no child)</source>
        <translation>（无儿童）</translation>
    </message>
    <message>
        <source>(no school)</source>
        <translation>（无学校）</translation>
    </message>
    <message>
        <source> (in effect now)</source>
        <translation>（现在生效）</translation>
    </message>
    <message>
        <source>Decided: %1 (by %2, %3)</source>
        <translation>已处理：%1（%2，%3）</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>Not decided yet. Fields where the sides differ are highlighted.</source>
        <translation>尚未处理。双方不同的项目已用底色标出。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1
by %2
%3</source>
        <translation>%1
修改人：%2
%3</translation>
    </message>
</context>
<context>
    <name>TownshipDuplicatesPage</name>
    <message>
        <source>Possible duplicate children</source>
        <translation>疑似重复儿童</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>No possible duplicates: no two children share an ID number, or a name, birth date and guardian phone.</source>
        <translation>没有疑似重复的儿童：没有两名儿童身份证号相同，或姓名、出生日期和监护人电话都相同。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Child A</source>
        <translation>甲</translation>
    </message>
    <message>
        <source>Child B</source>
        <translation>乙</translation>
    </message>
    <message>
        <source>Different children</source>
        <translation>不同儿童</translation>
    </message>
    <message>
        <source>Same child (merge)</source>
        <translation>同一儿童（合并）</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转学</translation>
    </message>
    <message>
        <source>Two children who happen to match: both archives stay as they are.</source>
        <translation>只是碰巧相同的两名儿童：两份档案都保持不变。</translation>
    </message>
    <message>
        <source>One child entered twice: B&apos;s archive is deleted with a note pointing at A; its history stays.</source>
        <translation>同一名儿童录入了两次：删除乙的档案并注明与甲合并；修改记录保留。</translation>
    </message>
    <message>
        <source>The child moved from A&apos;s school to B&apos;s: A is marked transferred out.</source>
        <translation>儿童从甲所在学校转到乙所在学校：甲标记为转出。</translation>
    </message>
    <message>
        <source>Same child: B&apos;s archive is deleted (it can be restored) with a note pointing at A. Transfer: A — the old school&apos;s archive — is marked transferred out, B stays. Different children: nothing changes, and the pair is not shown again.</source>
        <translation>同一儿童：删除乙的档案（可以恢复），并注明与甲合并。转学：甲（原学校的档案）标记为转出，乙保留。不同儿童：不做改动，这一对以后不再提示。</translation>
    </message>
    <message>
        <source>%1 pair(s) to decide</source>
        <translation>待处理 %1 对</translation>
    </message>
    <message>
        <source>%1 (%2) and %3 (%4): %5</source>
        <translation>%1（%2）与 %3（%4）：%5</translation>
    </message>
    <message>
        <source>(not found)</source>
        <translation>（找不到）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
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
        <source>Father</source>
        <translation>父亲</translation>
    </message>
    <message>
        <source>Mother</source>
        <translation>母亲</translation>
    </message>
    <message>
        <source>Treat them as one child? The archive of %1 at %2 (B) will be deleted with a note pointing at the archive at %3 (A). It can be restored later.</source>
        <translation>确定是同一名儿童吗？%2 的 %1 的档案（乙）将被删除，并注明与 %3 的档案（甲）合并。以后可以恢复。</translation>
    </message>
    <message>
        <source>Record a transfer? The archive of %1 at %2 (A) will be marked transferred out; the one at %3 (B) stays.</source>
        <translation>确定按转学处理吗？%2 的 %1 的档案（甲）将标记为转出；%3 的档案（乙）保留。</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>疑似重复儿童</translation>
    </message>
</context>
<context>
    <name>TownshipPolicyDialog</name>
    <message>
        <source>Settings for the schools</source>
        <translation>统一设置</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>学期</translation>
    </message>
    <message>
        <source>Duty rules</source>
        <translation>工作要求</translation>
    </message>
    <message>
        <source>Helper from outside</source>
        <translation>校外帮扶人</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>e.g. 2026年秋季学期</source>
        <translation>如 2026年秋季学期</translation>
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
        <source>Add the term for the ticked schools</source>
        <translation>为所选学校添加学期</translation>
    </message>
    <message>
        <source>The term is added to each ticked school&apos;s calendar. A school that already has a term over these dates keeps its own.</source>
        <translation>学期会加入所选各校的校历。已有学期与这些日期重叠的学校保留自己的学期，不作改动。</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>工作要求</translation>
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
        <source>Switch the rules on at the ticked schools</source>
        <translation>为所选学校启用这些要求</translation>
    </message>
    <message>
        <source>The preset&apos;s rules are added to each ticked school and counted from now on. A rule a school already has (by name) is not added twice.</source>
        <translation>预设中的各项要求会加入所选各校，并从现在起统计。学校已有的同名要求不会重复添加。</translation>
    </message>
    <message>
        <source>Mobile (11 digits) or landline</source>
        <translation>手机（11位）或座机</translation>
    </message>
    <message>
        <source>Choose or type a role</source>
        <translation>选择或填写身份</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Add to the ticked schools&apos; helpers</source>
        <translation>加入所选学校的帮扶人名单</translation>
    </message>
    <message>
        <source>Someone from outside the schools (志愿者, 村干部, 退休教师, 爱心妈妈 …) who helps several schools: each ticked school can then pair them with its children. A school that already lists the same name and phone is left as it is.</source>
        <translation>在多所学校开展帮扶的校外人员（志愿者、村干部、退休教师、爱心妈妈……）：加入后，所选各校都可以把此人与本校儿童结对。名单里已有同名同电话人员的学校不作改动。</translation>
    </message>
    <message>
        <source>%1 (code %2): no term set yet</source>
        <translation>%1（代码 %2）：尚未设置学期</translation>
    </message>
    <message>
        <source>%1 (code %2): latest term %3, %4 to %5</source>
        <translation>%1（代码 %2）：最近的学期为%3，%4 至 %5</translation>
    </message>
    <message>
        <source>No school yet: schools are listed once their first bundle is in.</source>
        <translation>还没有学校：学校发来第一个同步包后才会列出。</translation>
    </message>
    <message>
        <source>%1 of %2 schools ticked.</source>
        <translation>已选 %1 所学校（共 %2 所）。</translation>
    </message>
    <message>
        <source>Tick at least one school.</source>
        <translation>请至少选择一所学校。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Already have a term over these dates, will be left unchanged: %1</source>
        <translation>以下学校已有与这些日期重叠的学期，将不作改动：%1</translation>
    </message>
    <message>
        <source>Please enter the date</source>
        <translation>请填写日期</translation>
    </message>
    <message>
        <source>Term “%1”</source>
        <translation>学期“%1”</translation>
    </message>
    <message>
        <source>Choose a preset</source>
        <translation>请选择预设</translation>
    </message>
    <message>
        <source>Duty rules “%1”</source>
        <translation>工作要求“%1”</translation>
    </message>
    <message>
        <source>Please enter the name</source>
        <translation>请填写姓名</translation>
    </message>
    <message>
        <source>Helper %1</source>
        <translation>帮扶人%1</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>正在设置……</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Set for %1 school(s); these schools were left unchanged: %2.</source>
        <translation>已为 %1 所学校设置；以下学校未改动：%2。</translation>
    </message>
    <message>
        <source>Set for %1 school(s): %2.</source>
        <translation>已为 %1 所学校设置：%2。</translation>
    </message>
    <message>
        <source>No school was changed: %1.</source>
        <translation>没有学校改动：%1。</translation>
    </message>
    <message>
        <source>It takes effect at each school once it imports its next sync bundle.</source>
        <translation>学校导入下一个同步包后生效。</translation>
    </message>
</context>
<context>
    <name>TownshipStatsPage</name>
    <message>
        <source>Figures by school</source>
        <translation>各校统计</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Mark schools without a bundle for</source>
        <translation>标出未交同步包达</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export the quarterly change report…</source>
        <translation>导出季度动态变化表…</translation>
    </message>
    <message>
        <source>Settings for the schools…</source>
        <translation>统一设置…</translation>
    </message>
    <message>
        <source>Archive rate: children on the register whose archive has a guardian&apos;s phone and a risk assessment. Paired: with an active pairing today. Visited: with a home visit this term (or in the last 120 days where no term is set).</source>
        <translation>建档率：在册儿童中，档案有监护人电话并做过风险评估的比例。结对率：今天有有效结对的比例。家访率：本学期（未设学期的学校按最近 120 天）有家访记录的比例。</translation>
    </message>
    <message>
        <source>Children by risk level, risk type and guardian</source>
        <translation>按风险等级、风险类别和监护类型统计人数</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>The figures could not be read.</source>
        <translation>无法读取统计数字。</translation>
    </message>
    <message>
        <source>No school&apos;s data yet: the figures appear once the schools&apos; sync bundles have been imported.</source>
        <translation>还没有任何学校的数据：导入各校的同步包后才会有统计。</translation>
    </message>
    <message>
        <source>%1 schools, %2 children on the register.</source>
        <translation>共 %1 所学校，在册儿童 %2 人。</translation>
    </message>
    <message>
        <source>%1 school(s) without a sync bundle for %2 days or more: %3</source>
        <translation>%1 所学校已有 %2 天或更久没有交同步包：%3</translation>
    </message>
    <message>
        <source>Set a term, duty rules or a helper from outside for several schools at once.</source>
        <translation>为多所学校统一设置学期、工作要求或校外帮扶人。</translation>
    </message>
    <message>
        <source>No school has sent a sync bundle yet: the schools can be set up once their first bundles have been imported.</source>
        <translation>还没有学校发来同步包：导入各校的第一个同步包后才能统一设置。</translation>
    </message>
    <message>
        <source>Dynamic changes %1 Q%2.xlsx</source>
        <translation>留守儿童动态变化表 %1年第%2季度.xlsx</translation>
    </message>
    <message>
        <source>Save the quarterly change report as</source>
        <translation>季度动态变化表保存为</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Report saved</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>The quarterly change report for %1 schools was saved as %2.</source>
        <translation>已导出 %1 所学校的季度动态变化表：%2</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer to another school</source>
        <translation>转学</translation>
    </message>
    <message>
        <source>Transfer %1 (%2)</source>
        <translation>为 %1（%2）办理转学</translation>
    </message>
    <message>
        <source>Now at:</source>
        <translation>现在学校：</translation>
    </message>
    <message>
        <source>Move to:</source>
        <translation>转入学校：</translation>
    </message>
    <message>
        <source>The archive and its whole history move to the new school. Both schools learn of the transfer from the next sync bundle they receive; the old school keeps the archive, read-only.</source>
        <translation>档案及全部修改记录随儿童转到新学校。两所学校在收到下一个同步包时得知这次转学；原学校保留只读档案。</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转学</translation>
    </message>
    <message>
        <source>There is no other school in the ledger yet: a school appears once its first sync bundle has been merged.</source>
        <translation>台账里还没有别的学校：学校的第一个同步包合并后，它才会出现在这里。</translation>
    </message>
    <message>
        <source>%1 was transferred from %2 to %3. Export sync bundles for both schools (Sync → Export for all schools): the transfer takes effect at each school once it imports its bundle.</source>
        <translation>已将 %1 从%2转至%3。请为两所学校导出同步包（同步 → 为全部学校导出），它们导入后生效。</translation>
    </message>
    <message>
        <source>Transfer recorded</source>
        <translation>转学已记录</translation>
    </message>
</context>
</TS>
