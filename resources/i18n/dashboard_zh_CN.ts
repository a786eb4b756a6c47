<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Meeting mode (F9)</source>
        <translation>会商模式（F9）</translation>
    </message>
    <message>
        <source>Full-screen view for residents&apos; committee reps, no personal data</source>
        <translation>供居委会代表使用的全屏视图，不显示任何个人信息</translation>
    </message>
    <message>
        <source>Today&apos;s work (double-click a line to open it)</source>
        <translation>今日待办（双击一行打开）</translation>
    </message>
    <message>
        <source>Cases found by month and category</source>
        <translation>各月各类案件数</translation>
    </message>
    <message>
        <source>Complaints per 10,000 residents by month</source>
        <translation>各月投诉万人比</translation>
    </message>
    <message>
        <source>Ten estates with the most complaints per 10,000</source>
        <translation>投诉万人比最高的十个小区</translation>
    </message>
    <message>
        <source>Pilot estates against the rest</source>
        <translation>试点小区与其他小区对比</translation>
    </message>
    <message>
        <source>Enter holidays…</source>
        <translation>录入节假日…</translation>
    </message>
    <message>
        <source>Use meeting mode to see your estates.</source>
        <translation>请点击“会商模式”查看本居委会所辖小区的情况。</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>正在刷新…</translation>
    </message>
    <message>
        <source>Could not refresh; see the log</source>
        <translation>刷新失败，请查看日志</translation>
    </message>
    <message>
        <source>%1 to %2, against the same days last year</source>
        <translation>%1 至 %2，与去年同期对比</translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>per 10,000 residents</source>
        <translation>件/万人</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>去年</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>件</translation>
    </message>
    <message>
        <source>This month so far</source>
        <translation>本月（未满整月）</translation>
    </message>
    <message>
        <source>Pilot estates</source>
        <translation>试点小区</translation>
    </message>
    <message>
        <source>Other estates</source>
        <translation>其他小区</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
</context>
<context>
    <name>GoalTileCard</name>
    <message>
        <source>Complaints per 10,000 residents</source>
        <translation>投诉万人比</translation>
    </message>
    <message>
        <source>Per 10,000, repeats excluded</source>
        <translation>投诉万人比（去重）</translation>
    </message>
    <message>
        <source>Cases found</source>
        <translation>发现案件数</translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation>结案率</translation>
    </message>
    <message>
        <source>On-time rate</source>
        <translation>按期结案率</translation>
    </message>
    <message>
        <source>Recurrence rate</source>
        <translation>复发率</translation>
    </message>
    <message>
        <source>Overdue cases</source>
        <translation>逾期案件</translation>
    </message>
    <message>
        <source>Callbacks 不满意</source>
        <translation>回访不满意</translation>
    </message>
    <message>
        <source>Target: none set</source>
        <translation>目标：未设定</translation>
    </message>
    <message>
        <source>Target ≤ %1</source>
        <translation>目标 ≤ %1</translation>
    </message>
    <message>
        <source>Target ≥ %1</source>
        <translation>目标 ≥ %1</translation>
    </message>
    <message>
        <source>No figure for last year</source>
        <translation>去年同期无数据</translation>
    </message>
    <message>
        <source>%1 %2 vs last year</source>
        <translation>较去年同期 %1 %2</translation>
    </message>
    <message>
        <source>Same days last year: %1</source>
        <translation>去年同期：%1</translation>
    </message>
</context>
<context>
    <name>InspectionTileCard</name>
    <message>
        <source>Inspections this quarter</source>
        <translation>本季度检查</translation>
    </message>
    <message>
        <source>done of %1 due</source>
        <translation>已检 · 应检 %1</translation>
    </message>
    <message>
        <source>%1 overdue (%2 estates)</source>
        <translation>逾期 %1 · %2 个小区</translation>
    </message>
    <message>
        <source>%1: inspections due %2, done %3, overdue %4</source>
        <translation>%1：应检 %2，已检 %3，逾期未检 %4</translation>
    </message>
</context>
<context>
    <name>TodayWorkModel</name>
    <message>
        <source>Overdue cases</source>
        <translation>逾期案件</translation>
    </message>
    <message>
        <source>Cases due within 3 working days</source>
        <translation>3个工作日内到期案件</translation>
    </message>
    <message>
        <source>Follow-up visits due</source>
        <translation>待回头看</translation>
    </message>
    <message>
        <source>Referrals awaiting reply</source>
        <translation>移交待回复</translation>
    </message>
    <message>
        <source>Complaints awaiting reply or callback</source>
        <translation>诉件待答复或回访</translation>
    </message>
    <message>
        <source>On-hold cases past their review date</source>
        <translation>挂账到期待复核</translation>
    </message>
    <message>
        <source>Open meeting action items</source>
        <translation>会商待办事项</translation>
    </message>
    <message>
        <source>Open supervision orders</source>
        <translation>未办结的督办单</translation>
    </message>
    <message>
        <source>Early warnings (rising complaints or cases)</source>
        <translation>苗头预警（诉件或案件明显上升）</translation>
    </message>
    <message>
        <source>Estates behind on their inspections this quarter</source>
        <translation>本季度逾期未检的小区</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>逾期 %1</translation>
    </message>
    <message>
        <source>first %1 shown</source>
        <translation>显示前 %1 条</translation>
    </message>
    <message>
        <source>awaiting reply</source>
        <translation>待答复</translation>
    </message>
    <message>
        <source>awaiting callback</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
</TS>
