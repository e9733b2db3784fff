"""TO MAXIMIZE / TO MINIMIZE: SQLFlow's mathematical programs over the SELECT's rows (contract section 7).

`variables="amount(product)"` makes one decision variable per selected row, named `amount` in the
expressions and written next to the row's `product` value. Inside SUM(...) an expression is added up over
the rows (over each GROUP BY group for a grouped constraint); a constraint without SUM holds for every
row; a column outside SUM in a grouped constraint takes the group's first row's value, as SQLFlow did.
The program must be linear in the variables; it is solved by HiGHS (through scipy) as an LP or, for
integer variable types, a MILP. SQLFlow's `USING glpk` names a solver for the same class of problems.
"""
import math
import re
from dataclasses import dataclass

import numpy as np

from . import expressions, results
from .expressions import Binary, Comparison, Name, Negate, Number, Sum

SENSES = ("maximize", "minimize")
SOLVERS = ("highs", "glpk")
# var_type -> (lower bound, upper bound, integer)
VARIABLE_TYPES = {
    "Binary": (0, 1, True),
    "Integers": (-math.inf, math.inf, True),
    "PositiveIntegers": (1, math.inf, True),
    "NegativeIntegers": (-math.inf, -1, True),
    "NonPositiveIntegers": (-math.inf, 0, True),
    "NonNegativeIntegers": (0, math.inf, True),
    "Reals": (-math.inf, math.inf, False),
    "PositiveReals": (0, math.inf, False),
    "NegativeReals": (-math.inf, 0, False),
    "NonPositiveReals": (-math.inf, 0, False),
    "NonNegativeReals": (0, math.inf, False),
}
_VARIABLES = re.compile(r"\s*([A-Za-z_]\w*)\s*\(\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*\)\s*")


@dataclass(frozen=True)
class Variables:
    name: str  # as written in the expressions
    columns: tuple  # index columns, spelled as in the data
    result_column: str  # column of the result table holding the solved values


def parse_variables(text, columns):
    """Variables of `variables="x(c1, c2)"`; the result column is x, or x_value when x names an index
    column (SQLFlow's rule); x must not name another selected column."""
    match = _VARIABLES.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f'variables must look like "amount(product)" or "shipment(plants, markets)", got {text!r}')
    name = match.group(1)
    by_lower = {c.lower(): c for c in columns}
    index = []
    for column in (c.strip() for c in match.group(2).split(",")):
        if column.lower() not in by_lower:
            raise ValueError(f"variables: column {column!r} is not in the SELECT")
        index.append(by_lower[column.lower()])
    if len({c.lower() for c in index}) != len(index):
        raise ValueError(f"variables: {text!r} repeats a column")
    result = name
    if name.lower() in by_lower:
        if len(index) > 1 or name.lower() != index[0].lower():
            raise ValueError(f"the variable name {name!r} is also a selected column; choose another name")
        result = name + "_value"
        n = 0
        while result.lower() in by_lower:
            result, n = f"{name}_value_{n}", n + 1
    return Variables(name, tuple(index), result)


def solve(data, sense, objective, constraints, variables, var_type, solver=None, path="optimize.json"):
    """Builds and solves the program, writes the result table to `path`, returns its rows.

    constraints: [{"expression": "SUM(x) <= 10", "group_by": None | column}, ...].
    """
    if sense not in SENSES:
        raise ValueError(f"sense must be maximize or minimize, got {sense!r}")
    solver_name = "highs" if solver is None else str(solver).lower()
    if solver_name not in SOLVERS:
        raise ValueError(f"solver {solver!r} is not available; supported: {', '.join(SOLVERS)} "
                         "(linear and mixed-integer linear programs)")
    if var_type not in VARIABLE_TYPES:
        raise ValueError(f"var_type must be one of {', '.join(VARIABLE_TYPES)}, got {var_type!r}")
    rows = len(next(iter(data.values()))) if data else 0
    if rows == 0:
        raise ValueError("the SELECT of TO MAXIMIZE/MINIMIZE gives no rows")
    spec = parse_variables(variables, list(data))
    program = _Program(data, spec, rows)

    goal = program.aggregate(expressions.parse_expression(objective), range(rows), "the objective")
    bounds, matrix = [], []
    for constraint in constraints or []:
        if not isinstance(constraint, dict) or not isinstance(constraint.get("expression"), str):
            raise ValueError(f"a constraint must be {{'expression': text, 'group_by': column or None}}, "
                             f"got {constraint!r}")
        for coefficients, low, high in program.constraint(constraint["expression"], constraint.get("group_by")):
            matrix.append(coefficients)
            bounds.append((low, high))

    low, high, integer = VARIABLE_TYPES[var_type]
    print(f"Solving: {sense} {objective.strip()} over {rows} variables {spec.name}({', '.join(spec.columns)}) "
          f"of type {var_type}, {len(matrix)} constraint rows, solver {solver_name} (HiGHS)", flush=True)
    values, value = _solve_with_highs(goal, sense, matrix, bounds, low, high, integer, rows)
    print(f"Optimal objective value: {value:g}", flush=True)

    column_types = [(c, "string" if data[c].dtype == object else "float64") for c in spec.columns]
    result_type = "int64" if integer else "float64"
    table_rows = []
    for i in range(rows):
        solved = int(round(values[i])) if integer else float(values[i])
        table_rows.append([data[c][i] for c in spec.columns] + [solved])
    results.write_table(path, column_types + [(spec.result_column, result_type)], table_rows)
    print(f"Wrote {rows} rows: {', '.join(spec.columns)}, {spec.result_column}", flush=True)
    return table_rows


class _Program:
    """Turns trees into linear forms: a constant plus one coefficient per row's variable."""

    def __init__(self, data, spec, rows):
        self._data = data
        self._spec = spec
        self._rows = rows
        self._columns = {c.lower(): c for c in data}

    def constraint(self, text, group_by):
        """[(coefficients, low, high)] rows of `low <= coefficients . x <= high`."""
        tree = expressions.parse_constraint(text)
        if group_by is not None:
            if not isinstance(group_by, str) or group_by.lower() not in self._columns:
                raise ValueError(f"GROUP BY column {group_by!r} is not in the SELECT")
            if not expressions.has_sum(tree):
                raise ValueError(f"a GROUP BY constraint needs SUM(...): {text!r}")
            column = self._data[self._columns[group_by.lower()]]
            keys = [_key(v) for v in column]
            groups = [[i for i in range(self._rows) if keys[i] == key] for key in dict.fromkeys(keys)]
        elif expressions.has_sum(tree):
            groups = [list(range(self._rows))]
        else:
            groups = [[i] for i in range(self._rows)]  # a constraint without SUM holds for every row
        found = []
        for group in groups:
            left = self.aggregate(tree.left, group, text)
            right = self.aggregate(tree.right, group, text)
            constant, coefficients = left[0] - right[0], left[1] - right[1]
            if not coefficients.any():
                if not _holds(tree.op, constant):
                    raise ValueError(f"the constraint {text!r} can never hold: it does not involve "
                                     f"{self._spec.name} and is false")
                continue
            low, high = {"<=": (-math.inf, -constant), ">=": (-constant, math.inf),
                         "=": (-constant, -constant)}[tree.op]
            found.append((coefficients, low, high))
        return found

    def aggregate(self, tree, group, text):
        """(constant, coefficients) of `tree` for a group of rows: SUM adds over the group, anything
        else is read at the group's first row."""
        return self._linear(tree, group, group[0], text, inside_sum=False)

    def _linear(self, tree, group, row, text, inside_sum):
        if isinstance(tree, Number):
            return tree.value, self._zero()
        if isinstance(tree, Name):
            return self._name(tree.name, row, text)
        if isinstance(tree, Negate):
            constant, coefficients = self._linear(tree.operand, group, row, text, inside_sum)
            return -constant, -coefficients
        if isinstance(tree, Sum):
            if inside_sum:
                raise ValueError(f"SUM inside SUM in {text!r}")
            constant, coefficients = 0.0, self._zero()
            for i in group:
                c, v = self._linear(tree.operand, group, i, text, inside_sum=True)
                constant, coefficients = constant + c, coefficients + v
            return constant, coefficients
        if isinstance(tree, Binary):
            left = self._linear(tree.left, group, row, text, inside_sum)
            right = self._linear(tree.right, group, row, text, inside_sum)
            if tree.op == "+":
                return left[0] + right[0], left[1] + right[1]
            if tree.op == "-":
                return left[0] - right[0], left[1] - right[1]
            if tree.op == "*":
                if left[1].any() and right[1].any():
                    raise ValueError(f"{text!r} multiplies {self._spec.name} by itself; only linear programs "
                                     "can be solved")
                return left[0] * right[0], left[1] * right[0] + right[1] * left[0]
            if right[1].any():
                raise ValueError(f"{text!r} divides by {self._spec.name}; only linear programs can be solved")
            if right[0] == 0:
                raise ValueError(f"{text!r} divides by zero")
            return left[0] / right[0], left[1] / right[0]
        raise ValueError(f"cannot read {tree!r} in {text!r}")

    def _name(self, name, row, text):
        if name.lower() == self._spec.name.lower():
            coefficients = self._zero()
            coefficients[row] = 1.0
            return 0.0, coefficients
        column = self._columns.get(name.lower())
        if column is None:
            raise ValueError(f"unknown name {name!r} in {text!r}: neither {self._spec.name} nor a selected column")
        value = self._data[column][row]
        if self._data[column].dtype == object:
            raise ValueError(f"column {column!r} in {text!r} holds text; expressions need numbers")
        if not math.isfinite(value):
            raise ValueError(f"column {column!r} is NULL in row {row + 1}, used by {text!r}")
        return float(value), self._zero()

    def _zero(self):
        return np.zeros(self._rows)


def _key(value):
    return ("null",) if value is None or (isinstance(value, float) and math.isnan(value)) else ("v", value)


def _holds(op, constant):
    return {"<=": constant <= 1e-9, ">=": constant >= -1e-9, "=": abs(constant) <= 1e-9}[op]


def _solve_with_highs(goal, sense, matrix, bounds, low, high, integer, rows):
    from scipy.optimize import Bounds, LinearConstraint, milp

    constant, coefficients = goal
    if not coefficients.any():
        raise ValueError("the objective does not involve the variable")
    c = -coefficients if sense == "maximize" else coefficients
    constraints = []
    if matrix:
        constraints.append(LinearConstraint(np.vstack(matrix), [b[0] for b in bounds], [b[1] for b in bounds]))
    bounds = Bounds(np.full(rows, low, dtype=float), np.full(rows, high, dtype=float))
    found = milp(c, constraints=constraints, integrality=np.full(rows, 1 if integer else 0), bounds=bounds)
    if found.status == 4 and integer:
        # HiGHS' MILP presolve may only say "infeasible or unbounded"; the relaxation tells which.
        relaxed = milp(c, constraints=constraints, bounds=bounds)
        found = relaxed if relaxed.status in (2, 3) else found
    if found.status == 2:
        raise ValueError("the problem is infeasible: no values satisfy every constraint")
    if found.status == 3:
        raise ValueError(f"the problem is unbounded: the objective has no {sense[:-3]}um")
    if not found.success or found.x is None:
        raise ValueError(f"the solver stopped without a solution: {found.message}")
    return found.x, float(coefficients @ found.x + constant)
