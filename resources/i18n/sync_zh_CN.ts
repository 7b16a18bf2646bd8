<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SyncActions</name>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Join a township…</source>
        <translation>加入乡镇(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Export sync bundle…</source>
        <translation>导出同步包(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import sync bundles…</source>
        <translation>导入同步包(&amp;I)…</translation>
    </message>
    <message>
        <source>Import every bundle in a &amp;folder…</source>
        <translation>导入文件夹里的全部同步包(&amp;F)…</translation>
    </message>
    <message>
        <source>Export &amp;enrollment file…</source>
        <translation>导出登记文件(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Print enrollment card…</source>
        <translation>打印登记卡(&amp;P)…</translation>
    </message>
    <message>
        <source>Export for &amp;all schools…</source>
        <translation>为全部学校导出(&amp;A)…</translation>
    </message>
    <message>
        <source>Read sync bundles (.lsync) from a USB stick: the other side&apos;s changes</source>
        <translation>从U盘读入同步包（.lsync）：对方的修改</translation>
    </message>
    <message>
        <source>Read every sync bundle in a folder, e.g. all of a USB stick, at once</source>
        <translation>一次读入一个文件夹（例如整个U盘）里的全部同步包</translation>
    </message>
    <message>
        <source>Write the township&apos;s enrollment file, with which the schools join it</source>
        <translation>导出乡镇的登记文件，各校用它加入乡镇</translation>
    </message>
    <message>
        <source>Print the enrollment card (key fingerprint and QR code) the schools compare when they join</source>
        <translation>打印登记卡（密钥指纹和二维码），各校加入时用它核对</translation>
    </message>
    <message>
        <source>Write a sync bundle for every school in one step</source>
        <translation>一次为每所学校各导出一个同步包</translation>
    </message>
    <message>
        <source>Joined township: %1 (%2)</source>
        <translation>已加入乡镇：%1（%2）</translation>
    </message>
    <message>
        <source>Key fingerprint: %1</source>
        <translation>密钥指纹：%1</translation>
    </message>
    <message>
        <source>Done once: choose the township&apos;s enrollment file and compare its key fingerprint with the printed card</source>
        <translation>只需做一次：选择乡镇的登记文件，并把密钥指纹和打印的登记卡核对</translation>
    </message>
    <message>
        <source>Join a township first (Sync → Join a township…): a sync bundle is written for the township this school has joined.</source>
        <translation>请先加入乡镇（同步 → 加入乡镇…）：同步包是写给本校已加入的乡镇的。</translation>
    </message>
    <message>
        <source>Write this school&apos;s changes for %1 to a USB stick</source>
        <translation>把本校的修改写到U盘，交给%1</translation>
    </message>
    <message>
        <source>This computer&apos;s date looks wrong</source>
        <translation>本机日期可能不对</translation>
    </message>
    <message>
        <source>Join a township</source>
        <translation>加入乡镇</translation>
    </message>
    <message>
        <source>The demo school cannot join a township: its children are made up and must not reach the township&apos;s archive. Open or create your school&apos;s own archive first.</source>
        <translation>演示学校不能加入乡镇：演示学校的儿童是虚构的，不能进入乡镇的档案。请先打开或新建本校自己的档案。</translation>
    </message>
    <message>
        <source>Choose the township&apos;s enrollment file</source>
        <translation>选择乡镇的登记文件</translation>
    </message>
    <message>
        <source>Enrollment files (*.json);;All files (*)</source>
        <translation>登记文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>This enrollment file is not a township&apos;s (it is a school&apos;s). Ask the township (central school) for its enrollment file.</source>
        <translation>这个登记文件不是乡镇的（是学校的）。请向乡镇（中心校）要乡镇的登记文件。</translation>
    </message>
    <message>
        <source>Joined the township</source>
        <translation>已加入乡镇</translation>
    </message>
    <message>
        <source>This school has joined %1. From now on use Sync → Export sync bundle to take this school&apos;s changes to the township on a USB stick.</source>
        <translation>本校已加入%1。以后请用“同步 → 导出同步包”，把本校的修改用U盘交给乡镇。</translation>
    </message>
    <message>
        <source>Joined %1</source>
        <translation>已加入%1</translation>
    </message>
    <message>
        <source>Export a sync bundle</source>
        <translation>导出同步包</translation>
    </message>
    <message>
        <source>Writing the sync bundle to %1…</source>
        <translation>正在把同步包写入 %1…</translation>
    </message>
    <message>
        <source>Cancelled. No sync bundle was written.</source>
        <translation>已取消，没有写入同步包。</translation>
    </message>
    <message>
        <source>Written to %1 (%2 change(s)). You can safely remove the USB stick.</source>
        <translation>已写入 %1（%2 项修改）。可以安全拔出U盘。</translation>
    </message>
    <message>
        <source>Sync bundle exported</source>
        <translation>同步包已导出</translation>
    </message>
    <message>
        <source>Choose the sync bundles to import</source>
        <translation>选择要导入的同步包</translation>
    </message>
    <message>
        <source>Sync bundles (*.lsync);;All files (*)</source>
        <translation>同步包 (*.lsync);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the folder with the sync bundles (.lsync)</source>
        <translation>选择放同步包（.lsync）的文件夹</translation>
    </message>
    <message>
        <source>Import sync bundles</source>
        <translation>导入同步包</translation>
    </message>
    <message>
        <source>Checking and merging the sync bundles…</source>
        <translation>正在检查并合并同步包…</translation>
    </message>
    <message>
        <source>%1 of %2 bundles</source>
        <translation>第 %1 / %2 个同步包</translation>
    </message>
    <message>
        <source>No sync bundles (.lsync files) were found there.</source>
        <translation>那里没有找到同步包（.lsync 文件）。</translation>
    </message>
    <message>
        <source>Import stopped. %1 bundle(s) had been imported before it stopped; what they brought is kept. Import the rest again when you are ready.</source>
        <translation>导入已停止。停止前已导入 %1 个同步包，其中的内容已保留。其余的同步包请稍后再导入。</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was imported.</source>
        <translation>已取消，没有导入任何内容。</translation>
    </message>
    <message>
        <source>%1-enrollment.json</source>
        <translation>%1-登记文件.json</translation>
    </message>
    <message>
        <source>Save the enrollment file for the schools</source>
        <translation>保存给各学校的登记文件</translation>
    </message>
    <message>
        <source>Enrollment files (*.json)</source>
        <translation>登记文件 (*.json)</translation>
    </message>
    <message>
        <source>Enrollment file exported</source>
        <translation>登记文件已导出</translation>
    </message>
    <message>
        <source>The enrollment file was written to %1.

Key fingerprint: %2

Copy this file to every school. When a school joins, the fingerprint it sees must be exactly this one: print the enrollment card (Sync → Print enrollment card) and hand it to the school in person.</source>
        <translation>登记文件已写入 %1。

密钥指纹：%2

请把这个文件拷给各学校。学校加入时看到的指纹必须与此完全一致：请打印登记卡（同步 → 打印登记卡），当面交给学校。</translation>
    </message>
    <message>
        <source>%1-enrollment-card.pdf</source>
        <translation>%1-登记卡.pdf</translation>
    </message>
    <message>
        <source>Save the enrollment card</source>
        <translation>保存登记卡</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Enrollment card saved to %1</source>
        <translation>登记卡已保存到 %1</translation>
    </message>
    <message>
        <source>Enrollment card saved</source>
        <translation>登记卡已保存</translation>
    </message>
    <message>
        <source>Choose the USB stick (or a folder on it) for every school&apos;s bundle</source>
        <translation>选择U盘（或U盘上的文件夹），用来存放各学校的同步包</translation>
    </message>
    <message>
        <source>Export for all schools</source>
        <translation>为全部学校导出</translation>
    </message>
    <message>
        <source>Writing a sync bundle for every school to %1…</source>
        <translation>正在为每所学校写同步包到 %1…</translation>
    </message>
    <message>
        <source>%1 of %2 schools</source>
        <translation>第 %1 / %2 所学校</translation>
    </message>
    <message>
        <source>Stopped. Bundles for %1 school(s) had been written to %2 before it stopped.</source>
        <translation>已停止。停止前已为 %1 所学校把同步包写入 %2。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>SyncExportAllResultsDialog</name>
    <message>
        <source>Bundles for every school</source>
        <translation>各学校的同步包</translation>
    </message>
    <message>
        <source>Wrote %1 sync bundle(s) to %2. You can safely remove the USB stick. Give each school its own file.</source>
        <translation>已把 %1 个同步包写入 %2。可以安全拔出U盘。请把每所学校自己的文件交给该校。</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>已写入</translation>
    </message>
    <message>
        <source>%1 change(s)</source>
        <translation>%1 项修改</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>SyncExportDialog</name>
    <message>
        <source>Export a sync bundle</source>
        <translation>导出同步包</translation>
    </message>
    <message>
        <source>Writes one file with this school&apos;s changes for %1. Choose the USB stick (or a folder on it) and take the stick to the township.</source>
        <translation>把本校的修改写成一个文件，发给%1。请选择U盘（或U盘上的文件夹），再把U盘交给乡镇。</translation>
    </message>
    <message>
        <source>Writes one file with this school&apos;s changes for the township. Choose the USB stick (or a folder on it) and take the stick to the township.</source>
        <translation>把本校的修改写成一个文件，发给乡镇。请选择U盘（或U盘上的文件夹），再把U盘交给乡镇。</translation>
    </message>
    <message>
        <source>Folder on the USB stick</source>
        <translation>U盘上的文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Export everything (not only what the township has not received yet)</source>
        <translation>全部导出（不只是乡镇还没收到的）</translation>
    </message>
    <message>
        <source>Only needed when the township asks for it, for example after its computer was replaced. The file is larger.</source>
        <translation>只在乡镇要求时才需要，例如乡镇换了电脑以后。文件会大一些。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Write to folder:</source>
        <translation>写入文件夹：</translation>
    </message>
    <message>
        <source>Choose the USB stick or a folder on it</source>
        <translation>选择U盘或U盘上的文件夹</translation>
    </message>
    <message>
        <source>Choose the folder to write to.</source>
        <translation>请选择要写入的文件夹。</translation>
    </message>
    <message>
        <source>This folder does not exist. Is the USB stick plugged in?</source>
        <translation>这个文件夹不存在。U盘插好了吗？</translation>
    </message>
</context>
<context>
    <name>SyncImportResultsDialog</name>
    <message>
        <source>Sync bundles imported</source>
        <translation>同步包导入结果</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Skipped (not addressed to this unit)</source>
        <translation>已跳过（不是发给本单位的）</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>提醒</translation>
    </message>
</context>
<context>
    <name>SyncJoinDialog</name>
    <message>
        <source>Join a township — check the fingerprint</source>
        <translation>加入乡镇 — 核对指纹</translation>
    </message>
    <message>
        <source>Take the enrollment card the township gave you and compare the fingerprint below with the one printed on the card, letter by letter.</source>
        <translation>请拿出乡镇给的登记卡，把下面的指纹与卡上印的指纹逐个字母核对。</translation>
    </message>
    <message>
        <source>Township:</source>
        <translation>乡镇：</translation>
    </message>
    <message>
        <source>Township code:</source>
        <translation>乡镇代码：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Join only if the two are exactly the same. If they differ, do not join: the file may not be the township&apos;s. Call the township.</source>
        <translation>两者完全一致才能加入。如果不一致，请不要加入：这个文件可能不是乡镇的。请打电话联系乡镇。</translation>
    </message>
    <message>
        <source>I have compared it: the fingerprint is the same as on the card</source>
        <translation>我已核对：指纹与登记卡上的完全一致</translation>
    </message>
    <message>
        <source>Join this township</source>
        <translation>加入这个乡镇</translation>
    </message>
    <message>
        <source>Key fingerprint:</source>
        <translation>密钥指纹：</translation>
    </message>
</context>
<context>
    <name>SyncProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
</TS>
