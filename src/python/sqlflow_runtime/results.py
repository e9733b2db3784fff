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


# predict.extra_outputs a classifier can write: SQLFlow leaves them to the model; ours are the
# probabilities behind the predicted class.
EXTRA_OUTPUTS = ("probability", "probabilities")


def prediction_output(name, probabilities):
    """(result type, values) of the extra output `name` from class probabilities (rows x classes):
    "probability" the predicted class's (float64), "probabilities" every class's, comma-separated in class
    id order (string). ValueError for other names or without probabilities (regressors)."""
    if name not in EXTRA_OUTPUTS:
        raise ValueError(f"unknown extra output {name!r}; a classifier writes {', '.join(EXTRA_OUTPUTS)}")
    if probabilities is None:
        raise ValueError(f"extra output {name!r} needs class probabilities; this model does not give them")
    if name == "probability":
        return "float64", (probabilities.max(axis=1) if len(probabilities) else np.zeros(0)).tolist()
    return "string", [",".join(f"{p:.6g}" for p in row) for row in probabilities]


def _cell(value):
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
