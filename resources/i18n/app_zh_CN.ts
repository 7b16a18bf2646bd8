<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChildrenModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Left-behind kind</source>
        <translation>留守类型</translation>
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
        <source>Father works in</source>
        <translation>父亲务工地</translation>
    </message>
    <message>
        <source>Mother works in</source>
        <translation>母亲务工地</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Risk type</source>
        <translation>风险类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Transferred out (to %1)</source>
        <translation>已转出（转至 %1）</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>Contact details only: the full archive is seen by the class teacher, the paired helpers and the administrators</source>
        <translation>只显示联系信息：完整档案由班主任、结对帮扶人和管理员查看</translation>
    </message>
</context>
<context>
    <name>ChildrenPage</name>
    <message>
        <source>Search by name, pinyin initials (e.g. zs), ID number or class</source>
        <translation>搜索姓名、拼音首字母（如 zs）、身份证号或班级</translation>
    </message>
    <message>
        <source>All grades</source>
        <translation>全部年级</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>全部班级</translation>
    </message>
    <message>
        <source>All left-behind kinds</source>
        <translation>全部留守类型</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>All risk types</source>
        <translation>全部风险类别</translation>
    </message>
    <message>
        <source>All risk levels</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>At school (在册 and 不再留守)</source>
        <translation>在校（在册及不再留守）</translation>
    </message>
    <message>
        <source>All schools</source>
        <translation>全部学校</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>转学…</translation>
    </message>
    <message>
        <source>Move the selected child to another school (转学)</source>
        <translation>把选中的儿童转到另一所学校（转学）</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Archive cards, contact cards or blank home-visit forms, for one child, the selected children, a class or the whole school, as a PDF</source>
        <translation>为某一名儿童、选中的儿童、某个班或全校打印档案卡、联系卡或空白家访登记表（PDF）</translation>
    </message>
    <message>
        <source>No children in the archive yet</source>
        <translation>还没有儿童档案</translation>
    </message>
    <message>
        <source>Click “Add child” to create the first child&apos;s archive.</source>
        <translation>点击“新增儿童”，为第一名儿童建档。</translation>
    </message>
    <message>
        <source>Add child</source>
        <translation>新增儿童</translation>
    </message>
    <message>
        <source>No children in the ledger yet</source>
        <translation>台账里还没有儿童</translation>
    </message>
    <message>
        <source>The ledger fills as the schools&apos; sync bundles are imported: each school&apos;s children appear with its first bundle.</source>
        <translation>导入各校的同步包后，台账会自动填充：每所学校的儿童随它的第一个同步包出现。</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>%1班</translation>
    </message>
    <message>
        <source>%1 children in total, %2 shown</source>
        <translation>共 %1 人，显示 %2 人</translation>
    </message>
    <message>
        <source>Children are added by their school; the township receives them with the school&apos;s next sync bundle.</source>
        <translation>儿童档案由所在学校录入；乡镇会随学校的下一个同步包收到。</translation>
    </message>
    <message>
        <source>Merged archive</source>
        <translation>档案已合并</translation>
    </message>
    <message>
        <source>This archive was a duplicate and has been merged into another archive of the same child. The archive that was kept opens now; the records of both are in it.</source>
        <translation>这是一份重复的档案，已合并到同一儿童的另一份档案。现在打开保留的那份档案，两份档案的记录都在里面。</translation>
    </message>
    <message>
        <source>Your account (%1) reads the archives and changes nothing: this archive is shown read-only.</source>
        <translation>您的账号（%1）只能查看档案，不能修改：此档案以只读方式显示。</translation>
    </message>
    <message>
        <source>%1 was transferred to %2 by the township. The archive now belongs to that school: it is kept here read-only, and changes are made by the new school.</source>
        <translation>%1 已由乡镇办理转学，转至 %2。档案现归该校所有：本校保留只读档案，如需修改请由转入学校办理。</translation>
    </message>
    <message>
        <source>Your account is not linked to your helper record (帮扶人), so you see no child&apos;s archive in full. Ask the administrator to link it.</source>
        <translation>您的账号还没有关联到您的帮扶人记录，因此看不到任何儿童的完整档案。请找管理员关联。</translation>
    </message>
    <message>
        <source>Kind, category and risk are known for your own class and the children paired with you only: the other children are left out of this filter.</source>
        <translation>留守类型、类别和风险只对本班和与您结对的儿童可见：其他儿童不参与这项筛选。</translation>
    </message>
    <message>
        <source>You see your own class and the children paired with you in full; the other children show their contact details only (—: not shown).</source>
        <translation>本班和与您结对的儿童显示完整信息；其他班级的儿童只显示联系信息（“—”表示不显示）。</translation>
    </message>
    <message>
        <source>Open the archive</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <source>Show the contact card</source>
        <translation>查看联系卡</translation>
    </message>
    <message>
        <source>Print for the %1 selected children…</source>
        <translation>为选中的 %1 名儿童打印…</translation>
    </message>
    <message>
        <source>Print the archive card…</source>
        <translation>打印档案卡…</translation>
    </message>
    <message>
        <source>Print the contact card…</source>
        <translation>打印联系卡…</translation>
    </message>
    <message>
        <source>Print a blank home-visit form…</source>
        <translation>打印空白家访登记表…</translation>
    </message>
    <message>
        <source>Transfer to another school…</source>
        <translation>转学到其他学校…</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转学</translation>
    </message>
    <message>
        <source>Select a child in the list first, then choose “Transfer…”.</source>
        <translation>请先在列表中选中一名儿童，再点“转学…”。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>Unexpected error</source>
        <translation>程序出错</translation>
    </message>
    <message>
        <source>The program ran into an unexpected problem and could not finish what it was doing.</source>
        <translation>程序遇到了意外问题，刚才的操作没有完成。</translation>
    </message>
    <message>
        <source>Everything saved before is safe in the database; only what was being typed in an open window may need to be entered again.

The details were written to the log file:
%1
Please give this file to whoever looks after the software.</source>
        <translation>之前保存的内容都安全地保存在数据库里，只有打开的窗口中还没保存的内容可能需要重新填写。

详细情况已记录在日志文件中：
%1
请把这个文件交给负责维护本软件的老师或技术人员。</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>查找范围：</translation>
    </message>
    <message>
        <source>File name:</source>
        <translation>文件名：</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>文件类型：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to the Left-behind Children Care Archive</source>
        <translation>欢迎使用留守儿童关爱档案</translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation>返回列表</translation>
    </message>
    <message>
        <source>The archive is kept on this computer and needs no internet. Set up your school&apos;s own archive step by step, or first look around in the demo school.</source>
        <translation>档案保存在本机，不需要联网。可以按向导一步步建立本校档案，也可以先打开示例学校看一看。</translation>
    </message>
    <message>
        <source>Set up a new archive</source>
        <translation>建立新档案</translation>
    </message>
    <message>
        <source>A few steps: school or township (central school), name and code, the administrator&apos;s account; then, if you like, import the pupils&apos; roster and join the township. Each of those can also be done later from the menus.</source>
        <translation>只需几步：选择学校或乡镇（中心校），填写名称和代码，设置管理员账号；还可以顺便导入学生花名册、加入乡镇。这些以后也都能在菜单里完成。</translation>
    </message>
    <message>
        <source>Start setting up…</source>
        <translation>开始建档…</translation>
    </message>
    <message>
        <source>Look around first</source>
        <translation>先看看示例</translation>
    </message>
    <message>
        <source>The demo school holds about 300 invented children. Change anything you like: it is kept in its own file and never mixes with your school&apos;s archive.</source>
        <translation>示例学校里有约 300 名虚构的儿童，可以随意修改。它保存在单独的文件里，不会和本校档案混在一起。</translation>
    </message>
    <message>
        <source>Open the demo school</source>
        <translation>打开示例学校</translation>
    </message>
    <message>
        <source>Open an existing archive</source>
        <translation>打开已有档案</translation>
    </message>
    <message>
        <source>The archive was set up already, on this computer or copied from another one? Open its database file (.sqlite).</source>
        <translation>档案已经建好了（在这台电脑上，或从别的电脑复制过来）？请打开它的数据库文件（.sqlite）。</translation>
    </message>
    <message>
        <source>Open an existing database…</source>
        <translation>打开已有数据库…</translation>
    </message>
    <message>
        <source>The archive will be saved in: %1</source>
        <translation>档案将保存在：%1</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>User guide — Left-behind Children Care Archive</source>
        <translation>使用说明 — 留守儿童关爱档案</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Back to the list of topics</source>
        <translation>回到说明的目录</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Back to the place read before</source>
        <translation>回到刚才看的地方</translation>
    </message>
    <message>
        <source>Find in the guide (press Enter)</source>
        <translation>在说明里查找（输入后按回车）</translation>
    </message>
    <message>
        <source>The user guide was not found (%1). Reinstall the program.</source>
        <translation>找不到使用说明文件（%1）。请重新安装本程序。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the archive…</source>
        <translation>正在打开档案…</translation>
    </message>
    <message>
        <source>&amp;New school…</source>
        <translation>新建学校(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Export the &amp;ledger (Excel)…</source>
        <translation>导出台账（Excel）(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Print the ledger (PDF)…</source>
        <translation>打印台账（PDF）(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Import a roster…</source>
        <translation>导入花名册(&amp;I)…</translation>
    </message>
    <message>
        <source>Download the roster import &amp;template…</source>
        <translation>下载花名册导入模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Roster import &amp;history…</source>
        <translation>花名册导入记录(&amp;H)…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Add child</source>
        <translation>新增儿童(&amp;A)</translation>
    </message>
    <message>
        <source>Add child</source>
        <translation>新增儿童</translation>
    </message>
    <message>
        <source>School-year &amp;handover…</source>
        <translation>学年交接(&amp;H)…</translation>
    </message>
    <message>
        <source>School-year handover</source>
        <translation>学年交接</translation>
    </message>
    <message>
        <source>&amp;Reload list</source>
        <translation>刷新列表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Write a record…</source>
        <translation>写记录(&amp;W)…</translation>
    </message>
    <message>
        <source>Write a record</source>
        <translation>写记录</translation>
    </message>
    <message>
        <source>School &amp;calendar and duty rules…</source>
        <translation>校历与工作要求(&amp;C)…</translation>
    </message>
    <message>
        <source>Teacher&apos;s year-end duty &amp;report…</source>
        <translation>教师年度考核(&amp;R)…</translation>
    </message>
    <message>
        <source>Start the archive of a school in a new database file</source>
        <translation>在一个新的数据库文件里建立一所学校的档案</translation>
    </message>
    <message>
        <source>Open another archive database file (Ctrl+O)</source>
        <translation>打开另一个档案数据库文件（Ctrl+O）</translation>
    </message>
    <message>
        <source>Add or update children from the school&apos;s Excel or CSV roster; everything is checked and shown before it is written</source>
        <translation>从学校的 Excel 或 CSV 花名册新增或更新儿童；写入前会先检查并全部列出来</translation>
    </message>
    <message>
        <source>Save an Excel template with the columns the roster import understands</source>
        <translation>保存一份 Excel 模板，列名都是导入花名册能识别的</translation>
    </message>
    <message>
        <source>The roster imports made so far; each of them can be undone</source>
        <translation>以前的花名册导入，每一次都可以撤销</translation>
    </message>
    <message>
        <source>Write the ledger of the children at school to an Excel file (in full, without ID numbers and phones, or the counts alone)</source>
        <translation>把在校儿童的台账导出为 Excel 文件（完整的、不含身份证号和电话的，或只有统计数字）</translation>
    </message>
    <message>
        <source>Print the ledger of the children at school as a landscape A4 table (PDF)</source>
        <translation>把在校儿童的台账打印成 A4 横向表格（PDF）</translation>
    </message>
    <message>
        <source>Close the program (Ctrl+Q)</source>
        <translation>关闭本程序（Ctrl+Q）</translation>
    </message>
    <message>
        <source>Open an empty archive for a new child (Ctrl+N)</source>
        <translation>为新来的儿童打开一份空白档案（Ctrl+N）</translation>
    </message>
    <message>
        <source>At the start of a school year: every class moves up one grade and the top grade graduates (shown first, then applied)</source>
        <translation>新学年开始时用：各班升一个年级，最高年级毕业（先预览，确认后才执行）</translation>
    </message>
    <message>
        <source>Read the children list again (F5)</source>
        <translation>重新读取儿童名单（F5）</translation>
    </message>
    <message>
        <source>Write down a home visit, talk, call or other care work for one or more children (Ctrl+R)</source>
        <translation>为一名或几名儿童记下家访、谈心、电话等关爱工作（Ctrl+R）</translation>
    </message>
    <message>
        <source>Terms, the duty rules (how often the children must be visited or talked to) and how many children a teacher may pair with</source>
        <translation>学期、工作要求（多久要家访或谈心一次）以及每名教师最多结对几名儿童</translation>
    </message>
    <message>
        <source>A teacher&apos;s pairings, records and duties met or missed in a school year</source>
        <translation>一名教师一学年的结对、记录，以及完成和未完成的工作</translation>
    </message>
    <message>
        <source>Open the user guide at the page you are on (F1)</source>
        <translation>打开使用说明，翻到当前页面的一节（F1）</translation>
    </message>
    <message>
        <source>The version, where the data is kept, and the licences</source>
        <translation>版本、数据保存在哪里、许可证</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>A&amp;rchive</source>
        <translation>档案(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Work</source>
        <translation>工作(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Left-behind Children Care Archive</source>
        <translation>留守儿童关爱档案</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Archive databases (%1);;All files (*)</source>
        <translation>档案数据库 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Waiting for the login…</source>
        <translation>等待登录…</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Writing the ledger…</source>
        <translation>正在导出台账…</translation>
    </message>
    <message>
        <source>School-year handover done: %1 child(ren) moved up or graduated</source>
        <translation>学年交接已完成：%1 名学生升级或毕业</translation>
    </message>
    <message>
        <source>Added the archive of %1 new child(ren)</source>
        <translation>已新增 %1 名儿童的档案</translation>
    </message>
    <message>
        <source>Updated the archive of %1 child(ren)</source>
        <translation>已更新 %1 名儿童的档案</translation>
    </message>
    <message>
        <source>%1 of them not shown with the current filters</source>
        <translation>其中 %1 名不符合当前筛选条件，列表中未显示</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source> (demo data)</source>
        <translation>（示例数据）</translation>
    </message>
    <message>
        <source>The new archive is saved in %1, in a file named after the school (the wizard lets you choose another).</source>
        <translation>新档案将保存在 %1，文件以学校名称命名（向导里可以另选位置）。</translation>
    </message>
    <message>
        <source>Open an archive database</source>
        <translation>打开档案数据库</translation>
    </message>
    <message>
        <source>Preparing the demo school…</source>
        <translation>正在准备示例学校…</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Change my &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Switch user / log out…</source>
        <translation>切换用户/退出登录(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>账号管理(&amp;A)…</translation>
    </message>
    <message>
        <source>Audit &amp;trail…</source>
        <translation>审计日志(&amp;T)…</translation>
    </message>
    <message>
        <source>A&amp;ccount</source>
        <translation>账号(&amp;C)</translation>
    </message>
    <message>
        <source>Set a new password for your own account</source>
        <translation>为自己的账号设置新密码</translation>
    </message>
    <message>
        <source>Hide the archive at once until your password is typed again (Ctrl+L)</source>
        <translation>马上遮住档案，重新输入密码后才能继续（Ctrl+L）</translation>
    </message>
    <message>
        <source>Log out, so that someone else can log in with their own account</source>
        <translation>退出登录，让别人用自己的账号登录</translation>
    </message>
    <message>
        <source>Add accounts, change roles, reset a forgotten password, and set after how many idle minutes the program locks</source>
        <translation>新增账号、修改角色、重置忘记的密码，设置闲置多少分钟后自动锁定</translation>
    </message>
    <message>
        <source>Who logged in, printed, exported, imported or changed what, and when</source>
        <translation>谁在什么时候登录、打印、导出、导入或修改了什么</translation>
    </message>
    <message>
        <source>User: %1 · %2</source>
        <translation>用户：%1 · %2</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>%1 is logged in. Enter the password to go on working.</source>
        <translation>%1 已登录。请输入密码继续工作。</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <source>Log in to go on working.</source>
        <translation>请登录后继续工作。</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>A new password for %1.</source>
        <translation>为 %1 设置新密码。</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Children</source>
        <translation>儿童档案</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Duties</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Pairing</source>
        <translation>帮扶结对</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Reports and safety</source>
        <translation>强制报告与安全</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突处理</translation>
    </message>
    <message>
        <source>Duplicate children</source>
        <translation>重复儿童</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Could not complete</source>
        <translation>操作未完成</translation>
    </message>
</context>
<context>
    <name>printouts</name>
    <message>
        <source>Characters missing</source>
        <translation>有字打印不出来</translation>
    </message>
    <message>
        <source>Some characters could not be printed with any font on this computer. They are marked 【缺字】 on the pages; write them in by hand:</source>
        <translation>有些字在本机的所有字体里都没有，打印不出来。页面上已标出【缺字】，请用手写补上：</translation>
    </message>
    <message>
        <source>The PDF was saved to %1, but no program to open PDF files was found. Open it yourself and print it.</source>
        <translation>PDF 已保存到 %1，但本机没有能打开 PDF 的程序。请自己打开它再打印。</translation>
    </message>
</context>
</TS>
