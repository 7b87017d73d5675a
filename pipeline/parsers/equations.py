"""Arithmetic written in the text: a clause -> the equations it states, with their computed value.

Letters and reports write their sums inline: "K = 2.184 + 3.408 = 5.592", "2.000 x 0,09/2,76 = 108 m",
"60,0 - 1,69 = 58,31 ha". Each becomes a claim of kind 'equation' whose value is the stated result;
the left side is kept as printed (`expression`), evaluated (`expression_value`, multiplication and
division before addition and subtraction) and split into its terms for the checks' diagnosis.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pipeline.text import parse_number

NUMBER = r"\d(?:[\d.,]*\d)?"
OPERATOR = r"[+\-−–x×*/:]"
EQUATION_RE = re.compile(
    rf"(?<![\w.,/])(?P<expression>{NUMBER}(?:\s*{OPERATOR}\s*{NUMBER})+)\s*=\s*(?P<result>{NUMBER})(?![\d/])"
)
TOKEN_RE = re.compile(rf"({NUMBER})|({OPERATOR})")
DATE_RE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")  # '4/9/2022' is a date, not a division
PRODUCTS = {"x": "*", "×": "*", "*": "*", "/": "/", ":": "/"}
SUMS = {"+": 1.0, "-": -1.0, "−": -1.0, "–": -1.0}


@dataclass(frozen=True)
class Equation:
    expression: str  # the left side as printed: "2.184 + 3.408"
    value: float  # what it evaluates to
    result: float  # what the text says it equals
    result_text: str
    terms: str  # JSON: [{"text": "3.408", "value": 3408.0, "sign": 1.0}] for a sum; [] otherwise
    start: int
    end: int


def _evaluate(tokens: list[str]) -> tuple[float, list[dict[str, object]]] | None:
    """The value of number/operator tokens, products first; the terms when it is a plain sum."""
    numbers: list[float] = []
    for token in tokens[::2]:
        parsed = parse_number(token)
        if parsed is None or parsed.kind != "number":
            return None
        numbers.append(parsed.value)
    operators = tokens[1::2]
    total, sign, product = 0.0, 1.0, numbers[0]
    for operator, number in zip(operators, numbers[1:], strict=True):
        if operator in PRODUCTS:
            if PRODUCTS[operator] == "/" and number == 0:
                return None
            product = product * number if PRODUCTS[operator] == "*" else product / number
        else:
            total += sign * product
            sign, product = SUMS[operator], number
    total += sign * product
    signs = [1.0, *(SUMS.get(op, 0.0) for op in operators)]
    is_sum = all(op in SUMS for op in operators)
    terms = [{"text": t, "value": v, "sign": s} for t, v, s in zip(tokens[::2], numbers, signs, strict=True)]
    return total, terms if is_sum else []


def find_equations(clause: str) -> list[Equation]:
    found = []
    for match in EQUATION_RE.finditer(clause):
        if DATE_RE.search(match["expression"]):
            continue
        tokens = [m.group(0) for m in TOKEN_RE.finditer(match["expression"])]
        evaluated = _evaluate(tokens)
        result = parse_number(match["result"])
        if evaluated is None or result is None or result.kind != "number":
            continue
        value, terms = evaluated
        found.append(
            Equation(match["expression"], value, result.value, match["result"], json.dumps(terms, ensure_ascii=False),
                     match.start(), match.end())
        )  # fmt: skip
    return found
