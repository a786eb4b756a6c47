<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ComplaintImport</name>
    <message>
        <source>Choose a 12345 work-order export</source>
        <translation>选择 12345 工单导出文件</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>The file could not be read. The details are in the log file.</source>
        <translation>无法读取该文件。详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>Unexpected error during the import; nothing was imported. The details are in the log file.</source>
        <translation>导入时出现意外错误，没有导入任何数据。详细信息已写入日志文件。</translation>
    </message>
</context>
<context>
    <name>ErrorModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import 12345 work orders</source>
        <translation>导入 12345 工单</translation>
    </message>
    <message>
        <source>Work order no.</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>诉求地址</translation>
    </message>
    <message>
        <source>Street/town</source>
        <translation>所属街镇</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>诉求类别</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Reply due</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>诉求渠道</translation>
    </message>
    <message>
        <source>File: %1 · header found on row %2 · %3 data rows</source>
        <translation>文件：%1 · 表头在第 %2 行 · 数据 %3 行</translation>
    </message>
    <message>
        <source>column mapping remembered from the last import of this layout</source>
        <translation>已沿用上次导入同样表头时确认的列对应关系</translation>
    </message>
    <message>
        <source>Columns (required fields are marked *)</source>
        <translation>列对应关系（带 * 的为必填项）</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Preview of the first rows as they will be imported:</source>
        <translation>前几行将按如下内容导入（预览）：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Reading %1 and looking for its header row …</source>
        <translation>正在读取 %1 并查找表头行 …</translation>
    </message>
    <message>
        <source>Cannot import this file</source>
        <translation>无法导入此文件</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>开始导入</translation>
    </message>
    <message>
        <source>Importing %1 …</source>
        <translation>正在导入 %1 …</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Cancelling… nothing will be imported.</source>
        <translation>正在取消…不会导入任何数据。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was imported.</source>
        <translation>导入已取消，没有导入任何数据。</translation>
    </message>
    <message>
        <source>Save error report…</source>
        <translation>保存错误报告…</translation>
    </message>
    <message>
        <source>Addresses without an estate: choose the estate (remembered as an alias)</source>
        <translation>未匹配到小区的地址：请选择所属小区（将记为小区别名，下次自动匹配）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 rows read: %2 new complaints, %3 updated, %4 already imported or repeated in the file, %5 rows refused, %6 repeat complaints found.</source>
        <translation>共读取 %1 行：新增诉件 %2 件，更新 %3 件，已导入过或文件内重复 %4 行，未导入（有错误）%5 行，发现重复投诉 %6 件。</translation>
    </message>
    <message>
        <source>Remembered as an alias of the chosen estate</source>
        <translation>将记为所选小区的别名</translation>
    </message>
    <message>
        <source>(choose an estate)</source>
        <translation>（选择小区）</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>指定</translation>
    </message>
    <message>
        <source>Choose an estate</source>
        <translation>请选择小区</translation>
    </message>
    <message>
        <source>Choose the estate first.</source>
        <translation>请先选择所属小区。</translation>
    </message>
    <message>
        <source>Cannot assign</source>
        <translation>无法指定</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已指定</translation>
    </message>
    <message numerus="yes">
        <source>%n complaint(s) assigned</source>
        <translation>
            <numerusform>已为 %n 件诉件指定小区</numerusform>
        </translation>
    </message>
    <message>
        <source>Save error report</source>
        <translation>保存错误报告</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
</TS>
