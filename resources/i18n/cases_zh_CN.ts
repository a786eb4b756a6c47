<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CaseBookPage</name>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Search number, facts, place, party, notes</source>
        <translation>搜索编号、事实、地点、当事人、备注</translation>
    </message>
    <message>
        <source>%1 cases in all</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <source>No cases yet, and no estates to register them in</source>
        <translation>还没有案件，也还没有可登记案件的小区</translation>
    </message>
    <message>
        <source>Enter the station&apos;s estates in Reference data first (or import them from Excel).</source>
        <translation>请先在基础数据中录入本工作室的小区（或从 Excel 导入）。</translation>
    </message>
    <message>
        <source>Open Reference data</source>
        <translation>打开基础数据</translation>
    </message>
    <message>
        <source>No cases yet</source>
        <translation>还没有案件</translation>
    </message>
    <message>
        <source>Register the first case found on patrol or from a complaint.</source>
        <translation>登记第一件巡查发现或由诉件转来的案件。</translation>
    </message>
    <message>
        <source>Export case book</source>
        <translation>导出案件台账</translation>
    </message>
    <message>
        <source>%1 cases exported to %2</source>
        <translation>已导出 %1 件案件到：%2</translation>
    </message>
</context>
<context>
    <name>CaseFilterBar</name>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All officers</source>
        <translation>全部承办人</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due within 3 working days</source>
        <translation>3个工作日内到期</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>挂账</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>已移交</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Found from</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>%1 working days left</source>
        <translation>剩%1个工作日</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>%1 working days overdue</source>
        <translation>逾期%1个工作日</translation>
    </message>
</context>
</TS>
