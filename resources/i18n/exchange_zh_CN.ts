<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Other station</source>
        <translation>对方工作室</translation>
    </message>
    <message>
        <source>Changed here</source>
        <translation>本地改动时间</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>Changed there</source>
        <translation>对方改动时间</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Exchange conflicts</source>
        <translation>交换冲突</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留本地版本</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方版本</translation>
    </message>
    <message>
        <source>These records were changed or deleted both here and at another station since the last exchange. Nothing was overwritten or deleted: choose which version to keep.</source>
        <translation>以下记录自上次交换以来在本工作室和对方工作室都有改动（修改或删除）。系统没有覆盖或删除任何一方：请选择保留哪个版本。</translation>
    </message>
    <message>
        <source>No conflicts from exchange packages.</source>
        <translation>没有交换包导入冲突。</translation>
    </message>
</context>
<context>
    <name>PackagesPanel</name>
    <message>
        <source>Exchange packages</source>
        <translation>交换包</translation>
    </message>
    <message>
        <source>For a station without a connection to the street server: export what changed here since a date to a file, take it over (for example on a USB disk) and import it at the other station. Deletions travel too; a record changed on both sides is never overwritten.</source>
        <translation>供连不上街镇服务器的工作室使用：把某日以来本工作室的改动导出为一个文件，用 U 盘等带到另一个工作室导入。删除也会同步；双方都改过的记录不会被覆盖。</translation>
    </message>
    <message>
        <source>Only changes since</source>
        <translation>只导出此日期以来的改动</translation>
    </message>
    <message>
        <source>Include names and phone numbers (recorded in the audit log)</source>
        <translation>包含姓名和电话（将记入审计日志）</translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation>导出交换包…</translation>
    </message>
    <message>
        <source>Import package…</source>
        <translation>导入交换包…</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Export package</source>
        <translation>导出交换包</translation>
    </message>
    <message>
        <source>Exchange packages (*.zip)</source>
        <translation>交换包 (*.zip)</translation>
    </message>
    <message>
        <source>Import package</source>
        <translation>导入交换包</translation>
    </message>
    <message>
        <source>The package could not be exported. Details are in the log file.</source>
        <translation>交换包导出失败，详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>The package could not be imported. Details are in the log file.</source>
        <translation>交换包导入失败，详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation>已取消导入，未导入任何数据。</translation>
    </message>
    <message>
        <source>Package saved: %1 (%2 records, %3 deletions, %4 attachments).</source>
        <translation>交换包已保存：%1（%2 条记录，%3 条删除，%4 个附件）。</translation>
    </message>
    <message>
        <source>Imported the package of %1: %2 new, %3 updated, %4 deleted; %5 conflicts wait for your decision below.</source>
        <translation>已导入“%1”的交换包：新增 %2 条，更新 %3 条，删除 %4 条；另有 %5 条冲突，请在下方处理。</translation>
    </message>
    <message>
        <source>Imported the package of %1: %2 new, %3 updated, %4 deleted.</source>
        <translation>已导入“%1”的交换包：新增 %2 条，更新 %3 条，删除 %4 条。</translation>
    </message>
    <message>
        <source> The data as it was before is backed up in %1.</source>
        <translation>导入前的数据已备份到：%1。</translation>
    </message>
</context>
</TS>
