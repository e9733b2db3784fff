"""Feed columns to the one numeric matrix tree models and SHAP read (contract section 2, XGBoost kinds).

Unlike the Keras path, nothing is learned here: every spec becomes a fixed block of matrix columns, the
way SQLFlow's XGBoost code generator laid features out (numbers as they are, category ids as raw ids,
sparse columns at their indices). NULL becomes NaN, which XGBoost treats as missing. When any spec is
sparse the matrix is a scipy CSR matrix, else dense. In a CSR matrix XGBoost reads an absent entry as
missing, so the dense blocks store every value, zeros included (SQLFlow's LIBSVM rows wrote `i:0` too): a
numeric 0 stays 0 whether or not a sparse column sits beside it.
"""
import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse

# Kinds a tree model reads; "weighted_category" wraps a category_id over a key:value sparse column,
# "bucket" a numeric column whose value becomes its bucket's index, as SQLFlow's XGBoost columns did.
KINDS = ("numeric", "dense", "category_id", "sparse", "weighted_category", "bucket")
SPARSE_FORMATS = ("index", "kv")


@dataclass(frozen=True)
class Block:
    """The matrix columns one feature spec fills."""

    column: str
    kind: str
    width: int
    delimiter: str = ","
    sparse_format: str = ""  # "index" | "kv" for sparse blocks
    kv_delimiter: str = ":"
    boundaries: tuple = ()  # "bucket" blocks: ascending boundaries, value -> index in [0, len]

    @property
    def is_sparse(self):
        return bool(self.sparse_format)

    def names(self):
        """Matrix column names: the column itself when it fills one column, else `<column>_<i>`."""
        return [self.column] if self.width == 1 else [f"{self.column}_{i}" for i in range(self.width)]


class Layout:
    """The blocks of a FEATURES dict in order; `feature_names` are the matrix columns."""

    def __init__(self, features):
        if not isinstance(features, dict) or set(features) - {"feature_columns"}:
            raise ValueError("tree models take one feature target, feature_columns; got "
                             f"{sorted(features) if isinstance(features, dict) else type(features).__name__}")
        specs = features.get("feature_columns")
        if not isinstance(specs, list) or not specs:
            raise ValueError("feature_columns must be a non-empty list of feature specs")
        self.blocks = [block_of(spec) for spec in specs]
        self.feature_names = [name for block in self.blocks for name in block.names()]
        self.is_sparse = any(block.is_sparse for block in self.blocks)

    @property
    def columns(self):
        """Feed columns read, in first-use order."""
        return list(dict.fromkeys(block.column for block in self.blocks))

    def matrix(self, data):
        """A float32 matrix (rows x len(feature_names)): scipy CSR when any block is sparse, else numpy."""
        rows = _row_count(data)
        parts = [_fill(block, data, rows) for block in self.blocks]
        if self.is_sparse:
            return scipy.sparse.hstack([p if scipy.sparse.issparse(p) else _every_entry(p) for p in parts],
                                       format="csr", dtype=np.float32)
        return np.hstack(parts).astype(np.float32) if parts else np.zeros((rows, 0), np.float32)


def dense(matrix):
    """A dense float matrix of `matrix`, absent sparse entries as NaN (missing, as XGBoost reads them)."""
    if not scipy.sparse.issparse(matrix):
        return matrix
    entries = matrix.tocoo()
    out = np.full(matrix.shape, np.nan, dtype=np.float32)
    out[entries.row, entries.col] = entries.data
    return out


def _every_entry(values):
    """CSR of a dense block that stores all its entries, explicit zeros included."""
    rows, width = values.shape
    return scipy.sparse.csr_matrix((values.ravel(), np.tile(np.arange(width), rows), np.arange(0, rows * width + 1,
                                                                                              width)),
                                   shape=values.shape)


def block_of(spec):
    """The Block of one spec; ValueError naming the problem for specs a tree model cannot read."""
    if not isinstance(spec, dict):
        raise ValueError(f"a feature spec must be a dict, got {spec!r}")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise ValueError(f"tree models cannot read feature kind {kind!r}; supported: {', '.join(KINDS)}")
    if kind == "weighted_category":
        source = spec.get("source")
        inner = source.get("source") if isinstance(source, dict) and source.get("kind") == "category_id" else None
        if not isinstance(inner, dict) or inner.get("kind") != "sparse" or inner.get("format") != "kv":
            raise ValueError("weighted_category needs a category_id over a key:value sparse column, "
                             f"got {spec!r}")
        return block_of(inner)
    if kind == "bucket":
        return _bucket_block(spec)
    if kind == "category_id" and isinstance(spec.get("source"), dict):
        return block_of(spec["source"])  # ids read from a dense or sparse column are used as they are
    column = spec.get("column")
    if not isinstance(column, str) or not column:
        raise ValueError(f"feature spec needs a column name: {spec!r}")
    if kind in ("numeric", "category_id"):
        return Block(column, kind, 1)
    width = _width(spec)
    delimiter = _text(spec, "delimiter", ",")
    if kind == "dense":
        return Block(column, kind, width, delimiter)
    sparse_format = spec.get("format", "index")
    if sparse_format not in SPARSE_FORMATS:
        raise ValueError(f"sparse format must be one of {', '.join(SPARSE_FORMATS)}, got {sparse_format!r}")
    kv_delimiter = _text(spec, "kv_delimiter", ":")
    if kv_delimiter == delimiter:
        raise ValueError(f"sparse column {column!r}: the key:value delimiter equals the item delimiter")
    return Block(column, kind, width, delimiter, sparse_format, kv_delimiter)


def _bucket_block(spec):
    source, boundaries = spec.get("source"), spec.get("boundaries")
    if not isinstance(source, dict) or source.get("kind") != "numeric" or _width(source) != 1:
        raise ValueError(f"bucket needs a numeric column of one value, got {spec!r}")
    if (not isinstance(boundaries, list) or not boundaries
            or not all(isinstance(b, (int, float)) and not isinstance(b, bool) and math.isfinite(b)
                       for b in boundaries)
            or any(a > b for a, b in zip(boundaries, boundaries[1:]))):
        raise ValueError(f"bucket boundaries must be ascending numbers, got {boundaries!r}")
    column = source.get("column")
    if not isinstance(column, str) or not column:
        raise ValueError(f"feature spec needs a column name: {spec!r}")
    return Block(column, "bucket", 1, boundaries=tuple(float(b) for b in boundaries))


def _width(spec):
    shape = spec.get("shape", [1])
    if (not isinstance(shape, list) or not shape
            or not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in shape)):
        raise ValueError(f"shape must be a list of positive integers: {spec!r}")
    return math.prod(shape)


def _text(spec, key, default):
    value = spec.get(key, default)
    if not isinstance(value, str) or not value or "\n" in value:
        raise ValueError(f"{key} must be a non-empty one-line string, got {value!r}")
    return value


def _row_count(data):
    return len(next(iter(data.values()))) if data else 0


def _column(block, data):
    if block.column not in data:
        raise ValueError(f"column {block.column!r} used by the model is missing from the data")
    return data[block.column]


def _fill(block, data, rows):
    values = _column(block, data)
    if block.is_sparse:
        return _sparse(block, values, rows)
    if block.kind == "bucket":
        return _buckets(block, values)
    if values.dtype != object:
        if block.width != 1:
            raise ValueError(f"column {block.column!r} is numeric but the feature needs {block.width} values per row")
        return values.astype(np.float64).reshape(-1, 1)
    out = np.full((rows, block.width), np.nan)
    for r, text in enumerate(values):
        if text is None or text == "":
            continue
        parts = dense_parts(text, block.delimiter) if block.width > 1 else [text]
        if len(parts) != block.width:
            raise ValueError(f"column {block.column!r}: {text!r} holds {len(parts)} values, expected {block.width}")
        out[r] = [_number(p, block.column, text) for p in parts]
    return out


def _buckets(block, values):
    """Each value's bucket as Keras's Discretization counts it: values below the first boundary are
    bucket 0, a value equal to a boundary belongs to the bucket above it; NULL stays missing."""
    if values.dtype == object:
        raise ValueError(f"bucket column {block.column!r} must be numeric")
    numbers = values.astype(np.float64)
    out = np.digitize(numbers, block.boundaries).astype(np.float64)
    out[np.isnan(numbers)] = np.nan
    return out.reshape(-1, 1)


def dense_parts(text, delimiter):
    """The values of a DENSE cell. A delimiter at the end ends the list rather than adding an empty
    value: SQLFlow reads "1,4,2,3," as four values, and its sample data holds such cells."""
    parts = text.split(delimiter)
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    return parts


def _sparse(block, values, rows):
    """CSR rows from "1,5,9" (each listed index set to 1) or "k:v,k:v" (index k set to weight v)."""
    indptr, indices, weights = [0], [], []
    for text in values:
        if text is not None and not isinstance(text, str):
            if math.isnan(text):
                text = None
            else:
                raise ValueError(f"sparse column {block.column!r} must be a string column")
        row = {}
        for item in (text or "").split(block.delimiter):
            item = item.strip()
            if not item:
                continue
            if block.sparse_format == "kv":
                key, sep, weight = item.partition(block.kv_delimiter)
                if not sep:
                    raise ValueError(f"sparse column {block.column!r}: {item!r} in {text!r} is not key"
                                     f"{block.kv_delimiter}value")
                index, value = _index(key, block, text), _number(weight, block.column, text)
            else:
                index, value = _index(item, block, text), 1.0
            row[index] = row.get(index, 0.0) + value
        for index in sorted(row):
            indices.append(index)
            weights.append(row[index])
        indptr.append(len(indices))
    return scipy.sparse.csr_matrix((np.asarray(weights, np.float64), np.asarray(indices, np.int64),
                                    np.asarray(indptr, np.int64)), shape=(rows, block.width))


def _index(text, block, value):
    try:
        index = int(text.strip())
    except ValueError:
        raise ValueError(f"sparse column {block.column!r}: {text!r} in {value!r} is not an integer index") from None
    if not 0 <= index < block.width:
        raise ValueError(f"sparse column {block.column!r}: index {index} in {value!r} is outside [0, {block.width})")
    return index


def _number(text, column, value):
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"column {column!r}: {text!r} in {value!r} is not a number") from None
    if math.isinf(number):
        raise ValueError(f"column {column!r}: {value!r} holds an infinite value")
    return number
