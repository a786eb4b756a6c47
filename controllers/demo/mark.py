"""The demo mark: a setting that says the open database is demo data (the window shows a banner for it).

Apart from the sandbox that fills a demo, because every start asks `is_demo` and must not load the generator (and
with it every model and ~0.15 s of imports) just to read one setting.
"""

from __future__ import annotations

from controllers.core.context import AppContext
from models.admin import setting_values

DEMO_MARK_KEY = "demo_data"


def is_demo(ctx: AppContext) -> bool:
    """True when the open database is demo data (the window then says so on every screen)."""
    with ctx.db.session() as s:
        return DEMO_MARK_KEY in setting_values(s, [DEMO_MARK_KEY])
