<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>StatsPage</name>
    <message>
        <source>Work brief</source>
        <translation>工作简报</translation>
    </message>
    <message>
        <source>Case brief</source>
        <translation>案件简报</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Generate official brief</source>
        <translation>生成正式简报</translation>
    </message>
    <message>
        <source>Takes the next issue number (第 N 期) of this year</source>
        <translation>编入本年度下一期期号（第 N 期）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>No brief yet</source>
        <translation>尚未生成简报</translation>
    </message>
    <message>
        <source>Choose a period and a scope on the left (or a case number for a case brief), then click Preview.
The brief appears here; you can then print it or save it as a PDF file.</source>
        <translation>请在左侧选择期间和范围（案件简报则输入案件编号），然后点击“预览”。
简报将显示在这里，之后可以打印或另存为 PDF 文件。</translation>
    </message>
    <message>
        <source>Period and scope</source>
        <translation>期间和范围</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
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
        <source>This station</source>
        <translation>本工作室</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Show the party&apos;s full name and phone</source>
        <translation>显示当事人完整姓名和电话</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Official brief</source>
        <translation>正式简报</translation>
    </message>
    <message>
        <source>An official brief takes the next issue number of this year. Generate it?</source>
        <translation>正式简报将编入本年度下一期期号，生成后期号不再收回。确定生成吗？</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Issue %1</source>
        <translation>第 %1 期</translation>
    </message>
    <message>
        <source>%1: %2 pages</source>
        <translation>%1：共 %2 页</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Save brief</source>
        <translation>保存简报</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save the file: %1</source>
        <translation>无法保存文件：%1</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
</TS>
