<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Left-behind Children Care Archive</source>
        <translation>留守儿童关爱档案</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Keeps the archives of left-behind children for a school, on this computer and without the internet.</source>
        <translation>在本机保存学校的留守儿童档案，不需要联网。</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>Backups:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <source>Log file:</source>
        <translation>日志文件：</translation>
    </message>
    <message>
        <source>Open the data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Show the folder of the program&apos;s data (database, logs) in the file manager</source>
        <translation>在文件管理器中打开程序的数据文件夹（数据库、日志）</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>%1 is used under %2: its libraries in the program&apos;s folder may be replaced by another build of the same version.</source>
        <translation>%1 按 %2 许可使用：程序文件夹中的这些库可以换成同一版本的其他构建。</translation>
    </message>
    <message>
        <source>The bundled font&apos;s licence: %1</source>
        <translation>随程序附带的字体的许可证：%1</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>The folder could not be opened here. Open it in the file manager: %1</source>
        <translation>无法在这里打开文件夹。请在文件管理器中打开：%1</translation>
    </message>
</context>
<context>
    <name>AccountEditDialog</name>
    <message>
        <source>head of %1</source>
        <translation>%1班主任</translation>
    </message>
    <message>
        <source>%1, phone …%2</source>
        <translation>%1，电话尾号%2</translation>
    </message>
    <message>
        <source>Edit account</source>
        <translation>修改账号</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>新增账号</translation>
    </message>
    <message>
        <source>Letters or digits, e.g. %1</source>
        <translation>字母或数字，例如 %1</translation>
    </message>
    <message>
        <source>(not linked)</source>
        <translation>（不关联）</translation>
    </message>
    <message>
        <source>A teacher&apos;s account is linked to their helper record (帮扶人): their class and the children paired with them are the children they see in full.</source>
        <translation>教师账号要关联本人的帮扶人记录：所带班级和与其结对的儿童，能看到完整档案。</translation>
    </message>
    <message>
        <source>Not linked: this teacher will see no child in full, only contact cards. Choose their helper record (帮扶人).</source>
        <translation>未关联：这位教师将看不到任何儿童的完整档案，只能看到联系卡。请选择他/她的帮扶人记录。</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Linked helper</source>
        <translation>关联帮扶人</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>确认密码</translation>
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
        <source>Enter the person&apos;s name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <source>Enter an account name.</source>
        <translation>请填写账号名。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一样。</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <source>Everyone who works with the archive logs in with their own account. A teacher sees their own class and the children they are paired with in full, and of the other children only what a contact card shows; an inspector reads everything and changes nothing. Every change here is written to the audit trail.</source>
        <translation>每个使用档案的人都用自己的账号登录。教师能看到本班和结对儿童的完整档案，其他儿童只看到联系卡上的内容；督导能查看全部，但不能修改。这里的每项改动都记入审计日志。</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>新增账号(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <source>Switch &amp;off</source>
        <translation>停用(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>不锁定</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Lock after this long without use:</source>
        <translation>闲置多久后自动锁定：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>You cannot switch off the account you are logged in with.</source>
        <translation>不能停用自己正在使用的账号。</translation>
    </message>
    <message>
        <source>Switch &amp;on</source>
        <translation>启用(&amp;O)</translation>
    </message>
    <message>
        <source>Account %1 saved, but it is not linked to a helper record (帮扶人): this teacher sees no child in full until it is. Edit the account to link it.</source>
        <translation>账号 %1 已保存，但还没有关联帮扶人：关联之前，这位教师看不到任何儿童的完整档案。请修改账号进行关联。</translation>
    </message>
    <message>
        <source>Account %1 saved.</source>
        <translation>账号 %1 已保存。</translation>
    </message>
    <message>
        <source>Account %1 is switched on again.</source>
        <translation>账号 %1 已重新启用。</translation>
    </message>
    <message>
        <source>Account %1 is switched off: it can no longer log in.</source>
        <translation>账号 %1 已停用，不能再登录。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>A new password for %1 (%2). Tell it to them in person; they can change it under Account → Change my password. A lockout after wrong passwords ends too.</source>
        <translation>为 %1（%2）设置新密码。请当面告诉本人，本人可以在“账号 → 修改密码”里改掉。因输错密码而锁定的账号也随之解锁。</translation>
    </message>
    <message>
        <source>The password of %1 was reset.</source>
        <translation>%1 的密码已重置。</translation>
    </message>
    <message>
        <source>The program now locks after %1 minutes without use.</source>
        <translation>现在闲置 %1 分钟后自动锁定。</translation>
    </message>
    <message>
        <source>The program no longer locks by itself.</source>
        <translation>现在不再自动锁定。</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked (wrong passwords)</source>
        <translation>已锁定（密码输错）</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Linked helper</source>
        <translation>关联帮扶人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
</context>
<context>
    <name>AdminFields</name>
    <message>
        <source>Recorded in the change history</source>
        <translation>会记入变更记录</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>At least 6 characters; not the account name, not 123456.</source>
        <translation>至少 6 位；不能和账号名相同，也不能是 123456 这样的常见密码。</translation>
    </message>
    <message>
        <source>Enter an account name.</source>
        <translation>请填写账号名。</translation>
    </message>
    <message>
        <source>No spaces in the account name, at most 32 characters.</source>
        <translation>账号名不能有空格，最多 32 个字符。</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>请填写您的姓名。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一样。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>The administrator&apos;s account</source>
        <translation>管理员账号</translation>
    </message>
    <message>
        <source>Step 3 of 4. The program opens logged in to this account when it is done.</source>
        <translation>第 3 步，共 4 步。建档完成后，程序会直接用这个账号登录。</translation>
    </message>
    <message>
        <source>the officer in charge at the township</source>
        <translation>乡镇中心校的负责人</translation>
    </message>
    <message>
        <source>the head of moral education or the headmaster</source>
        <translation>德育主任或校长</translation>
    </message>
    <message>
        <source>The administrator (%1, role %2) adds the other users&apos; accounts, resets forgotten passwords and reads the audit trail. Keep the password safe: nobody can read it back.</source>
        <translation>管理员（%1，角色：%2）为其他人新增账号、重置忘记的密码、查看审计日志。请牢记密码，不要告诉别人：密码谁也查不出来。</translation>
    </message>
    <message>
        <source>The other users&apos; accounts are added later, in %1.</source>
        <translation>其他人的账号以后在%1里添加。</translation>
    </message>
</context>
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
    <name>AuditDialog</name>
    <message>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Every login, opened archive, print, export, import, sync bundle, account change and refused action, newest first. Nobody can change or delete these entries.</source>
        <translation>每次登录、查看档案、打印、导出、导入、同步包、账号改动和被拒绝的操作，最新的在前。这些记录谁也不能修改或删除。</translation>
    </message>
    <message>
        <source>Name or account</source>
        <translation>姓名或账号</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Export to a spreadsheet…</source>
        <translation>导出电子表格…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The newest %1 entries (narrow the filter to see older ones)</source>
        <translation>最新的 %1 条（缩小筛选范围可看到更早的）</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <source>audit-trail-%1</source>
        <translation>审计日志-%1</translation>
    </message>
    <message>
        <source>Save the audit trail as</source>
        <translation>审计日志保存为</translation>
    </message>
    <message>
        <source>Spreadsheets (%1)</source>
        <translation>电子表格 (%1)</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>正在写入表格…</translation>
    </message>
    <message>
        <source>%1 entries saved to %2</source>
        <translation>已把 %1 条记录保存到 %2</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>涉及儿童</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
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
    <name>ContactCardDialog</name>
    <message>
        <source>Contact card — %1</source>
        <translation>联系卡 — %1</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>监护人</translation>
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
        <source>Class teacher</source>
        <translation>班主任</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Helpers</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>Only the contact card is shown: the full archive of this child is seen by the class teacher, the helpers paired with the child and the administrators.</source>
        <translation>这里只显示联系卡：这名儿童的完整档案由班主任、与其结对的帮扶人和管理员查看。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Print the contact card…</source>
        <translation>打印联系卡…</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create the administrator account</source>
        <translation>创建管理员账号</translation>
    </message>
    <message>
        <source>Left-behind Children Care Archive</source>
        <translation>留守儿童关爱档案</translation>
    </message>
    <message>
        <source>the officer in charge at the township</source>
        <translation>乡镇中心校的负责人</translation>
    </message>
    <message>
        <source>the head of moral education or the headmaster</source>
        <translation>德育主任或校长</translation>
    </message>
    <message>
        <source>This archive has no accounts yet. Create the first one, for its administrator (%1, role %2): the administrator adds the other users&apos; accounts, resets forgotten passwords and reads the audit trail. Keep the password safe.</source>
        <translation>这份档案还没有账号。请先为管理员（%1，角色：%2）建立第一个账号：管理员为其他人新增账号、重置忘记的密码、查看审计日志。请牢记密码，不要告诉别人。</translation>
    </message>
    <message>
        <source>Create and log in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
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
    <name>IdentityPage</name>
    <message>
        <source>e.g. 522401</source>
        <translation>如：522401</translation>
    </message>
    <message>
        <source>Primary school (up to grade 6)</source>
        <translation>小学（一至六年级）</translation>
    </message>
    <message>
        <source>Nine-year school (up to grade 9)</source>
        <translation>九年一贯制学校（一至九年级）</translation>
    </message>
    <message>
        <source>Complete secondary school (up to senior 3)</source>
        <translation>完全中学（至高三）</translation>
    </message>
    <message>
        <source>The six-digit code of your county (district, county-level city) in GB/T 2260; the ID numbers of people registered in the county usually begin with it.</source>
        <translation>本县（区、县级市）的6位行政区划代码（GB/T 2260）；本县户籍居民身份证号的前6位通常就是它。</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>County code</source>
        <translation>县级代码</translation>
    </message>
    <message>
        <source>School type</source>
        <translation>学校类型</translation>
    </message>
    <message>
        <source>Saved in</source>
        <translation>保存位置</translation>
    </message>
    <message>
        <source>The township&apos;s name and code</source>
        <translation>乡镇名称和代码</translation>
    </message>
    <message>
        <source>Township name</source>
        <translation>乡镇名称</translation>
    </message>
    <message>
        <source>e.g. Chengguan Town Central School</source>
        <translation>如：城关镇中心校</translation>
    </message>
    <message>
        <source>Township number</source>
        <translation>乡镇编号</translation>
    </message>
    <message>
        <source>e.g. 100</source>
        <translation>如：100</translation>
    </message>
    <message>
        <source>Three digits: the township&apos;s number in the statistical division codes (towns usually 1xx, townships 2xx); the county&apos;s education or statistics bureau knows it.</source>
        <translation>3位数字：统计用区划代码中本乡镇的编号（镇一般是 1xx，乡一般是 2xx），可向县教育局或统计局询问。</translation>
    </message>
    <message>
        <source>Township code</source>
        <translation>乡镇代码</translation>
    </message>
    <message>
        <source>The school&apos;s name and code</source>
        <translation>学校名称和代码</translation>
    </message>
    <message>
        <source>School name</source>
        <translation>学校名称</translation>
    </message>
    <message>
        <source>e.g. Dashan Village Primary School</source>
        <translation>如：大山村小学</translation>
    </message>
    <message>
        <source>School number</source>
        <translation>本校编号</translation>
    </message>
    <message>
        <source>e.g. 001</source>
        <translation>如：001</translation>
    </message>
    <message>
        <source>Three digits that tell the schools of the county apart (e.g. 001). The township recognises the school by its code: agree on it with the central school, and never give two schools the same number.</source>
        <translation>3位数字，用来区分本县的各所学校（如 001）。乡镇靠学校代码认出本校：请与中心校商定，不要和别的学校重复。</translation>
    </message>
    <message>
        <source>School code</source>
        <translation>学校代码</translation>
    </message>
    <message>
        <source>Step 2 of 4. The code is the county code followed by a number of its own; the reports and the township use it.</source>
        <translation>第 2 步，共 4 步。代码由县级行政区划代码加上自己的编号组成，报表和乡镇汇总都要用到。</translation>
    </message>
    <message>
        <source>Enter the township&apos;s name.</source>
        <translation>请填写乡镇名称。</translation>
    </message>
    <message>
        <source>Enter the school&apos;s name.</source>
        <translation>请填写学校名称。</translation>
    </message>
    <message>
        <source>Choose where to save the database (Change…).</source>
        <translation>请选择数据库的保存位置（点“更改…”）。</translation>
    </message>
    <message>
        <source>%1 exists already: choose another file name (Change…).</source>
        <translation>%1 已经存在，请换一个文件名（点“更改…”）。</translation>
    </message>
</context>
<context>
    <name>KindPage</name>
    <message>
        <source>What are you setting up?</source>
        <translation>要建立什么档案？</translation>
    </message>
    <message>
        <source>Step 1 of 4. Choose what this computer will keep.</source>
        <translation>第 1 步，共 4 步。请选择这台电脑要保存的档案。</translation>
    </message>
    <message>
        <source>A school</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>The school&apos;s own archive of its left-behind children: their files, pairings, visits and records, the ledger. Choose this at a school.</source>
        <translation>本校留守儿童的档案：建档、结对帮扶、走访和各类记录、台账。学校请选这一项。</translation>
    </message>
    <message>
        <source>A township (central school)</source>
        <translation>乡镇（中心校）</translation>
    </message>
    <message>
        <source>For the township office only: it merges the sync bundles the schools bring into one ledger, with figures per school. Children are not entered here: they come with the schools&apos; bundles.</source>
        <translation>仅供乡镇中心校（教育办）使用：把各校带来的同步包合并成一本台账，按学校统计。这里不录入儿童，儿童信息随各校的同步包而来。</translation>
    </message>
    <message>
        <source>Only looking around? Cancel this and choose “%1” instead.</source>
        <translation>只是想先看看？请点“取消”，然后选择“%1”。</translation>
    </message>
</context>
<context>
    <name>LaterPage</name>
    <message>
        <source>Optional: what else to do now</source>
        <translation>可选：现在顺便完成的事</translation>
    </message>
    <message>
        <source>Step 4 of 4. Skip this if you like: each of it can be done later from the menus. Nothing is saved before you press Finish.</source>
        <translation>第 4 步，共 4 步。这一步可以跳过，以后都能在菜单里完成。点“完成”之前不会保存任何东西。</translation>
    </message>
    <message>
        <source>Import a roster</source>
        <translation>导入花名册</translation>
    </message>
    <message>
        <source>Choose the roster…</source>
        <translation>选择花名册…</translation>
    </message>
    <message>
        <source>Do not import</source>
        <translation>不导入</translation>
    </message>
    <message>
        <source>Join the township</source>
        <translation>加入乡镇</translation>
    </message>
    <message>
        <source>Have the pupils&apos; roster (%1)? Choose it: once the archive is made, the import window opens and shows every row before anything is imported.</source>
        <translation>已有学生花名册（%1）？选好文件，档案建好后会打开导入窗口，先逐行列出核对，确认后才导入。</translation>
    </message>
    <message>
        <source>Did the central school give you its enrollment file (%1) and card? Choose the file and compare the fingerprint with the card; the school joins the township once the archive is made.</source>
        <translation>中心校给了登记文件（%1）和登记卡？选择登记文件，与登记卡核对指纹；档案建好后本校就加入该乡镇。</translation>
    </message>
    <message>
        <source>Choose the enrollment file…</source>
        <translation>选择登记文件…</translation>
    </message>
    <message>
        <source>Do not join</source>
        <translation>不加入</translation>
    </message>
    <message>
        <source>Enrollment file for the schools</source>
        <translation>给各校的登记文件</translation>
    </message>
    <message>
        <source>The schools join the township with its enrollment file. Choose where to write it (a USB stick, say): it is written once the database is made, and its key fingerprint is shown to print on the card.</source>
        <translation>各校要用乡镇的登记文件加入本乡镇。请选择保存位置（例如U盘）：数据库建好后就写入，并显示密钥指纹，供打印登记卡。</translation>
    </message>
    <message>
        <source>Choose where to save it…</source>
        <translation>选择保存位置…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不导出</translation>
    </message>
    <message>
        <source>Later: %1 (the template: %2).</source>
        <translation>以后也可以用%1导入（模板：%2）。</translation>
    </message>
    <message>
        <source>Later: %1.</source>
        <translation>以后也可以用%1加入。</translation>
    </message>
    <message>
        <source>Later: %1; the card: %2.</source>
        <translation>以后也可以用%1导出；登记卡用%2打印。</translation>
    </message>
    <message>
        <source>No roster chosen.</source>
        <translation>未选择花名册。</translation>
    </message>
    <message>
        <source>No township chosen.</source>
        <translation>未选择乡镇。</translation>
    </message>
    <message>
        <source>Will join %1 (%2). Fingerprint %3, compared with the card.</source>
        <translation>将加入 %1（%2）。指纹 %3，已与登记卡核对。</translation>
    </message>
    <message>
        <source>No enrollment file will be written now.</source>
        <translation>现在不导出登记文件。</translation>
    </message>
    <message>
        <source>Choose the roster to import</source>
        <translation>选择要导入的花名册</translation>
    </message>
    <message>
        <source>Rosters (%1);;All files (*)</source>
        <translation>花名册 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Enrollment files (%1);;All files (*)</source>
        <translation>登记文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1-enrollment</source>
        <translation>%1-登记文件</translation>
    </message>
    <message>
        <source>Enrollment files (%1)</source>
        <translation>登记文件 (%1)</translation>
    </message>
    <message>
        <source>Choose the township&apos;s enrollment file</source>
        <translation>选择乡镇的登记文件</translation>
    </message>
    <message>
        <source>Note: the township&apos;s code begins with county code %1, this school&apos;s with %2. Check that this is your township&apos;s file.</source>
        <translation>注意：乡镇代码的县级代码是 %1，本校的是 %2。请核对这是不是本乡镇的登记文件。</translation>
    </message>
    <message>
        <source>Save the enrollment file for the schools</source>
        <translation>保存给各校的登记文件</translation>
    </message>
</context>
<context>
    <name>LedgerExportDialog</name>
    <message>
        <source>Export the ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <source>What should the workbook contain?</source>
        <translation>要导出哪一种？</translation>
    </message>
    <message>
        <source>The full ledger (for the school&apos;s own use)</source>
        <translation>完整台账（本校自用）</translation>
    </message>
    <message>
        <source>Every column of the registration form, with ID numbers and phone numbers, plus the summary, the statistics and this school year&apos;s records.</source>
        <translation>登记表的全部栏目，含身份证号和电话，另有汇总表、统计表和本学年的工作记录。</translation>
    </message>
    <message>
        <source>Without ID numbers and phone numbers (to send out)</source>
        <translation>不含身份证号和电话（外发用）</translation>
    </message>
    <message>
        <source>For the township or the education bureau: the same workbook without the ID-number and phone columns; numbers written in the records are hidden.</source>
        <translation>报送乡镇或教育局用：同样的台账，但去掉身份证号和电话两类栏目；工作记录里写到的号码也会隐去。</translation>
    </message>
    <message>
        <source>Only the statistics (no information on any child)</source>
        <translation>只导出统计数字（不含儿童信息）</translation>
    </message>
    <message>
        <source>Only the counts of the summary and statistics sheets: no names, ID numbers, phone numbers, addresses or records.</source>
        <translation>只有汇总表和统计表里的人数：没有姓名、身份证号、电话、住址，也没有工作记录。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>%1-statistics</source>
        <translation>%1-留守儿童统计</translation>
    </message>
    <message>
        <source>%1-ledger-to-send</source>
        <translation>%1-台账（不含身份证号和电话）</translation>
    </message>
    <message>
        <source>%1-ledger</source>
        <translation>%1-台账</translation>
    </message>
    <message>
        <source>Workbooks</source>
        <translation>电子表格</translation>
    </message>
    <message>
        <source>No program to open %2 files was found. Open %1 with %2.</source>
        <translation>没有找到能打开 %2 文件的程序。请用 %2 打开 %1。</translation>
    </message>
    <message>
        <source>Save the statistics as</source>
        <translation>统计表保存为</translation>
    </message>
    <message>
        <source>Save the ledger (without ID numbers and phones) as</source>
        <translation>台账（不含身份证号和电话）保存为</translation>
    </message>
    <message>
        <source>Save the ledger as</source>
        <translation>台账保存为</translation>
    </message>
    <message>
        <source>Statistics of %1 child(ren) saved to %2 (no child&apos;s information)</source>
        <translation>已导出 %1 名儿童的统计数字（不含儿童信息）：%2</translation>
    </message>
    <message>
        <source>Ledger of %1 child(ren) saved to %2 (without ID numbers and phones)</source>
        <translation>已导出 %1 名儿童的台账（不含身份证号和电话）：%2</translation>
    </message>
    <message>
        <source>Ledger of %1 child(ren) saved to %2</source>
        <translation>已导出 %1 名儿童的台账：%2</translation>
    </message>
    <message>
        <source>Workbook saved</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>The workbook was saved to %1. Open it now?</source>
        <translation>已保存到 %1。现在打开吗？</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Left-behind Children Care Archive</source>
        <translation>留守儿童关爱档案</translation>
    </message>
    <message>
        <source>Log in with your account to open the archive.</source>
        <translation>请用您的账号登录，打开档案。</translation>
    </message>
    <message>
        <source>Nobody used the program for a while, so it was locked. %1, enter your password to go on working.</source>
        <translation>程序闲置了一段时间，已自动锁定。%1，请输入密码继续工作。</translation>
    </message>
    <message>
        <source>The program is locked. %1, enter your password to go on working.</source>
        <translation>程序已锁定。%1，请输入密码继续工作。</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>例如 %1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>The demo school&apos;s accounts are %1; the password is %2 for each.</source>
        <translation>演示学校的账号：%1，密码都是 %2。</translation>
    </message>
    <message>
        <source>When another user logs in, the windows still open are closed: what was not saved in them is lost.</source>
        <translation>换其他用户登录后，还开着的窗口会关闭，里面没有保存的内容会丢失。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Log in as another user</source>
        <translation>换个账号登录</translation>
    </message>
    <message>
        <source>Back to unlocking</source>
        <translation>返回解锁</translation>
    </message>
    <message>
        <source>Log in with your own account and password.</source>
        <translation>请用您自己的账号和密码登录。</translation>
    </message>
    <message>
        <source>Enter your account name.</source>
        <translation>请填写账号。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请填写密码。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>原密码</translation>
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
        <source>At least 6 characters; not the account name, not 123456.</source>
        <translation>至少 6 位；不能和账号名相同，也不能是 123456 这样的常见密码。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一样。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up a new archive</source>
        <translation>建档向导</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Save the new database as</source>
        <translation>新数据库另存为</translation>
    </message>
    <message>
        <source>Archive databases (%1)</source>
        <translation>档案数据库 (%1)</translation>
    </message>
    <message>
        <source>Setting up the township database…</source>
        <translation>正在建立乡镇数据库…</translation>
    </message>
    <message>
        <source>Creating the school&apos;s archive…</source>
        <translation>正在建立本校档案…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>This school has joined %1. Take its changes to the township with %2.</source>
        <translation>本校已加入 %1。以后用%2把本校的修改带给乡镇。</translation>
    </message>
    <message>
        <source>The enrollment file for the schools was written to %1.

Key fingerprint: %2

Print the enrollment card (%3) and hand it to each school with the file: the fingerprint a school sees when it joins must be exactly this one.</source>
        <translation>给各校的登记文件已写入 %1。

密钥指纹：%2

请打印登记卡（%3），连同登记文件一起交给各校：学校加入时看到的指纹必须与此完全相同。</translation>
    </message>
    <message>
        <source>The archive is ready</source>
        <translation>档案已建好</translation>
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
