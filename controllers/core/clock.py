"""The app's clock for controllers, the UI and the command line: now, Shanghai's today, UTC <-> Shanghai.

The one definition is `models.clock` (the ORM's column defaults need "now" and models/ sits below controllers/);
this module is how every layer above reaches it, since ui/ and the command line may not import models/.
"""

from models.clock import (
    SHANGHAI,
    SHANGHAI_OFFSET,
    day_start,
    local_now,
    now,
    pin,
    shanghai_now,
    to_local,
    to_utc,
    today,
    utcnow,
)

__all__ = ["SHANGHAI", "SHANGHAI_OFFSET", "day_start", "local_now", "now", "pin", "shanghai_now", "to_local",
           "to_utc", "today", "utcnow"]
