"""Files a program leaves for Java to read: metrics/explanation JSON and result tables (contract section 5).

A result table is JSON {"columns": [{"name": ..., "type": "string"|"float64"|"int64"}, ...], "rows": [[...]]}
that Java inserts into the statement's INTO table; NaN and infinities are written as null.
"""
import json
import math

import numpy as np

COLUMN_TYPES = ("string", "float64", "int64")


def write_json(path, values):
    """Writes {name: number} as JSON, non-finite numbers as null."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump({k: _cell(v) for k, v in values.items()}, f, indent=2, allow_nan=False)


def write_table(path, columns, rows):
    """Writes a result table; columns is [(name, type)], rows a list of lists in column order."""
    for name, kind in columns:
        if kind not in COLUMN_TYPES:
            raise ValueError(f"result column {name!r} has unknown type {kind!r}")
    document = {"columns": [{"name": name, "type": kind} for name, kind in columns],
                "rows": [[_cell(v) for v in row] for row in rows]}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, allow_nan=False)


def read_table(path):
    """(columns [(name, type)], rows) of a result table file."""
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    return [(c["name"], c["type"]) for c in document["columns"]], document["rows"]


def _cell(value):
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
