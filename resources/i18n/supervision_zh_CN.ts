<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AssessmentTab</name>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>街镇</translation>
    </message>
    <message>
        <source>Estates</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Print assessment sheet…</source>
        <translation>打印考核情况表…</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <source>Quarter %1</source>
        <translation>第 %1 季度</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>%1 月</translation>
    </message>
    <message>
        <source>Print meeting notice…</source>
        <translation>打印工作通报…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>%1 (%2 to %3), against the same days last year; red: goal not met</source>
        <translation>%1（%2 至 %3），对比去年同期；红色为未达标</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>CandidateTableModel</name>
    <message>
        <source>Rule</source>
        <translation>线索类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>督办事由</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任方</translation>
    </message>
</context>
<context>
    <name>DepartmentTableModel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>移交件数</translation>
    </message>
    <message>
        <source>Replied on time</source>
        <translation>按期回复</translation>
    </message>
    <message>
        <source>Average working days to reply</source>
        <translation>平均回复工作日</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退回</translation>
    </message>
</context>
<context>
    <name>GoalsTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街镇</translation>
    </message>
    <message>
        <source>Complaints per 10k</source>
        <translation>投诉万人比</translation>
    </message>
    <message>
        <source>Per 10k without repeats</source>
        <translation>万人比（不含重复）</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件数</translation>
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
        <source>Overdue</source>
        <translation>逾期案件</translation>
    </message>
    <message>
        <source> (target %1)</source>
        <translation>（目标 %1）</translation>
    </message>
</context>
<context>
    <name>IssueOrderDialog</name>
    <message>
        <source>Issue a supervision order</source>
        <translation>下达督办</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>督办事由</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>事由说明</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>(none named: pick or type one)</source>
        <translation>（未指定，请选择或填写）</translation>
    </message>
    <message>
        <source>The item&apos;s own: %1</source>
        <translation>事项责任方：%1</translation>
    </message>
    <message>
        <source>Staff: %1</source>
        <translation>工作人员：%1</translation>
    </message>
    <message>
        <source>Department: %1</source>
        <translation>部门：%1</translation>
    </message>
    <message>
        <source>Pressed</source>
        <translation>督办对象</translation>
    </message>
    <message>
        <source>or type a person or unit</source>
        <translation>或填写督办的人员或单位</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>下达</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>OfficerTableModel</name>
    <message>
        <source>Officer</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <source>On-time rate (%)</source>
        <translation>按期结案率（%）</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>未结案件</translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>督办事由</translation>
    </message>
    <message>
        <source>Pressed</source>
        <translation>督办对象</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>办理情况</translation>
    </message>
</context>
<context>
    <name>SupervisionPage</name>
    <message>
        <source>Candidates</source>
        <translation>督办线索</translation>
    </message>
    <message>
        <source>Supervision orders</source>
        <translation>督办单</translation>
    </message>
    <message>
        <source>Annual assessment</source>
        <translation>年度考核</translation>
    </message>
    <message>
        <source>Early warnings</source>
        <translation>苗头预警</translation>
    </message>
    <message>
        <source>Issue order…</source>
        <translation>下达督办…</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>All orders</source>
        <translation>全部督办单</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>答复办理情况…</translation>
    </message>
    <message>
        <source>Close order…</source>
        <translation>办结…</translation>
    </message>
    <message>
        <source>Print notice…</source>
        <translation>打印督办单…</translation>
    </message>
    <message>
        <source>Send to case clinic</source>
        <translation>提交研讨会诊</translation>
    </message>
    <message>
        <source>Print notice</source>
        <translation>打印督办单</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>督查督办</translation>
    </message>
    <message>
        <source>%1 to %2: %3 estate flag(s), %4 widespread. Rule: at least %5 in the last %6 days and %7 times the larger of the estate&apos;s average before and the same days last year.</source>
        <translation>%1 至 %2：小区预警 %3 条，普遍性难点 %4 条。规则：近 %6 天至少 %5 件，且达到该小区此前平均水平与去年同期两者较高者的 %7 倍。</translation>
    </message>
    <message>
        <source>Sent to the case clinic “%1” (%2)</source>
        <translation>已提交研讨会诊“%1”（%2）</translation>
    </message>
    <message>
        <source>Looking for candidates…</source>
        <translation>正在查找督办线索…</translation>
    </message>
    <message>
        <source>All rules (%1)</source>
        <translation>全部线索（%1）</translation>
    </message>
    <message>
        <source>%1 items listed</source>
        <translation>列出 %1 项</translation>
    </message>
    <message>
        <source>; %1 more not listed (the longest waiting are shown first)</source>
        <translation>；另有 %1 项未列出（先列等待最久的）</translation>
    </message>
    <message>
        <source>%1 orders, %2 overdue (in red)</source>
        <translation>%1 件督办单，%2 件逾期（红色）</translation>
    </message>
    <message>
        <source>Issued %1 to %2</source>
        <translation>已下达 %1，督办对象：%2</translation>
    </message>
    <message>
        <source>Answer %1</source>
        <translation>答复 %1</translation>
    </message>
    <message>
        <source>How it was handled:</source>
        <translation>办理情况：</translation>
    </message>
    <message>
        <source>Close %1</source>
        <translation>办结 %1</translation>
    </message>
    <message>
        <source>Closing note (optional):</source>
        <translation>办结意见（可不填）：</translation>
    </message>
    <message>
        <source>Notice saved: %1</source>
        <translation>督办单已保存：%1</translation>
    </message>
</context>
<context>
    <name>WarningTableModel</name>
    <message>
        <source>Flag</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>近期件数</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>依据</translation>
    </message>
</context>
</TS>
