"""Normalised phones and addresses, re-exported from models.normalize (where the schema can use them too)."""

from __future__ import annotations

from models.normalize import halfwidth, normalize_address, normalize_phone

__all__ = ["halfwidth", "normalize_address", "normalize_phone"]
