"""CLI for closing the loop with residents and 12345 (issue 21): `export 12345-replies` (the return file),
`export referrals` / `export companies` (移交台账, 履职台账), `templates` (the reply templates) and `typical`
(典型案例: mark a closed case, list them, print the 案例警示 PDF, print the 公众号 text)."""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import opened, output_file


def register(registry: Any) -> None:
    e = registry.export.add_parser(
        "12345-replies", parents=[registry.common], help="导出 12345 工单回复回传表",
        description="把期间内 12345 工单的办理结果、答复、回访和关联案件导出为 Excel，供回传 12345 平台；"
                    "导出的工单标记为已发送，之后答复有改动的会标记为待重发。不含投诉人姓名、电话和地址。",
    )
    e.add_argument("--period", required=True, metavar="期间",
                   help="2025、2025Q1、2025-03 或 2025-01-01..2025-06-30（受理、答复或回访在期间内的工单）")
    e.add_argument("--only-unsent", action="store_true", help="只导出未发送和待重发的工单")
    e.add_argument("--column", action="append", default=[], metavar="字段=表头",
                   help="把某列的表头改为平台要求的名称（如 答复内容=回复内容），可重复；会被记住，下次沿用")
    e.add_argument("--mark-sent-only", action="store_true",
                   help="不写文件，只把期间内的工单标记为已发送（用于此前已在平台上手工回复过的工单）")
    e.add_argument("-o", "--output", metavar="文件.xlsx", help="输出的 Excel 文件（--mark-sent-only 时不需要）")
    e.set_defaults(command=cmd_export_returns)

    for name, help_text, description in (
        ("referrals", "导出移交台账",
         "把每一件移交（案件和诉件）及其签收、回复情况和用时导出为 Excel；个人信息默认脱敏。"),
        ("companies", "导出物业服务企业履职台账",
         "按物业服务企业导出 C11 案件、失信记分移交和参加培训情况；项目经理姓名默认脱敏。"),
    ):
        ledger = registry.export.add_parser(name, parents=[registry.common], help=help_text, description=description)
        ledger.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="输出的 Excel 文件")
        ledger.set_defaults(command=cmd_export_ledger, ledger=name)

    typical = registry.sub.add_parser("typical", parents=[registry.common], help="典型案例（以案释法、案例警示）",
                                      description="标记已结案的案件为典型案例，列出典型案例，"
                                                  "生成案例警示 PDF 或公众号文字。")
    actions = typical.add_subparsers(title="操作", metavar="操作")
    typical.set_defaults(command=_no_action)
    for name, help_text, command in (
        ("mark", "把已结案的案件标记为典型案例（自动起草去标识化文稿）", cmd_typical_mark),
        ("pdf", "生成一页 A4 的案例警示 PDF", cmd_typical_pdf),
        ("text", "输出公众号用的纯文本", cmd_typical_text),
    ):
        a = actions.add_parser(name, parents=[registry.common], help=help_text, description=help_text)
        a.add_argument("number", metavar="案件编号", help="如 2025-长征-0037")
        if name == "pdf":
            a.add_argument("-o", "--output", required=True, metavar="文件.pdf", help="输出的 PDF 文件")
        a.set_defaults(command=command)
    listing = actions.add_parser("list", parents=[registry.common], help="列出典型案例", description="列出典型案例。")
    listing.set_defaults(command=cmd_typical_list)

    t = registry.sub.add_parser("templates", parents=[registry.common], help="查看回复模板",
                                description="列出回复模板（可按类别、回复类型筛选）。")
    t.add_argument("--category", metavar="类别", help="类别代码，如 C03")
    t.add_argument("--kind", metavar="类型", help="受理告知、办理结果、不予立案说明、移交告知 或 回访话术")
    t.set_defaults(command=cmd_templates)


def cmd_export_returns(args: argparse.Namespace) -> int:
    from controllers.complaints.returns import export_returns, mark_sent, parse_renames
    from controllers.core.errors import ValidationError
    from controllers.core.periods import parse_period

    period = parse_period(args.period)
    if args.mark_sent_only:
        with opened(args) as ctx:
            count = mark_sent(ctx, period)
        print(f"已把 {period.label}的 {count} 件 12345 工单标记为已发送（未写文件）。")
        return 0
    if not args.output:
        raise ValidationError("请用 -o 指定输出的 Excel 文件，例如 -o 回传.xlsx。", field="output")
    out = output_file(args.output, ".xlsx")
    renames = parse_renames(args.column)
    with opened(args) as ctx:
        result = export_returns(ctx, period, out, only_unsent=args.only_unsent, renames=renames)
    print(f"已导出 {result.rows} 件 12345 工单（其中待重发 {result.resent} 件，期间内回访不满意 "
          f"{result.dissatisfied} 件），均已标记为已发送：{out}")
    return 0


def cmd_export_ledger(args: argparse.Namespace) -> int:
    from controllers.cases import ledgers

    export, done = {
        "referrals": (ledgers.export_referrals, "已导出移交台账 {n} 件：{out}"),
        "companies": (ledgers.export_company_ledger, "已导出物业服务企业履职台账 {n} 家：{out}"),
    }[args.ledger]
    out = output_file(args.output, ".xlsx")
    with opened(args) as ctx:
        count = export(ctx, out)
    print(done.format(n=count, out=out))
    return 0


def _no_action(_args: argparse.Namespace) -> int:
    from controllers.core.errors import UserError

    raise UserError("请指定操作：mark、list、pdf 或 text，例如 typical mark 2025-长征-0037")


def _case_id(ctx: Any, number: str) -> int:
    from controllers.complaints.entry import find_case

    return find_case(ctx, number).id


def cmd_typical_mark(args: argparse.Namespace) -> int:
    from controllers.cases.typical import mark_typical

    with opened(args) as ctx:
        detail = mark_typical(ctx, _case_id(ctx, args.number))
    print(f"{detail.case_number} 已标记为典型案例：{detail.title}（文稿已去除姓名、房号和电话，可在案件窗口中修改）")
    return 0


def cmd_typical_pdf(args: argparse.Namespace) -> int:
    from controllers.briefs.typical_case_pdf import write_typical_pdf

    out = output_file(args.output, ".pdf")
    with opened(args) as ctx:
        result = write_typical_pdf(ctx, _case_id(ctx, args.number), out)
    print(f"已生成案例警示（{result.pages} 页）：{out}")
    return 0


def cmd_typical_text(args: argparse.Namespace) -> int:
    from controllers.briefs.typical_case_pdf import typical_text

    with opened(args) as ctx:
        print(typical_text(ctx, _case_id(ctx, args.number)), end="")
    return 0


def cmd_typical_list(args: argparse.Namespace) -> int:
    from controllers.cases.typical import list_typical

    with opened(args) as ctx:
        rows = list_typical(ctx)
    for r in rows:
        print(f"{r.case_number}　{r.title}　{r.marked_on.isoformat()} 标记　用于 {r.trainings} 场培训宣传")
    print(f"共 {len(rows)} 个典型案例")
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from controllers.core.errors import ValidationError
    from controllers.reference.choices import category_choices
    from controllers.reference.reply_templates import KINDS, list_templates

    if args.kind is not None and args.kind not in KINDS:
        raise ValidationError(f"未知的回复类型“{args.kind}”。可选：{'、'.join(KINDS)}", field="kind")
    with opened(args) as ctx:
        category_id = None
        if args.category:
            found = [i for i, label in category_choices(ctx, include_inactive=True)
                     if label.split(" ", 1)[0] == args.category.strip()]
            if not found:
                raise ValidationError(f"未知的类别“{args.category}”，请写类别代码，如 C03。", field="category")
            category_id = found[0]
        rows = list_templates(ctx, category_id=category_id, kind=args.kind)
    for r in rows:
        print(f"{r.category}｜{r.kind}｜{r.name}{'' if r.active else '（停用）'}\n  {r.body}")
    print(f"共 {len(rows)} 个模板")
    return 0
