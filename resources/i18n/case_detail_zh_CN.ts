<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CaseForm</name>
    <message>
        <source>Type part of the estate name</source>
        <translation>输入小区名称的一部分</translation>
    </message>
    <message>
        <source>Building / unit / room</source>
        <translation>楼号 / 单元 / 室号</translation>
    </message>
    <message>
        <source>(not assigned)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Property company</source>
        <translation>物业服务企业</translation>
    </message>
    <message>
        <source>What was found: who, where, what, since when</source>
        <translation>发现了什么：谁、在哪里、做了什么、从何时起</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>设定</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>已作出处罚</translation>
    </message>
    <message>
        <source>What and where</source>
        <translation>案件情况</translation>
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
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>案件事实</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Legal basis and deadline</source>
        <translation>法律依据与整改期限</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处置情况</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>处置措施</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>行政处罚</translation>
    </message>
    <message>
        <source>Decision no.</source>
        <translation>处罚决定书号</translation>
    </message>
    <message>
        <source>Fine (yuan)</source>
        <translation>罚款（元）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>calendar days</source>
        <translation>自然日</translation>
    </message>
    <message>
        <source>Proposed: %1 %2 from the found date</source>
        <translation>建议：自发现日期起 %1 个%2</translation>
    </message>
    <message>
        <source>This category is referred to another department: no deadline.</source>
        <translation>该类别移交其他部门处理，无整改期限。</translation>
    </message>
</context>
<context>
    <name>CaseWindow</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>签收</translation>
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
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件信息</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>移交</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>关联诉件</translation>
    </message>
    <message>
        <source>Reply templates</source>
        <translation>回复模板</translation>
    </message>
    <message>
        <source>Typical case</source>
        <translation>典型案例</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>督办单</translation>
    </message>
    <message>
        <source>Open the patrol record</source>
        <translation>查看巡查记录</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cannot open the case</source>
        <translation>无法打开案件</translation>
    </message>
    <message>
        <source>Evidence (%1)</source>
        <translation>证据（%1）</translation>
    </message>
    <message numerus="yes">
        <source>, %n overdue</source>
        <translation>
            <numerusform>，%n 件逾期</numerusform>
        </translation>
    </message>
    <message>
        <source>Referrals (%1%2)</source>
        <translation>移交（%1%2）</translation>
    </message>
    <message>
        <source>Complaints (%1)</source>
        <translation>关联诉件（%1）</translation>
    </message>
    <message>
        <source>Supervision (%1 open)</source>
        <translation>督办单（%1 件未办结）</translation>
    </message>
    <message>
        <source>deadline %1 (%2 days left)</source>
        <translation>整改期限 %1（剩 %2 天）</translation>
    </message>
    <message>
        <source>deadline %1 (%2 days overdue)</source>
        <translation>整改期限 %1（已逾期 %2 天）</translation>
    </message>
    <message>
        <source>follow-up due %1</source>
        <translation>回头看期限 %1</translation>
    </message>
    <message>
        <source>recurrence of %1</source>
        <translation>系 %1 的反弹案件</translation>
    </message>
    <message>
        <source>found on the %1 of %2 (patrol record #%3)</source>
        <translation>来自 %2 的%1（巡查记录 #%3）</translation>
    </message>
    <message>
        <source>on hold: %1; review on %2</source>
        <translation>挂账：%1；复核日期 %2</translation>
    </message>
    <message>
        <source>on hold: %1; review date %2 passed %3 months ago</source>
        <translation>挂账：%1；复核日期 %2，已过期 %3 个月</translation>
    </message>
    <message>
        <source>on hold: %1; review date %2 passed %3 days ago</source>
        <translation>挂账：%1；复核日期 %2，已过期 %3 天</translation>
    </message>
    <message>
        <source>Next step:</source>
        <translation>下一步：</translation>
    </message>
    <message>
        <source>Record follow-up visit…</source>
        <translation>记录回头看…</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved elsewhere meanwhile</source>
        <translation>案件已在别处保存</translation>
    </message>
    <message>
        <source>Reload the case now? Your unsaved edits in this window will be lost.</source>
        <translation>现在重新载入该案件吗？本窗口中未保存的修改将丢失。</translation>
    </message>
    <message>
        <source>Cannot change the status</source>
        <translation>无法变更状态</translation>
    </message>
    <message>
        <source>Cannot record the visit</source>
        <translation>无法记录回头看</translation>
    </message>
    <message>
        <source>New case opened</source>
        <translation>已新立案件</translation>
    </message>
    <message>
        <source>The violation is back: case %1 was opened and linked.</source>
        <translation>违法行为反弹：已新立案件 %1 并与原案件关联。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>This case has unsaved changes. Save them before closing?</source>
        <translation>该案件有未保存的修改。关闭前保存吗？</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Tag before</source>
        <translation>标为整改前</translation>
    </message>
    <message>
        <source>Tag after</source>
        <translation>标为整改后</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Drop JPG, PNG or PDF files here (up to 50 MB each). Originals are not changed.</source>
        <translation>可将 JPG、PNG 照片或 PDF 文件拖到这里（每个不超过 50 MB）。原文件不会被改动。</translation>
    </message>
    <message>
        <source>Tag new files as</source>
        <translation>新文件标为</translation>
    </message>
    <message>
        <source>Changed or missing!</source>
        <translation>文件已改动或丢失！</translation>
    </message>
    <message>
        <source>Add evidence</source>
        <translation>添加证据</translation>
    </message>
    <message>
        <source>Photos and PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>照片和 PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <source>Some files were not added</source>
        <translation>部分文件未能添加</translation>
    </message>
    <message>
        <source>Cannot change the tag</source>
        <translation>无法更改标记</translation>
    </message>
    <message>
        <source>File changed or missing</source>
        <translation>文件已改动或丢失</translation>
    </message>
    <message>
        <source>Remove files</source>
        <translation>删除文件</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n file(s) from this case?</source>
        <translation>
            <numerusform>从本案件中删除 %n 个文件吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot remove</source>
        <translation>无法删除</translation>
    </message>
</context>
<context>
    <name>FollowupAsk</name>
    <message>
        <source>Follow-up visit</source>
        <translation>回头看</translation>
    </message>
    <message>
        <source>If the violation is back, a new case linked to this one is opened.</source>
        <translation>如发现违法行为反弹，将新立一件与本案关联的案件。</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>What was seen</source>
        <translation>回访所见</translation>
    </message>
    <message>
        <source>The violation was found again</source>
        <translation>发现违法行为再次出现</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>The case number is given when the case is saved.</source>
        <translation>案件编号在保存时生成。</translation>
    </message>
    <message>
        <source>Register case</source>
        <translation>登记案件</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>There are no estates yet</source>
        <translation>还没有小区</translation>
    </message>
    <message>
        <source>A case is registered in an estate. Enter the station&apos;s estates in Reference data first.</source>
        <translation>案件须登记到小区。请先在基础数据中录入本工作室的小区。</translation>
    </message>
    <message>
        <source>Open Reference data</source>
        <translation>打开基础数据</translation>
    </message>
    <message>
        <source>Prefilled from the complaint, which will be linked to this case. The case number is given when the case is saved.</source>
        <translation>已根据诉件预填，保存后该诉件将关联到本案件。案件编号在保存时生成。</translation>
    </message>
    <message>
        <source>Cannot register the case</source>
        <translation>无法登记案件</translation>
    </message>
    <message>
        <source>Discard new case</source>
        <translation>放弃新案件</translation>
    </message>
    <message>
        <source>The new case has not been registered. Discard what you entered?</source>
        <translation>新案件尚未登记。放弃已填写的内容吗？</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Cannot create the case</source>
        <translation>无法新建案件</translation>
    </message>
</context>
<context>
    <name>ReceiptAsk</name>
    <message>
        <source>Record receipt</source>
        <translation>登记签收</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>签收日期</translation>
    </message>
</context>
<context>
    <name>ReferralAsk</name>
    <message>
        <source>Refer to a department</source>
        <translation>移交部门</translation>
    </message>
    <message>
        <source>The case stays with the station; the department is asked to assist or act.</source>
        <translation>案件仍由工作室办理，请该部门协助或处理。</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Matter referred</source>
        <translation>移交事项</translation>
    </message>
    <message>
        <source>Referred on</source>
        <translation>移交日期</translation>
    </message>
    <message>
        <source>Letter no.</source>
        <translation>移交函号</translation>
    </message>
    <message>
        <source>Reply due</source>
        <translation>回复期限</translation>
    </message>
</context>
<context>
    <name>ReferralsPanel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>移交日期</translation>
    </message>
    <message>
        <source>Letter no.</source>
        <translation>移交函号</translation>
    </message>
    <message>
        <source>Reply due</source>
        <translation>回复期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <source>Refer for credit demerit…</source>
        <translation>移交失信记分…</translation>
    </message>
    <message>
        <source>Refer…</source>
        <translation>移交部门…</translation>
    </message>
    <message>
        <source>Record receipt…</source>
        <translation>登记签收…</translation>
    </message>
    <message>
        <source>Record reply…</source>
        <translation>登记回函…</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <source>A penalty was decided on this C11 case: refer the property company to %1 for a credit demerit.</source>
        <translation>本物业未履职案件已作出处罚决定：建议移交%1，对物业服务企业予以失信记分。</translation>
    </message>
    <message>
        <source>Cannot save the referral</source>
        <translation>无法保存移交记录</translation>
    </message>
</context>
<context>
    <name>ReplyAsk</name>
    <message>
        <source>Record reply</source>
        <translation>登记回函</translation>
    </message>
    <message>
        <source>Replied on</source>
        <translation>回函日期</translation>
    </message>
    <message>
        <source>Reply letter no.</source>
        <translation>回函号</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复内容</translation>
    </message>
</context>
<context>
    <name>ReplyTemplatesTab</name>
    <message>
        <source>Templates of this case&apos;s category, filled from the case. Edit the text, then copy it into the reply.</source>
        <translation>本案类别的回复模板，已按案件信息填好。修改文字后复制到答复中。</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>复制文字</translation>
    </message>
</context>
<context>
    <name>TransitionAsk</name>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Review on</source>
        <translation>复核日期</translation>
    </message>
    <message>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Matter referred</source>
        <translation>移交事项</translation>
    </message>
    <message>
        <source>Letter no.</source>
        <translation>移交函号</translation>
    </message>
    <message>
        <source>Reply due</source>
        <translation>回复期限</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>TypicalCasePanel</name>
    <message>
        <source>Mark as typical case</source>
        <translation>标记为典型案例</translation>
    </message>
    <message>
        <source>Save write-up</source>
        <translation>保存案例文稿</translation>
    </message>
    <message>
        <source>案例警示 PDF…</source>
        <translation>案例警示 PDF…</translation>
    </message>
    <message>
        <source>Copy text for 公众号</source>
        <translation>复制公众号文字</translation>
    </message>
    <message>
        <source>No longer typical</source>
        <translation>取消典型案例</translation>
    </message>
    <message>
        <source>Not a typical case. A closed case can be marked typical for 以案释法: a write-up without names, room numbers or phones is drafted for you to edit.</source>
        <translation>尚未标记为典型案例。已结案的案件可标记为典型案例用于以案释法：系统会起草不含姓名、房号和电话的案例文稿，供您修改。</translation>
    </message>
    <message>
        <source>Only a closed case can be marked typical.</source>
        <translation>只有已结案的案件可以标记为典型案例。</translation>
    </message>
    <message>
        <source>Typical case since %1 (%2); used by %3 trainings. Edit the write-up before printing.</source>
        <translation>自 %1 起为典型案例（%2 标记），已用于 %3 场培训宣传。打印前请审阅修改案例文稿。</translation>
    </message>
    <message>
        <source>Remove the typical-case mark and its write-up?</source>
        <translation>取消典型案例标记并删除其案例文稿？</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
</TS>
