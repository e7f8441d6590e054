"""The enterprise profile: its fields, their types and ranges, and the Chinese messages for bad input.

A profile is the interchange JSON of INTERCHANGE.md: `{"format", "enterprise", "facts"}`. Parsing checks
every known field before any rule runs and keeps unknown keys untouched, so a profile written by a newer
version survives a round trip. Amounts become `Decimal`; absent and `null` both mean "not known".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from decimal import Decimal
from pathlib import Path
from typing import Any

from shenbao.core import fieldkinds
from shenbao.core.fieldkinds import ID_TYPES, FieldValueError, document_problem, normal_code
from shenbao.core.fieldkinds import ORG_TYPES as ORG_TYPES
from shenbao.core.fieldkinds import iso_date as parse_date  # noqa: F401 -- the strict interchange date, for callers
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.errors import KnownError, os_reason

FORMAT = "shenbao-profile/1"

RECOGNITION_KINDS: dict[str, str] = {
    "national_ai_open_platform": "国家新一代人工智能开放创新平台",
    "national_key_lab": "国家重点实验室",
    "provincial_enterprise_key_lab": "省级企业重点实验室",
    "provincial_new_rd_institution": "省级新型研发机构",
    "provincial_ai_park": "省级人工智能产业园",
}


def latest_recognition(items: list[Any], kind: str | None) -> int | None:
    """Where in a profile's recognitions the latest of `kind` is (the first of them if dated alike):
    the one the editor's box and a wizard's recognition field show and answer, as the printed form
    prints it; the kind's earlier ones stay as they are. None without one."""
    found: int | None = None
    latest = dt.date.min
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get("kind") == kind:
            date = fieldkinds.parse_date(item.get("date")) or dt.date.min
            if found is None or date > latest:
                found, latest = i, date
    return found


# The groups the profile editor shows, in order, with their Chinese titles; every field names its group.
FIELD_GROUPS: dict[str, str] = {
    "basic": "企业基本信息",
    "compute": "算力",
    "product": "模型、产品与平台",
    "talent": "人才",
    "projects": "项目与投入",
    "contact": "联系与登记信息",
}


@dataclass(frozen=True)
class FieldSpec:
    """One field of the profile: its kind, Chinese label and help, and the group it is shown in."""

    path: str
    kind: str  # a kind of core.fieldkinds: text, city, bool, money, number, count, ratio, date, uscc, …
    label: str
    help: str
    group: str  # a key of FIELD_GROUPS


def _specs(prefix: str, rows: Iterable[tuple[str, str, str, str, str]]) -> dict[str, FieldSpec]:
    return {
        key: FieldSpec(f"{prefix}.{key}", kind, label, help_, group)
        for key, kind, label, help_, group in rows
    }


ENTERPRISE_FIELDS: dict[str, FieldSpec] = _specs(
    "enterprise",
    [
        ("name", "name", "企业（单位）名称", "与营业执照一致", "basic"),
        ("uscc", "uscc", "统一社会信用代码", "18位，末位为校验码（GB 32100-2015）", "basic"),
        ("org_type", "org_type", "单位类型", "企业、高校、科研院所、园区运营方或其他", "basic"),
        ("province", "province", "注册地（省）", "如：福建省", "basic"),
        ("city", "city", "注册地（市）", "如：福州市", "basic"),
        ("district", "text", "注册地（区县）", "如：鼓楼区", "basic"),
        ("is_ai_enterprise", "bool", "人工智能企业", "主营业务属于人工智能领域", "basic"),
        ("in_ai_backbone_list", "bool", "列入省人工智能骨干企业清单", "闽 2025 措施第九条", "basic"),
        ("in_fz_compute_platform", "bool", "纳入福州市级算力平台", "榕 2024 方案三(一)使用侧", "basic"),
        ("address", "text", "注册地址", "", "contact"),
        ("legal_representative", "text", "法定代表人", "", "contact"),
        ("contact_name", "text", "联系人", "", "contact"),
        ("contact_phone", "phone", "联系电话", "手机或座机", "contact"),
        ("email", "email", "电子邮箱", "", "contact"),
        ("established_on", "date", "成立日期", "YYYY-MM-DD", "contact"),
        ("registered_capital", "money", "注册资本（元）", "", "contact"),
        ("employees", "count", "从业人数", "", "contact"),
        ("rd_staff", "count", "研发人员数", "", "contact"),
        ("revenue_prev_year", "money", "上年度营业收入（元）", "", "contact"),
        ("rd_expense_prev_year", "money", "上年度研发经费支出（元）", "", "contact"),
    ],
)

FACT_FIELDS: dict[str, FieldSpec] = _specs(
    "facts",
    [
        (
            "compute_purchase_amount",
            "money",
            "年度购买算力服务总额（元）",
            "以当年实际支付的算力服务费用为准",
            "compute",
        ),
        (
            "compute_subsidy_year_index",
            "year_index",
            "连续享受算力补助的年度（第几年）",
            "第一年填 1",
            "compute",
        ),
        ("infra_new_or_expanded", "bool", "算力项目为新建（含扩容升级）", "", "compute"),
        (
            "infra_pflops_nominal",
            "number",
            "算力标称值（P，按 FP16 计）",
            "1P = 每秒千万亿次浮点运算",
            "compute",
        ),
        (
            "infra_pflops_sold",
            "number",
            "实际销售和运营使用的算力规模（P）",
            "以合同、发票等为依据",
            "compute",
        ),
        ("infra_domestic_chip_ratio", "ratio", "自主芯片算力标称值占比", "", "compute"),
        ("infra_in_fuzhou", "bool", "物理空间和实体均在福州市辖区内", "", "compute"),
        (
            "infra_in_key_library",
            "bool",
            "列入省重点技改项目库或市级数字经济重点库",
            "榕 2024 方案三(一)",
            "compute",
        ),
        (
            "infra_in_provincial_key_library",
            "bool",
            "列入省重点技改项目库",
            "闽 2023 十条措施：不含市级数字经济重点库",
            "compute",
        ),
        ("infra_registered", "bool", "已向信息化主管部门备案登记", "榕 2024 方案四(二)", "compute"),
        ("infra_operational_on", "date", "算力项目投用日期", "YYYY-MM-DD", "compute"),
        ("infra_loan_amount", "money", "算力项目贷款金额（元）", "", "compute"),
        ("infra_loan_years", "number", "贷款期限（年）", "贴息最长 3 年", "compute"),
        ("vertical_model_project", "bool", "开展人工智能行业垂直模型攻关项目", "", "product"),
        ("ai_product_count", "count", "申报的人工智能产品数（个）", "", "product"),
        ("platform_investment", "money", "创新平台建设实际投入（元）", "", "product"),
        ("platform_is_lead_builder", "bool", "为平台牵头建设单位", "", "product"),
        ("model_agent_project", "bool", "实施人工智能模型和智能体开发、应用项目", "", "product"),
        ("standards_participation", "bool", "主导或参与制修订国际标准、国家标准", "", "product"),
        ("data_element_park_selected", "bool", "入选省数据要素产业园", "", "product"),
        ("trusted_data_space_pilot", "bool", "入选国家可信数据空间创新发展试点", "", "product"),
        ("core_engineer_count", "count", "列入核心工程师名册的人数", "", "talent"),
        ("overseas_youth_invited", "bool", "邀请海外人工智能青年人才来闽交流合作", "", "talent"),
        ("leading_talent_project", "bool", "引进人工智能领军人才和团队（一事一议）", "", "talent"),
        ("is_leading_enterprise", "bool", "为龙头企业", "", "projects"),
        ("joint_with_university", "bool", "联合高校院所实施", "", "projects"),
        ("keytech_total_investment", "money", "技术创新重点攻关项目总投入（元）", "", "projects"),
        ("is_software_enterprise", "bool", "为软件企业", "", "projects"),
        ("scenario_count", "count", "申报的典型应用场景数（个）", "", "projects"),
        ("general_tech_project", "bool", "承担通用技术攻关（揭榜挂帅）项目", "", "projects"),
        ("iiot_actual_investment", "money", "工业互联网项目实际投资额（元）", "", "projects"),
        ("ai_training_in_fuzhou", "bool", "在福州市范围内从事人工智能专业培训", "", "talent"),
        (
            "rd_equipment_purchase_non_fiscal",
            "money",
            "以非财政资金购置科研仪器、设备和软件的经费（元）",
            "",
            "projects",
        ),
        ("city_major_project", "bool", "承担市级科技重大专项项目", "", "projects"),
        ("in_high_tech_zone", "bool", "位于国家高新区或省级高新园区", "", "projects"),
    ],
)

# A fact that means something only while another fact holds: the term of a loan of 0 元 (no loan) is not
# asked. The form's `show_if` of the field says the same (tests/forms checks that they agree).
ASKED_ONLY_IF: dict[str, tuple[str, str, Decimal]] = {
    "facts.infra_loan_years": ("facts.infra_loan_amount", ">", Decimal(0)),
}


def not_asked(path: str, enterprise: Mapping[str, Any], facts: Mapping[str, Any]) -> bool:
    """True when `path` is moot for these values: the fact it depends on is given and fails the test
    of ASKED_ONLY_IF (unknown, it is still asked)."""
    rule = ASKED_ONLY_IF.get(path)
    if rule is None:
        return False
    section, _, key = rule[0].partition(".")
    value = (enterprise if section == "enterprise" else facts).get(key)
    if value is None:
        return False
    op, operand = rule[1], rule[2]
    holds = {">": value > operand, ">=": value >= operand, "!=": value != operand, "==": value == operand}
    return not holds[op]


# Detail the wizards collect; each derives one fact when that fact itself is absent.
DETAIL_DERIVES: dict[str, str] = {
    "compute_invoices": "compute_purchase_amount",
    "ai_products": "ai_product_count",
    "core_engineers": "core_engineer_count",
    "platform_investment_items": "platform_investment",
}
DETAIL_LABELS: dict[str, str] = {
    "compute_invoices": "算力服务发票",
    "ai_products": "人工智能产品",
    "core_engineers": "核心工程师名册",
    "platform_investment_items": "平台建设投入明细",
}
MONEY_DETAILS = frozenset({"compute_invoices", "platform_investment_items"})  # their totals are sums in 元


def _sum_text(detail: str, value: Any) -> str:
    """A total a detail list is compared with, as a person reads it: 1,270,670.50 for a sum of money."""
    if detail in MONEY_DETAILS and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        from shenbao.core.money import yuan

        return yuan(Decimal(value))
    return str(value)


# (column, kind, required) of each detail row.
DETAIL_COLUMNS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "compute_invoices": (
        ("supplier", "text", True),
        ("invoice_no", "text", True),
        ("date", "date", True),
        ("amount", "signed_money", True),  # a red-letter invoice is negative and reduces the total
    ),
    "ai_products": (("name", "text", True), ("category", "text", False), ("description", "text", False)),
    "core_engineers": (
        ("name", "text", True),
        ("id_number", "id_number", True),
        ("id_type", "id_type", False),
    ),
    "platform_investment_items": (("item", "text", True), ("amount", "money", True)),
}
COLUMN_LABELS: dict[str, str] = {
    "supplier": "供应商",
    "invoice_no": "发票号码",
    "date": "日期",
    "amount": "金额（元）",
    "name": "名称/姓名",
    "category": "类别",
    "description": "简介",
    "id_number": "身份证号",
    "id_type": "证件类型",
    "item": "投入项目",
}

# The Chinese message of a bad value of each kind (core.fieldkinds has one home for them).
KIND_ERRORS: dict[str, str] = fieldkinds.MESSAGES
# The messages of a profile's checks, written as Phrases (core.phrases): `field`, `list` and `problem`
# are labels and messages of their own, translated on their own.
MESSAGES: dict[str, str] = {
    "bad": "{field}{problem}（收到 {got}）",
    "empty": "{field}不能为空",
    "uscc_first": "保存前须填写统一社会信用代码",
    "same_person": "第 {row} 行与第 {first} 行的{field}相同（{masked}）：同一人只能列入一次",
    "same_invoice": "第 {row} 行与第 {first} 行是同一张发票（{supplier}，发票号码 {number}）：一张发票只能计一次",
    "negative": "{field}合计为 {total}，不能为负（红字发票多于原发票）",
    "disagrees": "与{list}不一致：{field}为 {given}，{list}合计为 {total}",
    # contradictions: said, never refused (see `contradictions`)
    "place": "注册地（市）为{city}，属于福建省，与注册地（省）{province}不一致，请核对",
    "more_than": "{field}为 {value}，大于{what}的 {limit}：前者不能多于后者，请核对",
    "implies": "“{narrow}”为是，而“{wide}”为否：前者属于后者，请核对",
    # a profile file that cannot be read, or is not laid out as a profile
    "more": "{first}（另有 {count} 处错误）",
    "not_object": "内容应为 JSON 对象",
    "format": "不支持的格式 {found}，应为 {expected}",
    "no_enterprise": "缺少企业信息（应为 JSON 对象）",
    "object": "应为 JSON 对象",
    "recognitions_list": "认定情况应为列表",
    # `kinds` as the file writes them: a profile file's names, a park table's Chinese labels
    "recognition_kind": "认定类型应为以下之一：{kinds}（收到 {got}）",
    "recognition_object": "应为包含 kind 与 date 的对象",
    "list": "{list}应为列表",
    "row_object": "应为对象",
    "no_file": "文件不存在",
    "folder": "这是一个文件夹，不是档案文件",
    "not_utf8": "不是 UTF-8 编码的文本文件",
    "unreadable": "无法读取（{why}）",
    "empty_file": "文件为空",
}


class ProfileError(KnownError):
    """One invalid field. `field` is its JSON path (e.g. `facts.compute_purchase_amount`)."""

    def __init__(self, field: str, message: str, *, source: str | None = None) -> None:
        self.field = field
        self.source = source
        super().__init__(message)

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.field}: {self.message}" if self.field else f"{where}{self.message}"


class ProfileErrors(ProfileError):
    """Every invalid field of a profile, the first one standing for them all in `str()`."""

    def __init__(self, errors: list[ProfileError], *, source: str | None = None) -> None:
        self.errors = errors
        first = errors[0]
        message = first.message
        if len(errors) > 1:
            message = Phrase(MESSAGES["more"], first=first.message, count=len(errors) - 1)
        super().__init__(first.field, message, source=source)


def label_of(path: str) -> str:
    """The Chinese label of a field path, for messages and the UI."""
    section, _, key = path.partition(".")
    spec = (ENTERPRISE_FIELDS if section == "enterprise" else FACT_FIELDS).get(key)
    if spec:
        return spec.label
    if key in DETAIL_LABELS:
        return DETAIL_LABELS[key]
    return path


# --- value checks --------------------------------------------------------------------------------


def valid_uscc(code: str) -> bool:
    return fieldkinds.valid_uscc(code)


def valid_id_number(number: str) -> bool:
    """GB 11643 (and the 2023 外国人永久居留身份证): see fieldkinds.id_number_problem."""
    return fieldkinds.id_number_problem(number.strip().upper()) is None


def _check(kind: str, value: Any) -> Any:
    """The value converted for the rules, or raise FieldValueError (a ValueError) with the message."""
    return fieldkinds.check(kind, value)


def check_value(kind: str, value: Any) -> str | None:
    """None when `value` (an interchange value) fits `kind`, else the Chinese message. For typed text,
    read it with `fieldkinds.parse`, which accepts the spellings people use."""
    try:
        _check(kind, value)
    except FieldValueError as err:
        return err.message
    return None


# --- facts that contradict each other --------------------------------------------------------------


@dataclass(frozen=True)
class Contradiction:
    """Two fields whose values cannot both be true (福州市 in 浙江省; more compute sold than owned).
    Said where the profile is edited and judged, never refused: which of the two is wrong is for the
    user to tell, and a profile saved before is still read as it was."""

    paths: tuple[str, ...]  # the fields concerned, the one to correct first
    message: str  # a Phrase of MESSAGES


# (the larger, the one it may not exceed): a part can be no more than its whole
AT_MOST: tuple[tuple[str, str], ...] = (
    ("facts.infra_pflops_sold", "facts.infra_pflops_nominal"),
    ("enterprise.rd_staff", "enterprise.employees"),
)
# (the narrower yes, the wider yes it makes): listed in the provincial library is listed in "the
# provincial or the municipal" one
IMPLIES: tuple[tuple[str, str], ...] = (
    ("facts.infra_in_provincial_key_library", "facts.infra_in_key_library"),
)


def contradictions(enterprise: Mapping[str, Any], facts: Mapping[str, Any]) -> list[Contradiction]:
    """The contradictions among a profile's converted values (a Profile's `enterprise` and `facts`)."""
    out: list[Contradiction] = []
    province, city = enterprise.get("province"), enterprise.get("city")
    if province and province != "福建省" and city in fieldkinds.CITY_NAMES.values():
        out.append(
            Contradiction(
                ("enterprise.province", "enterprise.city"),
                Phrase(MESSAGES["place"], city=city, province=province),
            )
        )

    if not (_COMPARED_FACTS.isdisjoint(facts) and _COMPARED_ENTERPRISE.isdisjoint(enterprise)):
        out += _compared(enterprise, facts)
    return out


def _compared(enterprise: Mapping[str, Any], facts: Mapping[str, Any]) -> list[Contradiction]:
    """The contradictions of AT_MOST and IMPLIES."""
    out: list[Contradiction] = []

    def value_of(path: str) -> Any:
        section, _, key = path.partition(".")
        return (enterprise if section == "enterprise" else facts).get(key)

    for part, whole in AT_MOST:
        value, limit = value_of(part), value_of(whole)
        if isinstance(value, int | Decimal) and isinstance(limit, int | Decimal) and value > limit:
            kind, limit_kind = _spec(part).kind, _spec(whole).kind
            message = Phrase(
                MESSAGES["more_than"],
                field=_spec(part).label,
                value=fieldkinds.format_value(kind, value),
                what=_spec(whole).label,
                limit=fieldkinds.format_value(limit_kind, limit),
            )
            out.append(Contradiction((part, whole), message))
    for narrow, wide in IMPLIES:
        if value_of(narrow) is True and value_of(wide) is False:
            message = Phrase(MESSAGES["implies"], narrow=_spec(narrow).label, wide=_spec(wide).label)
            out.append(Contradiction((wide, narrow), message))
    return out


# the fields AT_MOST and IMPLIES compare, by section: a profile holding none of them has none of those
_COMPARED_FACTS, _COMPARED_ENTERPRISE = (
    frozenset(
        path.partition(".")[2] for pair in (*AT_MOST, *IMPLIES) for path in pair if path.startswith(section)
    )
    for section in ("facts.", "enterprise.")
)


def document_contradictions(document: Mapping[str, Any]) -> list[Contradiction]:
    """The contradictions of an interchange document as typed (the editor's): values that do not read
    are left out, as the editor's own check says what is wrong with them."""
    sections: list[dict[str, Any]] = []
    for name, specs in (("enterprise", ENTERPRISE_FIELDS), ("facts", FACT_FIELDS)):
        given = document.get(name)
        values: dict[str, Any] = {}
        if isinstance(given, Mapping):
            for path in CONTRADICTION_PATHS:
                section, _, key = path.partition(".")
                if section == name and given.get(key) is not None:
                    try:
                        values[key] = _check(specs[key].kind, given[key])
                    except FieldValueError:
                        continue
        sections.append(values)
    return contradictions(sections[0], sections[1])


_PLACE = ("enterprise.province", "enterprise.city")
CONTRADICTION_PATHS = frozenset((*_PLACE, *(p for pair in (*AT_MOST, *IMPLIES) for p in pair)))
"""Every field a contradiction reads: an edit of another cannot make or end one."""


def _spec(path: str) -> FieldSpec:
    section, _, key = path.partition(".")
    return (ENTERPRISE_FIELDS if section == "enterprise" else FACT_FIELDS)[key]


# --- the profile ----------------------------------------------------------------------------------


@dataclass
class Profile:
    """A validated profile. `enterprise` and `facts` hold converted values (Decimal, date, …) for the
    known keys; `raw` is the document as given, unknown keys included, for writing back."""

    enterprise: dict[str, Any]
    facts: dict[str, Any]
    recognitions: list[tuple[str, dt.date]]
    raw: dict[str, Any] = field(repr=False)
    derived: dict[str, str] = field(default_factory=dict)  # fact → the detail it was derived from
    # fact → (year, sum) of each calendar year its detail's rows are dated in, when they are dated in more
    # than one (invoices of two years summed into one 年度 total): only for a fact equal to that sum
    years: dict[str, tuple[tuple[int, Decimal], ...]] = field(default_factory=dict)
    # fact → the first and the last date of its detail's dated rows with an amount (a 年度 total's invoices)
    dated: dict[str, tuple[dt.date, dt.date]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.enterprise.get("name") or ""

    @property
    def uscc(self) -> str | None:
        return self.enterprise.get("uscc")

    def to_dict(self) -> dict[str, Any]:
        """The interchange JSON, as given (unknown keys kept), with `format` set."""
        out = {"format": FORMAT}
        out.update({k: v for k, v in self.raw.items() if k != "format"})
        return out


def parse_profile(
    data: Any,
    *,
    source: str | None = None,
    require_uscc: bool = False,
    check: Callable[[str, Any], Any] = _check,
    checked: tuple[dict[str, Any], dict[str, Any]] | None = None,
) -> Profile:
    """Validate `data` (a decoded JSON object) into a Profile, or raise ProfileErrors naming every bad
    field. `require_uscc` is for saving: a preview may run before the code is typed. `check` converts
    one value (a table import passes a `fieldkinds.Memo` of it). `checked`: the enterprise's and the
    facts' values already converted by `check`, in the order of the field tables, for exactly the
    fields of `data` that `check` would convert (a table import converts each distinct cell once);
    the two dicts become the profile's."""
    errors: list[ProfileError] = []

    def fail(path: str, message: str) -> None:
        errors.append(ProfileError(path, message, source=source))

    if type(data) is not dict and not isinstance(data, Mapping):  # (the type first: an import reads 100,000)
        raise ProfileErrors([ProfileError("", Phrase(MESSAGES["not_object"]), source=source)], source=source)
    fmt = data.get("format")
    if fmt is not None and fmt != FORMAT:
        fail("format", Phrase(MESSAGES["format"], found=repr(fmt), expected=FORMAT))
    ent_raw = data.get("enterprise")
    facts_raw = data.get("facts", {})
    if type(ent_raw) is not dict and not isinstance(ent_raw, Mapping):
        fail("enterprise", Phrase(MESSAGES["no_enterprise"]))
        ent_raw = {}
    if facts_raw is None:
        facts_raw = {}
    if type(facts_raw) is not dict and not isinstance(facts_raw, Mapping):
        fail("facts", Phrase(MESSAGES["object"]))
        facts_raw = {}

    if checked is None:
        enterprise = _convert(ent_raw, ENTERPRISE_FIELDS, "enterprise", fail, check)
    else:
        enterprise = checked[0]
    name = enterprise.get("name")
    if not name:
        fail("enterprise.name", Phrase(MESSAGES["empty"], field=ENTERPRISE_FIELDS["name"].label))
    if require_uscc and not enterprise.get("uscc"):
        fail("enterprise.uscc", Phrase(MESSAGES["uscc_first"]))
    if "uscc" in enterprise:
        enterprise["uscc"] = enterprise["uscc"].upper()
    enterprise.setdefault("org_type", "enterprise")
    recognitions = _recognitions(ent_raw.get("recognitions"), fail)

    facts = _convert(facts_raw, FACT_FIELDS, "facts", fail, check) if checked is None else checked[1]
    derived: dict[str, str] = {}
    years: dict[str, tuple[tuple[int, Decimal], ...]] = {}
    dated: dict[str, tuple[dt.date, dt.date]] = {}
    numbers: dict[str, dict[int, str]] = {}  # a list's document numbers as kept, by row, where not as given
    for detail, fact in DETAIL_DERIVES.items():
        rows = facts_raw.get(detail)
        if rows is None:
            continue
        by_year: dict[int, Decimal] = {}
        dates: list[dt.date] = []
        value = _detail(detail, rows, fail, by_year, numbers.setdefault(detail, {}), dates)
        if value is None:
            continue
        if len(by_year) > 1:
            years[fact] = tuple(sorted(by_year.items()))
        if dates:
            dated[fact] = (min(dates), max(dates))
        if fact in facts and facts[fact] != value:
            fail(
                f"facts.{fact}",
                Phrase(
                    MESSAGES["disagrees"],
                    detail=detail,
                    field=label_of("facts." + fact),
                    given=_sum_text(detail, facts[fact]),
                    list=DETAIL_LABELS[detail],
                    total=_sum_text(detail, value),
                ),
            )
        elif fact not in facts:
            facts[fact] = value
            derived[fact] = detail
    if errors:
        raise ProfileErrors(errors, source=source)
    raw = dict(data)
    for section, converted, text_keys in (
        ("enterprise", enterprise, _TEXT_KEYS["enterprise"]),
        ("facts", facts, _TEXT_KEYS["facts"]),
    ):
        given = raw.get(section)
        if type(given) is not dict and not isinstance(given, Mapping):
            continue
        texts = {k: converted[k] for k in text_keys if k in converted and given.get(k) != converted[k]}
        if section == "facts":
            for detail, kept in numbers.items():
                if kept:  # 35010219620409018x as 35010219620409018X, as the check reads it
                    texts[detail] = [
                        {**row, "id_number": kept[i]} if i in kept else row
                        for i, row in enumerate(given[detail])
                    ]
        if texts:  # text as kept: trimmed, line breaks as LF, 福州 as 福州市, codes plain
            raw[section] = {**given, **texts}
    return Profile(enterprise, facts, recognitions, raw, derived, years, dated)


_TEXT_KEYS = {  # and the code as kept: 91350100-0000-0050-37 as 913501000000005037
    section: tuple(
        k for k, spec in specs.items() if spec.kind in fieldkinds.TEXT_KINDS or spec.kind == "uscc"
    )
    for section, specs in (("enterprise", ENTERPRISE_FIELDS), ("facts", FACT_FIELDS))
}


def _convert(
    raw: Mapping[str, Any],
    specs: dict[str, FieldSpec],
    prefix: str,
    fail: Callable[[str, str], None],
    check: Callable[[str, Any], Any] = _check,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, spec in specs.items():
        value = raw.get(key)
        if value is None or (
            isinstance(value, str) and not value.strip() and spec.kind not in fieldkinds.TEXT_KINDS
        ):
            continue
        try:
            out[key] = check(spec.kind, value)
        except FieldValueError as err:
            fail(
                f"{prefix}.{key}",
                Phrase(MESSAGES["bad"], field=spec.label, problem=err.message, got=_show(value)),
            )
    return out


def _recognitions(raw: Any, fail: Callable[[str, str], None]) -> list[tuple[str, dt.date]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        fail("enterprise.recognitions", Phrase(MESSAGES["recognitions_list"]))
        return []
    out: list[tuple[str, dt.date]] = []
    for i, item in enumerate(raw):
        path = f"enterprise.recognitions[{i}]"
        if not isinstance(item, Mapping):
            fail(path, Phrase(MESSAGES["recognition_object"]))
            continue
        kind, date = item.get("kind"), parse_date(item.get("date"))
        if kind not in RECOGNITION_KINDS:
            fail(
                f"{path}.kind",
                Phrase(MESSAGES["recognition_kind"], kinds="、".join(RECOGNITION_KINDS), got=_show(kind)),
            )
            continue
        if date is None:
            got = _show(item.get("date"))
            fail(
                f"{path}.date",
                Phrase(MESSAGES["bad"], field="认定日期", problem=KIND_ERRORS["date"], got=got),
            )
            continue
        out.append((kind, date))
    return out


def _detail(
    detail: str,
    rows: Any,
    fail: Callable[[str, str], None],
    by_year: dict[int, Decimal] | None = None,
    numbers: dict[int, str] | None = None,
    dates: list[dt.date] | None = None,
) -> Any:
    """The fact a detail list derives (a sum, or a count of rows), or None after `fail`ing each bad
    row. `by_year` gathers the sum of the rows of each calendar year, for a list with dates and amounts
    (a row without a date counts in no year), and `dates` those rows' dates. `numbers` gathers, by row, the document numbers whose
    kept form (upper case, spaces out, full-width made plain) is not the one given."""
    path = f"facts.{detail}"
    if not isinstance(rows, list):
        fail(path, Phrase(MESSAGES["list"], list=DETAIL_LABELS[detail]))
        return None
    ok = True
    total = Decimal(0)
    people: dict[tuple[str, str], int] = {}
    invoices: dict[tuple[str, str], int] = {}  # (supplier, number) → the row that first listed it
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            fail(f"{path}[{i}]", Phrase(MESSAGES["row_object"]))
            ok = False
            continue
        day: dt.date | None = None
        row_amount: Decimal | None = None
        for column, kind, required in DETAIL_COLUMNS[detail]:
            value = row.get(column)
            if value is None or value == "":
                if required:
                    fail(f"{path}[{i}].{column}", Phrase(MESSAGES["empty"], field=COLUMN_LABELS[column]))
                    ok = False
                continue
            if column == "id_number" and row.get("id_type") not in (None, *ID_TYPES):
                continue  # the id_type column names the error
            converted: Any
            try:
                if column == "id_number":
                    converted = _document_number(row.get("id_type"), value)
                    if numbers is not None and converted != value:
                        numbers[i] = converted
                else:
                    converted = _check(kind, value)
            except FieldValueError as err:
                got = _show(value)
                if column == "id_number" and isinstance(value, str):  # said on screens and in logs
                    from shenbao.core.store.secrets import mask_id_number

                    got = _show(mask_id_number(value))
                bad = Phrase(MESSAGES["bad"], field=COLUMN_LABELS[column], problem=err.message, got=got)
                fail(f"{path}[{i}].{column}", bad)
                ok = False
                continue
            if kind in ("money", "signed_money"):
                total += converted
                row_amount = converted
            elif kind == "date":
                day = converted
            if column == "id_number":
                person = (str(row.get("id_type") or "resident_id"), converted)
                if person in people:
                    fail(
                        f"{path}[{i}].{column}",
                        Phrase(
                            MESSAGES["same_person"],
                            row=i + 1,
                            first=people[person] + 1,
                            field=COLUMN_LABELS[column],
                            masked=_masked(converted),
                        ),
                    )
                    ok = False
                else:
                    people[person] = i
        if detail == "compute_invoices" and not _first_of_invoice(row, i, invoices, path, fail):
            ok = False
        if by_year is not None and day is not None and row_amount is not None:
            by_year[day.year] = by_year.get(day.year, Decimal(0)) + row_amount
            if dates is not None:
                dates.append(day)
    if not ok:
        return None
    if total < 0:
        fail(path, Phrase(MESSAGES["negative"], field=DETAIL_LABELS[detail], total=total))
        return None
    if detail in ("compute_invoices", "platform_investment_items"):
        return total
    return len(rows)


def _first_of_invoice(
    row: Mapping[str, Any],
    i: int,
    seen: dict[tuple[str, str], int],
    path: str,
    fail: Callable[[str, str], None],
) -> bool:
    """False, after `fail`ing, when the row is an invoice an earlier row already lists (the same supplier
    and number, spaces and letter case aside): counted twice, it made 60,000 元 of computing bought a
    100,000 元 purchase that met the voucher's threshold. `invoices add` refuses such an invoice too."""
    supplier, number = row.get("supplier"), row.get("invoice_no")
    if not isinstance(supplier, str) or not isinstance(number, str) or not number.strip():
        return True
    key = ("".join(supplier.split()), "".join(number.split()).upper())
    first = seen.setdefault(key, i)
    if first == i:
        return True
    same = Phrase(
        MESSAGES["same_invoice"], row=i + 1, first=first + 1, supplier=supplier.strip(), number=number.strip()
    )
    fail(f"{path}[{i}].invoice_no", same)
    return False


def _document_number(id_type: Any, value: Any) -> str:
    """A roster row's document number checked against its document type (GB 11643 by default)."""
    if not isinstance(value, str) or fieldkinds.control_character(value):
        raise FieldValueError(fieldkinds.MESSAGES["id_number"])
    number = normal_code(value)
    problem = document_problem(id_type, number)
    if problem:
        raise FieldValueError(problem)
    return number


def _masked(number: str) -> str:
    return number[:3] + "*" * max(len(number) - 7, 0) + number[-4:] if len(number) > 7 else number


def _show(value: Any) -> str:
    """A value received, as JSON (C0 controls escaped) with every other control escaped as well."""
    text = fieldkinds.shown_controls(json.dumps(value, ensure_ascii=False, default=str))
    return text if len(text) <= 40 else text[:37] + "…"


def load_profile_file(path: str | Path) -> Profile:
    """Read and validate a profile file; every failure is a ProfileError naming the file. The size is
    checked before reading and the nesting before decoding (see core.jsonio)."""
    from shenbao.core.jsonio import JsonLimitError, check_size

    path = Path(path)
    source = str(path)
    try:
        check_size(path.stat().st_size)
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ProfileError("", Phrase(MESSAGES["no_file"]), source=source) from None
    except IsADirectoryError:
        raise ProfileError("", Phrase(MESSAGES["folder"]), source=source) from None
    except UnicodeDecodeError:
        raise ProfileError("", Phrase(MESSAGES["not_utf8"]), source=source) from None
    except JsonLimitError as err:
        raise ProfileError("", err.args[0] if err.args else str(err), source=source) from None
    except OSError as err:
        raise ProfileError("", Phrase(MESSAGES["unreadable"], why=os_reason(err)), source=source) from None
    return parse_profile_text(text, source=source)


def parse_profile_text(text: str, *, source: str | None = None) -> Profile:
    from shenbao.core.jsonio import JsonLimitError, loads_bounded

    if not text.strip():
        raise ProfileError("", Phrase(MESSAGES["empty_file"]), source=source)
    try:
        data = loads_bounded(text, exact=True)
    except JsonLimitError as err:
        raise ProfileError("", err.args[0] if err.args else str(err), source=source) from None
    return parse_profile(data, source=source)
