<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ComplaintFilterBar</name>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Called back</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Reply overdue</source>
        <translation>答复逾期</translation>
    </message>
    <message>
        <source>Repeat complaints</source>
        <translation>重复投诉</translation>
    </message>
    <message>
        <source>Callback 不满意</source>
        <translation>回访不满意</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>ComplaintLogPage</name>
    <message>
        <source>New complaint</source>
        <translation>新登记</translation>
    </message>
    <message>
        <source>Import 12345 work orders</source>
        <translation>导入12345工单</translation>
    </message>
    <message>
        <source>Per 10,000 residents</source>
        <translation>投诉万人比</translation>
    </message>
    <message>
        <source>12345 return file</source>
        <translation>12345 回传</translation>
    </message>
    <message>
        <source>Search work order, content, address, complainant</source>
        <translation>搜索工单号、内容、地址、投诉人</translation>
    </message>
    <message>
        <source>%1 complaints in all</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <source>No complaints yet</source>
        <translation>还没有诉件</translation>
    </message>
    <message>
        <source>Import the 12345 work orders from the hotline&apos;s Excel file, or register a complaint.</source>
        <translation>从热线的 Excel 文件导入12345工单，或登记一件诉件。</translation>
    </message>
    <message>
        <source>Register a complaint</source>
        <translation>登记诉件</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>Export complaint log</source>
        <translation>导出诉件台账</translation>
    </message>
    <message>
        <source>%1 complaints exported to %2</source>
        <translation>已导出 %1 件诉件到 %2</translation>
    </message>
</context>
<context>
    <name>ComplaintTableModel</name>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
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
        <source>Content</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Reply due</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
</context>
<context>
    <name>DissatisfiedOffer</name>
    <message>
        <source>Reopen case %1</source>
        <translation>重新打开案件 %1</translation>
    </message>
    <message>
        <source>Open a case</source>
        <translation>立案办理</translation>
    </message>
    <message>
        <source>Send the group to a case clinic</source>
        <translation>提交研讨会诊</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不处理</translation>
    </message>
    <message>
        <source>The resident is not satisfied (%1). This counts as 不满意 in the figures.</source>
        <translation>居民对办理结果不满意（%1），将计入“不满意”统计。</translation>
    </message>
    <message>
        <source>The linked case %1 is %2: reopen it to go on?</source>
        <translation>关联案件 %1 当前为“%2”，是否重新打开继续办理？</translation>
    </message>
    <message>
        <source>No case is linked: open one?</source>
        <translation>该诉件尚未关联案件，是否立案办理？</translation>
    </message>
    <message>
        <source>%1 complaints of this repeat group were not satisfied: a case clinic (研讨会诊) is proposed.</source>
        <translation>该重复投诉组已有 %1 件回访不满意，建议提交研讨会诊。</translation>
    </message>
    <message>
        <source>Resident not satisfied</source>
        <translation>回访不满意</translation>
    </message>
    <message>
        <source>Cannot reopen the case</source>
        <translation>无法重新打开案件</translation>
    </message>
</context>
<context>
    <name>HandlingDialog</name>
    <message>
        <source>Handle complaint</source>
        <translation>诉件办理</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
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
        <source>Content</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>reply overdue</source>
        <translation>答复逾期</translation>
    </message>
    <message>
        <source>Reply due</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>(no callback yet)</source>
        <translation>（尚未回访）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <source>Replied on</source>
        <translation>答复日期</translation>
    </message>
    <message>
        <source>Callback on</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Callback note</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>办理</translation>
    </message>
    <message>
        <source>Case number, e.g. 2025-长征-0037</source>
        <translation>案件编号，如 2025-长征-0037</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Create case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Turn the group into one case</source>
        <translation>整组转为一个案件</translation>
    </message>
    <message>
        <source>Send to case clinic</source>
        <translation>提交研讨会诊</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未填</translation>
    </message>
    <message>
        <source>Linked to %1 (%2)</source>
        <translation>已关联案件 %1（%2）</translation>
    </message>
    <message>
        <source>Not linked to a case</source>
        <translation>未关联案件</translation>
    </message>
    <message>
        <source>Repeat group: %1 complaints</source>
        <translation>重复投诉组：共 %1 件</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Cannot link</source>
        <translation>无法关联</translation>
    </message>
    <message>
        <source>Create a new case clinic</source>
        <translation>新建研讨会诊</translation>
    </message>
    <message>
        <source>Add the group to an open case clinic, or create a new one:</source>
        <translation>将本组投诉加入尚未召开的研讨会诊，或新建一次：</translation>
    </message>
    <message>
        <source>Repeat complaints case clinic: %1 and others, %2 complaints</source>
        <translation>重复投诉研讨会诊：%1 等 %2 件</translation>
    </message>
    <message>
        <source>Cannot send to case clinic</source>
        <translation>无法提交研讨会诊</translation>
    </message>
    <message>
        <source>Sent to case clinic</source>
        <translation>已提交研讨会诊</translation>
    </message>
    <message>
        <source>%1 complaints are on the case clinic &quot;%2&quot; (%3).</source>
        <translation>%1 件投诉已列入研讨会诊「%2」（%3）。</translation>
    </message>
</context>
<context>
    <name>Per10kDialog</name>
    <message>
        <source>Complaints per 10,000 residents</source>
        <translation>投诉万人比</translation>
    </message>
    <message>
        <source>2025, 2025Q1, 2025-03 or 2025-01-01..2025-06-30</source>
        <translation>2025、2025Q1、2025-03 或 2025-01-01..2025-06-30</translation>
    </message>
    <message>
        <source>This station</source>
        <translation>本工作室</translation>
    </message>
    <message>
        <source>District</source>
        <translation>全区</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街镇</translation>
    </message>
    <message>
        <source>Residents&apos; committee</source>
        <translation>居委会</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Name (not needed for the district)</source>
        <translation>名称（全区无需填写）</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Type the name of the street, committee or estate.</source>
        <translation>请填写街镇、居委会或小区的名称。</translation>
    </message>
    <message>
        <source>Highest estates (per 10,000 residents):</source>
        <translation>投诉万人比最高的小区（件/万人）：</translation>
    </message>
    <message>
        <source>per 10,000 residents</source>
        <translation>件/万人</translation>
    </message>
    <message>
        <source>no population data</source>
        <translation>无人口数据</translation>
    </message>
    <message>
        <source>Complaints: %1 (%2 without repeats), residents: %3</source>
        <translation>诉件 %1 件（剔除重复后 %2 件），常住人口 %3 人</translation>
    </message>
    <message>
        <source>Per 10,000 residents: %1; without repeats: %2</source>
        <translation>投诉万人比：%1；剔除重复投诉：%2</translation>
    </message>
    <message>
        <source>Same period last year (%1): %2; without repeats: %3</source>
        <translation>上年同期（%1）：%2；剔除重复投诉：%3</translation>
    </message>
    <message>
        <source>Change: %1</source>
        <translation>同比变化：%1</translation>
    </message>
    <message>
        <source>Not counted, no population data: %1</source>
        <translation>无人口数据、未计入：%1</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> 等 %1 个</translation>
    </message>
</context>
<context>
    <name>QuickEntryDialog</name>
    <message>
        <source>New complaint</source>
        <translation>新登记</translation>
    </message>
    <message>
        <source>Optional: anonymous is allowed</source>
        <translation>可不填（允许匿名）</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>Type part of the estate&apos;s name or alias</source>
        <translation>输入小区名称或别名的一部分</translation>
    </message>
    <message>
        <source>(not classified)</source>
        <translation>（未分类）</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Reply due</source>
        <translation>答复期限</translation>
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
        <source>Enter or Ctrl+Enter saves; Esc cancels.</source>
        <translation>按 Enter 或 Ctrl+Enter 保存，按 Esc 取消。</translation>
    </message>
</context>
<context>
    <name>ReturnFileDialog</name>
    <message>
        <source>12345 return file</source>
        <translation>12345 工单回复回传</translation>
    </message>
    <message>
        <source>2025, 2025Q1, 2025-03 or 2025-01-01..2025-06-30</source>
        <translation>2025、2025Q1、2025-03 或 2025-01-01..2025-06-30</translation>
    </message>
    <message>
        <source>Only work orders not sent yet or changed since</source>
        <translation>只导出未发送和答复有改动（待重发）的工单</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Column header in the file</source>
        <translation>文件中的表头</translation>
    </message>
    <message>
        <source>Rename a header to what the platform expects; the names are remembered. No complainant name, phone or address goes into the file.</source>
        <translation>可把表头改为平台要求的名称，修改会被记住。文件中不含投诉人姓名、电话和地址。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 work orders exported (%2 sent again), marked as sent. 不满意 in the period: %3.
%4</source>
        <translation>已导出 %1 件工单（其中重发 %2 件），均已标记为已发送。期间内回访不满意 %3 件。
%4</translation>
    </message>
</context>
</TS>
