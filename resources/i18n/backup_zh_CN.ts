<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Backups</source>
        <translation>备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Back up to a &amp;USB stick (encrypted)…</source>
        <translation>备份到U盘（加密）(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Open the backups &amp;folder</source>
        <translation>打开备份文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Back up the archive, or restore it from a backup</source>
        <translation>备份档案，或从备份恢复</translation>
    </message>
    <message>
        <source>Make a backup of the archive now, in the backups folder beside it</source>
        <translation>马上备份档案，放在数据库旁边的备份文件夹里</translation>
    </message>
    <message>
        <source>Write a backup to a USB stick, encrypted with a passphrase you choose: keep it away from this computer</source>
        <translation>把备份写到U盘，用您设的口令加密；U盘请放在别处保管</translation>
    </message>
    <message>
        <source>Put the archive back as a backup holds it (what it holds is shown first; the archive as it is now is backed up before)</source>
        <translation>把档案恢复成备份里的样子（先显示备份里的内容；恢复前会先备份现在的档案）</translation>
    </message>
    <message>
        <source>Show the folder the backups are kept in</source>
        <translation>打开存放备份的文件夹</translation>
    </message>
    <message>
        <source>Automatic backup failed: %1</source>
        <translation>自动备份没有做成：%1</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Backing up the archive to %1…</source>
        <translation>正在把档案备份到 %1…</translation>
    </message>
    <message>
        <source>Backup saved: %1 (%2 child(ren)).

The backups folder keeps the daily backups of the last 7 days and 4 weeks and the last 10 of each other kind. For a copy away from this computer use Back up to a USB stick.</source>
        <translation>已备份：%1（%2 名儿童）。

备份文件夹保留最近 7 天和之前 4 周的每日自动备份，其他每种备份各保留最近 10 份。如要在别处另存一份，请用“备份到U盘（加密）”。</translation>
    </message>
    <message>
        <source>Backup saved</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>已备份：%1</translation>
    </message>
    <message>
        <source>Choose the USB stick (or a folder on it) for the encrypted backup</source>
        <translation>选择存放加密备份的U盘（或U盘上的文件夹）</translation>
    </message>
    <message>
        <source>Back up to a USB stick</source>
        <translation>备份到U盘</translation>
    </message>
    <message>
        <source>Writing the encrypted backup to %1 and checking it…</source>
        <translation>正在把加密备份写到 %1 并核对…</translation>
    </message>
    <message>
        <source>Cancelled. No backup was written.</source>
        <translation>已取消，没有写入备份。</translation>
    </message>
    <message>
        <source>The encrypted backup was written to %1 and read back to check it. You can safely remove the USB stick.

Keep the passphrase somewhere safe: without it nobody can restore this backup.</source>
        <translation>加密备份已写到 %1，并已读回核对无误。可以安全拔出U盘。

请把口令保存在安全的地方：没有口令，谁也无法恢复这个备份。</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Backing up the archive as it is now, then restoring the backup… Do not switch the computer off.</source>
        <translation>正在先备份现在的档案，再恢复所选的备份……请不要关机。</translation>
    </message>
    <message>
        <source>Cancelled. The archive was not changed.</source>
        <translation>已取消，档案没有改动。</translation>
    </message>
    <message>
        <source>The archive was restored and is opened again.</source>
        <translation>档案已恢复，并已重新打开。</translation>
    </message>
    <message>
        <source>Restored from the backup</source>
        <translation>已从备份恢复</translation>
    </message>
</context>
<context>
    <name>BackupPassphraseDialog</name>
    <message>
        <source>Passphrase for the encrypted backup</source>
        <translation>设置加密备份的口令</translation>
    </message>
    <message>
        <source>The backup on the USB stick is encrypted: whoever finds a lost stick can read nothing in it. Only this passphrase opens it again.</source>
        <translation>U盘上的备份是加密的：U盘丢了，捡到的人也看不到里面的任何内容。只有这个口令能打开它。</translation>
    </message>
    <message>
        <source>Write the passphrase down and keep it safe, away from the stick. Without it nobody can restore this backup, not even the administrator.</source>
        <translation>请把口令写下来，和U盘分开妥善保管。忘了口令，谁也无法恢复这个备份，管理员也不行。</translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation>输入备份的口令</translation>
    </message>
    <message>
        <source>%1 is encrypted. Type the passphrase chosen when the backup was made.</source>
        <translation>%1 是加密的备份。请输入备份时设置的口令。</translation>
    </message>
    <message>
        <source>This backup</source>
        <translation>这个备份</translation>
    </message>
    <message>
        <source>Show the passphrase</source>
        <translation>显示口令</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>再输一遍：</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>At least %1 characters. A sentence only you know is easy to remember and hard to guess, e.g. 我家门前有两棵枣树2026.</source>
        <translation>至少 %1 个字符。用一句只有自己知道的话，好记又难猜，例如“我家门前有两棵枣树2026”。</translation>
    </message>
    <message>
        <source>Too short: at least %1 characters</source>
        <translation>太短：至少要 %1 个字符</translation>
    </message>
    <message>
        <source>Strength: weak — add a few more words or characters</source>
        <translation>强度：弱——请再加几个字或字符</translation>
    </message>
    <message>
        <source>Strength: fair</source>
        <translation>强度：中</translation>
    </message>
    <message>
        <source>Strength: strong</source>
        <translation>强度：强</translation>
    </message>
    <message>
        <source>The passphrase must have at least %1 characters.</source>
        <translation>口令至少要 %1 个字符。</translation>
    </message>
    <message>
        <source>The two passphrases are not the same. Type them again.</source>
        <translation>两次输入的口令不一样，请重新输入。</translation>
    </message>
    <message>
        <source>Type the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
</context>
<context>
    <name>BackupPreviewDialog</name>
    <message>
        <source>Restore this backup?</source>
        <translation>恢复这个备份？</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不详</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>School</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Encrypted backup</source>
        <translation>加密备份</translation>
    </message>
    <message>
        <source>In the backup</source>
        <translation>备份里</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>This backup belongs to another school (%1), not to the archive open now (%2).</source>
        <translation>这个备份是另一所学校（%1）的，不是现在打开的档案（%2）的。</translation>
    </message>
    <message>
        <source>This is a township database: what the township itself did after the backup (conflict decisions, transfers, settings for the schools) is not brought back by syncing.</source>
        <translation>这是乡镇的数据库：备份之后乡镇自己做的处理（冲突处理、转学、给学校的统一设置）不会通过同步找回。</translation>
    </message>
    <message>
        <source>Restoring replaces everything in the archive with this backup. Changes made after the backup are lost on this computer — except those already sent to the township, which come back with the next sync.</source>
        <translation>恢复会用这个备份替换档案里的全部内容。备份之后在本机做的修改会丢失——已经交给乡镇的修改除外，它们会在下次同步时找回来。</translation>
    </message>
    <message>
        <source>The archive as it is now is backed up first (in %1), so you can go back.</source>
        <translation>恢复前会先把现在的档案备份一份（在 %1），需要时还能恢复回来。</translation>
    </message>
    <message>
        <source>The backup was made by an older version and will be upgraded.</source>
        <translation>这个备份是旧版本程序做的，恢复后会自动升级。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>BackupReasons</name>
    <message>
        <source>Automatic (daily)</source>
        <translation>每日自动备份</translation>
    </message>
    <message>
        <source>Backed up by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前自动备份</translation>
    </message>
    <message>
        <source>Before a program update</source>
        <translation>升级前自动备份</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前自动备份</translation>
    </message>
    <message>
        <source>Damaged file kept before a restore</source>
        <translation>恢复前保留的损坏文件</translation>
    </message>
    <message>
        <source>Encrypted (USB stick)</source>
        <translation>加密备份（U盘）</translation>
    </message>
</context>
<context>
    <name>BackupRestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose the backup to go back to. You will see what it holds before anything is changed, and the archive as it is now is backed up first.</source>
        <translation>请选择要恢复到的备份。恢复之前会先显示备份里的内容，并先把现在的档案备份一份。</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>No backups were found in %1. Choose a backup file yourself, for example an encrypted backup (.lsbak) on a USB stick.</source>
        <translation>在 %1 里没有找到备份。请自己选择备份文件，例如U盘上的加密备份（.lsbak）。</translation>
    </message>
    <message>
        <source>Choose another file…</source>
        <translation>选择其他文件…</translation>
    </message>
    <message>
        <source>Next…</source>
        <translation>下一步…</translation>
    </message>
    <message>
        <source>Automatic backups: one a day (the last 7 days and 4 weeks before them), and one before every import.</source>
        <translation>自动备份：每天一份（保留最近 7 天和之前 4 周的），每次导入之前也备份一份。</translation>
    </message>
    <message>
        <source>Choose a backup file</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>Backups (%1);;All files (*)</source>
        <translation>备份文件 (%1);;所有文件 (*)</translation>
    </message>
</context>
</TS>
