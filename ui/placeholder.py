"""A page for work not built yet: says what will come there, so a sidebar entry never opens a blank."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.pages import page_spec

CONTEXT = "PlaceholderPage"

# What each page will offer, from the later issues; marked for lupdate, translated when shown.
PLANNED: dict[str, tuple[str, ...]] = {
    "dashboard": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "The plan's goals at a glance: complaints per 10,000 residents against "
                          "the same period last year, with and without repeat complaints"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Cases by category and month, closure rate and on-time rate"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Overdue and untouched items that need action today"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Follow-up visits due after closing"),
    ),
    "cases": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "The case book: register, verify, file, order rectification, "
                          "re-inspect and close, as one closed loop"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Rectification deadlines counted in working days, with holidays "
                          "and make-up days from the calendar"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "A timeline of every step with who and when, photos and documents"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Referral to departments and follow-up visits after closing"),
    ),
    "complaints": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "The complaint log: every complaint with estate, category and outcome"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Import of 12345 hotline work orders from Excel"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Repeat complaints recognised and linked"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Complaints per 10,000 residents by estate, street and district"),
    ),
    "trainings": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "Training and outreach records: date, place, topic, speaker"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Sign-in sheets and attendees, printable"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Materials, photos and head counts per estate"),
    ),
    "meetings": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "Consultations, regular meetings and case clinics"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Departments present, cases and complaints discussed, decisions"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Follow-up actions with owner and deadline"),
    ),
    "stats": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "Monthly and quarterly work briefs as PDF, ready to print"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Case briefs for supervisors"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Statistics by street, estate, category and month, "
                          "with the assessment figures of the plan"),
    ),
    "reference": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "Streets, estates, property companies and station staff"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Categories, regulations, departments and the holiday calendar"),
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class PlaceholderPage(QWidget):
    """Title, one sentence and a short list of what this page will offer in a later version."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page-{key}")
        self.key = key

        card = QFrame(self)
        card.setObjectName("placeholderCard")
        card.setMaximumWidth(760)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(12)

        title = QLabel(page_spec(key).label, card)
        title.setObjectName("pageTitle")  # styled in ui.app's stylesheet: the theme's QSS overrides setFont
        inner.addWidget(title)

        lead = QLabel(self.tr("This page is being built. It will offer:"), card)
        lead.setWordWrap(True)
        inner.addWidget(lead)

        self.bullets: list[QLabel] = []
        for line in PLANNED.get(key, ()):
            bullet = QLabel(f"•  {_tr(line)}", card)
            bullet.setWordWrap(True)
            bullet.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            inner.addWidget(bullet)
            self.bullets.append(bullet)

        hint = QLabel(self.tr("Reference data and settings can already be used now."), card)
        hint.setObjectName("placeholderHint")
        hint.setWordWrap(True)
        inner.addSpacing(8)
        inner.addWidget(hint)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        # No alignment flag: the card then takes the width (up to its maximum) and wrapped lines get their height.
        outer.addWidget(card)
        outer.addStretch(1)
