<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CalendarDayDialog</name>
    <message>
        <source>Edit calendar day</source>
        <translation>编辑日历</translation>
    </message>
    <message>
        <source>New calendar day</source>
        <translation>新增日历日</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. 国庆节</source>
        <translation>如：国庆节</translation>
    </message>
</context>
<context>
    <name>CalendarPanel</name>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Enter a whole year…</source>
        <translation>录入全年节假日…</translation>
    </message>
    <message>
        <source>Paste or import a year&apos;s holidays and make-up working days; deadlines already computed are recomputed</source>
        <translation>粘贴或导入一年的节假日和调休上班日期；已算出的工作日期限随之重算</translation>
    </message>
</context>
<context>
    <name>CalendarTableModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <source>Edit category</source>
        <translation>编辑执法类别</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>新增执法类别</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>执法类别</translation>
    </message>
    <message>
        <source>Rectification deadline</source>
        <translation>整改期限（天）</translation>
    </message>
    <message>
        <source>working days (holidays skipped)</source>
        <translation>工作日（跳过节假日）</translation>
    </message>
    <message>
        <source>calendar days</source>
        <translation>自然日</translation>
    </message>
    <message>
        <source>Counted in</source>
        <translation>计算方式</translation>
    </message>
    <message>
        <source>Not for enforcement here: referred to another department</source>
        <translation>非城管执法事项，移交其他部门</translation>
    </message>
    <message>
        <source>Active (offered for new cases and complaints)</source>
        <translation>启用（新案件、诉件可选）</translation>
    </message>
    <message>
        <source>Default legal basis</source>
        <translation>默认法律依据</translation>
    </message>
</context>
<context>
    <name>CategoryTableModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>执法类别</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Referral only</source>
        <translation>仅移交</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <source>%1 working days</source>
        <translation>%1 个工作日</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 日</translation>
    </message>
</context>
<context>
    <name>CompanyRecordView</name>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Penalty decided on</source>
        <translation>处罚决定日期</translation>
    </message>
    <message>
        <source>Penalty document no.</source>
        <translation>处罚决定书文号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Referred on</source>
        <translation>移交日期</translation>
    </message>
    <message>
        <source>Reply due</source>
        <translation>回函期限</translation>
    </message>
    <message>
        <source>Replied on</source>
        <translation>回函日期</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（逾期）</translation>
    </message>
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
        <source>People present</source>
        <translation>到场人数</translation>
    </message>
    <message>
        <source>C11 cases</source>
        <translation>C11 案件</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>移交</translation>
    </message>
    <message>
        <source>Trainings attended</source>
        <translation>参加培训</translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>DepartmentDialog</name>
    <message>
        <source>Edit department</source>
        <translation>编辑部门</translation>
    </message>
    <message>
        <source>New department</source>
        <translation>新增部门</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Duty</source>
        <translation>职责</translation>
    </message>
    <message>
        <source>Typical referral</source>
        <translation>常见移交事项</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
</context>
<context>
    <name>DepartmentTableModel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Duty</source>
        <translation>职责</translation>
    </message>
    <message>
        <source>Typical referral</source>
        <translation>常见移交事项</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
</context>
<context>
    <name>EstateDialog</name>
    <message>
        <source>Edit estate</source>
        <translation>编辑小区</translation>
    </message>
    <message>
        <source>New estate</source>
        <translation>新增小区</translation>
    </message>
    <message>
        <source>Basic</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Estate name</source>
        <translation>小区名称</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>所属街镇</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>Residents&apos; committee</source>
        <translation>居委会</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Pilot estate (试点)</source>
        <translation>试点小区</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>分级分类</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>The day the new grade applies from; inspections before it follow the old grade</source>
        <translation>新分级的生效日期；此前的检查仍按原分级计算</translation>
    </message>
    <message>
        <source>Grade applies from</source>
        <translation>分级生效日期</translation>
    </message>
    <message>
        <source>Property company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Resident population (常住人口) by date; the latest figure on or before a date is the one in force then.</source>
        <translation>按日期记录常住人口；某一天适用的是该日或之前最近的一条记录。</translation>
    </message>
    <message>
        <source>Source, e.g. 居委会统计</source>
        <translation>来源，如：居委会统计</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>常住人口</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Double-click a name, phone or note to correct it</source>
        <translation>双击姓名、电话或备注可直接修改</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Other names residents or the 12345 hotline use for this estate.</source>
        <translation>居民或 12345 热线对本小区的其他叫法。</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
</context>
<context>
    <name>EstatePanel</name>
    <message>
        <source>Download template</source>
        <translation>下载模板</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
</context>
<context>
    <name>EstateTableModel</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
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
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>常住人口</translation>
    </message>
    <message>
        <source>Pilot</source>
        <translation>试点</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>分级分类</translation>
    </message>
    <message>
        <source>Property company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人（已隐去）</translation>
    </message>
</context>
<context>
    <name>GradePanel</name>
    <message>
        <source>Inspection plan…</source>
        <translation>检查周期…</translation>
    </message>
    <message>
        <source>How often estates of the selected grade are inspected</source>
        <translation>所选分级的小区多久检查一次</translation>
    </message>
    <message>
        <source>Edit estate grade</source>
        <translation>编辑分级分类</translation>
    </message>
    <message>
        <source>New estate grade</source>
        <translation>新增分级分类</translation>
    </message>
</context>
<context>
    <name>GradePlanDialog</name>
    <message>
        <source>Inspection plan of %1</source>
        <translation>%1 的检查周期</translation>
    </message>
    <message>
        <source>no inspections due</source>
        <translation>不安排检查</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Due dates count working days (the holiday calendar)</source>
        <translation>检查期限按工作日计算（节假日日历）</translation>
    </message>
    <message>
        <source>Inspect every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ImportRowsModel</name>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>ListPanel</name>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
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
        <source>Cannot delete</source>
        <translation>不能删除</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <source>%1 of %2 records</source>
        <translation>%1 / %2 条</translation>
    </message>
    <message>
        <source>Delete “%1”? This cannot be undone.</source>
        <translation>确定删除“%1”吗？删除后无法恢复。</translation>
    </message>
</context>
<context>
    <name>NamedItemDialog</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>(at the end)</source>
        <translation>（排在最后）</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
</context>
<context>
    <name>NamedTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用次数</translation>
    </message>
</context>
<context>
    <name>PopulationTableModel</name>
    <message>
        <source>As of</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>常住人口</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>PropertyCompanyDialog</name>
    <message>
        <source>Edit property company</source>
        <translation>编辑物业企业</translation>
    </message>
    <message>
        <source>New property company</source>
        <translation>新增物业企业</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Project manager</source>
        <translation>项目经理</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Performance record</source>
        <translation>履职记录</translation>
    </message>
</context>
<context>
    <name>PropertyCompanyTableModel</name>
    <message>
        <source>Company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Project manager</source>
        <translation>项目经理</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Estates</source>
        <translation>管理小区数</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReferenceDataPage</name>
    <message>
        <source>Estates</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Streets and towns</source>
        <translation>街镇</translation>
    </message>
    <message>
        <source>Property companies</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Station staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>执法类别</translation>
    </message>
    <message>
        <source>Regulations</source>
        <translation>法规</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Reply templates</source>
        <translation>回复模板</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Estate grades</source>
        <translation>分级分类</translation>
    </message>
    <message>
        <source>Training kinds</source>
        <translation>培训类型</translation>
    </message>
    <message>
        <source>Estates with their street, population history, contacts and aliases. Contact phones are masked here; open an estate to see them.</source>
        <translation>小区及其所属街镇、常住人口、联系人和别名。列表中联系人电话已隐去部分数字，打开小区可查看完整信息。</translation>
    </message>
    <message>
        <source>The short name goes into case numbers (2025-长征-0037).</source>
        <translation>简称用于案件编号（如 2025-长征-0037）。</translation>
    </message>
    <message>
        <source>Companies managing the estates.</source>
        <translation>为各小区提供物业服务的企业。</translation>
    </message>
    <message>
        <source>Officers cases are assigned to. Set someone who left to inactive.</source>
        <translation>案件的承办人员。人员离岗请设为停用，不要删除。</translation>
    </message>
    <message>
        <source>Key enforcement categories: rectification deadline and default legal basis.</source>
        <translation>重点执法事项：整改期限和默认法律依据。</translation>
    </message>
    <message>
        <source>Laws and regulations cited as legal basis, in the plan&apos;s annex order.</source>
        <translation>作为法律依据引用的法律法规，按方案附件顺序排列。</translation>
    </message>
    <message>
        <source>Departments, their duties and what is referred to them.</source>
        <translation>各部门职责及常见移交事项。</translation>
    </message>
    <message>
        <source>Reply texts per category and kind of reply, offered when answering a complaint or a case; the clerk edits the text before saving.</source>
        <translation>按类别和回复类型设置的回复文字，办理诉件或案件时可选用；保存前可修改。</translation>
    </message>
    <message>
        <source>Public holidays and make-up working days: deadlines in working days skip holidays and count make-up days.</source>
        <translation>法定节假日和调休上班日：按工作日计算的期限跳过节假日、计入调休上班日。</translation>
    </message>
    <message>
        <source>Management grades (分级分类) an estate can be given.</source>
        <translation>小区的分级分类管理等级。</translation>
    </message>
    <message>
        <source>Kinds of training and outreach.</source>
        <translation>教育培训和普法宣传的类型。</translation>
    </message>
</context>
<context>
    <name>ReferenceImportDialog</name>
    <message>
        <source>Import reference data from Excel</source>
        <translation>从 Excel 导入基础数据</translation>
    </message>
    <message>
        <source>Import estates (with their property companies and populations) and station staff from the template or from the district&apos;s own estate sheet. Rows with problems are listed and skipped; the rest is imported in one go. Importing the same file again changes nothing.</source>
        <translation>从模板或区里的小区名单导入小区（连同物业企业和常住人口）和工作人员。有问题的行列出原因、不导入，其余各行一次导入。同一文件再导入一次不会有任何变化。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Download template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose the sheet to import</source>
        <translation>选择要导入的表格</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Would import: %1; would update: %2; unchanged: %3 rows; errors: %4 rows.</source>
        <translation>预览（尚未导入）：将新增 %1；将更新 %2；无变化 %3 行；错误 %4 行。</translation>
    </message>
    <message>
        <source>Imported: %1; updated: %2; unchanged: %3 rows; errors: %4 rows.</source>
        <translation>导入完成：新增 %1；更新 %2；无变化 %3 行；错误 %4 行（未导入）。</translation>
    </message>
    <message>
        <source>%1 estates, %2 property companies, %3 staff</source>
        <translation>小区 %1 个、物业企业 %2 家、工作人员 %3 名</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>reference-template.xlsx</source>
        <translation>基础数据导入模板.xlsx</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>模板已保存：%1</translation>
    </message>
</context>
<context>
    <name>RegulationDialog</name>
    <message>
        <source>Edit regulation</source>
        <translation>编辑法规</translation>
    </message>
    <message>
        <source>New regulation</source>
        <translation>新增法规</translation>
    </message>
    <message>
        <source>Annex no.</source>
        <translation>附件序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>法规名称</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Only articles the station has checked</source>
        <translation>仅填写已核实的条款</translation>
    </message>
    <message>
        <source>Cited by every case (the enforcement power itself)</source>
        <translation>所有案件均引用（执法职权依据）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RegulationTableModel</name>
    <message>
        <source>Annex no.</source>
        <translation>附件序号</translation>
    </message>
    <message>
        <source>Regulation</source>
        <translation>法规名称</translation>
    </message>
    <message>
        <source>Applies to every case</source>
        <translation>适用所有案件</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>条款</translation>
    </message>
</context>
<context>
    <name>ReplyTemplateDialog</name>
    <message>
        <source>Edit reply template</source>
        <translation>编辑回复模板</translation>
    </message>
    <message>
        <source>New reply template</source>
        <translation>新增回复模板</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Kind of reply</source>
        <translation>回复类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Fields filled from the record: %1. A complainant&apos;s name or phone is never filled in.</source>
        <translation>按记录自动填写的字段：%1。不会填入投诉人的姓名或电话。</translation>
    </message>
    <message>
        <source>Offer this template when replying</source>
        <translation>答复时提供此模板</translation>
    </message>
</context>
<context>
    <name>ReplyTemplateTableModel</name>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Kind of reply</source>
        <translation>回复类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Edit staff member</source>
        <translation>编辑工作人员</translation>
    </message>
    <message>
        <source>New staff member</source>
        <translation>新增工作人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Badge no.</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>所属街镇</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Active (can be assigned cases)</source>
        <translation>在岗（可承办案件）</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Badge no.</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>所属街镇</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>StreetDialog</name>
    <message>
        <source>Edit street</source>
        <translation>编辑街镇</translation>
    </message>
    <message>
        <source>New street</source>
        <translation>新增街镇</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>街镇名称</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Used in case numbers, e.g. 2025-长征-0037</source>
        <translation>用于案件编号，如 2025-长征-0037</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>StreetTableModel</name>
    <message>
        <source>Name</source>
        <translation>街镇名称</translation>
    </message>
    <message>
        <source>Short name (in case numbers)</source>
        <translation>简称（用于案件编号）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Estates</source>
        <translation>小区数</translation>
    </message>
</context>
<context>
    <name>TrainingKindPanel</name>
    <message>
        <source>Edit training kind</source>
        <translation>编辑培训类型</translation>
    </message>
    <message>
        <source>New training kind</source>
        <translation>新增培训类型</translation>
    </message>
</context>
<context>
    <name>YearEntriesModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>YearEntryDialog</name>
    <message>
        <source>Enter a year&apos;s holidays</source>
        <translation>录入全年节假日</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>One list</source>
        <translation>一份清单</translation>
    </message>
    <message>
        <source>Holidays (放假日期)</source>
        <translation>放假日期</translation>
    </message>
    <message>
        <source>Make-up working days (调休上班日期)</source>
        <translation>调休上班日期</translation>
    </message>
    <message>
        <source>Two lists</source>
        <translation>两份清单</translation>
    </message>
    <message>
        <source>Choose a sheet…</source>
        <translation>选择表格…</translation>
    </message>
    <message>
        <source>An Excel or CSV sheet with the columns 日期, 类型 (放假/上班) and 名称.</source>
        <translation>含 日期、类型（放假/上班）、名称 三列的 Excel 或 CSV 表格。</translation>
    </message>
    <message>
        <source>From a sheet</source>
        <translation>从表格导入</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
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
        <source>Choose a sheet</source>
        <translation>选择表格</translation>
    </message>
    <message>
        <source>Sheets (*.xlsx *.xlsm *.csv)</source>
        <translation>表格 (*.xlsx *.xlsm *.csv)</translation>
    </message>
    <message>
        <source>Choose a sheet first.</source>
        <translation>请先选择表格。</translation>
    </message>
    <message>
        <source>%1: %2 holidays, %3 make-up working days.</source>
        <translation>%1年：节假日 %2 天，调休上班 %3 天。</translation>
    </message>
    <message>
        <source>Saving moves %1 deadlines:</source>
        <translation>保存后将调整 %1 项期限：</translation>
    </message>
</context>
</TS>
