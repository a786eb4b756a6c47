<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AttachmentModel</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Size (KB)</source>
        <translation>大小（KB）</translation>
    </message>
</context>
<context>
    <name>AttendeeGrid</name>
    <message>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Remove rows</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <source>Paste from Excel</source>
        <translation>从 Excel 粘贴</translation>
    </message>
    <message>
        <source>Import .xlsx…</source>
        <translation>导入 Excel…</translation>
    </message>
    <message>
        <source>All present</source>
        <translation>全部到场</translation>
    </message>
    <message>
        <source>Copy rows in Excel (姓名, 单位, 职务, 电话; a header row is optional) and press Ctrl+V here. Tick “Present” after the session; the head count follows.</source>
        <translation>在 Excel 中复制若干行（姓名、单位、职务、电话；表头行可有可无），在这里按 Ctrl+V 粘贴。培训结束后勾选“到场”，实到人数随之更新。</translation>
    </message>
    <message>
        <source>Import attendees</source>
        <translation>导入人员</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>%1 people can be added.</source>
        <translation>可以导入 %1 人。</translation>
    </message>
    <message>
        <source>%1 rows have errors and will be skipped:</source>
        <translation>以下 %1 行有错误，不会导入：</translation>
    </message>
    <message>
        <source> …and %1 more</source>
        <translation> ……另有 %1 行</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>未添加：%1</translation>
    </message>
    <message>
        <source>Invited %1 · present %2</source>
        <translation>邀请 %1 人 · 到场 %2 人</translation>
    </message>
</context>
<context>
    <name>AttendeeGridModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Property company</source>
        <translation>物业公司</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>到场</translation>
    </message>
</context>
<context>
    <name>CompanyAttendanceModel</name>
    <message>
        <source>Property company</source>
        <translation>物业公司</translation>
    </message>
    <message>
        <source>Trainings attended</source>
        <translation>参加次数</translation>
    </message>
    <message>
        <source>Staff present</source>
        <translation>到场人数</translation>
    </message>
    <message>
        <source>Last attended</source>
        <translation>最近参加</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未参加</translation>
    </message>
</context>
<context>
    <name>CompanyTrainingsModel</name>
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
        <translation>标题</translation>
    </message>
    <message>
        <source>Staff present</source>
        <translation>到场人数</translation>
    </message>
</context>
<context>
    <name>ExampleCaseModel</name>
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
        <source>Facts</source>
        <translation>案情</translation>
    </message>
</context>
<context>
    <name>FilesTab</name>
    <message>
        <source>Add material…</source>
        <translation>添加材料…</translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Save the training first, then add materials (PDF) and photos (JPG, PNG).</source>
        <translation>请先保存培训记录，再添加材料（PDF）和照片（JPG、PNG）。</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Files (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>文件 (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Add file</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Remove “%1”?</source>
        <translation>移除“%1”？</translation>
    </message>
</context>
<context>
    <name>QuarterModel</name>
    <message>
        <source>%1 sessions / %2 people</source>
        <translation>%1 场 / %2 人</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>Edit training</source>
        <translation>编辑培训宣传</translation>
    </message>
    <message>
        <source>New training</source>
        <translation>新建培训宣传</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <source>Materials and photos</source>
        <translation>材料和照片</translation>
    </message>
    <message>
        <source>Example cases</source>
        <translation>示例案件</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Print sign-in sheet…</source>
        <translation>打印签到表…</translation>
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
        <source>Blank rows:</source>
        <translation>空白行：</translation>
    </message>
    <message>
        <source>Ends at</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>e.g. 城管社区工作室</source>
        <translation>例如：城管社区工作室</translation>
    </message>
    <message>
        <source>Follows the attendance marks once anyone is ticked present.</source>
        <translation>有人勾选“到场”后，按勾选人数自动计算。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Starts at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>实到人数</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划人数</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Filter estates</source>
        <translation>筛选小区</translation>
    </message>
    <message>
        <source>Joint departments</source>
        <translation>联合部门</translation>
    </message>
    <message>
        <source>Estates concerned</source>
        <translation>涉及小区</translation>
    </message>
    <message>
        <source>Case number, e.g. 2025-长征-0037</source>
        <translation>案件编号，例如 2025-长征-0037</translation>
    </message>
    <message>
        <source>Link case</source>
        <translation>关联案件</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>Save sign-in sheet</source>
        <translation>保存签到表</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print sign-in sheet</source>
        <translation>打印签到表</translation>
    </message>
    <message>
        <source>Cases are shown without personal data: number, category, estate and facts.</source>
        <translation>示例案件只显示编号、类别、小区和案情，不显示当事人信息。</translation>
    </message>
    <message>
        <source>Only 以案释法 and 案例警示 sessions link example cases.</source>
        <translation>只有“以案释法”“案例警示”可以关联示例案件。</translation>
    </message>
    <message>
        <source>Discard unsaved changes?</source>
        <translation>放弃未保存的修改？</translation>
    </message>
</context>
<context>
    <name>TrainingListModel</name>
    <message>
        <source>Date and time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Joint departments</source>
        <translation>联合部门</translation>
    </message>
    <message>
        <source>Estates</source>
        <translation>涉及小区</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>实到</translation>
    </message>
</context>
<context>
    <name>TrainingsPage</name>
    <message>
        <source>Sessions</source>
        <translation>培训宣传列表</translation>
    </message>
    <message>
        <source>Property companies</source>
        <translation>物业企业参训</translation>
    </message>
    <message>
        <source>By quarter</source>
        <translation>按季度统计</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Search title, venue, organiser, attendee</source>
        <translation>搜索标题、地点、主办单位、参加人员</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>New training…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Print sign-in sheet…</source>
        <translation>打印签到表…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Only companies with no attendance in the last 12 months</source>
        <translation>只看近 12 个月无人参训的物业企业</translation>
    </message>
    <message>
        <source>Sessions held (planned ones still ahead are not counted) and people present, per quarter and kind.</source>
        <translation>各季度按类型统计已举办的场次和到场人数（尚未举办的不计）。</translation>
    </message>
    <message>
        <source>%1 sessions</source>
        <translation>共 %1 场</translation>
    </message>
    <message>
        <source>No training or outreach sessions yet</source>
        <translation>还没有培训宣传记录</translation>
    </message>
    <message>
        <source>Record a session with its attendees; property companies&apos; attendance is counted from them.</source>
        <translation>记录一次培训宣传及参加人员；物业服务企业的参加情况由此统计。</translation>
    </message>
    <message>
        <source>Record a training session…</source>
        <translation>登记培训宣传…</translation>
    </message>
    <message>
        <source>Counted since %1: %2 companies</source>
        <translation>自 %1 起无人参训：%2 家</translation>
    </message>
    <message>
        <source>%1 companies</source>
        <translation>共 %1 家</translation>
    </message>
    <message>
        <source>Delete this training with its attendee list and files?</source>
        <translation>删除这条培训宣传记录及其人员名单和附件？</translation>
    </message>
    <message>
        <source>Save sign-in sheet</source>
        <translation>保存签到表</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print sign-in sheet</source>
        <translation>打印签到表</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 sessions exported.</source>
        <translation>已导出 %1 场。</translation>
    </message>
</context>
</TS>
