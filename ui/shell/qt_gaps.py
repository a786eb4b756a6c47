"""Qt's own dialog strings that Qt's zh_CN translation lacks, so a clerk never meets English in a Qt dialog.

Qt 6 added keyboard accelerators to some QFileDialog labels ("&Look in:", "Files of &type:"), and its shipped
qtbase_zh_CN still translates only the old texts, so the file dialog of 从 Excel 导入… said "Look in:" in English
(seen on the installed .deb). Installed after qtbase_zh_CN, this translator answers only these few and leaves
everything else to Qt's file.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Computer"): "计算机",
    ("QPlatformTheme", "&Retry"): "重试(&R)",
    ("QWizard", "Back"): "上一步",
    ("QCalendarWidget", "Today"): "今天",
}


class QtGapsTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None is Qt's null string, "not mine": the next translator is asked (an empty string would stop the search).
        return GAPS.get((context, source))

    def isEmpty(self) -> bool:
        return False
