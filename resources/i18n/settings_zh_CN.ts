<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
    <name>BriefSignoffPanel</name>
    <message>
        <source>Brief sign-off and distribution</source>
        <translation>简报签发与报送</translation>
    </message>
    <message>
        <source>Printed at the end of every work brief (GB/T 9704): the signer and reviewer, then the offices it is reported, sent and issued to. An empty line is left out; the brief page can change them for one brief.</source>
        <translation>印在每期工作简报末尾（按 GB/T 9704 版记格式）：签发人、审核人，以及报、送、发的单位。留空的一行不印；在统计简报页可为单期简报修改。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved. Formal briefs print these lines.</source>
        <translation>已保存，正式简报将印出这些内容。</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Other station</source>
        <translation>对方工作室</translation>
    </message>
    <message>
        <source>Changed here</source>
        <translation>本地改动时间</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>Changed there</source>
        <translation>对方改动时间</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Exchange conflicts</source>
        <translation>交换冲突</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留本地版本</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方版本</translation>
    </message>
    <message>
        <source>These records were changed or deleted both here and at another station since the last exchange. Nothing was overwritten or deleted: choose which version to keep.</source>
        <translation>以下记录自上次交换以来在本工作室和对方工作室都有改动（修改或删除）。系统没有覆盖或删除任何一方：请选择保留哪个版本。</translation>
    </message>
    <message>
        <source>No conflicts from exchange packages.</source>
        <translation>没有交换包导入冲突。</translation>
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
    <name>PackagesPanel</name>
    <message>
        <source>Exchange packages</source>
        <translation>交换包</translation>
    </message>
    <message>
        <source>For a station without a connection to the street server: export what changed here since a date to a file, take it over (for example on a USB disk) and import it at the other station. Deletions travel too; a record changed on both sides is never overwritten.</source>
        <translation>供连不上街镇服务器的工作室使用：把某日以来本工作室的改动导出为一个文件，用 U 盘等带到另一个工作室导入。删除也会同步；双方都改过的记录不会被覆盖。</translation>
    </message>
    <message>
        <source>Only changes since</source>
        <translation>只导出此日期以来的改动</translation>
    </message>
    <message>
        <source>Include names and phone numbers (recorded in the audit log)</source>
        <translation>包含姓名和电话（将记入审计日志）</translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation>导出交换包…</translation>
    </message>
    <message>
        <source>Import package…</source>
        <translation>导入交换包…</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Export package</source>
        <translation>导出交换包</translation>
    </message>
    <message>
        <source>Exchange packages (*.zip)</source>
        <translation>交换包 (*.zip)</translation>
    </message>
    <message>
        <source>Import package</source>
        <translation>导入交换包</translation>
    </message>
    <message>
        <source>The package could not be exported. Details are in the log file.</source>
        <translation>交换包导出失败，详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>The package could not be imported. Details are in the log file.</source>
        <translation>交换包导入失败，详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation>已取消导入，未导入任何数据。</translation>
    </message>
    <message>
        <source>Package saved: %1 (%2 records, %3 deletions, %4 attachments).</source>
        <translation>交换包已保存：%1（%2 条记录，%3 条删除，%4 个附件）。</translation>
    </message>
    <message>
        <source>Imported the package of %1: %2 new, %3 updated, %4 deleted; %5 conflicts wait for your decision below.</source>
        <translation>已导入“%1”的交换包：新增 %2 条，更新 %3 条，删除 %4 条；另有 %5 条冲突，请在下方处理。</translation>
    </message>
    <message>
        <source>Imported the package of %1: %2 new, %3 updated, %4 deleted.</source>
        <translation>已导入“%1”的交换包：新增 %2 条，更新 %3 条，删除 %4 条。</translation>
    </message>
    <message>
        <source> The data as it was before is backed up in %1.</source>
        <translation>导入前的数据已备份到：%1。</translation>
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
        <source>Getting started guide</source>
        <translation>开始使用向导</translation>
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
    <name>SupervisionPanel</name>
    <message>
        <source>Supervision and targets</source>
        <translation>督查督办与考核目标</translation>
    </message>
    <message>
        <source>A case with no new record for this many working days in its state is listed as a supervision candidate (slow action). A year&apos;s targets apply to that year&apos;s dashboard tiles and its annual assessment.</source>
        <translation>案件在某一状态下连续这么多个工作日没有新记录，即列为督办线索（慢作为）。某一年度的目标用于该年度的工作台指标和年度考核。</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source>Save days</source>
        <translation>保存天数</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Save targets</source>
        <translation>保存目标</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Saved the targets of %1.</source>
        <translation>已保存 %1 年度的目标。</translation>
    </message>
</context>
</TS>
