"""CLI `assessment` (年度考核): per street, estate, department and officer for a year, as text or `--json`."""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import opened, print_json

YEAR_HELP = "考核年度，如 2025（默认今年：截至今天）"


def register(registry: Any) -> None:
    p = registry.sub.add_parser("assessment", parents=[registry.common], help="年度考核：街镇、小区、部门、承办人",
                                description="按街镇和小区列出工作目标完成情况（与工作台同口径），部门移交办理情况，"
                                            "以及承办人的案件量、按期结案率和未结案件。")
    p.add_argument("--year", type=int, metavar="年", help=YEAR_HELP)
    p.add_argument("--scope", metavar="范围", help="范围：district（默认）、station、street:街镇名、estate:小区名")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(command=cmd_assessment)


def cmd_assessment(args: argparse.Namespace) -> int:
    from controllers.assessment.figures import TILE_NAMES, as_json, assessment, shown
    from controllers.station.scopes import parse_scope

    scope = parse_scope(args.scope)
    with opened(args) as ctx:
        result = assessment(ctx, args.year, scope)
    data = as_json(result)
    if args.json:
        print_json(data)
        return 0
    print(f"年度考核　{result.period.label}　{result.scope.label}")
    for title, units in (("街镇", result.streets), ("小区", result.estates)):
        print(f"{title}：")
        for u in units:
            figures = "　".join(f"{TILE_NAMES[t.key]} {shown(t)}" for t in u.tiles)
            print(f"  {u.name}　{figures}")
    print("部门：")
    for d in result.departments:
        print(f"  {d.name}　移交 {d.referrals}　按期回复 {d.on_time}　平均回复 {d.avg_reply_days or '—'} 个工作日"
              f"　退回 {d.returned}")
    print("承办人：")
    for o in result.officers:
        rate = "—" if o.on_time_rate is None else f"{o.on_time_rate}%"
        print(f"  {o.name}　案件 {o.cases}　按期结案率 {rate}　未结 {o.open}")
    return 0
