"""A 挂账 case's review date as a reader needs it: when, and how long ago it passed.

The case brief and the case window both say it; a review date 21 months gone must not read like a future one.
"""

from __future__ import annotations

from datetime import date


def months_past(review: date, today: date) -> int:
    """Whole months from `review` to `today` (0 when less than a month, or not yet past)."""
    months = (today.year - review.year) * 12 + today.month - review.month - (today.day < review.day)
    return max(0, months)


def overdue_words(review: date, today: date) -> str:
    """"已过期 21 个月" / "已过期 5 天", or "" while the review date has not passed."""
    if review >= today:
        return ""
    months = months_past(review, today)
    return f"已过期 {months} 个月" if months else f"已过期 {(today - review).days} 天"


def review_line(review: date, today: date) -> str:
    """"2025-02-24，已过期 21 个月" (or just the date while it is still ahead)."""
    late = overdue_words(review, today)
    return f"{review.isoformat()}，{late}" if late else f"{review.isoformat()}（尚未到期）"


def reason_clause(reason: str | None) -> str:
    """A hold reason as a clause inside a sentence: its own closing mark dropped ("…回复。" + "，" read "。，")."""
    return (reason or "").strip().rstrip("。；，、.;, ")
