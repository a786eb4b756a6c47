"""The page registry: each sidebar entry's key, English source label and a factory that builds it lazily."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from controllers.core.context import AppContext
from controllers.core.errors import ValidationError

PageFactory = Callable[[AppContext, "QWidget | None"], QWidget]
CONTEXT = "Pages"


@dataclass(frozen=True)
class PageSpec:
    """One sidebar entry: a stable English key, the label's source text, and how to build the page."""

    key: str
    source_label: str
    factory: PageFactory

    @property
    def label(self) -> str:
        """The label in the user's language (Chinese once the translators are installed)."""
        return QCoreApplication.translate(CONTEXT, self.source_label)


# Each page's module is imported on its first visit only: start-up builds the first page, not all eight.
def _dashboard(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    from ui.dashboard.page import DashboardPage

    return DashboardPage(ctx, parent)


def _cases(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    from ui.cases.page import CaseBookPage

    return CaseBookPage(ctx, parent)


def _complaints(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    from ui.complaints.page import ComplaintLogPage

    return ComplaintLogPage(ctx, parent)


def _inspections(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    from ui.inspections.page import InspectionsPage

    return InspectionsPage(ctx, parent)


def _trainings(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    from ui.trainings.page import TrainingsPage

    return TrainingsPage(ctx, parent)


def _meetings(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    from ui.meetings.page import MeetingsPage

    return MeetingsPage(ctx, parent)


def _supervision(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    from ui.supervision.page import SupervisionPage

    return SupervisionPage(ctx, parent)


def _stats(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    from ui.stats.page import StatsPage

    return StatsPage(ctx, parent)


def _reference(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    from ui.reference.page import ReferenceDataPage

    return ReferenceDataPage(ctx, parent)


def _settings(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    from ui.settings.page import SettingsPage

    return SettingsPage(ctx, parent)


# QT_TRANSLATE_NOOP marks the labels for lupdate; they are translated when shown (PageSpec.label).
PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", QT_TRANSLATE_NOOP("Pages", "Dashboard"), _dashboard),
    PageSpec("cases", QT_TRANSLATE_NOOP("Pages", "Case book"), _cases),
    PageSpec("complaints", QT_TRANSLATE_NOOP("Pages", "Complaint log"), _complaints),
    PageSpec("inspections", QT_TRANSLATE_NOOP("Pages", "Patrols & inspections"), _inspections),
    PageSpec("trainings", QT_TRANSLATE_NOOP("Pages", "Training & outreach"), _trainings),
    PageSpec("meetings", QT_TRANSLATE_NOOP("Pages", "Meetings"), _meetings),
    PageSpec("supervision", QT_TRANSLATE_NOOP("Pages", "Supervision"), _supervision),
    PageSpec("stats", QT_TRANSLATE_NOOP("Pages", "Statistics & briefs"), _stats),
    PageSpec("reference", QT_TRANSLATE_NOOP("Pages", "Reference data"), _reference),
    PageSpec("settings", QT_TRANSLATE_NOOP("Pages", "Settings"), _settings),
)
PAGE_KEYS: tuple[str, ...] = tuple(p.key for p in PAGES)


def page_spec(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)


def resolve_page(name: str) -> str:
    """Map a sidebar label (工作台) or an English key (dashboard) to the key; ValidationError lists valid names."""
    wanted = name.strip()
    for spec in PAGES:
        if wanted.lower() == spec.key or wanted in (spec.label, spec.source_label):
            return spec.key
    valid = "、".join(f"{spec.label}（{spec.key}）" for spec in PAGES)
    # A literal context, not CONTEXT: lupdate only collects translate() calls whose arguments are literals.
    message = QCoreApplication.translate("Pages", "Unknown page “%1”. Valid pages: %2")
    raise ValidationError(message.replace("%1", name).replace("%2", valid), field="page")
