<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChecklistTable</name>
    <message>
        <source>Category</source>
        <translation>检查项目</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>CoverageModel</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街镇</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应检</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已检</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期未检</translation>
    </message>
    <message>
        <source>Not graded</source>
        <translation>未分级</translation>
    </message>
</context>
<context>
    <name>EstateChecklist</name>
    <message>
        <source>Met:</source>
        <translation>见到：</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>检查项目</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Became</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Pending: case, referral or fixed on the spot</source>
        <translation>待处理：立案、移交或当场劝阻整改</translation>
    </message>
</context>
<context>
    <name>InspectionsPage</name>
    <message>
        <source>Patrol records</source>
        <translation>巡查记录</translation>
    </message>
    <message>
        <source>Inspection coverage</source>
        <translation>检查覆盖</translation>
    </message>
    <message>
        <source>New patrol record</source>
        <translation>新建巡查记录</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Print checklists…</source>
        <translation>打印检查表…</translation>
    </message>
    <message>
        <source>One A4 checklist per chosen estate, with a route sheet for several</source>
        <translation>每个所选小区一页 A4 检查表，多个小区另附巡查记录单</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Due: inspections the estate&apos;s grade asks for in the period (分级分类检查 and joint inspections count); overdue: due cycles that ended without one. Choose estates (Ctrl+click) to print their checklists.</source>
        <translation>应检：按小区分级在本期应做的检查次数（分级分类检查和联合检查计入）；逾期未检：已到期而未检查的周期。选中小区（Ctrl+单击可多选）后可打印其检查表。</translation>
    </message>
    <message>
        <source>Cannot show the patrols</source>
        <translation>无法显示巡查记录</translation>
    </message>
    <message>
        <source>%1 patrols</source>
        <translation>共 %1 次巡查</translation>
    </message>
    <message>
        <source>No patrol records yet</source>
        <translation>还没有巡查记录</translation>
    </message>
    <message>
        <source>Record a patrol or inspection from the paper sheet: the estates visited, the checklist and what was found.</source>
        <translation>按纸质巡查单补录一次巡查或检查：去过的小区、检查表和发现的问题。</translation>
    </message>
    <message>
        <source>Cannot compute the coverage</source>
        <translation>无法计算检查覆盖</translation>
    </message>
    <message>
        <source>%1 estates · due %2 · done %3 · overdue %4</source>
        <translation>%1 个小区 · 应检 %2 · 已检 %3 · 逾期未检 %4</translation>
    </message>
    <message>
        <source>No estates in this view</source>
        <translation>当前范围内没有小区</translation>
    </message>
    <message>
        <source>Add the station&apos;s estates and their grades in Reference data.</source>
        <translation>请在“基础数据”中添加本工作室的小区及其分级。</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>Export patrols</source>
        <translation>导出巡查记录</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>%1 patrols exported to %2</source>
        <translation>已导出 %1 次巡查到 %2</translation>
    </message>
    <message>
        <source>Print checklists</source>
        <translation>打印检查表</translation>
    </message>
    <message>
        <source>Choose one or more estates in the list first.</source>
        <translation>请先在列表中选中一个或多个小区。</translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Checklists written</source>
        <translation>检查表已生成</translation>
    </message>
    <message>
        <source>%1 pages written to %2</source>
        <translation>已生成 %1 页：%2</translation>
    </message>
</context>
<context>
    <name>PatrolEntryDialog</name>
    <message>
        <source>New patrol record</source>
        <translation>新建巡查记录</translation>
    </message>
    <message>
        <source>Edit patrol record</source>
        <translation>修改巡查记录</translation>
    </message>
    <message>
        <source>Type part of a name, Enter adds</source>
        <translation>输入姓名中的几个字，回车添加</translation>
    </message>
    <message>
        <source>Type part of a department, Enter adds</source>
        <translation>输入部门名称中的几个字，回车添加</translation>
    </message>
    <message>
        <source>Type part of the estate&apos;s name, Enter adds it to the route</source>
        <translation>输入小区名称中的几个字，回车加入巡查路线</translation>
    </message>
    <message>
        <source>Add the estates visited; each gets its checklist here, all 正常 until marked.</source>
        <translation>请先添加巡查的小区；每个小区的检查表显示在这里，未标记的项目均为“正常”。</translation>
    </message>
    <message>
        <source>Optional: the patrol in a few words</source>
        <translation>选填：简要记录巡查情况</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>巡查时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>队员</translation>
    </message>
    <message>
        <source>Joint departments</source>
        <translation>联合部门</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>巡查路线</translation>
    </message>
    <message>
        <source>Patrol notes</source>
        <translation>巡查情况</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Checklist keys: type a code (c05) to jump, Z 正常, F 发现问题 (then place, Tab, note, Enter), B 不适用; Alt+W/J/Y who was met; Ctrl+PgDown next estate; Ctrl+Enter saves.</source>
        <translation>检查表按键：输入编号（c05）跳到该项，Z 正常，F 发现问题（再填地点，Tab，说明，回车），B 不适用；Alt+W/J/Y 勾选见到的人员；Ctrl+PgDown 下一个小区；Ctrl+回车 保存。</translation>
    </message>
</context>
<context>
    <name>PatrolFilterBar</name>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Patrol days</source>
        <translation>巡查日期</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>PatrolListModel</name>
    <message>
        <source>Date and time</source>
        <translation>巡查时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>队员</translation>
    </message>
    <message>
        <source>Estates visited</source>
        <translation>巡查小区</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <source>What they became</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>case</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>referred</source>
        <translation>移交</translation>
    </message>
    <message>
        <source>fixed on the spot</source>
        <translation>当场劝阻整改</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待处理</translation>
    </message>
</context>
<context>
    <name>PatrolWindow</name>
    <message>
        <source>Open a case</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Refer to a department…</source>
        <translation>移交…</translation>
    </message>
    <message>
        <source>Fixed on the spot</source>
        <translation>当场劝阻整改</translation>
    </message>
    <message>
        <source>Open the case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Edit patrol…</source>
        <translation>修改巡查记录…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Patrol record #%1</source>
        <translation>巡查记录 #%1</translation>
    </message>
    <message>
        <source>Officers: %1</source>
        <translation>队员：%1</translation>
    </message>
    <message>
        <source>Joint departments: %1</source>
        <translation>联合部门：%1</translation>
    </message>
    <message>
        <source>met %1</source>
        <translation>见到%1</translation>
    </message>
    <message>
        <source>met nobody</source>
        <translation>未见到物业、居委或业委会</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>巡查情况：%1</translation>
    </message>
    <message>
        <source>Findings (%1): each becomes a case, a referral or is marked fixed on the spot</source>
        <translation>发现问题（%1 项）：每项可立案、移交或记为当场劝阻整改</translation>
    </message>
    <message>
        <source>Refer to a department</source>
        <translation>移交部门</translation>
    </message>
    <message>
        <source>The department that handles it:</source>
        <translation>承办部门：</translation>
    </message>
    <message>
        <source>Add photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos and scans (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>照片和扫描件 (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <source>%1 is kept with the finding; a case opened from it carries it over.</source>
        <translation>%1 已保存到该发现；由它立的案件会带上这张照片。</translation>
    </message>
</context>
<context>
    <name>PickList</name>
    <message>
        <source>No single match for “%1”: type more of the name.</source>
        <translation>“%1”匹配不到唯一的一项，请多输入几个字。</translation>
    </message>
</context>
</TS>
