"""The page registry: each sidebar entry's key, English source label and a factory that builds it lazily."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from controllers.core.context import AppContext
from controllers.core.errors import ValidationError

log = logging.getLogger(__name__)

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


def _placeholder(key: str) -> PageFactory:
    def build(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
        from ui.placeholder import PlaceholderPage

        return PlaceholderPage(key, parent)

    return build


def _lazy(key: str, module_name: str, class_name: str) -> PageFactory:
    """A page imported on first visit only (start-up must stay fast); a placeholder until its module exists."""

    def build(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if not module_name.startswith(exc.name or "\0"):
                raise
            log.warning("page %s not available yet, showing a placeholder", key)
            return _placeholder(key)(ctx, parent)
        page: QWidget = getattr(module, class_name)(ctx, parent)
        return page

    return build


def _settings(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    from ui.settings_page import SettingsPage

    return SettingsPage(ctx, parent)


# QT_TRANSLATE_NOOP marks the labels for lupdate; they are translated when shown (PageSpec.label).
PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "dashboard",
        QT_TRANSLATE_NOOP("Pages", "Dashboard"),
        _lazy("dashboard", "ui.dashboard.page", "DashboardPage"),
    ),
    PageSpec("cases", QT_TRANSLATE_NOOP("Pages", "Case book"), _lazy("cases", "ui.cases.page", "CaseBookPage")),
    PageSpec(
        "complaints",
        QT_TRANSLATE_NOOP("Pages", "Complaint log"),
        _lazy("complaints", "ui.complaints.page", "ComplaintLogPage"),
    ),
    PageSpec(
        "trainings",
        QT_TRANSLATE_NOOP("Pages", "Training & outreach"),
        _lazy("trainings", "ui.trainings.page", "TrainingsPage"),
    ),
    PageSpec("meetings", QT_TRANSLATE_NOOP("Pages", "Meetings"), _lazy("meetings", "ui.meetings.page", "MeetingsPage")),
    PageSpec("stats", QT_TRANSLATE_NOOP("Pages", "Statistics & briefs"), _lazy("stats", "ui.stats.page", "StatsPage")),
    PageSpec(
        "reference",
        QT_TRANSLATE_NOOP("Pages", "Reference data"),
        _lazy("reference", "ui.reference.page", "ReferenceDataPage"),
    ),
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
