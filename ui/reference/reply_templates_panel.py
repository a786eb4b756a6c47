"""回复模板 in 基础数据: the list of reply templates per category and kind, and the dialog that edits one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from controllers.core.context import AppContext
from controllers.reference import choices as rd
from controllers.reference import reply_templates as rt
from ui.common.rows_model import RowsModel
from ui.reference.dialogs import RecordDialog, id_combo, line, text_box, text_combo
from ui.reference.panels import ListPanel


class ReplyTemplateTableModel(RowsModel):
    """Reply templates: category, kind, name, whether offered, and the text."""

    COL_CATEGORY, COL_KIND, COL_NAME, COL_ACTIVE, COL_BODY = range(5)

    def headers(self) -> list[str]:
        return [self.tr("Category"), self.tr("Kind of reply"), self.tr("Name"), self.tr("Offered"), self.tr("Text")]

    def value(self, row: rt.TemplateRow, column: int) -> Any:
        return (row.category, row.kind, row.name, row.active, row.body)[column]


class ReplyTemplateDialog(RecordDialog):
    """Create or edit a reply template; the fields it may use are listed under the text."""

    def __init__(self, ctx: AppContext, record: rt.TemplateRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record, parent)
        self.setWindowTitle(self.tr("Edit reply template") if record else self.tr("New reply template"))
        self.setMinimumWidth(560)
        r = record
        self.category = id_combo(rd.category_choices(ctx), r.category_id if r else None)
        self.kind = text_combo(rt.KINDS, r.kind if r else None)
        self.name = line(r.name if r else "", max_len=rt.NAME_MAX)
        self.body = text_box(r.body if r else None, height=150)
        for key, label, widget in (("category_id", self.tr("Category"), self.category),
                                   ("kind", self.tr("Kind of reply"), self.kind), ("name", self.tr("Name"), self.name),
                                   ("body", self.tr("Text"), self.body)):
            self.add_row(key, label, widget)
        fields = "、".join("{" + f + "}" for f in rt.FIELDS)
        hint = QLabel(self.tr("Fields filled from the record: %1. A complainant's name or phone is never filled in.")
                      .replace("%1", fields))
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.active = QCheckBox(self.tr("Offer this template when replying"))
        self.active.setChecked(r.active if r else True)
        self.add_row("active", "", self.active)
        self.finish_layout()

    def storing(self) -> Callable[[], rt.TemplateRow]:
        args = {"category_id": self.category.currentData(), "kind": self.kind.currentText(),
                "name": self.name.text(), "body": self.body.toPlainText(), "active": self.active.isChecked()}
        ctx, record = self.ctx, self.record
        if record:
            return lambda: rt.update_template(ctx, record.id, **args)
        return lambda: rt.create_template(ctx, **args)


class ReplyTemplatePanel(ListPanel):
    """回复模板."""

    model_class = ReplyTemplateTableModel
    dialog_class = ReplyTemplateDialog
    stretch_column = ReplyTemplateTableModel.COL_BODY

    def fetch_rows(self) -> list[Any]:
        return rt.list_templates(self.ctx)

    def delete_record(self, row: Any) -> None:
        rt.delete_template(self.ctx, row.id)

    def describe(self, row: Any) -> str:
        return f"{row.category} {row.kind}（{row.name}）"
