<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BackgroundJob</name>
    <message>
        <source>The operation failed unexpectedly. Details are in the log file.</source>
        <translation>操作意外失败，详细信息已写入日志文件。</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Not set (for example a USB disk)</source>
        <translation>未设置（例如 U 盘）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>上次备份</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Second folder</source>
        <translation>第二备份位置</translation>
    </message>
    <message>
        <source>Server mode</source>
        <translation>服务器模式</translation>
    </message>
    <message>
        <source>The data is on the street&apos;s database server: its administrator backs it up (and the shared attachments folder). Station Ledger makes no backups on this computer in server mode.</source>
        <translation>数据在街镇的数据库服务器上，由服务器管理员负责备份（共享附件文件夹也由管理员备份）。服务器模式下，台账不在这台电脑上做备份。</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>尚未备份。</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>Choose a second backup folder</source>
        <translation>选择第二备份位置</translation>
    </message>
    <message>
        <source>Backups will also be copied to this folder.</source>
        <translation>以后的备份也会复制到这个文件夹。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup saved and verified: %1</source>
        <translation>备份已保存并校验通过：%1</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Backups (*.zip)</source>
        <translation>备份文件 (*.zip)</translation>
    </message>
    <message>
        <source>Restore the data from “%1”?

The current data is backed up first and then replaced by the backup. Station Ledger restarts afterwards.</source>
        <translation>要从“%1”恢复数据吗？

当前数据会先备份，然后被该备份替换。恢复后台账程序将重新启动。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Station Ledger will now restart.</source>
        <translation>台账程序将重新启动。</translation>
    </message>
</context>
<context>
    <name>BriefFontPanel</name>
    <message>
        <source>Brief font</source>
        <translation>简报字体</translation>
    </message>
    <message>
        <source>Choose font…</source>
        <translation>选择字体…</translation>
    </message>
    <message>
        <source>Restore default</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Current font</source>
        <translation>当前字体</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Bundled font (default)</source>
        <translation>内置字体（默认）</translation>
    </message>
    <message>
        <source>Choose a TrueType font</source>
        <translation>选择 TrueType 字体</translation>
    </message>
    <message>
        <source>TrueType fonts (*.ttf *.ttc)</source>
        <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
</context>
<context>
    <name>DatabasePanel</name>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Only to test the connection; never saved</source>
        <translation>仅用于测试连接，不会保存</translation>
    </message>
    <message>
        <source>A shared folder every computer of the street can reach</source>
        <translation>街镇各台电脑都能访问的共享文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Use this computer&apos;s database</source>
        <translation>改用本机数据库</translation>
    </message>
    <message>
        <source>A saved server is used from the next start of Station Ledger. Passwords are never saved: each start asks for it unless this computer&apos;s .pgpass file holds it.</source>
        <translation>保存的服务器从下次启动台账时开始使用。密码从不保存：每次启动时询问，除非这台电脑的 .pgpass 文件中保存了它。</translation>
    </message>
    <message>
        <source>In use now</source>
        <translation>当前使用</translation>
    </message>
    <message>
        <source>Attachments folder</source>
        <translation>附件文件夹</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Shared attachments folder</source>
        <translation>共享附件文件夹</translation>
    </message>
    <message>
        <source>Database server: %1</source>
        <translation>数据库服务器：%1</translation>
    </message>
    <message>
        <source>This computer&apos;s database file: %1</source>
        <translation>本机数据库文件：%1</translation>
    </message>
    <message>
        <source>Not set: attachments cannot be added</source>
        <translation>未指定：无法添加附件</translation>
    </message>
    <message>
        <source>Choose the shared attachments folder</source>
        <translation>选择共享附件文件夹</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected to PostgreSQL %1.</source>
        <translation>已连接到 PostgreSQL %1。</translation>
    </message>
    <message>
        <source>The database is empty: Station Ledger sets it up at its first start on it.</source>
        <translation>该数据库是空的：第一次用它启动台账时会自动建表并写入基础数据。</translation>
    </message>
    <message>
        <source>It holds Station Ledger data (database version %1).</source>
        <translation>其中已有台账数据（数据库版本 %1）。</translation>
    </message>
    <message>
        <source>Saved. Station Ledger uses this server from its next start.</source>
        <translation>已保存。下次启动台账时开始使用该服务器。</translation>
    </message>
    <message>
        <source>Saved. Station Ledger uses this computer&apos;s database from its next start.</source>
        <translation>已保存。下次启动台账时改用本机数据库。</translation>
    </message>
    <message>
        <source>The password in the address was not saved.</source>
        <translation>地址中的密码没有保存。</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>Cannot filter</source>
        <translation>无法筛选</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The export failed unexpectedly; no file was written. The details are in the log file.</source>
        <translation>导出时出现意外错误，没有写入文件。详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>Exporting to %1 …</source>
        <translation>正在导出到 %1 …</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Station Ledger</source>
        <translation>社区工作室台账</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>账号管理…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Station: %1</source>
        <translation>工作室：%1</translation>
    </message>
    <message>
        <source>Database server: %1</source>
        <translation>数据库服务器：%1</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据目录：%1</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
    <message>
        <source>Records shown</source>
        <translation>显示范围</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Case book</source>
        <translation>案件台账</translation>
    </message>
    <message>
        <source>Complaint log</source>
        <translation>诉件台账</translation>
    </message>
    <message>
        <source>Training &amp; outreach</source>
        <translation>培训宣传</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会商</translation>
    </message>
    <message>
        <source>Statistics &amp; briefs</source>
        <translation>统计简报</translation>
    </message>
    <message>
        <source>Reference data</source>
        <translation>基础数据</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Unknown page “%1”. Valid pages: %2</source>
        <translation>没有名为“%1”的页面。可用的页面：%2</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>The plan&apos;s goals at a glance: complaints per 10,000 residents against the same period last year, with and without repeat complaints</source>
        <translation>工作目标一览：投诉万人比与去年同期对比，分含重复投诉和不含重复投诉两种口径</translation>
    </message>
    <message>
        <source>Cases by category and month, closure rate and on-time rate</source>
        <translation>按类别、按月份的案件数，结案率和按时办结率</translation>
    </message>
    <message>
        <source>Overdue and untouched items that need action today</source>
        <translation>今天需要处理的超期和未处理事项</translation>
    </message>
    <message>
        <source>Follow-up visits due after closing</source>
        <translation>结案后到期的回头看</translation>
    </message>
    <message>
        <source>The case book: register, verify, file, order rectification, re-inspect and close, as one closed loop</source>
        <translation>案件台账：登记、核查、立案、责令整改、复查、结案，形成闭环</translation>
    </message>
    <message>
        <source>Rectification deadlines counted in working days, with holidays and make-up days from the calendar</source>
        <translation>整改期限按工作日计算，节假日和调休取自日历</translation>
    </message>
    <message>
        <source>A timeline of every step with who and when, photos and documents</source>
        <translation>每一步的办理人和时间记入时间线，附照片和文书</translation>
    </message>
    <message>
        <source>Referral to departments and follow-up visits after closing</source>
        <translation>移交相关部门，结案后回头看</translation>
    </message>
    <message>
        <source>The complaint log: every complaint with estate, category and outcome</source>
        <translation>诉件台账：每件投诉的小区、类别和办理结果</translation>
    </message>
    <message>
        <source>Import of 12345 hotline work orders from Excel</source>
        <translation>从 Excel 导入 12345 热线工单</translation>
    </message>
    <message>
        <source>Repeat complaints recognised and linked</source>
        <translation>识别并关联重复投诉</translation>
    </message>
    <message>
        <source>Complaints per 10,000 residents by estate, street and district</source>
        <translation>按小区、街镇和全区统计投诉万人比</translation>
    </message>
    <message>
        <source>Training and outreach records: date, place, topic, speaker</source>
        <translation>培训宣传记录：日期、地点、主题、主讲人</translation>
    </message>
    <message>
        <source>Sign-in sheets and attendees, printable</source>
        <translation>签到表和参加人员，可打印</translation>
    </message>
    <message>
        <source>Materials, photos and head counts per estate</source>
        <translation>各小区的宣传材料、照片和参加人数</translation>
    </message>
    <message>
        <source>Consultations, regular meetings and case clinics</source>
        <translation>会商、例会和疑难案件研讨会诊</translation>
    </message>
    <message>
        <source>Departments present, cases and complaints discussed, decisions</source>
        <translation>参会部门、讨论的案件和诉件、会议决定</translation>
    </message>
    <message>
        <source>Follow-up actions with owner and deadline</source>
        <translation>待办事项，明确责任人和完成期限</translation>
    </message>
    <message>
        <source>Monthly and quarterly work briefs as PDF, ready to print</source>
        <translation>月度、季度工作简报，生成 PDF 可直接打印</translation>
    </message>
    <message>
        <source>Case briefs for supervisors</source>
        <translation>供上级查阅的案件简报</translation>
    </message>
    <message>
        <source>Statistics by street, estate, category and month, with the assessment figures of the plan</source>
        <translation>按街镇、小区、类别和月份统计，含工作方案的考核指标</translation>
    </message>
    <message>
        <source>Streets, estates, property companies and station staff</source>
        <translation>街镇、住宅小区、物业服务企业和工作室人员</translation>
    </message>
    <message>
        <source>Categories, regulations, departments and the holiday calendar</source>
        <translation>执法事项类别、法律法规、部门和节假日日历</translation>
    </message>
    <message>
        <source>This page is being built. It will offer:</source>
        <translation>本页面正在建设中，建成后将提供：</translation>
    </message>
    <message>
        <source>Reference data and settings can already be used now.</source>
        <translation>“基础数据”和“设置”现在已可使用。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Station</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>e.g. Changshou Road community work station</source>
        <translation>例如：长寿路街道城管社区工作室</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工作室名称</translation>
    </message>
    <message>
        <source>On the shared server each station is known by its name, and its area is kept under that name: give every computer of this station the same name.</source>
        <translation>在共用的服务器上，各工作室以名称区分，本工作室范围也按名称保存：同一工作室的几台电脑请填写相同的名称。</translation>
    </message>
    <message>
        <source>Follow-up visit after closing</source>
        <translation>结案后回访天数</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Data and version</source>
        <translation>数据与版本</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>Program version</source>
        <translation>程序版本</translation>
    </message>
    <message>
        <source>Database version</source>
        <translation>数据库版本</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>not initialised</source>
        <translation>尚未初始化</translation>
    </message>
    <message>
        <source>%1 (latest: %2)</source>
        <translation>%1（最新：%2）</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>StationAreaPanel</name>
    <message>
        <source>Station area</source>
        <translation>本工作室范围</translation>
    </message>
    <message>
        <source>On a shared street server each station edits only its own estates. Not set: every estate in the database is the station&apos;s own (a station working alone on its desk).</source>
        <translation>在街镇共用的服务器上，各工作室只修改本工作室的小区。不设置时，数据库中的全部小区都属于本工作室（单机使用的默认情况）。</translation>
    </message>
    <message>
        <source>Save area</source>
        <translation>保存范围</translation>
    </message>
    <message>
        <source>Current area</source>
        <translation>当前范围</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街镇</translation>
    </message>
    <message>
        <source>Estates</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Not set (every estate)</source>
        <translation>未设置（全部小区）</translation>
    </message>
    <message>
        <source>Not set: every estate</source>
        <translation>未设置：全部小区</translation>
    </message>
    <message>
        <source>%1, every estate of the street</source>
        <translation>%1，该街镇的全部小区</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n chosen estate(s)</source>
        <translation>
            <numerusform>%1，已选 %n 个小区</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a street to pick estates.</source>
        <translation>请先选择街镇，再勾选小区。</translation>
    </message>
    <message>
        <source>None ticked: every estate of the street belongs to the station.</source>
        <translation>一个都不勾选：该街镇的全部小区都属于本工作室。</translation>
    </message>
    <message>
        <source>Saved. The own-station view now shows these estates.</source>
        <translation>已保存。本工作室视图现在显示这些小区。</translation>
    </message>
</context>
<context>
    <name>ViewSwitcher</name>
    <message>
        <source>Records shown</source>
        <translation>显示范围</translation>
    </message>
    <message>
        <source>Own station</source>
        <translation>本工作室</translation>
    </message>
    <message>
        <source>Whole street (read-only)</source>
        <translation>全街镇（只读）</translation>
    </message>
    <message>
        <source>District (read-only)</source>
        <translation>全区（只读）</translation>
    </message>
    <message>
        <source>The street and district views show other stations&apos; records and cannot change anything; switch back to the own station to edit.</source>
        <translation>全街镇和全区视图显示其他工作室的记录，不能修改；如需修改，请切换回本工作室。</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Editing is switched off in this view.</source>
        <translation>此视图下不能修改。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Daily backup saved and verified.</source>
        <translation>今日自动备份已完成并校验通过。</translation>
    </message>
    <message>
        <source>The database server %1 asks for the password of user “%2”.
The password is not saved. To avoid typing it at each start, keep it in a .pgpass file.</source>
        <translation>数据库服务器 %1 要求输入用户“%2”的密码。
密码不会保存。如不想每次启动都输入，可把它保存在 .pgpass 文件中。</translation>
    </message>
    <message>
        <source>The password was not accepted. Please try again.</source>
        <translation>密码不正确，请重新输入。</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>数据库密码</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Database damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>The database file is damaged and was not opened, so that no more data is lost.

Restore the newest good backup “%1”?
The damaged file is kept beside it, never deleted.</source>
        <translation>数据库文件已损坏，为防止数据进一步丢失，程序没有打开它。

要从最新的完好备份“%1”恢复吗？
损坏的文件会保留在原文件夹中，不会删除。</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
</context>
</TS>
