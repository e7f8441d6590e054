"""The arithmetic language of pack measures: what it accepts, what it refuses, and exact Decimal results."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shenbao.core.expressions import (
    MAX_LENGTH,
    EvaluationError,
    ExpressionError,
    parse_expression,
)

NAMES = {"rate", "cap", "base", "bonus", "flag"}


def show(name: str, value: Any) -> str:
    return f"{name}={value}" if name else str(value)


def run(source: str, **values: Any) -> tuple[Any, str]:
    return parse_expression(source, NAMES).evaluate({k: v for k, v in values.items()}, show)


def test_min_of_rate_and_cap_is_exact_decimal() -> None:
    value, text = run(
        "min(rate * base, cap)", rate=Decimal("0.5"), base=Decimal("250000"), cap=Decimal("500000")
    )
    assert value == Decimal("125000.0")
    assert text == "min(rate=0.5 × base=250000, cap=500000)"


def test_literals_are_read_from_their_text_never_as_floats() -> None:
    value, _ = run(
        "0.1 + 0.2",
    )
    assert value == Decimal("0.3")
    assert isinstance(value, Decimal)


def test_conditional_comparison_and_boolean() -> None:
    source = "min(rate * base + (bonus if flag else 0), cap)"
    args = {
        "rate": Decimal("0.2"),
        "base": Decimal("1000000"),
        "bonus": Decimal("100000"),
        "cap": Decimal("250000"),
    }
    assert run(source, flag=True, **args)[0] == Decimal("250000")
    assert run(source, flag=False, **args)[0] == Decimal("200000.0")
    assert run("base >= cap and not flag", base=Decimal(5), cap=Decimal(5), flag=False)[0] is True
    assert run("0 < base <= cap", base=Decimal(6), cap=Decimal(5))[0] is False


def test_operator_precedence_is_shown_with_the_parentheses_it_needs() -> None:
    _, text = run("(base - cap) * rate - bonus / (rate + 1)", base=1, cap=1, rate=1, bonus=1)
    assert text == "(base=1 − cap=1) × rate=1 − bonus=1 ÷ (rate=1 + 1)"


def test_division_by_zero_is_an_evaluation_error() -> None:
    with pytest.raises(EvaluationError, match="除数为 0"):
        run("base / cap", base=Decimal(1), cap=Decimal(0))


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os').system('true')",
        "base.__class__",
        "base[0]",
        "base ** 1000000",
        "lambda: 1",
        "[x for x in (1, 2)]",
        "abs(base)",
        "min(*base)",
        "min(base, key=cap)",
        "'text'",
        "unknown + 1",
        "base if",
        "(yield)",
        "cap := 1",
        "{1: 2}",
        "base // 2",
        "base % 2",
        "open",
    ],
)
def test_anything_outside_the_whitelist_is_refused(source: str) -> None:
    with pytest.raises(ExpressionError):
        parse_expression(source, NAMES)


def test_size_is_bounded() -> None:
    with pytest.raises(ExpressionError, match="过长"):
        parse_expression("1+" * MAX_LENGTH + "1", NAMES)
    with pytest.raises(ExpressionError, match="过于复杂"):
        parse_expression("+".join(["1"] * 80), NAMES)
    with pytest.raises(ExpressionError, match="为空"):
        parse_expression("  ", NAMES)


def test_names_read_are_reported_once_each() -> None:
    assert parse_expression("min(base, cap) + base", NAMES).names == ("base", "cap")


@given(
    a=st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    b=st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
)
def test_arithmetic_agrees_with_decimal(a: Decimal, b: Decimal) -> None:
    value, _ = run("max(base - cap, 0) + min(base, cap) * 2", base=a, cap=b)
    assert value == max(a - b, 0) + min(a, b) * 2


@given(st.text(max_size=60))
def test_any_text_is_either_refused_or_parsed_never_run(text: str) -> None:
    try:
        expr = parse_expression(text, NAMES)
    except ExpressionError:
        return
    assert set(expr.names) <= NAMES
