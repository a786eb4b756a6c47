"""Where the app's bundled resources live (fonts, translations, seed data)."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
SEED_FILE = RESOURCES_DIR / "seed" / "reference.json"
