<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PrintDialog</name>
    <message>
        <source>Archive cards (档案卡)</source>
        <translation>档案卡</translation>
    </message>
    <message>
        <source>Every section of the archive, one A4 page per child</source>
        <translation>档案的全部内容，每名儿童一页 A4</translation>
    </message>
    <message>
        <source>Print archive cards</source>
        <translation>打印档案卡</translation>
    </message>
    <message>
        <source>Save the archive cards as</source>
        <translation>档案卡保存为</translation>
    </message>
    <message>
        <source>Making the archive cards of %1 children…</source>
        <translation>正在生成 %1 名儿童的档案卡…</translation>
    </message>
    <message>
        <source>%1 of %2 cards</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <source>Contact cards (联系卡)</source>
        <translation>联系卡</translation>
    </message>
    <message>
        <source>Small cards with the phone numbers, 8 to an A4 page with cut marks</source>
        <translation>带联系电话的小卡片，每页 A4 8 张，有裁切线</translation>
    </message>
    <message>
        <source>Print contact cards</source>
        <translation>打印联系卡</translation>
    </message>
    <message>
        <source>Save the contact cards as</source>
        <translation>联系卡保存为</translation>
    </message>
    <message>
        <source>Making the contact cards of %1 children…</source>
        <translation>正在生成 %1 名儿童的联系卡…</translation>
    </message>
    <message>
        <source>Home-visit forms, blank (家访登记表)</source>
        <translation>家访登记表（空白）</translation>
    </message>
    <message>
        <source>One A4 page per child, name, class and guardian filled in</source>
        <translation>每名儿童一页 A4，已填好姓名、班级和监护人</translation>
    </message>
    <message>
        <source>Print home-visit forms</source>
        <translation>打印家访登记表</translation>
    </message>
    <message>
        <source>Save the home-visit forms as</source>
        <translation>家访登记表保存为</translation>
    </message>
    <message>
        <source>Making the home-visit forms of %1 children…</source>
        <translation>正在生成 %1 名儿童的家访登记表…</translation>
    </message>
    <message>
        <source>%1 of %2 forms</source>
        <translation>第 %1 份，共 %2 份</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>What to print</source>
        <translation>打印什么</translation>
    </message>
    <message>
        <source>The selected children (%1)</source>
        <translation>列表中选中的儿童（%1 名）</translation>
    </message>
    <message>
        <source>Select children in the list first: click one, hold Ctrl or Shift and click more.</source>
        <translation>请先在列表中选中儿童：单击一名，按住 Ctrl 或 Shift 再单击可多选。</translation>
    </message>
    <message>
        <source>One child</source>
        <translation>某一名儿童</translation>
    </message>
    <message>
        <source>Name or pinyin initials, e.g. zs</source>
        <translation>输入姓名或拼音首字母，如 zs</translation>
    </message>
    <message>
        <source>A class</source>
        <translation>某个班</translation>
    </message>
    <message>
        <source>The children the list shows (%1)</source>
        <translation>列表中显示的儿童（%1 名）</translation>
    </message>
    <message>
        <source>Every child at school, all schools</source>
        <translation>各校全部在校儿童</translation>
    </message>
    <message>
        <source>Every child at school</source>
        <translation>全校在校儿童</translation>
    </message>
    <message>
        <source>For whom</source>
        <translation>给哪些儿童</translation>
    </message>
    <message>
        <source>Make the PDF…</source>
        <translation>生成 PDF…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>In the township&apos;s ledger, filter the list by school, grade and class and print the children the list shows.</source>
        <translation>乡镇台账里请先在列表中按学校、年级、班级筛选，再选“列表中显示的儿童”。</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>%1班</translation>
    </message>
    <message>
        <source>Counting the children…</source>
        <translation>正在统计人数…</translation>
    </message>
    <message>
        <source>%1 children, %2 pages</source>
        <translation>共 %1 名儿童，%2 页</translation>
    </message>
    <message>
        <source>Type a name and choose the child</source>
        <translation>请输入姓名，再从下拉列表中选一名儿童</translation>
    </message>
    <message>
        <source>No children to print</source>
        <translation>没有要打印的儿童</translation>
    </message>
    <message>
        <source>%1 of these children are not in your class or paired with you and are left out: you print their contact cards only.</source>
        <translation>其中 %1 名儿童不在您班上，也没有与您结对，已略去：您只能打印他们的联系卡。</translation>
    </message>
    <message>
        <source>Archive cards and home-visit forms: for your own class and the children paired with you.</source>
        <translation>档案卡和家访登记表：只能打印本班和与您结对的儿童。</translation>
    </message>
</context>
<context>
    <name>TablePrinter</name>
    <message>
        <source>Print the ledger</source>
        <translation>打印台账</translation>
    </message>
    <message>
        <source>Save the ledger (PDF) as</source>
        <translation>台账（PDF）保存为</translation>
    </message>
    <message>
        <source>Making the ledger as a PDF table…</source>
        <translation>正在生成台账（PDF 表格）…</translation>
    </message>
    <message>
        <source>Print the pairing list</source>
        <translation>打印结对帮扶名单</translation>
    </message>
    <message>
        <source>Save the pairing list as</source>
        <translation>结对帮扶名单保存为</translation>
    </message>
    <message>
        <source>Making the list of current pairings…</source>
        <translation>正在生成当前结对帮扶名单…</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
</TS>
