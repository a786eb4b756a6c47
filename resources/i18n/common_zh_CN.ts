<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Background</name>
    <message>
        <source>The operation failed unexpectedly. Details are in the log file.</source>
        <translation>操作意外失败，详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未能完成</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Nothing matches the filters</source>
        <translation>没有符合筛选条件的记录</translation>
    </message>
    <message>
        <source>Clear the filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>All streets</source>
        <translation>全部街镇</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>Export, names and phones masked…</source>
        <translation>导出（姓名、电话遮蔽）…</translation>
    </message>
    <message>
        <source>Export with full names and phones…</source>
        <translation>导出（含完整姓名和电话）…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>Cannot filter</source>
        <translation>无法筛选</translation>
    </message>
    <message>
        <source>-personal data</source>
        <translation>-含个人信息</translation>
    </message>
    <message>
        <source> (full names and phones)</source>
        <translation>（含完整姓名和电话）</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The export failed unexpectedly; no file was written. The details are in the log file.</source>
        <translation>导出时出现意外错误，没有写入文件。详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>Exporting to %1 …</source>
        <translation>正在导出到 %1 …</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>PhoneRevealButton</name>
    <message>
        <source>Show number</source>
        <translation>显示号码</translation>
    </message>
    <message>
        <source>Show the full number to call back (recorded in the audit log)</source>
        <translation>显示完整号码以便回访（将记入审计日志）</translation>
    </message>
</context>
<context>
    <name>RevealedPhoneDialog</name>
    <message>
        <source>Phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Shown for calling back; this was recorded in the audit log.</source>
        <translation>仅供回访联系使用，本次查看已记入审计日志。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>RowsModel</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>SignoffFields</name>
    <message>
        <source>offices above, e.g. the district bureau</source>
        <translation>上级机关，如区城管执法局</translation>
    </message>
    <message>
        <source>offices alongside</source>
        <translation>平级单位</translation>
    </message>
    <message>
        <source>units below, e.g. each squad and committee</source>
        <translation>下级单位，如各中队、各居委</translation>
    </message>
    <message>
        <source>Report to</source>
        <translation>报</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>送</translation>
    </message>
    <message>
        <source>Issue to</source>
        <translation>发</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签发人</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核</translation>
    </message>
</context>
<context>
    <name>TemplatePicker</name>
    <message>
        <source>Insert template</source>
        <translation>插入模板</translation>
    </message>
    <message>
        <source>(no template for this category)</source>
        <translation>（该类别暂无模板）</translation>
    </message>
</context>
</TS>
