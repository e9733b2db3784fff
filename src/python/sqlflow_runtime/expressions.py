"""The arithmetic of TO MAXIMIZE / TO MINIMIZE, parsed into a small tree (never evaluated as Python).

Grammar (SQL spelling, identifiers case-insensitive, `quoted` identifiers allowed):
    constraint := sum (("<=" | ">=" | "=") sum)?
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := ("-" | "+") unary | atom
    atom       := number | identifier | SUM "(" sum ")" | "(" sum ")"
Anything else (other functions, strings, operators, a second comparison) is a ValueError naming the
position, so user text can do nothing but describe a linear program.
"""
import re
from dataclasses import dataclass

COMPARISONS = ("<=", ">=", "=")
_TOKEN = re.compile(r"\s*(?:(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
                    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|`(?P<quoted>[^`]+)`"
                    r"|(?P<op><=|>=|==|<>|!=|[-+*/()<>=]))")
MAX_LENGTH = 10_000
MAX_DEPTH = 100


@dataclass(frozen=True)
class Number:
    value: float


@dataclass(frozen=True)
class Name:
    name: str


@dataclass(frozen=True)
class Negate:
    operand: object


@dataclass(frozen=True)
class Binary:
    op: str  # + - * /
    left: object
    right: object


@dataclass(frozen=True)
class Sum:
    operand: object


@dataclass(frozen=True)
class Comparison:
    op: str  # <= >= =
    left: object
    right: object


def parse_expression(text):
    """The tree of an objective: an arithmetic expression without comparison."""
    parser = _Parser(text)
    tree = parser.sum()
    parser.end()
    return tree


def parse_constraint(text):
    """The Comparison tree of a constraint such as `SUM(finishing * amount) <= 100`."""
    parser = _Parser(text)
    left = parser.sum()
    op = parser.peek()
    if op not in COMPARISONS and op != "==":
        if op in ("<", ">", "<>", "!="):
            parser.fail(f"{op!r} cannot bound a linear program; use <=, >= or =")
        parser.fail("a constraint needs a comparison (<=, >= or =)")
    parser.next()
    tree = Comparison("=" if op == "==" else op, left, parser.sum())
    if parser.peek() in COMPARISONS + ("==",):
        parser.fail("one comparison per constraint")
    parser.end()
    return tree


def names(tree):
    """Identifiers used in a tree, in first-use order."""
    found = []

    def visit(node):
        if isinstance(node, Name):
            found.append(node.name)
        for child in _children(node):
            visit(child)

    visit(tree)
    return list(dict.fromkeys(found))


def has_sum(tree):
    return isinstance(tree, Sum) or any(has_sum(child) for child in _children(tree))


def _children(node):
    if isinstance(node, (Negate, Sum)):
        return (node.operand,)
    if isinstance(node, (Binary, Comparison)):
        return (node.left, node.right)
    return ()


class _Parser:
    def __init__(self, text):
        if not isinstance(text, str) or not text.strip():
            raise ValueError("an optimize expression must be non-empty text")
        if len(text) > MAX_LENGTH:
            raise ValueError(f"an optimize expression is limited to {MAX_LENGTH} characters")
        self._text = text
        self._tokens = []  # (kind, value, position)
        position = 0
        while position < len(text):
            if text[position:].strip() == "":
                break
            match = _TOKEN.match(text, position)
            if not match:
                start = len(text) - len(text[position:].lstrip())
                raise ValueError(f"unexpected character {text[start]!r} at position {start + 1} of {text!r}")
            kind = match.lastgroup
            value = match.group(kind)
            self._tokens.append((kind, value, match.start(kind)))
            position = match.end()
        self._index = 0
        self._depth = 0

    def peek(self):
        if self._index >= len(self._tokens):
            return None
        kind, value, _ = self._tokens[self._index]
        return value if kind == "op" else None

    def next(self):
        token = self._tokens[self._index]
        self._index += 1
        return token

    def fail(self, message):
        position = self._tokens[self._index][2] + 1 if self._index < len(self._tokens) else len(self._text) + 1
        raise ValueError(f"{message} at position {position} of {self._text!r}")

    def end(self):
        if self._index < len(self._tokens):
            self.fail(f"unexpected {self._tokens[self._index][1]!r}")

    def sum(self):
        self._enter()
        tree = self.product()
        while self.peek() in ("+", "-"):
            op = self.next()[1]
            tree = Binary(op, tree, self.product())
        self._depth -= 1
        return tree

    def product(self):
        tree = self.unary()
        while self.peek() in ("*", "/"):
            op = self.next()[1]
            tree = Binary(op, tree, self.unary())
        return tree

    def unary(self):
        if self.peek() in ("-", "+"):
            op = self.next()[1]
            self._enter()
            operand = self.unary()
            self._depth -= 1
            return Negate(operand) if op == "-" else operand
        return self.atom()

    def atom(self):
        if self._index >= len(self._tokens):
            self.fail("the expression ends too early")
        kind, value, _ = self._tokens[self._index]
        if kind == "number":
            self._index += 1
            return Number(float(value))
        if kind in ("name", "quoted"):
            self._index += 1
            if kind == "name" and self.peek() == "(":
                if value.upper() != "SUM":
                    self._index -= 1
                    self.fail(f"unknown function {value!r}; only SUM(...) is allowed")
                self._index += 1
                operand = self.sum()
                self._expect(")")
                return Sum(operand)
            return Name(value)
        if value == "(":
            self._index += 1
            tree = self.sum()
            self._expect(")")
            return tree
        self.fail(f"unexpected {value!r}")

    def _expect(self, op):
        if self.peek() != op:
            self.fail(f"expected {op!r}")
        self._index += 1

    def _enter(self):
        self._depth += 1
        if self._depth > MAX_DEPTH:
            self.fail("the expression nests too deeply")
