"""CLI `supervision` (督查督办: the open 督办单 and the candidates for one) and `warnings` (苗头预警), as text or
`--json`. Both read what a desk in the chosen view (本工作室 by default, as every start) sees, narrowed to a
report scope when one is given, as the case book and the 督查督办 page narrow."""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import opened, print_json

SCOPE_HELP = "范围：district、station、street:街镇名、committee:居委会名 或 estate:小区名（默认为视图内全部）"
VIEW_HELP = "视图：station（本工作室，默认）、street（全街镇）或 district（全区）"


def _narrowing(p: argparse.ArgumentParser) -> None:
    p.add_argument("--view", default="station", metavar="视图", help=VIEW_HELP)
    p.add_argument("--scope", metavar="范围", help=SCOPE_HELP)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def register(registry: Any) -> None:
    p = registry.sub.add_parser("supervision", parents=[registry.common], help="督查督办：未办结的督办单和督办线索",
                                description="列出未办结的督办单，以及看似不作为、慢作为、乱作为的督办线索（每条附原因）。")
    _narrowing(p)
    p.set_defaults(command=cmd_supervision)
    p = registry.sub.add_parser("warnings", parents=[registry.common], help="苗头预警：诉件或案件明显上升的小区和类别",
                                description="列出近 30 天某类诉件或案件明显上升的小区（每条附计算依据），以及多个小区"
                                            "同时上升的普遍性难点。")
    _narrowing(p)
    p.set_defaults(command=cmd_warnings)


def _scope(args: argparse.Namespace) -> Any:
    from controllers.station.scopes import parse_scope

    return parse_scope(args.scope) if args.scope else None


def cmd_supervision(args: argparse.Namespace) -> int:
    from controllers.orders.records import list_orders
    from controllers.station.views import set_view
    from controllers.supervision.candidates import candidates

    scope = _scope(args)
    with opened(args) as ctx:
        set_view(ctx, args.view)
        orders = list_orders(ctx, open_only=True, scope=scope)
        groups = candidates(ctx, scope=scope)
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


def cmd_warnings(args: argparse.Namespace) -> int:
    from controllers.station.views import set_view
    from controllers.supervision.warnings import early_warnings

    scope = _scope(args)
    with opened(args) as ctx:
        set_view(ctx, args.view)
        found = early_warnings(ctx, scope=scope)
    if args.json:
        print_json({
            "start": found.start, "end": found.end,
            "estates": [{"key": w.key, "source": w.source, "estate": w.estate, "category": w.category,
                         "recent": w.recent, "before": w.before, "last_year": w.last_year, "why": w.why}
                        for w in found.estates],
            "widespread": [{"key": w.key, "category": w.category, "estates": list(w.estates), "why": w.why}
                           for w in found.widespread],
        })
        return 0
    print(f"苗头预警（{found.start.isoformat()} 至 {found.end.isoformat()}）：小区 {len(found.estates)} 条，"
          f"普遍性难点 {len(found.widespread)} 条")
    for s in found.widespread:
        print(f"  {s.label}　{s.why}")
    for w in found.estates:
        print(f"  {w.label}　{w.why}")
    return 0
