<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RosterHistoryDialog</name>
    <message>
        <source>Roster imports</source>
        <translation>花名册导入记录</translation>
    </message>
    <message>
        <source>Every roster imported into this archive, newest first. An import can be undone as a whole: the children it added are marked deleted and the children it updated get their earlier values back.</source>
        <translation>这个档案导入过的花名册，最近的在前。一次导入可以整体撤销：这次新增的儿童标为“已删除”，这次更新的儿童恢复导入前的信息。</translation>
    </message>
    <message>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>撤销情况</translation>
    </message>
    <message>
        <source>No roster has been imported yet.</source>
        <translation>还没有导入过花名册。</translation>
    </message>
    <message>
        <source>&amp;Undo this import…</source>
        <translation>撤销这次导入(&amp;U)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>undone %1</source>
        <translation>已于 %1 撤销</translation>
    </message>
    <message>
        <source>Undoing the import…</source>
        <translation>正在撤销这次导入…</translation>
    </message>
</context>
<context>
    <name>RosterImport</name>
    <message>
        <source>Choose the roster to import</source>
        <translation>选择要导入的花名册</translation>
    </message>
    <message>
        <source>Rosters (*.xlsx *.xls *.csv);;All files (*)</source>
        <translation>花名册 (*.xlsx *.xls *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Save the roster import template as</source>
        <translation>花名册导入模板保存为</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Roster import template saved to %1</source>
        <translation>花名册导入模板已保存到 %1</translation>
    </message>
    <message>
        <source>Template saved</source>
        <translation>模板已保存</translation>
    </message>
    <message>
        <source>The roster import template was saved to %1.

Fill in one row per child on its 花名册 sheet (row 2 is an example: delete it), then import it with File → Import a roster…</source>
        <translation>花名册导入模板已保存到：
%1

在其中的“花名册”工作表里每名儿童填一行（第2行是示例，填写前请删除），然后用“文件 → 导入花名册…”导入。</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>Import a roster — %1</source>
        <translation>导入花名册 — %1</translation>
    </message>
    <message>
        <source>Step 1 of 2: columns</source>
        <translation>第 1 步（共 2 步）：列对应</translation>
    </message>
    <message>
        <source>What was found in the file:</source>
        <translation>文件里找到的工作表：</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <source>Data rows</source>
        <translation>数据行数</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Check what each column of the file is imported as. Columns set to “Do not import” are not read. Your choices are remembered for the next file with the same column names.</source>
        <translation>请核对文件中的每一列导入为档案的哪一项。选“不导入”的列不会读取。导入后会记住这些选择，下次导入列名相同的文件时自动使用。</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列名</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Next: &amp;check the rows ›</source>
        <translation>下一步：检查(&amp;C) ›</translation>
    </message>
    <message>
        <source>&amp;Reset to the column names</source>
        <translation>按列名重新识别(&amp;R)</translation>
    </message>
    <message>
        <source>Forget the choices remembered for these columns and map each column by its name again.</source>
        <translation>忘掉以前为这些列选定的对应，按列名重新识别每一列。</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>rows %1–%2</source>
        <translation>第 %1–%2 行</translation>
    </message>
    <message>
        <source>Grade taken from the sheet&apos;s name (%1)</source>
        <translation>年级按工作表名（%1）</translation>
    </message>
    <message>
        <source>%1 (sheets: %2)</source>
        <translation>%1（工作表：%2）</translation>
    </message>
    <message>
        <source>Do not import</source>
        <translation>不导入</translation>
    </message>
    <message>
        <source>“%1” was also imported as “%2”; it is now not imported (each item comes from one column).</source>
        <translation>“%1”原来也导入为“%2”，已改为不导入（一项只能对应一列）。</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Each problem row is named by its sheet and its row number, as Excel shows it on the left. Save the problem list, correct those rows in the file and import it again: children imported already are matched (by ID number) and not added twice.</source>
        <translation>每个问题行都写明了工作表和行号（即 Excel 左侧的行号）。可以保存问题清单，在原文件里改正这些行后再导入一次：已经导入的儿童会按身份证号对上，不会重复添加。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>改动内容</translation>
    </message>
    <message>
        <source>‹ &amp;Back</source>
        <translation>‹ 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Save the problem list…</source>
        <translation>保存问题清单(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Undo this import…</source>
        <translation>撤销这次导入(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Added %1, updated %2, unchanged %3.</source>
        <translation>已新增 %1 名，更新 %2 名，无变化 %3 名。</translation>
    </message>
    <message>
        <source>%1 row(s) were not imported; they are listed below.</source>
        <translation>%1 行没有导入，见下表。</translation>
    </message>
    <message>
        <source>Step 2 of 2: check the rows</source>
        <translation>第 2 步（共 2 步）：检查结果</translation>
    </message>
    <message>
        <source>Will add %1, update %2; unchanged %3.</source>
        <translation>将新增 %1 名，更新 %2 名，无变化 %3 名。</translation>
    </message>
    <message>
        <source>%1 row(s) have problems and will not be imported.</source>
        <translation>%1 行有问题，不会导入。</translation>
    </message>
    <message>
        <source>%1 blank row(s), total (合计) row(s) or signature line(s) were skipped.</source>
        <translation>另有 %1 行是空白行、合计行或签名行，已跳过。</translation>
    </message>
    <message>
        <source>Problem rows (%1)</source>
        <translation>有问题的行（%1）</translation>
    </message>
    <message>
        <source>Worth a look (%1)</source>
        <translation>请留意（%1）</translation>
    </message>
    <message>
        <source>Children updated (%1)</source>
        <translation>更新的儿童（%1）</translation>
    </message>
    <message>
        <source>No problems found: every row was imported.</source>
        <translation>没有问题行：每一行都已导入。</translation>
    </message>
    <message>
        <source>No problems found: every row can be imported.</source>
        <translation>没有发现问题：每一行都可以导入。</translation>
    </message>
    <message>
        <source>Nothing in the archive changed, so there is nothing to undo.</source>
        <translation>档案没有任何改动，不需要撤销。</translation>
    </message>
    <message>
        <source>If this import was wrong, undo it here, or later under File → Roster import history.</source>
        <translation>如果这次导入有误，可以在这里撤销，以后也可以在“文件 → 花名册导入记录”里撤销。</translation>
    </message>
    <message>
        <source>&amp;Import %1 child(ren)</source>
        <translation>导入 %1 名(&amp;I)</translation>
    </message>
    <message>
        <source>There is nothing to import: no row adds a child or changes an archive. Go back to check the columns, or correct the file.</source>
        <translation>没有需要导入的内容：没有一行会新增儿童或修改档案。请返回上一步核对列对应，或改正文件。</translation>
    </message>
    <message>
        <source>%1-problem rows.xlsx</source>
        <translation>%1-问题清单.xlsx</translation>
    </message>
    <message>
        <source>Save the problem list as</source>
        <translation>问题清单保存为</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The problem list was saved to %1. Correct the rows in the roster file, then import it again.</source>
        <translation>问题清单已保存到 %1。请在花名册文件里改正这些行，再导入一次。</translation>
    </message>
    <message>
        <source>Importing the roster</source>
        <translation>正在导入花名册</translation>
    </message>
    <message>
        <source>Importing %1 into the archive…</source>
        <translation>正在把 %1 导入档案…</translation>
    </message>
    <message>
        <source>%1 of %2 children</source>
        <translation>%1 / %2 名</translation>
    </message>
    <message>
        <source>Cancelled: the roster was not imported; nothing in the archive changed.</source>
        <translation>已取消：花名册没有导入，档案没有任何改动。</translation>
    </message>
    <message>
        <source>Undoing the import…</source>
        <translation>正在撤销这次导入…</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>已撤销这次导入</translation>
    </message>
</context>
<context>
    <name>RosterUndo</name>
    <message>
        <source>Undo the import of %1?

• The %2 child(ren) it added are marked 已删除 (deleted). Their archives stay in the database and the change shows in each archive&apos;s history.
• The %3 child(ren) it updated get back the values they had before the import.
• Left as they are: anything changed by hand since the import, and added children who already have an assessment, a pairing or a record.</source>
        <translation>要撤销 %1 的这次导入吗？

• 这次新增的 %2 名儿童标为“已删除”：档案仍保存在数据库里，每份档案的修改历史里记有这次撤销。
• 这次更新的 %3 名儿童恢复导入前的信息。
• 保持不变的：导入后又有人手工修改过的内容，以及导入后已有评估、结对或记录的新增儿童。</translation>
    </message>
    <message>
        <source>Undo the import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Import undone: %1 child(ren) it added are now marked deleted, %2 child(ren) have their earlier values back.</source>
        <translation>已撤销：新增的 %1 名儿童已标为“已删除”，%2 名儿童恢复了导入前的信息。</translation>
    </message>
    <message>
        <source>Left as they are:</source>
        <translation>保持不变的：</translation>
    </message>
</context>
</TS>
