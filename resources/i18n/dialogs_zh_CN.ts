<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>New risk assessment</source>
        <translation>新增风险评估</translation>
    </message>
    <message>
        <source>No parent, grandparent or relative can act as guardian.</source>
        <translation>无父母、祖父母或其他亲属可以监护。</translation>
    </message>
    <message>
        <source>No parent at home; other relatives are the guardians.</source>
        <translation>父母均不在家，由其他亲属监护。</translation>
    </message>
    <message>
        <source>No parent at home; grandparents are the guardians.</source>
        <translation>父母均不在家，由祖父母（外祖父母）监护。</translation>
    </message>
    <message>
        <source>The guardian does nothing or there is none; the child begs or is destitute.</source>
        <translation>监护人不履行监护职责或无人监护，儿童流浪乞讨或生活无着。</translation>
    </message>
    <message>
        <source>Guardianship is ineffective: the child cannot live normally, drops out or picks up bad behaviour.</source>
        <translation>监护缺失：儿童无法正常生活、辍学或沾染不良习气。</translation>
    </message>
    <message>
        <source>The guardian is negligent: serious psychological harm, discrimination or corporal punishment.</source>
        <translation>监护人疏于监护：儿童受到严重心理伤害、歧视或体罚。</translation>
    </message>
    <message>
        <source>The guardian lacks capacity: behaviour deviates, the child is withdrawn or now and then skips school.</source>
        <translation>监护人监护能力不足：儿童行为偏差、性格孤僻或偶有逃学。</translation>
    </message>
    <message>
        <source>What was seen: visits, talks, the child&apos;s situation</source>
        <translation>评估依据：家访、谈心所见，儿童近况等</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>风险类别</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Guardian assessment</source>
        <translation>监护评估</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>评估日期</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>评估人</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>评估理由</translation>
    </message>
    <message>
        <source>Add assessment</source>
        <translation>添加评估</translation>
    </message>
    <message>
        <source>Suggested from the guardian (%1): %2</source>
        <translation>根据监护人（%1）建议：%2</translation>
    </message>
    <message>
        <source>The guardian is a parent (%1): the type scale is for children with no parent at home. Choose what fits.</source>
        <translation>监护人为父母一方（%1）。分类主要针对父母均不在家的儿童，请根据实际情况选择。</translation>
    </message>
    <message>
        <source>Please enter the date of the assessment</source>
        <translation>请填写评估日期</translation>
    </message>
</context>
<context>
    <name>ChildEditor</name>
    <message>
        <source>Child archive</source>
        <translation>儿童档案</translation>
    </message>
    <message>
        <source>Change status…</source>
        <translation>变更状态…</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>监护人</translation>
    </message>
    <message>
        <source>Parents</source>
        <translation>父母</translation>
    </message>
    <message>
        <source>Categories and aid</source>
        <translation>类别与受助</translation>
    </message>
    <message>
        <source>Teacher&apos;s assessment</source>
        <translation>教师评价</translation>
    </message>
    <message>
        <source>Risk assessment</source>
        <translation>风险评估</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <source>Loading the archive…</source>
        <translation>正在读取档案…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
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
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>18 digits, the last may be X</source>
        <translation>18位，末位可为X</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>身份信息</translation>
    </message>
    <message>
        <source>A valid 18-digit ID number fills in the birth date and sex by itself; a typed date or sex that disagrees with it is pointed out.</source>
        <translation>填写有效的18位身份证号后，出生日期和性别会自动填入；手填的出生日期或性别与身份证号不符时会给出提示。</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>年级</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Student no.</source>
        <translation>学号</translation>
    </message>
    <message>
        <source>Boarding</source>
        <translation>寄宿</translation>
    </message>
    <message>
        <source>Boards at school</source>
        <translation>住校寄宿</translation>
    </message>
    <message>
        <source>Household registration</source>
        <translation>户籍地</translation>
    </message>
    <message>
        <source>e.g. 大方县大山乡大山村</source>
        <translation>如：大方县大山乡大山村</translation>
    </message>
    <message>
        <source>Home address</source>
        <translation>家庭住址</translation>
    </message>
    <message>
        <source>village and group, e.g. 大山村三组</source>
        <translation>村、组，如：大山村三组</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>mobile or landline</source>
        <translation>手机或座机</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Disability (kind and grade)</source>
        <translation>残疾类别及等级</translation>
    </message>
    <message>
        <source>e.g. 肢体残疾三级</source>
        <translation>如：肢体残疾三级</translation>
    </message>
    <message>
        <source>School</source>
        <translation>就读情况</translation>
    </message>
    <message>
        <source>Residence and contact</source>
        <translation>户籍与住址</translation>
    </message>
    <message>
        <source>Health and disability</source>
        <translation>健康与残疾</translation>
    </message>
    <message>
        <source>Relation to the child</source>
        <translation>与儿童关系</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>choose or type how the child is raised</source>
        <translation>选择或填写管教方式</translation>
    </message>
    <message>
        <source>Discipline — the key item</source>
        <translation>管教方式（重点项）</translation>
    </message>
    <message>
        <source>How the guardian raises the child</source>
        <translation>管教方式</translation>
    </message>
    <message>
        <source>How the guardian disciplines the child tells most about whether the child is really looked after. Choose the closest description or write your own.</source>
        <translation>监护人怎样管教孩子，最能反映孩子是否真正得到照管。请选择最接近的一项，或直接填写。</translation>
    </message>
    <message>
        <source>Guardianship agreement (监护责任书) signed</source>
        <translation>已签订监护责任书（委托监护协议）</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Personality</source>
        <translation>性格特征</translation>
    </message>
    <message>
        <source>Guardian looking after the child</source>
        <translation>临时监护人</translation>
    </message>
    <message>
        <source>About the guardian</source>
        <translation>监护人情况</translation>
    </message>
    <message>
        <source>Works away</source>
        <translation>外出务工</translation>
    </message>
    <message>
        <source>Works away from home</source>
        <translation>在外务工</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Trade</source>
        <translation>工种</translation>
    </message>
    <message>
        <source>Work province</source>
        <translation>务工省份</translation>
    </message>
    <message>
        <source>Work city</source>
        <translation>务工城市</translation>
    </message>
    <message>
        <source>Away since</source>
        <translation>外出时间</translation>
    </message>
    <message>
        <source>e.g. 2019-02</source>
        <translation>如：2019-02</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>经济收入</translation>
    </message>
    <message>
        <source>e.g. about 4000 a month</source>
        <translation>如：每月约4000元</translation>
    </message>
    <message>
        <source>Contact with the child</source>
        <translation>联系频率</translation>
    </message>
    <message>
        <source>Comes home</source>
        <translation>回家频率</translation>
    </message>
    <message>
        <source>Hopes for the child</source>
        <translation>对子女的希望要求</translation>
    </message>
    <message>
        <source>Can look after the child</source>
        <translation>监护能力</translation>
    </message>
    <message>
        <source>Able to act as guardian</source>
        <translation>有监护能力</translation>
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
        <source>Left-behind kind</source>
        <translation>留守类型</translation>
    </message>
    <message>
        <source>Left behind</source>
        <translation>留守情况</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Aid received</source>
        <translation>受助情况</translation>
    </message>
    <message>
        <source>Family income sources</source>
        <translation>家庭收入来源</translation>
    </message>
    <message>
        <source>Moral character</source>
        <translation>道德品质</translation>
    </message>
    <message>
        <source>Behaviour and habits</source>
        <translation>行为习惯</translation>
    </message>
    <message>
        <source>Interests and hobbies</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>Intelligence</source>
        <translation>智力水平</translation>
    </message>
    <message>
        <source>Motivation and attitude to study</source>
        <translation>学习动机和态度</translation>
    </message>
    <message>
        <source>Study skills and methods</source>
        <translation>学习能力和方法</translation>
    </message>
    <message>
        <source>Gets on with the guardian</source>
        <translation>与临时监护人的融洽程度</translation>
    </message>
    <message>
        <source>Communication with the parents away</source>
        <translation>与打工父母的沟通情况</translation>
    </message>
    <message>
        <source>Psychological state</source>
        <translation>心理状况</translation>
    </message>
    <message>
        <source>The teacher&apos;s judgement</source>
        <translation>教师评价</translation>
    </message>
    <message>
        <source>Write what you have seen yourself, in a few words; update it when the child changes. Every change is kept in the change history.</source>
        <translation>请根据平时观察简要填写，孩子情况有变化时及时更新。每次修改都会记入变更记录。</translation>
    </message>
    <message>
        <source>New assessment…</source>
        <translation>新增评估…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>评估日期</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Guardian assessment</source>
        <translation>监护评估</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>评估人</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>评估理由</translation>
    </message>
    <message>
        <source>Types: 一类 no parent, grandparent or relative can act as guardian; 二类 other relatives look after the child; 三类 grandparents do. Levels: 一级 is the most serious, 四级 the least. Assessments are never changed or deleted: add a new one when the situation changes.</source>
        <translation>类别：一类，无父母、祖父母或其他亲属可以监护；二类，由其他亲属监护；三类，由祖父母监护。等级：一级最严重，四级最轻。评估记录不能修改或删除，情况变化时请新增评估。</translation>
    </message>
    <message>
        <source>%1 required field(s) still to fill in, on: %2</source>
        <translation>还有 %1 项必填内容未填写，见：%2</translation>
    </message>
    <message>
        <source>%1 problem(s) to fix before saving, on: %2</source>
        <translation>还有 %1 处需要修改才能保存，见：%2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Please check: %1</source>
        <translation>请核对：%1</translation>
    </message>
    <message>
        <source>Changes not saved yet.</source>
        <translation>有修改尚未保存。</translation>
    </message>
    <message>
        <source>Saved. Every change is kept in the change history.</source>
        <translation>已保存。每次修改都记入变更记录。</translation>
    </message>
    <message>
        <source>The dated series of assessments, newest first; the current one is highlighted.</source>
        <translation>历次风险评估，按日期从新到旧排列；当前评估突出显示。</translation>
    </message>
    <message>
        <source>Save the new archive first.</source>
        <translation>请先保存新档案。</translation>
    </message>
    <message>
        <source>Save the new archive first; then risk assessments can be added.</source>
        <translation>请先保存新档案，然后才能添加风险评估。</translation>
    </message>
    <message>
        <source>New child archive</source>
        <translation>新建儿童档案</translation>
    </message>
    <message>
        <source>New child</source>
        <translation>新建档案</translation>
    </message>
    <message>
        <source>Child archive — %1</source>
        <translation>儿童档案 — %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source> since %1</source>
        <translation>，%1起</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>，原因：%1</translation>
    </message>
    <message>
        <source>Counted under the national definition (under 16, both parents away or one away and the other unable to care).</source>
        <translation>符合国家统计口径（未满16周岁，父母均外出，或一方外出、另一方无监护能力）。</translation>
    </message>
    <message>
        <source>Not counted under the national definition (under 16, both parents away or one away and the other unable to care); the school keeps the archive anyway.</source>
        <translation>不符合国家统计口径（未满16周岁，父母均外出，或一方外出、另一方无监护能力），学校照常保留档案。</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>this child</source>
        <translation>该儿童</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>修改尚未保存</translation>
    </message>
    <message>
        <source>The changes to the archive of %1 cannot be saved yet: %2 problem(s) must be fixed first. Close and discard the changes?</source>
        <translation>%1的档案有修改，但还有 %2 处需要改正，暂时无法保存。要关闭并放弃这些修改吗？</translation>
    </message>
    <message>
        <source>The archive of %1 has changes that are not saved. Save them?</source>
        <translation>%1的档案有修改尚未保存。要保存吗？</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>School-year handover</source>
        <translation>学年交接</translation>
    </message>
    <message>
        <source>Every class moves up one grade and the top grade graduates. This includes children who are no longer left behind (不再留守): they are still at the school. Children who have left (转出, 毕业, 辍学) are left as they are. Each child&apos;s archive is kept and the change goes into its change history.</source>
        <translation>各班升入高一个年级，最高年级的学生毕业。状态为“不再留守”的学生仍在本校就读，也一同升级；已离校的学生（转出、毕业、辍学）不受影响。每名学生的档案都保留，变动记入其变更记录。</translation>
    </message>
    <message>
        <source>Class now</source>
        <translation>原年级班级</translation>
    </message>
    <message>
        <source>After the handover</source>
        <translation>新年级班级</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>New class</source>
        <translation>新班级</translation>
    </message>
    <message>
        <source>Class teacher</source>
        <translation>班主任</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Filled in with each class&apos;s teacher now, who moves up with the class. Change it where another teacher takes over; leave it empty if not known yet.</source>
        <translation>已预填各班现任班主任（随班升级）。如更换班主任请修改；尚未确定的可以留空。</translation>
    </message>
    <message>
        <source>Apply handover…</source>
        <translation>执行学年交接…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>升级预览</translation>
    </message>
    <message>
        <source>New class teachers</source>
        <translation>新学年班主任</translation>
    </message>
    <message>
        <source>School-year handover for %1</source>
        <translation>%1学年交接</translation>
    </message>
    <message>
        <source>The handover for the school year %1 has already been done. Doing it again would move every child up another grade, so it is not possible.</source>
        <translation>%1学年已经做过学年交接。再做一次会让所有学生再升一个年级，所以不能重复执行。</translation>
    </message>
    <message>
        <source>Note: the handover is normally done in the summer holidays (June to September). Done now, it starts the school year %1: every class moves up a grade today. Go ahead only if the new school year really begins now.</source>
        <translation>注意：学年交接通常在暑假（6月至9月）进行。现在执行，将开始%1学年，各班今天就升入高一个年级。请确认新学年确实从现在开始后再执行。</translation>
    </message>
    <message>
        <source>Graduates</source>
        <translation>毕业</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>%1 children move up a grade, %2 graduate.</source>
        <translation>升级 %1 人，毕业 %2 人。</translation>
    </message>
    <message>
        <source>No child is at the school: nothing to hand over.</source>
        <translation>目前没有在校学生，无需交接。</translation>
    </message>
    <message>
        <source>%1 children will move up a grade and %2 children will graduate, for the school year %3. This is recorded in the change history.</source>
        <translation>%3学年交接：将为 %1 名学生升级，%2 名学生毕业。此操作会记入变更记录。</translation>
    </message>
    <message>
        <source>Handing over…</source>
        <translation>正在交接…</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>(new archive)</source>
        <translation>（建档）</translation>
    </message>
    <message>
        <source>(added)</source>
        <translation>（新增）</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Filter by item, e.g. phone or 管教方式</source>
        <translation>按项目筛选，如：电话、管教方式</translation>
    </message>
    <message>
        <source>Show what was filled in when the archive was made</source>
        <translation>显示建档时填写的内容</translation>
    </message>
    <message>
        <source>Item:</source>
        <translation>项目：</translation>
    </message>
    <message>
        <source>%1 changes</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <source>%1 of %2 changes</source>
        <translation>显示 %1 条，共 %2 条</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>当前状态：%1</translation>
    </message>
    <message>
        <source> since %1</source>
        <translation>，%1起</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>，原因：%1</translation>
    </message>
    <message>
        <source>e.g. 父亲返乡就业, 转入某某小学, 随父母外出就读</source>
        <translation>如：父亲返乡就业、转入某某小学、随父母外出就读</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>A reason is needed for every status except 在册. Nothing is deleted: the archive and its history stay, whatever the status.</source>
        <translation>除“在册”外，变更状态都要填写原因。档案不会被删除：无论什么状态，档案及其变更记录都会保留。</translation>
    </message>
    <message>
        <source>Please enter the date</source>
        <translation>请填写日期</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填</translation>
    </message>
    <message>
        <source>e.g. 2016-03-08</source>
        <translation>如：2016-03-08</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>Pick a date</source>
        <translation>从日历中选择日期</translation>
    </message>
    <message>
        <source>Write the date like 2016-03-08</source>
        <translation>日期格式如：2016-03-08</translation>
    </message>
</context>
</TS>
