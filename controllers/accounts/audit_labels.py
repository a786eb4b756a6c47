"""Chinese labels for the audit log: actions, record kinds, field names and settings keys (viewer and export)."""

from __future__ import annotations

from typing import Any

from controllers.core.permissions import ACTIONS

ACTION_LABELS: dict[str, str] = {
    "login": "登录", "login_failed": "登录失败", "logout": "退出登录", "lock": "锁定", "unlock_session": "解除锁定",
    "create": "新增", "update": "修改", "delete": "删除",
    "export": "导出", "print": "打印", "unmask": "显示完整信息", "reveal_phone": "显示号码", "import": "导入",
    "backup": "备份", "restore": "恢复备份", "denied": "被拒绝",
    "account_create": "新建账号", "account_update": "修改账号", "password_reset": "重置密码",
    "password_change": "修改密码", "account_unlock": "解锁账号",
}
ENTITY_LABELS: dict[str, str] = {
    "cases": "案件", "complaints": "诉件", "referrals": "移交", "attachments": "附件", "trainings": "培训宣传",
    "training_attendees": "培训人员", "training_kinds": "培训类型", "meetings": "会商", "meeting_actions": "会商待办",
    "estates": "住宅小区", "estate_aliases": "小区别名", "estate_populations": "小区人口",
    "estate_contacts": "小区联系人",
    "property_companies": "物业服务企业", "streets": "街镇", "categories": "执法事项类别", "regulations": "法律法规",
    "departments": "部门", "staff": "工作人员", "calendar_days": "节假日", "estate_grades": "小区分级",
    "settings": "设置", "users": "账号", "brief_issues": "工作简报", "backup": "备份", "audit_log": "审计日志",
    "exchange_peers": "交换工作室", "exchange_conflicts": "交换冲突", "exchange_tombstones": "已删除记录",
    "reply_templates": "回复模板", "typical_cases": "典型案例",
    "patrols": "巡查记录", "patrol_visits": "巡查小区", "patrol_checks": "巡查检查项目",
    "estate_grade_changes": "小区分级调整",
}

# Every column a change entry can name (a test checks the schema against this table), the many-to-many links
# named as changed, and the keys controllers put into `detail`. One generic label per name: the record kind is
# shown beside the detail, so “名称” under 住宅小区 reads as the estate's name.
FIELD_LABELS: dict[str, str] = {
    # cases
    "number": "编号", "year": "年度", "seq": "序号", "status": "状态", "category_id": "执法事项类别",
    "estate_id": "住宅小区", "street_id": "街镇", "place": "地点", "source": "来源", "found_date": "发现日期",
    "facts": "违法事实", "measures": "处置措施", "result": "处理结果", "deadline": "办理期限",
    "officer_id": "承办人", "closed_on": "结案日期", "followup_due": "回头看日期", "followup_done_on": "回头看完成日期",
    "hold_reason": "中止原因", "hold_review_date": "中止复核日期", "recurrence_of_id": "复发自案件",
    "party_name": "当事人", "party_phone": "当事人电话", "party_id_no": "当事人证件号",
    "property_company_id": "物业服务企业", "penalty_decided_on": "处罚决定日期", "penalty_doc_no": "处罚决定书文号",
    "penalty_amount": "罚款金额", "regulations": "法律法规", "regulation_id": "法律法规", "version": "版本",
    # reply templates, the 12345 return marks, typical cases (issue 21)
    "body": "模板内容", "return_sent_at": "回传时间", "return_digest": "回传内容摘要", "marked_on": "标记日期",
    "marked_by": "标记人", "legal_basis": "法律依据", "handling": "处理经过", "outcome": "处理结果",
    "lesson": "以案释法",
    # referrals
    "case_id": "案件", "complaint_id": "诉件", "department_id": "部门", "reason": "原因", "referred_on": "移交日期",
    "letter_no": "移交函号", "received_on": "签收日期", "reply": "答复", "reply_due": "答复期限",
    "replied_on": "答复日期", "reply_letter_no": "回函文号",
    # complaints
    "channel": "渠道", "work_order_no": "工单编号", "received_at": "受理时间", "content": "诉求内容",
    "address": "地址", "address_key": "地址索引", "complainant_name": "诉求人", "complainant_phone": "诉求人电话",
    "satisfaction": "满意度", "callback_on": "回访日期", "callback_note": "回访记录", "repeat_of_id": "重复于诉件",
    # attachments
    "owner": "责任人", "kind": "类型", "filename": "文件名", "mime_type": "文件格式", "size_bytes": "文件大小",
    "sha256": "文件校验值", "caption": "说明", "taken_at": "拍摄时间",
    # trainings and meetings
    "training_id": "培训宣传", "meeting_id": "会商", "kind_id": "培训类型", "title": "标题", "starts_at": "开始时间",
    "ends_at": "结束时间", "venue": "地点", "organiser": "组织单位", "audience": "对象", "planned_count": "计划人数",
    "actual_count": "实到人数", "notes": "备注", "organisation": "单位", "position": "职务", "invited": "已邀请",
    "attended": "已出席", "held_on": "会商日期", "people_present": "参会人员", "decisions": "议定事项",
    "description": "事项", "due": "完成期限", "done": "已完成", "done_on": "完成日期",
    "cases": "案件", "complaints": "诉件", "departments": "部门", "estates": "住宅小区",
    # complaint and case month counts (kept by triggers; named for completeness)
    "month": "月份", "repeats": "重复诉件数", "found": "发现案件数", "closable": "应结案件数",
    "closed_of_found": "已结案件数", "closed": "当月结案数", "with_deadline": "有期限结案数", "on_time": "按期结案数",
    # inspections and patrols
    "started_at": "巡查时间", "officers": "巡查队员", "patrol_id": "巡查记录", "visit_id": "巡查小区",
    "met_property": "见到物业", "met_committee": "见到居委", "met_owners_committee": "见到业委会",
    "referral_id": "移交", "patrol_check_id": "巡查发现", "effective_from": "生效日期",
    "previous_grade_id": "原分级", "inspection_months": "检查周期（月）", "inspection_working_days": "按工作日检查",
    # reference data
    "name": "名称", "short_name": "简称", "code": "代码", "active": "启用", "sort_order": "排序",
    "deadline_days": "办理时限（天）", "working_days": "按工作日计", "referral_only": "仅移交", "annex_no": "附件序号",
    "articles": "条款", "applies_to_all": "适用全部类别", "grade_id": "小区分级", "households": "户数",
    "pilot": "试点小区", "residents_committee": "居委会", "alias": "别名", "population": "人口",
    "as_of": "统计日期", "role": "角色", "phone": "电话", "note": "备注", "contact": "联系人",
    "contact_phone": "联系电话", "project_manager": "项目经理", "duty": "职责", "typical_referral": "常见移交事项",
    "badge_no": "执法证号", "day": "日期", "key": "设置项", "value": "设置值",
    # accounts and briefs
    "username": "用户名", "display_name": "显示名", "staff_id": "工作人员", "password_hash": "密码",
    "failed_attempts": "失败次数", "locked_until": "锁定至", "last_login_at": "上次登录", "user_id": "账号",
    "issued_on": "签发日期", "issued_by": "签发人", "period_label": "期间", "scope_label": "范围",
    "station_name": "工作室名称",
    # supervision orders (督办单)
    "subject": "督办事项类型", "subject_label": "督办事项", "action_id": "会商事项",
    "reason_text": "督办事由", "addressee": "督办对象", "answer": "办理情况", "answered_on": "答复日期",
    "answered_by": "答复人", "closed_by": "办结人", "close_note": "办结意见",
    # exchange packages between stations
    "station_uuid": "工作室标识", "last_exported_at": "上次导出时间", "last_imported_at": "上次导入时间",
    "packages": "交换包数", "peer_station_uuid": "对方工作室标识", "peer_station_name": "对方工作室",
    "entity": "记录类型", "record_uuid": "记录标识", "mine_updated_at": "本站修改时间",
    "theirs_updated_at": "对方修改时间", "theirs": "对方数据", "resolution": "处理方式", "resolved_at": "处理时间",
    "resolved_by": "处理人", "deleted_at": "删除时间", "record_updated_at": "删除前的修改时间",
    # keys controllers write into `detail`
    "fields": "字段", "file": "备份文件", "rows": "条数", "personal": "含个人信息", "permission": "所需权限",
    "idle": "闲置自动锁定", "first_start": "首次启动", "account": "账号", "before": "修改前", "after": "修改后",
}
# Settings rows are one table of keys: the entry names the key, shown as the setting's name.
SETTING_LABELS: dict[str, str] = {
    "station_name": "工作室名称", "followup_days": "回头看天数", "idle_lock_minutes": "闲置锁定分钟数",
    "brief_font_path": "简报字体", "repeat_window_days": "重复诉件判定天数", "dashboard_targets": "工作台目标",
    "brief_masthead": "简报报头", "brief_report_to": "简报报送（报）", "brief_send_to": "简报报送（送）",
    "brief_issue_to": "简报报送（发）", "brief_signer": "简报签发人", "brief_reviewer": "简报审核人",
}
SETTING_PREFIX_LABELS: dict[str, str] = {"reply_days.": "答复期限天数：", "seed.": "基础数据版本："}
SEED_PART_LABELS: dict[str, str] = {"calendar": "节假日"}
# Values that are codes in the log but words to a reader.
VALUE_LABELS: dict[str, str] = {"estate": "不属于本人的小区"}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def setting_label(key: str) -> str:
    if key in SETTING_LABELS:
        return SETTING_LABELS[key]
    for prefix, label in SETTING_PREFIX_LABELS.items():
        if key.startswith(prefix):
            rest = key[len(prefix):]
            return label + (ENTITY_LABELS.get(rest) or SEED_PART_LABELS.get(rest, rest))
    return key


def value_text(key: str, value: Any) -> str:
    """A detail value as a reader sees it: yes/no in Chinese, a permission as its action, a settings key named."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "permission":
        return ACTIONS.get(str(value), str(value))
    if key == "key":
        return setting_label(str(value))
    if isinstance(value, list):
        return "、".join(value_text(key, v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{field_label(k)} {value_text(k, v)}" for k, v in value.items())
    return VALUE_LABELS.get(str(value), str(value)) if key == "reason" else str(value)
