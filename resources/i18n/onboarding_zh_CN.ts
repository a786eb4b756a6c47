<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AreaStep</name>
    <message>
        <source>Station area</source>
        <translation>本工作室范围</translation>
    </message>
    <message>
        <source>Choose the street the station works in. With no estates entered yet, leave them unticked: every estate of the street is then the station&apos;s.</source>
        <translation>选择本工作室所在的街镇。还没有录入小区时不必勾选：该街镇的全部小区都属于本工作室。</translation>
    </message>
</context>
<context>
    <name>DoneStep</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Station: %1
Estates: %2
Staff: %3

Everything can be changed later in Settings and Reference data; this guide stays in Settings (Getting started guide). Next: register the first case in the Case book, or import the 12345 work orders in the Complaint log.</source>
        <translation>工作室：%1
小区：%2 个
工作人员：%3 名

以上内容以后都可以在“设置”和“基础数据”中修改；本向导可随时从“设置”（开始使用向导）再次打开。下一步：在案件台账中登记第一件案件，或在诉件台账中导入12345工单。</translation>
    </message>
</context>
<context>
    <name>EstatesSoFarModel</name>
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
        <source>Population</source>
        <translation>常住人口</translation>
    </message>
    <message>
        <source>Property company</source>
        <translation>物业服务企业</translation>
    </message>
    <message>
        <source>Pilot</source>
        <translation>试点</translation>
    </message>
</context>
<context>
    <name>EstatesStep</name>
    <message>
        <source>Estates</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Each estate with its population, residents&apos; committee, property company and pilot flag: complaints per 10,000 residents and the pilot figures count from them.</source>
        <translation>每个小区的常住人口、居委会、物业服务企业和是否试点：投诉万人比和试点对比都由此计算。</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Add an estate…</source>
        <translation>逐个添加小区…</translation>
    </message>
    <message>
        <source>Open Reference data</source>
        <translation>打开基础数据</translation>
    </message>
    <message numerus="yes">
        <source>%n estate(s)</source>
        <translation>
            <numerusform>共 %n 个小区</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NameStep</name>
    <message>
        <source>Station name</source>
        <translation>工作室名称</translation>
    </message>
    <message>
        <source>The name shows in the status bar, on briefs and on printed sheets.</source>
        <translation>名称显示在状态栏、简报和打印的表格上。</translation>
    </message>
    <message>
        <source>e.g. Changshou Road community work station</source>
        <translation>例如：长寿路城管社区工作室</translation>
    </message>
</context>
<context>
    <name>SetupGuide</name>
    <message>
        <source>Getting started</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>Skip this step</source>
        <translation>跳过此步</translation>
    </message>
    <message>
        <source>Save and continue</source>
        <translation>保存并继续</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
</context>
<context>
    <name>SetupPrompt</name>
    <message>
        <source>Getting started</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>No cases yet: the figures fill in as cases and complaints are registered</source>
        <translation>还没有案件：登记案件和诉件后，这里的数字和图表会随之显示</translation>
    </message>
    <message>
        <source>Open the Case book</source>
        <translation>打开案件台账</translation>
    </message>
    <message>
        <source>This station has no data yet</source>
        <translation>本工作室还没有数据</translation>
    </message>
    <message>
        <source>Getting started walks through the station&apos;s name, area, estates and staff.</source>
        <translation>“开始使用”向导将依次设置工作室名称、范围、小区和工作人员。</translation>
    </message>
    <message>
        <source>Open Reference data</source>
        <translation>打开基础数据</translation>
    </message>
</context>
<context>
    <name>StaffSoFarModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在岗</translation>
    </message>
</context>
<context>
    <name>StaffStep</name>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>The officers cases are assigned to. Phone numbers and badge numbers can be added later in Reference data.</source>
        <translation>承办案件的执法人员。电话和执法证号以后可在基础数据中补充。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>已添加 %1。</translation>
    </message>
</context>
</TS>
