"""The briefs' one comparison with the same period last year: a percentage only on a base it means something on;
a count of last year too small for one (or none) is given itself."""

from __future__ import annotations

import pytest

from controllers.documents.pdf_pages import change_phrase


@pytest.mark.parametrize(("cur", "last", "unit", "digits", "said"), [
    (114, 2, "件", 1, "，较去年同期上升 112 件（去年同期 2 件）"),
    (3, 0, "件", 1, "，较去年同期上升 3 件（去年同期 0 件）"),
    (4, 9, "场", 1, "，较去年同期下降 5 场（去年同期 9 场）"),
    (15, 10, "件", 1, "，较去年同期上升 5 件（+50.0%）"),  # a base of 10 carries a percentage
    (120, 100, "件", 1, "，较去年同期上升 20 件（+20.0%）"),
    (3.2, 4.0, "件/万人", 2, "，较去年同期下降 0.80 件/万人（-20.0%）"),  # rates keep their percentage
    (7, 7, "件", 1, "，与去年同期持平"),
    (7, None, "件", 1, "，去年同期无可比数据"),
])
def test_the_comparison_with_last_year(cur, last, unit, digits, said) -> None:
    assert change_phrase(cur, last, unit, digits) == said
