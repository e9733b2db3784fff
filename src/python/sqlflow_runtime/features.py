"""Keras inputs and preprocessing built from the feature specs of the contract (section 2).

Only built-in Keras layers are used so that a saved `.keras` model loads without custom objects.
Feed columns are turned into model inputs by `to_inputs` (numpy, outside the model); everything
after that (normalization, lookups, hashing, bucketing, crossing, embedding) lives in the model.

Each feed column becomes one named input. A column is read in one of these forms: "float" (numeric,
dense, bucket sources), "int" (category ids) or "string" (vocabulary, hash, raw cross sources), and for
lists of ids of varying length (SPARSE, CATEGORY_ID over a delimited string, WEIGHTED_CATEGORY,
SEQ_CATEGORY_ID) "ids" and "weights" together: the row's ids and their weights, padded with id 0 of
weight 0 to the longest row, so every layer that sums weighted ids ignores the padding. If one column is
used in two forms, the second form gets its own input named `<column>__<n>`.
NULLs: float inputs get 0.0, string inputs get "" (out of vocabulary), category ids get the extra id
num_buckets, so every category_id has num_buckets + 1 categories; an id list of NULL is empty.

Id lists combine as TensorFlow's feature columns over sparse ids do: INDICATOR (and a bare SPARSE) is the
weighted count of each id; EMBEDDING is the weighted sum of the ids' vectors, divided by the sum of the
weights ("mean") or the root of their squares' sum ("sqrtn"), where as in TensorFlow's safe embedding
lookup a weight <= 0 drops its id. Weights are 1, or the values of key:value pairs for WEIGHTED_CATEGORY
(and for a bare SPARSE of pairs). The combiner's division is done on the weights before they enter the
model, so the saved model stays built-in layers only.
"""
import json
import math
from dataclasses import dataclass

import keras
import numpy as np

from .matrix import dense_parts

TARGETS = ("feature_columns", "linear_feature_columns", "dnn_feature_columns")
CATEGORICAL_KINDS = frozenset({"category_id", "category_vocab", "category_hash", "bucket", "cross",
                               "weighted_category", "seq_category_id"})
_KINDS = CATEGORICAL_KINDS | {"numeric", "dense", "embedding", "indicator", "sparse"}
_COMBINERS = ("sum", "mean", "sqrtn")
_DTYPES = {"float": "float32", "int": "int64", "string": "string", "ids": "int64", "weights": "float32"}


@dataclass(frozen=True)
class InputSource:
    """How one model input is filled from one feed column."""

    column: str
    form: str  # "float" | "int" | "string" | "ids" | "weights"
    width: int  # values per row; 0 for id lists, whose length varies
    delimiter: str = ","  # splits a string column into `width` values, or an id list into items
    num_buckets: int = 0  # "int": valid ids are [0, num_buckets), NULL becomes num_buckets;
    # "ids": valid ids are [0, num_buckets), or any integer when 0 (ids that are hashed)
    kv_delimiter: str = ""  # id lists of "key:value" items; "" for lists of ids
    weighted: bool = False  # "weights": the items' values, else 1 per id
    combiner: str = ""  # "weights": "" as they are (INDICATOR), else as EMBEDDING's combiner uses them

    @property
    def dtype(self):
        return _DTYPES[self.form]


class InputPlan:
    """The model inputs a FEATURES dict needs, in first-use order: {input name: InputSource}."""

    def __init__(self, features):
        self.sources = {}
        self._names = {}
        for spec in _all_specs(features):
            self._visit(spec)

    def name_of(self, source):
        name = self._names.get(source)
        if name is None:
            name, n = source.column, 1
            while name in self.sources:
                name, n = f"{source.column}__{n}", n + 1
            self._names[source] = name
            self.sources[name] = source
        return name

    def _visit(self, spec, combiner=""):
        kind = _kind(spec)
        if is_id_list(spec):
            for source in _list_sources(spec, combiner):
                self.name_of(source)
        elif kind in ("numeric", "dense", "category_id", "category_vocab", "category_hash", "raw"):
            self.name_of(_leaf_source(spec))
        elif kind == "bucket":
            self._visit(_numeric_source_spec(spec))
        elif kind == "cross":
            for source in _cross_sources(spec):
                self._visit(source)
        elif kind == "embedding":
            self._visit(_categorical_source_spec(spec), _combiner(spec))
        elif kind == "indicator":
            self._visit(_categorical_source_spec(spec))


def build(features, data):
    """Returns (inputs, tensors): {input name: keras.Input} and {target: one concatenated float tensor}.

    `data` is the training feed; numeric/dense normalization is adapted on it.
    """
    plan = InputPlan(features)
    arrays = to_inputs(features, data)
    inputs = {name: keras.Input(shape=(src.width or None,), dtype=src.dtype, name=name)
              for name, src in plan.sources.items()}
    builder = _Builder(plan, inputs, arrays)
    tensors = {}
    for target, specs in features.items():
        parts = [builder.dense(spec) for spec in specs]
        if not parts:
            continue
        tensors[target] = parts[0] if len(parts) == 1 else keras.layers.Concatenate(name=f"{target}_concat")(parts)
    return inputs, tensors


def to_inputs(features, data):
    """Converts feed columns ({column: numpy array}) into the model's inputs ({input name: numpy array})."""
    plan = InputPlan(features)
    return {name: _convert(source, data) for name, source in plan.sources.items()}


def input_columns(features):
    """Feed columns the features read, in first-use order."""
    return list(dict.fromkeys(source.column for source in InputPlan(features).sources.values()))


class _Builder:
    def __init__(self, plan, inputs, arrays):
        self._plan = plan
        self._inputs = inputs
        self._arrays = arrays
        self._dense = {}
        self._categorical = {}

    def dense(self, spec):
        """A float tensor (batch, d) for a top-level spec; shared when the same spec appears twice."""
        key = _key(spec)
        if key not in self._dense:
            self._dense[key] = self._build_dense(spec)
        return self._dense[key]

    def _build_dense(self, spec):
        kind = _kind(spec)
        if kind in ("numeric", "dense"):
            name = self._input_name(spec)
            values = self._arrays[name].astype(np.float64)
            width = values.shape[1]
            mean = values.mean(axis=0) if len(values) else np.zeros(width)
            variance = values.var(axis=0) if len(values) else np.ones(width)
            return keras.layers.Normalization(mean=mean.tolist(), variance=variance.tolist())(self._inputs[name])
        if kind == "embedding":
            source = _categorical_source_spec(spec)
            ids, size = self.categorical(source)
            dimension = _positive_int(spec, "dimension")
            combiner = _combiner(spec)
            vectors = keras.layers.Embedding(size, dimension)(ids)  # (batch, k, dimension)
            if is_id_list(source):  # weights already divided as the combiner says: their dot product
                return keras.layers.Dot(axes=1)([self._weights(source, combiner), vectors])
            k = ids.shape[-1]
            if k == 1:  # one value per row: every combiner gives the vector itself
                return keras.layers.Flatten()(vectors)
            mean = keras.layers.GlobalAveragePooling1D()(vectors)
            scale = {"mean": 1.0, "sum": float(k), "sqrtn": math.sqrt(k)}[combiner]
            return mean if scale == 1.0 else keras.layers.Rescaling(scale)(mean)
        if kind == "indicator":
            return self._one_hot(_categorical_source_spec(spec))
        if kind == "sparse":  # the sparse vector itself: each id's count, or its value for key:value pairs
            ids = self._inputs[self._plan.name_of(_list_sources(spec)[0])]
            return keras.layers.CategoryEncoding(num_tokens=_width(spec), output_mode="count")(
                ids, count_weights=self._weights(spec, ""))
        if kind in CATEGORICAL_KINDS:
            return self._one_hot(spec)
        raise ValueError(f"feature kind {kind!r} cannot be used as a feature column: {_show(spec)}")

    def _one_hot(self, spec):
        ids, size = self.categorical(spec)
        encode = keras.layers.CategoryEncoding(num_tokens=size, output_mode="count")
        return encode(ids, count_weights=self._weights(spec, "")) if is_id_list(spec) else encode(ids)

    def _weights(self, spec, combiner):
        return self._inputs[self._plan.name_of(_list_sources(spec, combiner)[1])]

    def categorical(self, spec):
        """An integer tensor (batch, k) of ids in [0, size), and size."""
        key = _key(spec)
        if key not in self._categorical:
            self._categorical[key] = self._build_categorical(spec)
        return self._categorical[key]

    def _build_categorical(self, spec):
        kind = _kind(spec)
        if is_id_list(spec):
            if kind == "weighted_category":  # the same ids as its source; the weights differ
                return self.categorical(_weighted_source(spec))
            ids = self._inputs[self._plan.name_of(_list_sources(spec)[0])]
            buckets = _positive_int(spec, "num_buckets")
            if kind == "category_hash":
                return keras.layers.Hashing(num_bins=buckets)(ids), buckets
            return ids, buckets
        if kind == "category_id":
            source = _leaf_source(spec)
            return self._inputs[self._plan.name_of(source)], source.num_buckets + 1
        if kind == "category_vocab":
            vocabulary = spec.get("vocabulary")
            if not isinstance(vocabulary, list) or not all(isinstance(v, str) for v in vocabulary):
                raise ValueError(f"category_vocab needs a list of strings as vocabulary: {_show(spec)}")
            vocabulary = list(dict.fromkeys(v for v in vocabulary if v != ""))
            lookup = keras.layers.StringLookup(vocabulary=vocabulary, num_oov_indices=1)
            return lookup(self._inputs[self._input_name(spec)]), len(vocabulary) + 1
        if kind == "category_hash":
            buckets = _positive_int(spec, "num_buckets")
            return keras.layers.Hashing(num_bins=buckets)(self._inputs[self._input_name(spec)]), buckets
        if kind == "bucket":
            boundaries = spec.get("boundaries")
            if (not isinstance(boundaries, list) or not boundaries
                    or not all(isinstance(b, (int, float)) and not isinstance(b, bool) for b in boundaries)
                    or sorted(boundaries) != boundaries):
                raise ValueError(f"bucket needs ascending boundaries: {_show(spec)}")
            values = self._inputs[self._input_name(_numeric_source_spec(spec))]
            return keras.layers.Discretization(bin_boundaries=[float(b) for b in boundaries])(values), len(boundaries) + 1
        if kind == "cross":
            buckets = _positive_int(spec, "num_buckets")
            parts = [self._cross_part(source) for source in _cross_sources(spec)]
            crossed = parts[0]
            for i, part in enumerate(parts[1:], start=2):
                # Intermediate crosses hash into a large space so chaining adds few collisions.
                bins = buckets if i == len(parts) else 2**31 - 1
                crossed = keras.layers.HashedCrossing(num_bins=bins)((crossed, part))
            return crossed, buckets
        raise ValueError(f"feature kind {kind!r} is not categorical: {_show(spec)}")

    def _cross_part(self, spec):
        if _kind(spec) == "raw":
            return self._inputs[self._input_name(spec)]
        ids, _ = self.categorical(spec)
        if ids.shape[-1] != 1:
            raise ValueError(f"cross sources must hold one value per row: {_show(spec)}")
        return ids

    def _input_name(self, spec):
        return self._plan.name_of(_leaf_source(spec))


def _all_specs(features):
    if not isinstance(features, dict):
        raise ValueError(f"FEATURES must be a dict of target -> list of specs, got {type(features).__name__}")
    for target, specs in features.items():
        if target not in TARGETS:
            raise ValueError(f"unknown feature target {target!r}; expected one of {', '.join(TARGETS)}")
        if not isinstance(specs, list):
            raise ValueError(f"{target} must be a list of feature specs")
        yield from specs


def _kind(spec):
    if not isinstance(spec, dict) or "kind" not in spec:
        raise ValueError(f"a feature spec must be a dict with a 'kind': {_show(spec)}")
    kind = spec["kind"]
    if kind not in _KINDS and kind != "raw":
        raise ValueError(f"unknown feature kind {kind!r}: {_show(spec)}")
    return kind


def _leaf_source(spec):
    """The InputSource a spec that reads a column directly needs."""
    kind = _kind(spec)
    column = spec.get("column")
    if kind == "category_id" and column is None and isinstance(spec.get("source"), dict):
        column = spec["source"].get("column")
    if not isinstance(column, str) or not column:
        raise ValueError(f"feature spec needs a column name: {_show(spec)}")
    if kind in ("numeric", "dense"):
        return InputSource(column, "float", _width(spec), _delimiter(spec))
    if kind == "category_id":
        buckets = _positive_int(spec, "num_buckets")
        source = spec.get("source")
        if source is None:
            return InputSource(column, "int", 1, num_buckets=buckets)
        if not isinstance(source, dict) or source.get("kind") != "dense":
            raise ValueError(f"category_id source must be a dense spec: {_show(spec)}")
        return InputSource(column, "int", _width(source), _delimiter(source), num_buckets=buckets)
    if kind in ("category_vocab", "category_hash", "raw"):
        return InputSource(column, "string", 1)
    raise ValueError(f"feature kind {kind!r} does not read a column directly: {_show(spec)}")


def _numeric_source_spec(spec):
    source = spec.get("source")
    if not isinstance(source, dict) or source.get("kind") not in ("numeric", "dense"):
        raise ValueError(f"{spec.get('kind')} needs a numeric source spec: {_show(spec)}")
    return source


def _categorical_source_spec(spec):
    source = spec.get("source")
    if not isinstance(source, dict) or source.get("kind") not in CATEGORICAL_KINDS:
        raise ValueError(f"{spec.get('kind')} needs a categorical source spec: {_show(spec)}")
    return source


def is_id_list(spec):
    """Whether a spec reads a list of ids of varying length per row (the "ids" and "weights" inputs)."""
    kind = _kind(spec)
    if kind in ("sparse", "weighted_category", "seq_category_id"):
        return True
    source = spec.get("source")
    return kind in ("category_id", "category_hash") and isinstance(source, dict) and source.get("kind") == "sparse"


def _weighted_source(spec):
    """A weighted_category's source: a category_id or category_hash over a key:value sparse spec."""
    source = spec.get("source")
    hashed_or_ids = isinstance(source, dict) and source.get("kind") in ("category_id", "category_hash")
    inner = source.get("source") if hashed_or_ids else None
    if not isinstance(inner, dict) or inner.get("kind") != "sparse" or inner.get("format") != "kv":
        raise ValueError(f"weighted_category needs a category_id or category_hash over a key:value sparse spec: "
                         f"{_show(spec)}")
    return source


def _list_sources(spec, combiner=""):
    """(ids, weights) InputSources of an id-list spec; `combiner` divides the weights as EMBEDDING does."""
    kind = _kind(spec)
    weighted = kind == "weighted_category"
    if weighted:
        spec = _weighted_source(spec)
        kind = spec["kind"]
    if kind == "seq_category_id":
        column, text, bound = spec.get("column"), spec, _positive_int(spec, "num_buckets")
    else:
        text = spec if kind == "sparse" else spec.get("source")
        column = text.get("column")
        # A bare SPARSE is bounded by its shape and is its values; a hashed id may be any integer.
        if kind == "sparse":
            bound = _width(text)
        else:
            bound = _positive_int(spec, "num_buckets") if kind == "category_id" else 0
        weighted = weighted or (kind == "sparse" and text.get("format") == "kv")
    if not isinstance(column, str) or not column:
        raise ValueError(f"feature spec needs a column name: {_show(spec)}")
    kv_delimiter = ""
    if text.get("kind") == "sparse" and text.get("format", "index") != "index":
        if text.get("format") != "kv":
            raise ValueError(f"sparse format must be index or kv: {_show(text)}")
        kv_delimiter = text.get("kv_delimiter", ":")
        if not isinstance(kv_delimiter, str) or not kv_delimiter or kv_delimiter == _delimiter(text):
            raise ValueError(f"kv_delimiter must be a non-empty string other than the delimiter: {_show(text)}")
    if combiner not in ("", *_COMBINERS):
        raise ValueError(f"embedding combiner must be one of {', '.join(_COMBINERS)}, got {combiner!r}")
    delimiter = _delimiter(text)
    ids = InputSource(column, "ids", 0, delimiter, bound, kv_delimiter)
    weights = InputSource(column, "weights", 0, delimiter, bound, kv_delimiter, weighted, combiner)
    return ids, weights


def _combiner(spec):
    combiner = spec.get("combiner", "mean")
    if combiner not in _COMBINERS:
        raise ValueError(f"embedding combiner must be one of {', '.join(_COMBINERS)}, got {combiner!r}")
    return combiner


def _cross_sources(spec):
    sources = spec.get("sources")
    if not isinstance(sources, list) or len(sources) < 2:
        raise ValueError(f"cross needs at least two sources: {_show(spec)}")
    for source in sources:
        if _kind(source) not in CATEGORICAL_KINDS | {"raw"}:
            raise ValueError(f"cross sources must be categorical or raw columns: {_show(spec)}")
    return sources


def _width(spec):
    shape = spec.get("shape", [1])
    if not isinstance(shape, list) or not shape or not all(isinstance(d, int) and d > 0 for d in shape):
        raise ValueError(f"shape must be a list of positive integers: {_show(spec)}")
    return math.prod(shape)


def _delimiter(spec):
    delimiter = spec.get("delimiter", ",")
    if not isinstance(delimiter, str) or not delimiter:
        raise ValueError(f"delimiter must be a non-empty string: {_show(spec)}")
    return delimiter


def _positive_int(spec, key):
    value = spec.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{spec.get('kind')} needs a positive integer {key}: {_show(spec)}")
    return value


def _key(spec):
    return json.dumps(spec, sort_keys=True)


def _show(spec):
    return json.dumps(spec, sort_keys=True, default=str)


def _convert(source, data):
    if source.column not in data:
        raise ValueError(f"column {source.column!r} used by the model is missing from the data")
    column = data[source.column]
    if source.form in ("ids", "weights"):
        return _id_list_array(source, column)
    if source.form == "string":
        return np.array([_as_string(v) for v in column], dtype=object).reshape(-1, 1)
    if column.dtype == object:
        rows = [_split(v, source) for v in column]
    elif source.width == 1:
        rows = [[v] for v in column.tolist()]
    else:
        raise ValueError(f"column {source.column!r} is numeric but the feature needs {source.width} values per row")
    if source.form == "float":
        values = np.array(rows, dtype=np.float64).reshape(-1, source.width)
        return np.nan_to_num(values, nan=0.0).astype(np.float32)
    return np.array([[_as_id(v, source) for v in row] for row in rows], dtype=np.int64).reshape(-1, source.width)


def _split(value, source):
    if value is None or value == "":
        return [math.nan] * source.width
    parts = dense_parts(value, source.delimiter) if source.width > 1 else [value]
    if len(parts) != source.width:
        raise ValueError(f"column {source.column!r}: {value!r} holds {len(parts)} values, expected {source.width}")
    try:
        return [float(p) for p in parts]
    except ValueError:
        raise ValueError(f"column {source.column!r}: {value!r} is not a number") from None


def _as_id(value, source):
    if math.isnan(value):
        return source.num_buckets
    if not math.isfinite(value) or value != math.floor(value) or not 0 <= value < source.num_buckets:
        raise ValueError(
            f"column {source.column!r}: category id {value:g} is not an integer in [0, {source.num_buckets})")
    return int(value)


def _as_string(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if math.isnan(value):
        return ""
    return str(int(value)) if abs(value) < 2**53 and value == math.floor(value) else repr(float(value))


def _id_list_array(source, column):
    """The "ids" (int64) or "weights" (float32) array of an id-list column: one row per value, padded with
    id 0 of weight 0 to the longest row (at least one item)."""
    rows = [_id_list_items(source, value) for value in column]
    length = max([1] + [len(items) for items in rows])
    if source.form == "ids":
        out = np.zeros((len(rows), length), dtype=np.int64)
        for r, items in enumerate(rows):
            out[r, :len(items)] = [index for index, _ in items]
        return out
    out = np.zeros((len(rows), length), dtype=np.float32)
    for r, items in enumerate(rows):
        weights = np.array([weight if source.weighted else 1.0 for _, weight in items], dtype=np.float64)
        if source.combiner:  # as TensorFlow's safe embedding lookup: a weight <= 0 drops its id
            weights = np.maximum(weights, 0.0)
        if source.combiner in ("mean", "sqrtn"):
            total = weights.sum() if source.combiner == "mean" else math.sqrt(float((weights ** 2).sum()))
            if total > 0:
                weights = weights / total
        out[r, :len(items)] = weights
    return out


def _id_list_items(source, value):
    """[(id, weight)] of one row: "1,5,9" (weight 1 each) or "3:0.5,7:1.2" with a kv_delimiter."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if not isinstance(value, str):
        raise ValueError(f"column {source.column!r} must hold text such as \"1,5,9\", got {value!r}")
    items = []
    for item in value.split(source.delimiter):
        item = item.strip()
        if not item:
            continue
        weight = 1.0
        if source.kv_delimiter:
            item, sep, text = item.partition(source.kv_delimiter)
            if not sep:
                raise ValueError(f"column {source.column!r}: {item!r} in {value!r} is not "
                                 f"key{source.kv_delimiter}value")
            try:
                weight = float(text)
            except ValueError:
                raise ValueError(f"column {source.column!r}: {text!r} in {value!r} is not a number") from None
            if not math.isfinite(weight):
                raise ValueError(f"column {source.column!r}: {value!r} holds a non-finite weight")
        try:
            index = int(item.strip())
        except ValueError:
            raise ValueError(f"column {source.column!r}: {item!r} in {value!r} is not an integer id") from None
        if source.num_buckets and not 0 <= index < source.num_buckets:
            raise ValueError(f"column {source.column!r}: id {index} in {value!r} is outside [0, {source.num_buckets})")
        if not -2**63 <= index < 2**63:
            raise ValueError(f"column {source.column!r}: id {index} in {value!r} is too large")
        items.append((index, weight))
    return items
