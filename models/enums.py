"""Closed vocabularies of the domain, stored as their Chinese terms and enforced by CHECK constraints."""

from __future__ import annotations

from sqlalchemy import CheckConstraint

# Case workflow (DOMAIN.md "The closed loop"); the transitions live in controllers.
CASE_STATUSES = (
    "登记", "核查", "立案", "不予立案", "责令整改", "复查", "结案", "挂账", "移交",
)
CASE_SOURCES = ("巡查发现", "居民投诉", "12345热线", "物业报告", "部门移交", "其他")
CASE_EVENT_KINDS = ("创建", "状态变更", "修改", "备注", "附件", "移交", "回头看", "重新打开")

COMPLAINT_CHANNELS = ("12345热线", "来电", "来访", "信件", "网络", "居委转交", "社区工作室")
COMPLAINT_STATUSES = ("待处理", "处理中", "已办结", "已回复")
SATISFACTION = ("满意", "基本满意", "不满意")
DISSATISFIED = "不满意"
# The kinds of reply a template is written for (回复模板), in the order a complaint meets them.
REPLY_KINDS = ("受理告知", "办理结果", "不予立案说明", "移交告知", "回访话术")

REFERRAL_STATUSES = ("待回复", "已回复", "已退回")
ATTACHMENT_KINDS = ("整改前", "整改后", "证据", "材料", "照片", "其他")
ESTATE_CONTACT_ROLES = ("居委书记", "居委主任", "业委会主任", "物业项目经理", "楼组长", "居民代表")
STREET_KINDS = ("街道", "镇")
MEETING_KINDS = ("例会", "研讨会诊", "联合会商", "其他")
CALENDAR_DAY_KINDS = ("节假日", "调休上班")
USER_ROLES = ("管理员", "工作人员", "督导", "居委代表")
PATROL_KINDS = ("分级分类检查", "日常巡查", "专项整治", "联合检查", "夜间巡查")
CHECK_RESULTS = ("正常", "发现问题", "不适用")
# What a finding (a 发现问题 checklist line) became: a case, a referral (移交, through a case: see
# controllers.inspections.findings), or fixed on the spot (counted, no case).
FINDING_OUTCOMES = ("立案", "移交", "当场劝阻整改")


def one_of(column: str, values: tuple[str, ...], name: str, *, nullable: bool = False) -> CheckConstraint:
    """CHECK that a text column holds one of the vocabulary's values: `column = 'a' OR column = 'b' ...`, not
    `column IN ('a', 'b', ...)`, which SQLite checks by building a temporary b-tree of the list for every row written
    (schema 0020 turned the lists of before into such comparisons; PostgreSQL keeps its lists, as cheap there)."""
    expr = " OR ".join(f"{column} = '" + v.replace("'", "''") + "'" for v in values)
    if nullable:
        expr = f"{column} IS NULL OR {expr}"
    return CheckConstraint(expr, name=name, info={"vocabulary": (column, values)})  # for tests to find
