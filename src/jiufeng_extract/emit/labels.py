"""Headers and value labels for the outputs people read (xlsx, csv, Markdown, terminal tables),
in Chinese by default and in English with ``--lang en``. JSON and YAML keep the contract's keys.

Every column has a key (its English name, as ``--lang en`` prints it) and a Chinese label; the
Chinese follows the circulars' own words (序号, 重点任务, 牵头单位, 配合单位, 完成时限).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from ..formats import Lang
from ..model import DeadlineKind, RoleScope, UnitRole

_ZH = {
    # responsibility table, tasks, special actions, milestones
    "seq": "序号",
    "category": "类别",
    "task_number": "任务编号",
    "task_title": "重点任务",
    "task_text": "任务内容",
    "lead": "牵头单位",
    "support": "配合单位",
    "joint": "共同推进单位",
    "special_action_lead": "专项行动牵头单位",
    "notes": "备注",
    "deadline": "完成时限",
    "deadline_kind": "时限类型",
    "start": "开始日期",
    "due": "截止日期",
    "doc_number": "发文字号",
    "doc_title": "文件标题",
    "ordinal": "序号",
    "number": "编号",
    "title": "标题",
    "text": "内容",
    "path": "所属部分",
    "special_actions": "专项行动",
    "task": "所属任务",
    "page": "页码",
    "line": "行号",
    "signed_date": "成文日期",
    "issuers": "发文机关",
    "tasks": "任务数",
    "table_rows": "责任表行数",
    "warnings": "提示数",
    "source": "来源文件",
    # per-unit duties
    "unit": "单位",
    "canonical": "规范名称",
    "role": "职责",
    "scope": "类型",
    "row": "责任表序号",
    # metadata and warnings
    "field": "项目",
    "value": "内容",
    "code": "代码",
    "message": "说明",
    "where": "位置",
    # sheet names
    "sheet_responsibility": "责任分工",
    "sheet_tasks": "重点任务",
    "sheet_special_actions": "专项行动",
    "sheet_milestones": "时间节点",
    "sheet_metadata": "文件信息",
    "sheet_warnings": "提示",
}
_ZH_METADATA = {
    "title": "标题",
    "doc_number": "发文字号",
    "doc_type": "文种",
    "issuers": "发文机关",
    "recipients": "主送机关",
    "signed_date": "成文日期",
    "published_date": "发布日期",
    "printed_date": "印发日期",
    "enclosure_title": "附件标题",
    "copied_to": "抄送机关",
    "source": "来源文件",
    "sha256": "SHA-256",
}
_ZH_VALUES: dict[StrEnum, str] = {
    DeadlineKind.ONGOING: "长期",
    DeadlineKind.BY_DATE: "限期",
    DeadlineKind.RANGE: "时段",
    DeadlineKind.UNSPECIFIED: "未明确",
    UnitRole.LEAD: "牵头",
    UnitRole.SUPPORT: "配合",
    UnitRole.JOINT: "共同",
    RoleScope.TASK: "任务",
    RoleScope.SPECIAL_ACTION: "专项行动",
}
_EN_SHEETS = {
    "sheet_responsibility": "responsibility",
    "sheet_tasks": "tasks",
    "sheet_special_actions": "special actions",
    "sheet_milestones": "milestones",
    "sheet_metadata": "metadata",
    "sheet_warnings": "warnings",
}


def label(key: str, lang: Lang) -> str:
    if lang is Lang.EN:
        return _EN_SHEETS.get(key, key)
    return _ZH[key]


def header(keys: Sequence[str], lang: Lang) -> list[str]:
    return [label(key, lang) for key in keys]


def metadata_label(key: str, lang: Lang) -> str:
    return key if lang is Lang.EN else _ZH_METADATA[key]


def value(item: StrEnum, lang: Lang) -> str:
    """An enum value as a reader sees it: 牵头 for ``lead``, 长期 for ``ongoing``."""
    return item.value if lang is Lang.EN else _ZH_VALUES.get(item, item.value)
