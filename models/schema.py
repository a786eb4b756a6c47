"""Imports every mapped module so Base.metadata holds the whole schema (for Alembic and tests)."""

from __future__ import annotations

from models import (
    admin,
    case_months,
    cases,
    complaint_months,
    complaints,
    exchange,
    inspections,
    meetings,
    reference,
    supervision,
    trainings,
)
from models.base import Base

metadata = Base.metadata
__all__ = ["admin", "case_months", "cases", "complaint_months", "complaints", "exchange", "inspections", "meetings",
           "metadata", "reference", "supervision", "trainings"]
