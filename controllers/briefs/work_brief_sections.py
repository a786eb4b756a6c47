"""The seven sections of the work brief, each opening with a generated sentence that says what changed.

A section with nothing to report prints its heading and "本期无。" so readers see it was looked at.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from controllers.briefs.months_drawn import month_progress, period_note
from controllers.briefs.work_brief_charts import category_bars, month_lines
from controllers.briefs.work_brief_data import LIST_LIMIT, WorkBriefData
from controllers.cases.stats import Rate
from controllers.documents.pdf_figure import FittedFigure
from controllers.documents.pdf_pages import BODY_WIDTH, Text, change_phrase, cn_date, cut, iso, num, pct
from controllers.inspections.plan import Counts

NONE = "本期无。"
# The definitions of controllers.cases.stats, printed under the rates so a reader does not have to guess them.
RATE_NOTE = ("注：结案率：本期发现的案件中已结案的占比（不含不予立案、移交）；"
             "按期结案率：本期结案的案件中结案日期不晚于整改期限的案件占比；"
             "结案后复发率：本期结案的案件中此后又发现复发的占比。")


def _rate_sentence(name: str, cur: Rate, last: Rate) -> str:
    if cur.percent is None:
        return f"{name}本期无可计算数据"
    return f"{name}为 {pct(cur.percent)}（{cur.numerator}/{cur.denominator}）" + change_phrase(
        cur.percent, last.percent, "个百分点")


def per10k_section(t: Text, d: WorkBriefData) -> list[Any]:
    out = t.head("一、投诉万人比")
    cur, last = d.per10k.current, d.per10k.last_year
    if cur.complaints == 0 and not any(e.complaints for e in d.ranking):
        return [*out, t.p(NONE)]
    out.append(t.p(
        f"本期纳入统计的投诉 {cur.complaints} 件，常住人口 {cur.population} 人，"
        f"投诉万人比为 {num(cur.per10k, 2)} 件/万人"
        + change_phrase(cur.per10k, last.per10k, "件/万人", 2)
        + f"；剔除重复投诉后为 {num(cur.per10k_without_repeats, 2)} 件/万人"
        + change_phrase(cur.per10k_without_repeats, last.per10k_without_repeats, "件/万人", 2) + "。"))
    if d.dissatisfied or d.dissatisfied_last_year:
        out.append(t.p(f"回访中居民表示不满意 {d.dissatisfied} 件（上年同期 {d.dissatisfied_last_year} 件）。"))
    if cur.estates_without_population:
        n = len(cur.estates_without_population)
        out.append(t.p(f"另有 {n} 个小区未登记常住人口，其投诉 "
                       f"{sum(e.complaints for e in cur.estates_without_population)} 件未计入万人比。", "small"))
    ranked = [e for e in d.ranking if e.per10k is not None][:10]
    if ranked:
        out += t.head("投诉万人比较高的小区（前 10 名）：", "h2")
        rows = [[str(i), e.estate, e.street, str(e.complaints), str(e.complaints_without_repeats),
                 str(e.population), num(e.per10k, 2), num(e.per10k_without_repeats, 2)]
                for i, e in enumerate(ranked, start=1)]
        out.append(t.table(["排名", "小区", "街镇", "投诉", "不含重复", "常住人口", "万人比", "不含重复万人比"], rows,
                           [10 * mm, 34 * mm, 24 * mm, 13 * mm, 16 * mm, 18 * mm, 17 * mm, 24 * mm],
                           align_right=(3, 4, 5, 6, 7)))
    return out


def cases_section(t: Text, d: WorkBriefData) -> list[Any]:
    out = t.head("二、案件办理")
    st = d.cases
    cur, last = st.current, st.last_year
    if cur.found == 0 and cur.closed_in_period == 0:
        return [*out, t.p(NONE)]
    out.append(t.p(f"本期发现案件 {cur.found} 件" + change_phrase(cur.found, last.found, "件") + "；"
                   + _rate_sentence("结案率", cur.closure, last.closure) + "；"
                   + _rate_sentence("按期结案率", cur.on_time, last.on_time) + "；"
                   + _rate_sentence("结案后复发率", cur.recurrence, last.recurrence) + "。"))
    shown = [c for c in st.by_category if c.count or c.last_year]
    if shown:
        chart = category_bars(t.fonts, [c.name for c in shown], [c.count for c in shown],
                              [c.last_year for c in shown], width=BODY_WIDTH, note=period_note(d.period.end, d.as_of))
        out.append(FittedFigure(t.p("图 1　各类别案件数（本期与去年同期）", "caption"), chart))
    months = st.by_month
    if len(months) > 1:
        chart = month_lines(t.fonts, [m.label for m in months], [m.count for m in months],
                            [m.last_year for m in months], width=BODY_WIDTH,
                            drawn=month_progress([(m.year, m.month) for m in months], d.as_of))
        out.append(FittedFigure(t.p("图 2　各月发现案件数（本期与去年同期）", "caption"), chart))
    rates = [("结案率", cur.closure, last.closure), ("按期结案率", cur.on_time, last.on_time),
             ("结案后复发率", cur.recurrence, last.recurrence)]
    out.append(t.table(["指标", "本期", "本期（件）", "去年同期", "去年同期（件）"],
                       [[n, pct(a.percent), f"{a.numerator}/{a.denominator}", pct(b.percent),
                         f"{b.numerator}/{b.denominator}"] for n, a, b in rates],
                       [34 * mm, 28 * mm, 30 * mm, 30 * mm, 34 * mm], align_right=(1, 2, 3, 4)))
    out.append(t.p(RATE_NOTE, "small"))
    out.append(Spacer(1, 3 * mm))
    rows = [[c.code, c.name, str(c.count), str(c.last_year), f"{c.count - c.last_year:+d}".replace("+0", "0")]
            for c in st.by_category]
    out.append(t.table(["代码", "类别", "本期", "去年同期", "增减"], rows,
                       [16 * mm, 80 * mm, 20 * mm, 20 * mm, 20 * mm], align_right=(2, 3, 4)))
    return out


def overdue_section(t: Text, d: WorkBriefData) -> list[Any]:
    out = t.head("三、逾期与挂账案件")
    st = d.cases
    if not st.overdue and not st.on_hold:
        return [*out, t.p(NONE)]
    out.append(t.p(f"截至 {cn_date(d.as_of)}，整改期限已过仍未办结的逾期案件 {st.overdue} 件，"
                   f"挂账案件 {st.on_hold} 件。"
                   + (f"以下列出逾期最久的 {len(d.overdue)} 件。" if st.overdue > len(d.overdue) else "")))
    if d.overdue:
        rows = [[r.number, r.category, r.estate, r.status, iso(r.deadline),
                 str(-r.days_left) if r.days_left is not None and r.days_left < 0 else "—", r.officer or "—"]
                for r in d.overdue]
        out += t.head("逾期案件：", "h2")
        out.append(t.table(["案件编号", "类别", "小区", "状态", "整改期限", "逾期工作日", "承办人"], rows,
                           [28 * mm, 28 * mm, 26 * mm, 17 * mm, 21 * mm, 20 * mm, 16 * mm], align_right=(5,)))
    if d.on_hold:
        out += t.head("挂账案件" + (f"（前 {LIST_LIMIT} 件）" if st.on_hold > len(d.on_hold) else "") + "：", "h2")
        rows = [[r.number, r.category, r.estate, iso(r.found_date), cut(r.reason, 80) or "—", iso(r.review_date)]
                for r in d.on_hold]
        out.append(t.table(["案件编号", "类别", "小区", "发现日期", "挂账原因", "复核日期"], rows,
                           [28 * mm, 26 * mm, 26 * mm, 21 * mm, 34 * mm, 21 * mm]))
    return out


def repeats_section(t: Text, d: WorkBriefData) -> list[Any]:
    out = t.head("四、重复投诉处置")
    if not d.repeats:
        return [*out, t.p(NONE)]
    out.append(t.p(f"本期收到重复投诉 {d.repeats} 件" + change_phrase(d.repeats, d.repeats_last_year, "件")
                   + f"，涉及 {d.repeat_groups} 组反复反映的问题，其中 {d.repeat_groups_with_case} 组已立案处置，"
                   f"{d.repeat_groups - d.repeat_groups_with_case} 组尚未关联案件，建议提交研讨会诊。"))
    rows = [[f"{g.first_received:%Y-%m-%d}", g.estate, g.category, str(g.repeats_in_period), g.case_number or "未立案",
             g.status] for g in d.groups]
    if d.repeat_groups > len(d.groups):  # a capped list says so, or a reader takes 30 groups for all of them
        out += t.caption(f"（列出前 {len(d.groups)} 组，共 {d.repeat_groups} 组）")
    out.append(t.table(["首次投诉", "小区", "类别", "本期重复", "关联案件", "处理状态"], rows,
                       [22 * mm, 34 * mm, 34 * mm, 17 * mm, 30 * mm, 19 * mm], align_right=(3,)))
    return out


def trainings_section(t: Text, d: WorkBriefData) -> list[Any]:
    out = t.head("五、教育培训和普法宣传")
    if not d.trainings:
        return [*out, t.p(NONE)]
    heads = sum(x.head_count or 0 for x in d.trainings)
    kinds = "、".join(f"{k} {n} 场" for k, n, _h in d.trainings_by_kind)
    out.append(t.p(f"本期开展教育培训和普法宣传 {len(d.trainings)} 场" + change_phrase(
        len(d.trainings), d.trainings_last_year, "场") + f"，参加 {heads} 人次。其中{kinds}。"))
    rows = [[iso(x.day), x.kind, cut(x.title, 60), cut(x.venue, 30) or "—", num(x.head_count)]
            for x in d.trainings[:LIST_LIMIT]]
    out.append(t.table(["日期", "类型", "主题", "地点", "人数"], rows,
                       [21 * mm, 30 * mm, 58 * mm, 34 * mm, 13 * mm], align_right=(4,)))
    if len(d.trainings) > LIST_LIMIT:
        out.append(t.p(f"另有 {len(d.trainings) - LIST_LIMIT} 场未列出。", "small"))
    return out


def pilot_section(t: Text, d: WorkBriefData) -> list[Any]:
    out = t.head("六、试点小区与其他小区对比")
    if d.pilot is None or d.rest is None:
        return [*out, t.p(NONE + "（范围内未设试点小区）")]
    p, r = d.pilot, d.rest
    if p.per10k is not None and r.per10k is not None:
        word = "低于" if p.per10k < r.per10k else "高于" if p.per10k > r.per10k else "等于"
        gap = f"，{word}其他小区的 {num(r.per10k, 2)} 件/万人" + (
            f"（相差 {num(abs(p.per10k - r.per10k), 2)} 件/万人）" if word != "等于" else "")
    else:
        gap = ""
    out.append(t.p(f"{p.estates} 个试点小区本期投诉万人比为 {num(p.per10k, 2)} 件/万人{gap}；"
                   f"试点小区结案率 {pct(p.closure)}，其他小区 {pct(r.closure)}。"))
    rows = [[g.name, str(g.estates), str(g.population), str(g.complaints), num(g.per10k, 2), str(g.cases),
             pct(g.closure)] for g in (p, r)]
    out.append(t.table(["组别", "小区数", "常住人口", "投诉", "万人比", "发现案件", "结案率"], rows,
                       [26 * mm, 18 * mm, 24 * mm, 18 * mm, 22 * mm, 22 * mm, 26 * mm], align_right=(1, 2, 3, 4, 5, 6)))
    return out


def _coverage_rows(groups: tuple[tuple[str, Counts], ...]) -> list[list[str]]:
    return [[name, str(c.due), str(c.done), str(c.overdue), _share(c.done, c.due)] for name, c in groups]


def _share(part: int, whole: int) -> str:
    return pct(100 * part / whole) if whole else "—"


def inspections_section(t: Text, d: WorkBriefData) -> list[Any]:
    """分级分类检查: coverage of the plan by grade and by street, findings by category and what they became."""
    out = t.head("七、分级分类检查")
    f = d.inspections
    if f is None or (not f.totals.due and not f.patrols):
        return [*out, t.p(NONE)]
    tot = f.totals
    outcomes = dict(f.outcomes)
    found = sum(outcomes.values())
    behind = (f"，逾期未检 {tot.overdue} 次，涉及 {len(f.overdue_estates)} 个小区（"
              + "、".join(f.overdue_estates[:LIST_LIMIT]) + ("等" if len(f.overdue_estates) > LIST_LIMIT else "")
              + "）") if tot.overdue else "，无逾期未检"
    out.append(t.p(f"本期按小区分级应检 {tot.due} 次，已检 {tot.done} 次"
                   f"（完成 {_share(tot.done, tot.due)}）{behind}。本期巡查检查 {f.patrols} 次，发现问题 {found} 项，"
                   f"其中立案 {outcomes['立案']} 项（{_share(outcomes['立案'], found)}），"
                   f"线索移交 {outcomes['移交']} 项（{_share(outcomes['移交'], found)}），"
                   f"当场劝阻整改 {outcomes['当场劝阻整改']} 项（{_share(outcomes['当场劝阻整改'], found)}），"
                   f"待处理 {outcomes['待处理']} 项。"))
    widths = [44 * mm, 24 * mm, 24 * mm, 26 * mm, 26 * mm]
    heads = ["应检", "已检", "逾期未检", "完成率"]
    out += t.head("按分级：", "h2")
    out.append(t.table(["分级", *heads], _coverage_rows(f.by_grade), widths, align_right=(1, 2, 3, 4)))
    out += t.head("按街镇：", "h2")
    out.append(t.table(["街镇", *heads], _coverage_rows(f.by_street), widths, align_right=(1, 2, 3, 4)))
    if f.findings_by_category:
        out += t.head("发现问题按类别：", "h2")
        rows = [[f"{code} {name}", str(n), _share(n, found)] for code, name, n in f.findings_by_category]
        out.append(t.table(["类别", "发现问题", "占比"], rows, [90 * mm, 27 * mm, 27 * mm], align_right=(1, 2)))
    return out


SECTIONS: list[tuple[str, Callable[[Text, WorkBriefData], list[Any]]]] = [
    ("投诉万人比", per10k_section), ("案件办理", cases_section), ("逾期与挂账", overdue_section),
    ("重复投诉", repeats_section), ("培训宣传", trainings_section), ("试点对比", pilot_section),
    ("分级分类检查", inspections_section),
]
