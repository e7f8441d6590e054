"""A short arithmetic language for amounts a policy pack writes without code.

    expression = "min(rate * iiot_actual_investment, cap)"

An expression is parsed with Python's `ast` and accepted only if every node is on a small whitelist:
numbers, names (the measure's parameters, and its inputs by their short names: `facts.x` is `x`),
`+ - * /`, unary minus,
`min`/`max`, comparisons, `and`/`or`/`not` and the conditional `a if test else b`. It is then turned into
a tree of closures over `Decimal` — it is never handed to `eval` or `compile`, no attribute, subscript,
call of anything else, power, lambda or comprehension can get through, and its size is bounded, so a
hostile pack cannot run code or spend unbounded time or memory. Numbers are read from their source text
(`0.5` is `Decimal("0.5")`, never a float).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any

from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass

MAX_LENGTH = 400
MAX_NODES = 120
FUNCTIONS = ("min", "max")
# Why an expression is refused, each a Phrase (core.phrases) of a core string that the interface writes
# again in its language; the command line prints the Chinese sentence.
EXPRESSION_MESSAGES = {
    "empty": "计算式为空",
    "too_long": "计算式过长（最多 {limit} 个字符）",
    "syntax": "计算式有语法错误（第 {offset} 个字符附近）",
    "too_complex": "计算式过于复杂（{parts} 个成分，最多 {limit} 个）",
    "bad_number": "数字 {raw!r} 无效",
    "constant": "不支持的常量 {raw!r}（只能写数字）",
    "unknown_name": "计算式中的名称 {name} 既不是参数也不是输入项",
    "functions": "只能调用 {names}",
    "arguments": "{function}() 须写一个或多个数值",
    "not_allowed": "计算式中不允许 {node}（只支持 + − × ÷、min、max、比较和条件）",
}

_BINARY: dict[type, tuple[str, Callable[[Any, Any], Any]]] = {
    ast.Add: ("+", lambda a, b: a + b),
    ast.Sub: ("−", lambda a, b: a - b),
    ast.Mult: ("×", lambda a, b: a * b),
    ast.Div: ("÷", lambda a, b: a / b),
}
_COMPARE: dict[type, tuple[str, Callable[[Any, Any], bool]]] = {
    ast.Lt: ("<", lambda a, b: a < b),
    ast.LtE: ("≤", lambda a, b: a <= b),
    ast.Gt: (">", lambda a, b: a > b),
    ast.GtE: ("≥", lambda a, b: a >= b),
    ast.Eq: ("=", lambda a, b: a == b),
    ast.NotEq: ("≠", lambda a, b: a != b),
}


class ExpressionError(ValueError):
    """The expression is not in the language; the message says what and where, in Chinese."""


class EvaluationError(ArithmeticError):
    """The expression is valid but its arithmetic fails on these values (a division by zero)."""


Show = Callable[[str, Any], str]
Node = Callable[[Mapping[str, Any], Show], tuple[Any, str]]  # (value, text with the values filled in)


@dataclass(frozen=True)
class Expression:
    """A checked expression: `names` it reads; `evaluate(values, show)` gives (value, text)."""

    source: str
    names: tuple[str, ...]
    root: Node

    def evaluate(self, values: Mapping[str, Any], show: Show) -> tuple[Any, str]:
        try:
            return self.root(values, show)
        except (DivisionByZero, InvalidOperation, ZeroDivisionError):
            raise EvaluationError("计算式中出现除数为 0") from None


def parse_expression(source: str, names: Mapping[str, Any] | set[str] | tuple[str, ...]) -> Expression:
    """Check `source` against the whitelist and the `names` it may read; raise ExpressionError."""
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError(Phrase(EXPRESSION_MESSAGES["empty"]))
    if len(source) > MAX_LENGTH:
        raise ExpressionError(Phrase(EXPRESSION_MESSAGES["too_long"], limit=MAX_LENGTH))
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as err:
        raise ExpressionError(Phrase(EXPRESSION_MESSAGES["syntax"], offset=err.offset or 0)) from None
    count = sum(1 for _ in ast.walk(tree))
    if count > MAX_NODES:
        raise ExpressionError(Phrase(EXPRESSION_MESSAGES["too_complex"], parts=count, limit=MAX_NODES))
    used: list[str] = []
    root = _build(tree.body, source.strip(), set(names), used)
    return Expression(source, tuple(dict.fromkeys(used)), root)


def _precedence(node: ast.AST) -> int:
    """How tightly a node binds when shown: sums below products below single values."""
    if isinstance(node, ast.BinOp):
        return 1 if isinstance(node.op, ast.Add | ast.Sub) else 2
    if isinstance(node, ast.Compare):
        return 0
    return 3


def _build(node: ast.AST, source: str, allowed: set[str], used: list[str]) -> Node:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            flag = node.value
            return lambda v, s: (flag, "是" if flag else "否")
        if isinstance(node.value, int | float):
            text = ast.get_source_segment(source, node) or str(node.value)
            try:
                number = Decimal(text.replace("_", ""))
            except InvalidOperation:
                raise ExpressionError(Phrase(EXPRESSION_MESSAGES["bad_number"], raw=text)) from None
            return lambda v, s: (number, s("", number))
        raise ExpressionError(Phrase(EXPRESSION_MESSAGES["constant"], raw=node.value))
    if isinstance(node, ast.Name):
        name = node.id
        if name not in allowed:
            raise ExpressionError(Phrase(EXPRESSION_MESSAGES["unknown_name"], name=name))
        used.append(name)
        return lambda v, s: (v[name], s(name, v[name]))
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        symbol, op = _BINARY[type(node.op)]
        left, right = _build(node.left, source, allowed, used), _build(node.right, source, allowed, used)
        wrap_left = _precedence(node.left) < _precedence(node)
        wrap_right = _precedence(node.right) <= _precedence(node) and not isinstance(node.right, ast.Call)

        def binary(v: Mapping[str, Any], s: Show) -> tuple[Any, str]:
            (a, ta), (b, tb) = left(v, s), right(v, s)
            ta, tb = (f"({ta})" if wrap_left else ta), (f"({tb})" if wrap_right else tb)
            return op(a, b), f"{ta} {symbol} {tb}"

        return binary
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd | ast.Not):
        operand = _build(node.operand, source, allowed, used)
        if isinstance(node.op, ast.Not):
            return lambda v, s: (lambda r: (not r[0], f"非 {r[1]}"))(operand(v, s))
        sign = -1 if isinstance(node.op, ast.USub) else 1
        return lambda v, s: (lambda r: (sign * r[0], f"−{r[1]}" if sign < 0 else r[1]))(operand(v, s))
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise ExpressionError(
                Phrase(EXPRESSION_MESSAGES["functions"], names="、".join(FUNCTIONS), items=FUNCTIONS)
            )
        if node.keywords or not node.args or any(isinstance(a, ast.Starred) for a in node.args):
            raise ExpressionError(Phrase(EXPRESSION_MESSAGES["arguments"], function=node.func.id))
        fn, fname = (min if node.func.id == "min" else max), node.func.id
        args = [_build(a, source, allowed, used) for a in node.args]

        def call(v: Mapping[str, Any], s: Show) -> tuple[Any, str]:
            results = [a(v, s) for a in args]
            return fn(r[0] for r in results), f"{fname}({', '.join(r[1] for r in results)})"

        return call
    if isinstance(node, ast.Compare) and all(type(o) in _COMPARE for o in node.ops):
        parts = [_build(node.left, source, allowed, used)]
        parts += [_build(c, source, allowed, used) for c in node.comparators]
        ops = [_COMPARE[type(o)] for o in node.ops]

        def compare(v: Mapping[str, Any], s: Show) -> tuple[Any, str]:
            results = [p(v, s) for p in parts]
            ok = all(op(results[i][0], results[i + 1][0]) for i, (_, op) in enumerate(ops))
            text = results[0][1] + "".join(f" {sym} {results[i + 1][1]}" for i, (sym, _) in enumerate(ops))
            return ok, text

        return compare
    if isinstance(node, ast.BoolOp):
        values = [_build(x, source, allowed, used) for x in node.values]
        is_and = isinstance(node.op, ast.And)

        def boolean(v: Mapping[str, Any], s: Show) -> tuple[Any, str]:
            results = [x(v, s) for x in values]
            flags = [bool(r[0]) for r in results]
            joiner = " 且 " if is_and else " 或 "
            return (all(flags) if is_and else any(flags)), "（" + joiner.join(r[1] for r in results) + "）"

        return boolean
    if isinstance(node, ast.IfExp):
        test = _build(node.test, source, allowed, used)
        body, orelse = _build(node.body, source, allowed, used), _build(node.orelse, source, allowed, used)

        def conditional(v: Mapping[str, Any], s: Show) -> tuple[Any, str]:
            flag, text = test(v, s)
            value, shown = (body if flag else orelse)(v, s)
            return value, f"（{text} → {shown}）"

        return conditional
    raise ExpressionError(Phrase(EXPRESSION_MESSAGES["not_allowed"], node=type(node).__name__))
