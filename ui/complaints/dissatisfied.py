"""After a 不满意 callback is saved: offer to reopen the linked case, open one, or send the group to a 研讨会诊."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from controllers.cases import workflow
from controllers.complaints.dissatisfied import DISSATISFIED, DissatisfiedOffer, dissatisfied_offer
from controllers.complaints.entry import ComplaintDetail
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from ui import case_detail
from ui.common import background
from ui.common.events import Change

REOPEN, OPEN_CASE, CLINIC, LATER = "reopen", "open", "clinic", "later"


def choices(offer: DissatisfiedOffer) -> list[tuple[str, str]]:
    """The buttons the offer shows, as (key, label), most useful first."""
    found = []
    if offer.reopen_to:
        label = QCoreApplication.translate("DissatisfiedOffer", "Reopen case %1")
        found.append((REOPEN, label.replace("%1", offer.case_number or "")))
    if offer.open_case:
        found.append((OPEN_CASE, QCoreApplication.translate("DissatisfiedOffer", "Open a case")))
    if offer.propose_clinic:
        found.append((CLINIC, QCoreApplication.translate("DissatisfiedOffer", "Send the group to a case clinic")))
    found.append((LATER, QCoreApplication.translate("DissatisfiedOffer", "Not now")))
    return found


def message(offer: DissatisfiedOffer) -> str:
    lines = [QCoreApplication.translate(
        "DissatisfiedOffer", "The resident is not satisfied (%1). This counts as 不满意 in the figures.")
        .replace("%1", offer.label)]
    if offer.reopen_to:
        lines.append(QCoreApplication.translate("DissatisfiedOffer", "The linked case %1 is %2: reopen it to go on?")
                     .replace("%1", offer.case_number or "").replace("%2", offer.case_status or ""))
    elif offer.open_case:
        lines.append(QCoreApplication.translate("DissatisfiedOffer", "No case is linked: open one?"))
    if offer.propose_clinic:
        lines.append(QCoreApplication.translate(
            "DissatisfiedOffer", "%1 complaints of this repeat group were not satisfied: a case clinic (研讨会诊) is "
            "proposed.").replace("%1", str(offer.dissatisfied_in_group)))
    return "\n".join(lines)


def ask(parent: QWidget | None, offer: DissatisfiedOffer) -> str:
    """Show the offer; returns the key of the button pressed (a seam tests replace)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("DissatisfiedOffer", "Resident not satisfied"))
    box.setText(message(offer))
    buttons = [(box.addButton(label, QMessageBox.ButtonRole.ActionRole), key) for key, label in choices(offer)]
    box.exec()
    return next((key for button, key in buttons if button is box.clickedButton()), LATER)


def offer_after_dissatisfied(ctx: AppContext, detail: ComplaintDetail, parent: QWidget, *,
                             to_clinic: Callable[[], object]) -> str | None:
    """Ask what to do after a 不满意 callback and start it; returns the choice (None when there was nothing to ask)."""
    if detail.satisfaction != DISSATISFIED:
        return None
    try:
        offer = dissatisfied_offer(ctx, detail.id)
    except UserError:
        return None
    if offer is None:
        return None
    choice = ask(parent, offer)
    if choice == REOPEN and offer.case_id is not None and offer.reopen_to and offer.case_version is not None:
        case_id, to, version, reason = offer.case_id, offer.reopen_to, offer.case_version, offer.reopen_reason
        background.run(parent, lambda: workflow.transition(ctx, case_id, to=to, expected_version=version,
                                                           reason=reason),
                       changes=(Change.CASES,), name="reopen after 不满意",
                       error_title=QCoreApplication.translate("DissatisfiedOffer", "Cannot reopen the case"))
    elif choice == OPEN_CASE:
        case_detail.new_case(ctx, parent, complaint_id=detail.id)
    elif choice == CLINIC:
        to_clinic()
    return choice
