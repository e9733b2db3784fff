"""Feed directories: the column files Java writes from a JDBC result set (contract section 1)."""
import json
import math
import os
import re

import numpy as np

FLOAT64 = "float64"
STRING = "string"
NULL_LINE = "\\N"

_ESCAPES = {"\\\\": "\\", "\\n": "\n", "\\r": "\r"}
_ESCAPE = re.compile(r"\\.?")


def read(path):
    """Returns {column: numpy array} in SELECT order: float64 arrays (NULL = NaN) or object arrays of str/None."""
    with open(os.path.join(path, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    rows = int(meta["rows"])
    columns = {}
    for column in meta["columns"]:
        name, kind = column["name"], column["type"]
        file = os.path.join(path, column["file"])
        if kind == FLOAT64:
            values = np.fromfile(file, dtype="<f8")
        elif kind == STRING:
            values = _read_strings(file)
        else:
            raise ValueError(f"feed {path}: column {name} has unknown type {kind!r}")
        if len(values) != rows:
            raise ValueError(f"feed {path}: column {name} holds {len(values)} values, meta.json says {rows} rows")
        columns[name] = values
    return columns


def write(path, columns):
    """Writes {column: values} as a feed directory the way Java does; used by tests.

    A column whose non-NULL values are all str is a string column, anything else float64; None is NULL.
    """
    os.makedirs(path, exist_ok=True)
    rows = None
    meta_columns = []
    for index, (name, values) in enumerate(columns.items()):
        values = list(values)
        if rows is None:
            rows = len(values)
        elif len(values) != rows:
            raise ValueError(f"column {name} has {len(values)} values, expected {rows}")
        present = [v for v in values if v is not None]
        if present and all(isinstance(v, str) for v in present):
            file = f"c{index}.txt"
            with open(os.path.join(path, file), "w", encoding="utf-8", newline="") as f:
                f.writelines(_escape(v) + "\n" for v in values)
            meta_columns.append({"name": name, "type": STRING, "file": file})
        else:
            file = f"c{index}.bin"
            floats = [math.nan if v is None else float(v) for v in values]
            np.asarray(floats, dtype="<f8").tofile(os.path.join(path, file))
            meta_columns.append({"name": name, "type": FLOAT64, "file": file})
    with open(os.path.join(path, "meta.json"), "w", encoding="utf-8") as f:
        json.dump({"rows": rows or 0, "columns": meta_columns}, f)


def _read_strings(file):
    with open(file, "rb") as f:
        text = f.read().decode("utf-8")
    lines = text.split("\n")
    if lines[-1] != "":
        raise ValueError(f"{file}: last value is not terminated by a newline")
    lines.pop()
    return np.array([None if line == NULL_LINE else _unescape(line, file) for line in lines], dtype=object)


def _unescape(line, file):
    if "\\" not in line:
        return line

    def replace(match):
        escape = match.group(0)
        if escape not in _ESCAPES:
            raise ValueError(f"{file}: bad escape {escape!r} in {line!r}")
        return _ESCAPES[escape]

    return _ESCAPE.sub(replace, line)


def _escape(value):
    if value is None:
        return NULL_LINE
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
