<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
</TS>
