<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>Station Ledger</source>
        <translation>社区工作室台账</translation>
    </message>
    <message>
        <source>Station Ledger — demo data</source>
        <translation>社区工作室台账 — 演示数据</translation>
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
        <source>Quit</source>
        <translation>退出</translation>
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
    <message>
        <source>Demo data — not this station&apos;s real ledger</source>
        <translation>演示数据 — 不是本工作室的真实台账</translation>
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
        <source>Patrols &amp; inspections</source>
        <translation>巡查检查</translation>
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
        <source>Supervision</source>
        <translation>督查督办</translation>
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
