"""CLI `supervision` (督查督办): the open 督办单 and the candidates for one, as text or `--json`."""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import opened, print_json


def register(registry: Any) -> None:
    p = registry.sub.add_parser("supervision", parents=[registry.common], help="督查督办：未办结的督办单和督办线索",
                                description="列出未办结的督办单，以及看似不作为、慢作为、乱作为的督办线索（每条附原因）。")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(command=cmd_supervision)


def cmd_supervision(args: argparse.Namespace) -> int:
    from controllers.orders.records import list_orders
    from controllers.supervision.candidates import candidates

    with opened(args) as ctx:
        orders = list_orders(ctx, open_only=True)
        groups = candidates(ctx)
    if args.json:
        print_json({
            "orders": [{"number": o.number_text, "subject": o.subject, "subject_id": o.subject_id,
                        "item": o.subject_label, "reason": o.reason, "reason_text": o.reason_text,
                        "addressee": o.addressee, "issued_on": o.issued_on.isoformat(),
                        "deadline": o.deadline.isoformat(), "status": o.status, "overdue": o.overdue}
                       for o in orders],
            "candidates": [{"rule": g.rule, "title": g.title, "total": g.total,
                            "items": [{"subject": c.subject, "subject_id": c.subject_id, "item": c.label,
                                       "reason": c.reason, "why": c.why, "addressee": c.addressee,
                                       "since": c.since.isoformat() if c.since else None} for c in g.items]}
                           for g in groups],
        })
        return 0
    print(f"未办结的督办单：{len(orders)} 件")
    for o in orders:
        late = "（已逾期）" if o.overdue else ""
        print(f"  {o.number_text}　{o.subject_label}　{o.reason}　督办对象：{o.addressee}　"
              f"期限 {o.deadline.isoformat()}{late}　{o.status}")
    print("督办线索：")
    for g in groups:
        print(f"  {g.title}：{g.total} 件")
        for c in g.items:
            print(f"    {c.label}　{c.reason}　{c.why}")
    return 0
