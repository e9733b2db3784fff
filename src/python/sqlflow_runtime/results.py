"""Files a program leaves for Java to read: metrics JSON and result tables (contract section 5).

A result table is a stream Java loads into the statement's INTO table without holding it whole: one header line
of JSON {"format": "sqlflow-result", "version": 1, "columns": [{"name": ..., "type": ...}]}, then one line per
row, its cells separated by a tab, then a line holding just backslash-dot that says the table is complete.
Cells: `\\N` for NULL (also NaN and infinities); int64 in decimal; float64 as Python's repr (it round-trips);
string with backslash, tab, newline and carriage return escaped as `\\\\`, `\\t`, `\\n`, `\\r`.
"""
import json
import math

import numpy as np

COLUMN_TYPES = ("string", "float64", "int64")
FORMAT = "sqlflow-result"
VERSION = 1
NULL = "\\N"
END = "\\."
# Rows formatted and written per write call: a bound on memory that keeps the per-call overhead small.
_CHUNK_ROWS = 65536
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def write_json(path, values):
    """Writes {name: number} as JSON, non-finite numbers as null."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump({k: _json_cell(v) for k, v in values.items()}, f, indent=2, allow_nan=False)


class TableWriter:
    """Writes a result table incrementally: `with TableWriter(path, [(name, type)]) as out: out.write_rows(...)`.

    The end line is written only when the block ends without an exception, so Java never loads half a table.
    """

    def __init__(self, path, columns):
        columns = [(name, kind) for name, kind in columns]
        if not columns:
            raise ValueError("a result table needs at least one column")
        for name, kind in columns:
            if not isinstance(name, str) or not name:
                raise ValueError(f"result column name must be a non-empty string, got {name!r}")
            if kind not in COLUMN_TYPES:
                raise ValueError(f"result column {name!r} has unknown type {kind!r}")
        self.columns = columns
        self.rows = 0
        self._formatters = [_FORMATTERS[kind] for _, kind in columns]
        self._file = open(path, "w", encoding="utf-8", newline="\n")
        header = {"format": FORMAT, "version": VERSION,
                  "columns": [{"name": name, "type": kind} for name, kind in columns]}
        self._file.write(json.dumps(header) + "\n")

    def write_rows(self, rows):
        """Appends rows, each a sequence of values in column order."""
        chunk = []
        for row in rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a result row has {len(row)} values for {len(self.columns)} columns")
            chunk.append(row)
            if len(chunk) == _CHUNK_ROWS:
                self.write_columns(list(zip(*chunk)))
                chunk = []
        if chunk:
            self.write_columns(list(zip(*chunk)))

    def write_columns(self, values):
        """Appends rows given column by column: one sequence (list or numpy array) per column, equal lengths."""
        if len(values) != len(self.columns):
            raise ValueError(f"{len(values)} value columns for {len(self.columns)} result columns")
        count = len(values[0])
        if any(len(v) != count for v in values):
            raise ValueError("result columns of different lengths")
        for start in range(0, count, _CHUNK_ROWS):
            cells = [fmt(v[start:start + _CHUNK_ROWS], name)
                     for fmt, v, (name, _) in zip(self._formatters, values, self.columns)]
            self._file.write("".join(line + "\n" for line in map("\t".join, zip(*cells))))
        self.rows += count

    def close(self, complete=True):
        if self._file.closed:
            return
        if complete:
            self._file.write(END + "\n")
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        self.close(complete=kind is None)
        return False


def write_table(path, columns, rows):
    """Writes a whole result table; columns is [(name, type)], rows an iterable of rows in column order."""
    with TableWriter(path, columns) as out:
        out.write_rows(rows)


def read_table(path):
    """(columns [(name, type)], rows) of a complete result table file; values as Python str/int/float/None."""
    with open(path, encoding="utf-8", newline="\n") as f:
        header = json.loads(f.readline())
        if header.get("format") != FORMAT or header.get("version") != VERSION:
            raise ValueError(f"{path} is not a {FORMAT} version {VERSION} file")
        columns = [(c["name"], c["type"]) for c in header["columns"]]
        parsers = [_PARSERS[kind] for _, kind in columns]
        rows = []
        for line in f:
            line = line[:-1] if line.endswith("\n") else line
            if line == END:
                return columns, rows
            cells = line.split("\t")
            if len(cells) != len(columns):
                raise ValueError(f"{path}: a row of {len(cells)} cells for {len(columns)} columns")
            rows.append([None if cell == NULL else parse(cell) for parse, cell in zip(parsers, cells)])
    raise ValueError(f"{path} ends before its end line: the table is incomplete")


def read_column(path, index=0):
    """One column of a result table as a numpy array (float64 for numbers, NULL as NaN; object for strings)."""
    columns, rows = read_table(path)
    values = [row[index] for row in rows]
    if columns[index][1] == "string":
        return np.array(values, dtype=object)
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def _format_float64(values, name):
    array = np.asarray(values)
    if array.dtype.kind in "fiub":
        array = array.astype(float)
        finite = np.isfinite(array)
        return [repr(v) if ok else NULL for v, ok in zip(array.tolist(), finite.tolist())]
    return [_float_cell(v, name) for v in values]


def _float_cell(value, name):
    if value is None:
        return NULL
    if isinstance(value, (str, bytes)) or not isinstance(value, (int, float, np.number)):
        raise ValueError(f"result column {name!r} is float64 but holds {value!r}")
    value = float(value)
    return repr(value) if math.isfinite(value) else NULL


def _format_int64(values, name):
    array = np.asarray(values)
    if array.dtype.kind in "ib" or (array.dtype.kind == "u" and (not array.size or array.max() < 2 ** 63)):
        return [str(v) for v in array.astype(np.int64).tolist()]
    return [_int_cell(v, name) for v in values]


def _int_cell(value, name):
    if value is None:
        return NULL
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            return NULL
        if value != int(value):
            raise ValueError(f"result column {name!r} is int64 but holds {value!r}")
        value = int(value)
    if isinstance(value, (bool, np.bool_)):
        value = int(value)
    if not isinstance(value, (int, np.integer)):
        raise ValueError(f"result column {name!r} is int64 but holds {value!r}")
    value = int(value)
    if not -2 ** 63 <= value < 2 ** 63:
        raise ValueError(f"result column {name!r} holds {value}, outside int64")
    return str(value)


def _format_string(values, name):
    return [_string_cell(v, name) for v in (values.tolist() if isinstance(values, np.ndarray) else values)]


def _string_cell(value, name):
    if value is None:
        return NULL
    if not isinstance(value, str):
        raise ValueError(f"result column {name!r} is string but holds {value!r}")
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


def _parse_string(cell):
    if "\\" not in cell:
        return cell
    out, i = [], 0
    while i < len(cell):
        c = cell[i]
        if c == "\\":
            if i + 1 >= len(cell) or cell[i + 1] not in _UNESCAPES:
                raise ValueError(f"bad escape in result cell {cell!r}")
            out.append(_UNESCAPES[cell[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


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


def _json_cell(value):
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


_FORMATTERS = {"string": _format_string, "float64": _format_float64, "int64": _format_int64}
_PARSERS = {"string": _parse_string, "float64": float, "int64": int}
