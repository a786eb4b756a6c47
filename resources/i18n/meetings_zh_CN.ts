<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActionEditModel</name>
    <message>
        <source>Action</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>责任人/部门</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>CaseItemModel</name>
    <message>
        <source>Case number</source>
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
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ComplaintItemModel</name>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理日期</translation>
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
        <translation>诉求摘要</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Edit meeting</source>
        <translation>编辑会商</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新建会商</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Cases and complaints discussed</source>
        <translation>议题（案件与诉件）</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>待办事项</translation>
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
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>参会部门</translation>
    </message>
    <message>
        <source>People present</source>
        <translation>参会人员</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>会议决定</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>e.g. 2025-长征-0037 (type part of it)</source>
        <translation>如 2025-长征-0037（输入部分编号即可）</translation>
    </message>
    <message>
        <source>Add case</source>
        <translation>添加案件</translation>
    </message>
    <message>
        <source>Remove case</source>
        <translation>移除案件</translation>
    </message>
    <message>
        <source>12345 work order</source>
        <translation>12345 工单号</translation>
    </message>
    <message>
        <source>Work-order number; its whole repeat group is added</source>
        <translation>输入工单号，将添加其整组重复诉件</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>添加整组</translation>
    </message>
    <message>
        <source>Repeat group</source>
        <translation>重复诉件组</translation>
    </message>
    <message>
        <source>— recent repeat complaints —</source>
        <translation>— 近期重复诉件 —</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %3 · %n complaints</source>
        <translation>
            <numerusform>%1 · %2 · %3 · 共 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove group</source>
        <translation>移除整组</translation>
    </message>
    <message>
        <source>Double-click a cell to edit it; tick Done when an item is finished.</source>
        <translation>双击单元格进行编辑；事项完成后勾选“已完成”。</translation>
    </message>
    <message>
        <source>Add action</source>
        <translation>添加待办</translation>
    </message>
    <message>
        <source>Remove action</source>
        <translation>删除待办</translation>
    </message>
</context>
<context>
    <name>MeetingTableModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>参会部门</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>诉件数</translation>
    </message>
    <message>
        <source>Open actions</source>
        <translation>未完成待办</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>其中 %n 项已逾期</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Meetings</source>
        <translation>会商</translation>
    </message>
    <message>
        <source>Open action items</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>日期从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Text in title or decisions…</source>
        <translation>搜索主题或会议决定…</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新建会商</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Export minutes PDF</source>
        <translation>导出纪要 PDF</translation>
    </message>
    <message>
        <source>The selected meeting&apos;s minutes as an A4 PDF, without complainants&apos; personal data</source>
        <translation>把所选会商的纪要导出为 A4 PDF（不含诉求人个人信息）</translation>
    </message>
    <message>
        <source>Open meeting</source>
        <translation>打开会商</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>Delete meeting</source>
        <translation>删除会商</translation>
    </message>
    <message>
        <source>Export minutes</source>
        <translation>导出会商纪要</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <source>%n meeting(s)</source>
        <translation>
            <numerusform>共 %n 次会商</numerusform>
        </translation>
    </message>
    <message>
        <source>Open action items (%1)</source>
        <translation>待办事项（%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n open, earliest due first; </source>
        <translation>
            <numerusform>未完成 %n 项，按期限先后排列；</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue (in red).</source>
        <translation>
            <numerusform>已逾期 %n 项（红色显示）。</numerusform>
        </translation>
    </message>
    <message>
        <source>No meetings yet</source>
        <translation>还没有会商记录</translation>
    </message>
    <message>
        <source>Record a joint meeting with the departments, its decisions and action items.</source>
        <translation>记录与各部门的会商、议定事项和待办事项。</translation>
    </message>
    <message>
        <source>Delete the meeting “%1” of %2 with its action items? The cases and complaints it discussed stay.</source>
        <translation>删除 %2 的会商“%1”及其待办事项吗？所议案件和诉件不受影响。</translation>
    </message>
    <message>
        <source>Writing the minutes…</source>
        <translation>正在生成会商纪要…</translation>
    </message>
    <message numerus="yes">
        <source>Minutes saved (%n page(s)): %1</source>
        <translation>
            <numerusform>会商纪要已保存（%n 页）：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OpenActionTableModel</name>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>责任人/部门</translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation>会商日期</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会商</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已逾期）</translation>
    </message>
</context>
</TS>
