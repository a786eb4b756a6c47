"""The 基础数据 page: a list of kinds on the left, the chosen kind's table and buttons on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QStackedWidget, QVBoxLayout, QWidget

from controllers.core.context import AppContext
from ui.reference import panels as p
from ui.reference.reply_templates_panel import ReplyTemplatePanel

# (key, panel) in the order staff look for them; labels come from ReferenceDataPage.kind_label().
KINDS: tuple[tuple[str, type[p.ListPanel]], ...] = (
    ("estates", p.EstatePanel),
    ("streets", p.StreetPanel),
    ("property_companies", p.PropertyCompanyPanel),
    ("staff", p.StaffPanel),
    ("categories", p.CategoryPanel),
    ("regulations", p.RegulationPanel),
    ("departments", p.DepartmentPanel),
    ("reply_templates", ReplyTemplatePanel),
    ("calendar", p.CalendarPanel),
    ("estate_grades", p.GradePanel),
    ("training_kinds", p.TrainingKindPanel),
)


class ReferenceDataPage(QWidget):
    """Reference data the other screens pick from; each list is built on first visit."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.panels: dict[str, p.ListPanel] = {}
        self._stale: set[str] = set()

        layout = QHBoxLayout(self)
        self.nav = QListWidget()
        self.nav.setObjectName("referenceNav")
        self.nav.setFixedWidth(112)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for key, _cls in KINDS:
            self.nav.addItem(self.kind_label(key))
        layout.addWidget(self.nav)

        right = QVBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("referenceTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        right.addWidget(self.title)
        right.addWidget(self.hint)
        self.stack = QStackedWidget()
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)

        self.nav.currentRowChanged.connect(lambda row: self.show_kind(KINDS[row][0]))
        self.nav.setCurrentRow(0)

    def kind_label(self, key: str) -> str:
        labels = {
            "estates": self.tr("Estates"), "streets": self.tr("Streets and towns"),
            "property_companies": self.tr("Property companies"), "staff": self.tr("Station staff"),
            "categories": self.tr("Categories"), "regulations": self.tr("Regulations"),
            "departments": self.tr("Departments"), "reply_templates": self.tr("Reply templates"),
            "calendar": self.tr("Holidays"),
            "estate_grades": self.tr("Estate grades"), "training_kinds": self.tr("Training kinds"),
        }
        return labels[key]

    def kind_hint(self, key: str) -> str:
        hints = {
            "estates": self.tr("Estates with their street, population history, contacts and aliases. "
                               "Contact phones are masked here; open an estate to see them."),
            "streets": self.tr("The short name goes into case numbers (2025-长征-0037)."),
            "property_companies": self.tr("Companies managing the estates."),
            "staff": self.tr("Officers cases are assigned to. Set someone who left to inactive."),
            "categories": self.tr("Key enforcement categories: rectification deadline and default legal basis."),
            "regulations": self.tr("Laws and regulations cited as legal basis, in the plan's annex order."),
            "departments": self.tr("Departments, their duties and what is referred to them."),
            "reply_templates": self.tr("Reply texts per category and kind of reply, offered when answering a "
                                       "complaint or a case; the clerk edits the text before saving."),
            "calendar": self.tr("Public holidays and make-up working days: deadlines in working days skip "
                                "holidays and count make-up days."),
            "estate_grades": self.tr("Management grades (分级分类) an estate can be given."),
            "training_kinds": self.tr("Kinds of training and outreach."),
        }
        return hints[key]

    def panel(self, key: str) -> p.ListPanel:
        """The panel of a kind, built (and loaded) on first use."""
        panel = self.panels.get(key)
        if panel is None:
            cls = dict(KINDS)[key]
            panel = cls(self.ctx, self.stack)
            panel.changed.connect(lambda k=key: self._mark_others_stale(k))
            self.panels[key] = panel
            self.stack.addWidget(panel)
            panel.refresh()
        return panel

    def show_kind(self, key: str) -> p.ListPanel:
        panel = self.panel(key)
        row = [k for k, _c in KINDS].index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # comes back here through currentRowChanged
            return panel
        self.title.setText(self.kind_label(key))
        self.hint.setText(self.kind_hint(key))
        self.stack.setCurrentWidget(panel)
        if key in self._stale:
            self._stale.discard(key)
            panel.refresh()
        return panel

    def current_key(self) -> str:
        return KINDS[max(self.nav.currentRow(), 0)][0]

    def refresh(self) -> None:
        """Called when the page is shown: other screens may have changed what the lists count."""
        self._stale.update(self.panels)
        self._stale.discard(self.current_key())
        self.panel(self.current_key()).refresh()

    def _mark_others_stale(self, changed: str) -> None:
        # A renamed street or company shows in the estates list, a new regulation in the category dialog, etc.
        self._stale.update(k for k in self.panels if k != changed)
