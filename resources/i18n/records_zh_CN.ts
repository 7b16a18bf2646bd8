<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttachmentPreview</name>
    <message>
        <source>The copy could not be saved to “%1”: %2</source>
        <translation>无法把副本保存到“%1”：%2</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
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
        <source>“%1” cannot be shown here. Save a copy and open it with its program.</source>
        <translation>这里无法显示“%1”。请另存副本，再用相应的程序打开。</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>另存副本</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>The attachment “%1” is over 20 MB; compress it and attach it again</source>
        <translation>附件“%1”超过20MB，请压缩后再附上</translation>
    </message>
    <message>
        <source>The file “%1” could not be read: %2</source>
        <translation>无法读取文件“%1”：%2</translation>
    </message>
    <message>
        <source>Double-click to see it larger</source>
        <translation>双击查看大图</translation>
    </message>
    <message>
        <source>Attach photos or scans…</source>
        <translation>添加照片或扫描件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Photos and scans (%1 *.pdf)</source>
        <translation>照片和扫描件 (%1 *.pdf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Attach photos or scanned forms</source>
        <translation>添加照片或扫描的表格</translation>
    </message>
    <message>
        <source>%1 (%2 KB)</source>
        <translation>%1（%2 KB）</translation>
    </message>
    <message>
        <source>Reading the files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>%1 file(s)</source>
        <translation>共 %1 个文件</translation>
    </message>
    <message>
        <source>No photos or scans attached</source>
        <translation>尚未添加照片或扫描件</translation>
    </message>
</context>
<context>
    <name>CareForm</name>
    <message>
        <source>Please enter the date</source>
        <translation>请填写日期</translation>
    </message>
    <message>
        <source>The date cannot be after today</source>
        <translation>日期不能晚于今天</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close without saving? What you wrote here will be lost.</source>
        <translation>不保存就关闭吗？这里填写的内容将会丢失。</translation>
    </message>
</context>
<context>
    <name>ChildPicker</name>
    <message>
        <source>Type a name, pinyin initials (zs) or class, then Enter</source>
        <translation>输入姓名、拼音首字母（如 zs）或班级，按回车添加</translation>
    </message>
    <message>
        <source>No child on the register matches</source>
        <translation>没有符合条件的在册儿童</translation>
    </message>
    <message>
        <source>Double-click a child (or press Delete) to remove</source>
        <translation>双击儿童（或按 Delete 键）可移除</translation>
    </message>
    <message>
        <source>No child chosen yet</source>
        <translation>尚未选择儿童</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Add a whole class…</source>
        <translation>添加整个班…</translation>
    </message>
    <message>
        <source>(unknown child)</source>
        <translation>（未知儿童）</translation>
    </message>
    <message>
        <source>%1 (chosen)</source>
        <translation>%1（已选）</translation>
    </message>
</context>
<context>
    <name>DropoutAttemptDialog</name>
    <message>
        <source>Persuasion visit</source>
        <translation>劝返记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>By</source>
        <translation>劝返人</translation>
    </message>
    <message>
        <source>e.g. 班主任、村干部</source>
        <translation>如：班主任、村干部</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>What the family said; what was agreed</source>
        <translation>家长怎么说，商定了什么</translation>
    </message>
    <message>
        <source>Write who went</source>
        <translation>请写明谁去劝返</translation>
    </message>
    <message>
        <source>Write what came of it</source>
        <translation>请写明劝返结果</translation>
    </message>
</context>
<context>
    <name>DropoutCloseDialog</name>
    <message>
        <source>Close the dropout case</source>
        <translation>辍学登记结案</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>e.g. 已复学</source>
        <translation>如：已复学</translation>
    </message>
    <message>
        <source>Written report</source>
        <translation>书面报告</translation>
    </message>
    <message>
        <source>When persuasion failed: the visits made, the family&apos;s reasons, what was reported and to whom</source>
        <translation>劝返未果时填写：劝返经过、家庭的理由、向谁报告了什么</translation>
    </message>
    <message>
        <source>The case cannot close before it was registered</source>
        <translation>结案日期不能早于登记日期</translation>
    </message>
    <message>
        <source>Write the outcome, e.g. 已复学 or 劝返未果</source>
        <translation>请写明结果，如“已复学”或“劝返未果”</translation>
    </message>
    <message>
        <source>Persuasion failed: write the report for the authorities</source>
        <translation>劝返未果，请填写上报的书面报告</translation>
    </message>
</context>
<context>
    <name>DropoutRegisterDialog</name>
    <message>
        <source>Register a dropout</source>
        <translation>辍学登记</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>辍学日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>辍学原因</translation>
    </message>
    <message>
        <source>Why the child left</source>
        <translation>孩子为什么不来上学</translation>
    </message>
    <message>
        <source>Then record each persuasion visit (劝返); close the case when the child is back at school or persuasion has failed (with a written report).</source>
        <translation>登记后，请记下每一次劝返；孩子复学或劝返未果（附书面报告）时结案。</translation>
    </message>
    <message>
        <source>Choose the child</source>
        <translation>请选择儿童</translation>
    </message>
    <message>
        <source>Write why the child left school</source>
        <translation>请写明辍学原因</translation>
    </message>
</context>
<context>
    <name>DropoutsModel</name>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>辍学原因</translation>
    </message>
    <message>
        <source>Persuasion visits</source>
        <translation>劝返次数</translation>
    </message>
    <message>
        <source>Latest result</source>
        <translation>最近一次劝返</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Persuading</source>
        <translation>劝返中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
</context>
<context>
    <name>DropoutsPage</name>
    <message>
        <source>Register a dropout…</source>
        <translation>辍学登记…</translation>
    </message>
    <message>
        <source>Persuasion visit…</source>
        <translation>记录劝返…</translation>
    </message>
    <message>
        <source>Close the case…</source>
        <translation>结案…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>By</source>
        <translation>劝返人</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Persuasion visits</source>
        <translation>劝返经过</translation>
    </message>
    <message>
        <source>%1 cases, %2 still being persuaded</source>
        <translation>共 %1 条登记，%2 条正在劝返</translation>
    </message>
    <message>
        <source>No dropouts registered.</source>
        <translation>没有辍学登记。</translation>
    </message>
    <message>
        <source>Choose a case above to see its visits.</source>
        <translation>在上方选择一条登记，查看劝返经过。</translation>
    </message>
    <message>
        <source>Persuasion visits: %1</source>
        <translation>劝返经过：%1</translation>
    </message>
    <message>
        <source>Closed on %1: %2</source>
        <translation>%1 结案：%2</translation>
    </message>
    <message>
        <source>Written report: %1</source>
        <translation>书面报告：%1</translation>
    </message>
    <message>
        <source>No persuasion visit recorded yet.</source>
        <translation>还没有劝返记录。</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <source>Mandatory report</source>
        <translation>强制报告</translation>
    </message>
    <message>
        <source>Follow up a report</source>
        <translation>报告跟进</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>情形</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>发现情况</translation>
    </message>
    <message>
        <source>What was seen or heard, by whom, where</source>
        <translation>谁在何处看到或听到了什么</translation>
    </message>
    <message>
        <source>Report to the police at once when a child lives alone without a guardian, is missing, when the guardian has lost capacity, or when violence, injury or abuse is suspected.</source>
        <translation>发现儿童独居无人监护、失踪、监护人丧失监护能力，或疑似遭受家庭暴力、伤害、虐待时，应立即向公安机关报告。</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>报告日期</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未报告</translation>
    </message>
    <message>
        <source>Reported to</source>
        <translation>报告对象</translation>
    </message>
    <message>
        <source>e.g. 派出所 and officer</source>
        <translation>如：派出所及接警民警</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>后续跟进</translation>
    </message>
    <message>
        <source>What was done afterwards, by whom</source>
        <translation>之后做了什么，由谁负责</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>How it ended</source>
        <translation>最后如何处理</translation>
    </message>
    <message>
        <source>The case is closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Report and follow-up</source>
        <translation>报告与跟进</translation>
    </message>
    <message>
        <source>Choose the child</source>
        <translation>请选择儿童</translation>
    </message>
    <message>
        <source>Choose the situation</source>
        <translation>请选择情形</translation>
    </message>
    <message>
        <source>Write to whom it was reported (e.g. 派出所)</source>
        <translation>请写明向谁报告（如派出所）</translation>
    </message>
    <message>
        <source>Give the date it was reported</source>
        <translation>请填写报告日期</translation>
    </message>
    <message>
        <source>Write the outcome before closing the case</source>
        <translation>结案前请写明处理结果</translation>
    </message>
</context>
<context>
    <name>IncidentListPage</name>
    <message>
        <source>Report an incident…</source>
        <translation>登记强制报告…</translation>
    </message>
    <message>
        <source>Follow up…</source>
        <translation>跟进…</translation>
    </message>
    <message>
        <source>No incidents have been reported about your own children.</source>
        <translation>您的儿童（本班和结对儿童）没有登记过强制报告。</translation>
    </message>
    <message>
        <source>No incidents have been reported.</source>
        <translation>没有强制报告记录。</translation>
    </message>
    <message>
        <source>%1 report(s) still open: report, follow up and close each one.</source>
        <translation>有 %1 条强制报告尚未结案：请逐条报告、跟进并结案。</translation>
    </message>
    <message>
        <source>No open reports about your own children.</source>
        <translation>您的儿童（本班和结对儿童）没有未结案的强制报告。</translation>
    </message>
    <message>
        <source>No open reports.</source>
        <translation>没有未结案的强制报告。</translation>
    </message>
    <message>
        <source>Your account reads the reports and changes nothing.</source>
        <translation>您的账号只能查看强制报告，不能修改。</translation>
    </message>
</context>
<context>
    <name>IncidentsModel</name>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>情形</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>发现情况</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>报告日期</translation>
    </message>
    <message>
        <source>Reported to</source>
        <translation>报告对象</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结案</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Not reported yet</source>
        <translation>尚未报告</translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <source>Mandatory reports</source>
        <translation>强制报告</translation>
    </message>
    <message>
        <source>Dropouts</source>
        <translation>辍学登记</translation>
    </message>
    <message>
        <source>Holiday screening</source>
        <translation>寒暑假排查</translation>
    </message>
    <message>
        <source>Mandatory reports (%1 open)</source>
        <translation>强制报告（%1 条未结案）</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Correct a record</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <source>Write a record</source>
        <translation>写记录</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>保存更正</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>What kind of record?</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Who wrote it</source>
        <translation>由谁记录</translation>
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
        <source>For a guardians&apos; meeting or a group visit add every child it covers, or a whole class at once.</source>
        <translation>监护人座谈会或集体家访：请添加涉及的每名儿童，也可以一次添加整个班。</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <source>What happened, in a few sentences</source>
        <translation>用几句话写下经过</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进事项</translation>
    </message>
    <message>
        <source>What is to be done next, e.g. 联系村委会</source>
        <translation>接下来要做的事，如：联系村委会</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>跟进内容</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>A follow-up with a date shows as a due item on the dashboard.</source>
        <translation>填写了期限的跟进事项会作为待办显示在工作台上。</translation>
    </message>
    <message>
        <source>Photos and scanned forms</source>
        <translation>照片和扫描的表格</translation>
    </message>
    <message>
        <source>Correcting the record of %1. The corrected version replaces it in lists and counts; the original stays in the history.</source>
        <translation>正在更正 %1 的记录。更正后的版本将在列表和统计中取代原记录，原记录保留在历史中。</translation>
    </message>
    <message>
        <source>Loading the children and helpers…</source>
        <translation>正在读取儿童和帮扶人…</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>家访情况</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>家访人</translation>
    </message>
    <message>
        <source>e.g. 李老师、王老师</source>
        <translation>如：李老师、王老师</translation>
    </message>
    <message>
        <source>Who was met</source>
        <translation>接待人</translation>
    </message>
    <message>
        <source>e.g. 祖母；父亲（视频）</source>
        <translation>如：祖母；父亲（视频）</translation>
    </message>
    <message>
        <source>Self-care</source>
        <translation>生活自理</translation>
    </message>
    <message>
        <source>Personality</source>
        <translation>性格表现</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>身体健康</translation>
    </message>
    <message>
        <source>Diet</source>
        <translation>饮食</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>睡眠</translation>
    </message>
    <message>
        <source>Home education</source>
        <translation>家庭教育</translation>
    </message>
    <message>
        <source>What was seen</source>
        <translation>家访所见</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Other problem</source>
        <translation>其他问题</translation>
    </message>
    <message>
        <source>anything else found</source>
        <translation>其他发现的问题</translation>
    </message>
    <message>
        <source>Guardian&apos;s opinions</source>
        <translation>监护人意见</translation>
    </message>
    <message>
        <source>What the guardian said and asked for</source>
        <translation>监护人反映的情况和要求</translation>
    </message>
    <message>
        <source>Advice given</source>
        <translation>给出的建议</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（不填）</translation>
    </message>
    <message>
        <source>Your own records name you as the helper.</source>
        <translation>您写的记录以您本人为帮扶人。</translation>
    </message>
    <message>
        <source>Your account is not linked to your helper record (帮扶人): ask the administrator to link it.</source>
        <translation>您的账号还没有关联到您的帮扶人记录：请找管理员关联。</translation>
    </message>
    <message>
        <source>Choose what kind of record this is</source>
        <translation>请选择记录类型</translation>
    </message>
    <message>
        <source>Choose at least one child</source>
        <translation>请至少选择一名儿童</translation>
    </message>
    <message>
        <source>You gave a follow-up date: write what is to be done</source>
        <translation>填写了跟进日期，请写明要跟进的事</translation>
    </message>
</context>
<context>
    <name>RecordViewer</name>
    <message>
        <source>Record: %1</source>
        <translation>记录：%1</translation>
    </message>
    <message>
        <source>Photos and scanned forms</source>
        <translation>照片和扫描的表格</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>This version was corrected already; correct the newest version.</source>
        <translation>这一版本已经更正过，请更正最新的版本。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>This version was corrected later; the lists show the newer one.</source>
        <translation>这一版本后来已更正，列表中显示的是更正后的版本。</translation>
    </message>
    <message>
        <source>This is a corrected version; the original is kept in the history.</source>
        <translation>这是更正后的版本，原记录保留在历史中。</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>填写人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>家访人</translation>
    </message>
    <message>
        <source>Who was met</source>
        <translation>接待人</translation>
    </message>
    <message>
        <source>Self-care</source>
        <translation>生活自理</translation>
    </message>
    <message>
        <source>Personality</source>
        <translation>性格表现</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>身体健康</translation>
    </message>
    <message>
        <source>Diet</source>
        <translation>饮食</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>睡眠</translation>
    </message>
    <message>
        <source>Home education</source>
        <translation>家庭教育</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Guardian&apos;s opinions</source>
        <translation>监护人意见</translation>
    </message>
    <message>
        <source>Advice given</source>
        <translation>给出的建议</translation>
    </message>
    <message>
        <source>%1 (due %2)</source>
        <translation>%1（期限 %2）</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进事项</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>填写人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正版</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>Write a record</source>
        <translation>写记录</translation>
    </message>
    <message>
        <source>Child: name, pinyin initials or class</source>
        <translation>按儿童查找：姓名、拼音首字母或班级</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>from</source>
        <translation>起</translation>
    </message>
    <message>
        <source>to</source>
        <translation>止</translation>
    </message>
    <message>
        <source>Show corrected versions</source>
        <translation>显示已更正的旧版本</translation>
    </message>
    <message>
        <source>No records yet. Click “Write a record” to add one.</source>
        <translation>还没有记录。点击“写记录”添加第一条。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Print home-visit form…</source>
        <translation>打印家访登记表…</translation>
    </message>
    <message>
        <source>The home-visit record form (家访登记表) of the selected 家访 record, as a PDF</source>
        <translation>把选中的家访记录打印成家访登记表（PDF）</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>The records the list shows, as an Excel workbook (.xlsx) ready to print</source>
        <translation>把列表中显示的记录导出为Excel表格（.xlsx），已设好A4打印</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>%1 records, %2 shown</source>
        <translation>共 %1 条记录，显示 %2 条</translation>
    </message>
    <message>
        <source>Save the home-visit form as</source>
        <translation>家访登记表另存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print home-visit form</source>
        <translation>打印家访登记表</translation>
    </message>
    <message>
        <source>Making the home-visit form…</source>
        <translation>正在生成家访登记表…</translation>
    </message>
    <message>
        <source>%1 of %2 forms</source>
        <translation>第 %1 / %2 张</translation>
    </message>
    <message>
        <source>Export records to Excel</source>
        <translation>导出记录到Excel</translation>
    </message>
    <message>
        <source>No records are shown. Change the filters first.</source>
        <translation>列表中没有记录，请先调整筛选条件。</translation>
    </message>
    <message>
        <source>Save the records as</source>
        <translation>记录保存为</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing %1 records…</source>
        <translation>正在写入 %1 条记录…</translation>
    </message>
    <message>
        <source>Records exported</source>
        <translation>记录已导出</translation>
    </message>
    <message>
        <source>%1 records were saved to %2. Open the file now?</source>
        <translation>%1 条记录已保存到 %2。现在打开吗？</translation>
    </message>
    <message>
        <source>No program to open Excel files was found. Open %1 with Excel or WPS.</source>
        <translation>没有找到能打开Excel文件的程序。请用Excel或WPS打开 %1。</translation>
    </message>
</context>
<context>
    <name>ScreeningModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>Checked on</source>
        <translation>排查日期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>ScreeningPage</name>
    <message>
        <source>e.g. 2027年寒假</source>
        <translation>如：2027年寒假</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>全部班级</translation>
    </message>
    <message>
        <source>Only children not completed</source>
        <translation>只看未完成的儿童</translation>
    </message>
    <message>
        <source>Tick every item for the selected children</source>
        <translation>为选中的儿童勾选全部项目</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>假期</translation>
    </message>
    <message>
        <source>Tick each item once it was checked with the family; each tick is saved at once. Double-click Notes to write one.</source>
        <translation>与家庭逐项核实后打勾，每次勾选立即保存。双击“备注”可填写备注。</translation>
    </message>
    <message>
        <source>%1 of %2 children completed</source>
        <translation>已完成 %1 / %2 名儿童</translation>
    </message>
    <message>
        <source>No children on the register</source>
        <translation>没有在册儿童</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Nothing has been recorded about this child yet.</source>
        <translation>这名儿童还没有任何记录。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
</context>
</TS>
