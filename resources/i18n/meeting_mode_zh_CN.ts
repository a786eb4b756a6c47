<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CaseModel</name>
    <message>
        <source>Case no.</source>
        <translation>案件编号</translation>
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
        <translation>位置</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 逾期</translation>
    </message>
</context>
<context>
    <name>MeetingModeWindow</name>
    <message>
        <source>Press Esc or F10 to leave</source>
        <translation>按 Esc 或 F10 退出</translation>
    </message>
    <message>
        <source>Note a new matter</source>
        <translation>记录新事项</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Recent trainings and outreach</source>
        <translation>近期培训宣传</translation>
    </message>
    <message>
        <source>Meeting mode — %1</source>
        <translation>会商模式 — %1</translation>
    </message>
    <message>
        <source>Open cases: %1 (closed this year: %2)</source>
        <translation>在办案件：%1 件（今年已结案 %2 件）</translation>
    </message>
    <message>
        <source>Complaints this year: %1 (same days last year: %2); awaiting reply: %3</source>
        <translation>今年投诉 %1 件（去年同期 %2 件），待答复 %3 件</translation>
    </message>
    <message>
        <source>Most raised: %1</source>
        <translation>反映较多：%1</translation>
    </message>
    <message>
        <source>No trainings or outreach in the past year</source>
        <translation>近一年没有培训宣传记录</translation>
    </message>
    <message>
        <source>Recent patrols and inspections</source>
        <translation>近期巡查检查</translation>
    </message>
    <message>
        <source>No patrols or inspections in the past year</source>
        <translation>近一年没有巡查检查记录</translation>
    </message>
    <message>
        <source>Complaints per 10,000 residents: no population recorded</source>
        <translation>投诉万人比：未登记常住人口</translation>
    </message>
    <message>
        <source>Complaints per 10,000 residents: %1 (last year %2)</source>
        <translation>投诉万人比：%1 件/万人（去年同期 %2）</translation>
    </message>
</context>
<context>
    <name>PatrolModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <source>No problems found</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待处理</translation>
    </message>
</context>
<context>
    <name>QuickMatterForm</name>
    <message>
        <source>Note a new matter</source>
        <translation>记录新事项</translation>
    </message>
    <message>
        <source>Not sure</source>
        <translation>不确定</translation>
    </message>
    <message>
        <source>What was raised, in a sentence or two</source>
        <translation>简要说明反映的事项</translation>
    </message>
    <message>
        <source>e.g. building 3, stairwell (no room numbers)</source>
        <translation>如：3号楼楼道（不写室号）</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>It goes to the complaint log as 居委转交; staff complete it later.</source>
        <translation>将以“居委转交”登记到诉件台账，由工作人员补充完善。</translation>
    </message>
</context>
<context>
    <name>ScopePicker</name>
    <message>
        <source>Meeting mode</source>
        <translation>会商模式</translation>
    </message>
    <message>
        <source>Committee: %1</source>
        <translation>居委会：%1</translation>
    </message>
    <message>
        <source>Estate: %1</source>
        <translation>小区：%1</translation>
    </message>
    <message>
        <source>Start meeting mode</source>
        <translation>进入会商模式</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Which residents&apos; committee or estate is the meeting about?</source>
        <translation>本次会商针对哪个居委会或小区？</translation>
    </message>
    <message>
        <source>The screen shows no names, phone numbers or room numbers.</source>
        <translation>屏幕上不显示姓名、电话和室号。</translation>
    </message>
</context>
<context>
    <name>TrainingModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
</context>
</TS>
