"""Training, prediction, evaluation and explanation for generated programs (contract section 3).

Every line printed here becomes a log row the user sees, so only the lines the contract names are
printed (flushed at once); Keras runs with verbose=0.
"""
import math

import keras
import numpy as np
import tensorflow as tf

from . import feed, labels, results
from .results import write_json as _write_json
from . import features as feature_specs

TRAIN_KEYS = ("epochs", "batch_size", "verbose", "seed")
PREDICT_BATCH_SIZE = 1024

# Accepted metric names, compared case-insensitively without underscores -> the name they are reported as.
_METRIC_NAMES = {
    "accuracy": "accuracy",
    "auc": "auc",
    "precision": "precision",
    "recall": "recall",
    "meansquarederror": "mean_squared_error",
    "meanabsoluteerror": "mean_absolute_error",
    "meanabsolutepercentageerror": "mean_absolute_percentage_error",
    # SQLFlow's short names
    "mse": "mean_squared_error",
    "mae": "mean_absolute_error",
    "mape": "mean_absolute_percentage_error",
}
_CLASS_METRICS = ("accuracy", "auc", "precision", "recall")


def set_seed(seed):
    """Seeds Python, numpy and TensorFlow so a run with the same seed repeats; None leaves them random."""
    if seed is not None:
        keras.utils.set_random_seed(int(seed))


def metric_name(name):
    """The reported (lower snake case) name of an accepted metric; ValueError for others."""
    found = _METRIC_NAMES.get(str(name).lower().replace("_", ""))
    if found is None:
        raise ValueError(f"unknown metric {name!r}; supported: Accuracy, AUC, Precision, Recall, "
                         "MeanSquaredError (MSE), MeanAbsoluteError (MAE), "
                         "MeanAbsolutePercentageError (MAPE)")
    return found


def fit(model, data, features, label, train, validation):
    """Trains on `data`, printing one epoch line per epoch; returns the last epoch's metrics.

    train: {"epochs", "batch_size", "verbose", "seed"} (verbose is accepted and ignored: Keras stays silent).
    validation: {"feed": directory or None, "metrics": [names]} or None.
    """
    run = prepare(model, data, features, label, train, validation)
    model.fit(run.dataset(), epochs=run.epochs, verbose=0, shuffle=False, callbacks=[run.lines])
    return run.lines.last


class PreparedFit:
    """Everything a training loop needs: the epochs, the shuffled batches, the epoch-line callback."""

    def __init__(self, x, y, epochs, batch_size, lines):
        self.x, self.y, self.epochs, self.batch_size, self.lines = x, y, epochs, batch_size, lines

    def dataset(self):
        return _dataset(self.x, self.y, self.batch_size, shuffle=True)


def prepare(model, data, features, label, train, validation):
    """Checks the settings and turns the feeds into inputs, labels and the epoch-line callback (see fit)."""
    train = dict(train or {})
    for key in train:
        if key not in TRAIN_KEYS:
            raise ValueError(f"unknown training setting {key!r}; accepted: {', '.join(TRAIN_KEYS)}")
    epochs = _positive(train.get("epochs", 1), "epochs")
    batch_size = _positive(train.get("batch_size", 32), "batch_size")

    x = feature_specs.to_inputs(features, data)
    y = _labels(label, data, model)
    if len(y) == 0:
        raise ValueError("the training data has no rows")
    checked = None
    validation = validation or {}
    if validation.get("feed"):
        validation_data = feed.read(validation["feed"])
        names = list(dict.fromkeys(metric_name(m) for m in validation.get("metrics") or []))
        for name in names:
            _check_metric(name, label["kind"])
        checked = (feature_specs.to_inputs(features, validation_data), _labels(label, validation_data, model), names)
    return PreparedFit(x, y, epochs, batch_size, _EpochLines(label["kind"], checked))


def predict(model, meta, data, path, result_column=None, extra_outputs=()):
    """Writes the prediction columns as a result table (results.TableWriter) to `path`: `result_column`
    (default: the label's name) holding the class id (int64) for classifiers, the value (float64) for
    regressors (a comma-separated string of label_dimension values when it is above 1), then one column
    per name in `extra_outputs` (see results.prediction_output). Prints `Predicted N rows`."""
    outputs = _outputs(model, meta["features"], data)
    column = result_column or meta["label"]["column"]
    if meta["label"]["kind"] == "class":
        probabilities = _scores("class", outputs)
        values = np.argmax(outputs, axis=1) if len(outputs) else np.zeros(0, dtype=np.int64)
        classes = meta["label"].get("classes")
        if classes:  # a label of class names: write the names back
            columns, cells = [(column, "string")], [labels.names(classes, values)]
        else:
            columns, cells = [(column, "int64")], [values.astype(np.int64)]
    else:
        probabilities = None
        values = outputs.reshape(-1) if outputs.shape[1] == 1 else outputs
        if outputs.shape[1] == 1:
            columns, cells = [(column, "float64")], [values]
        else:
            columns, cells = [(column, "string")], [[",".join(repr(float(v)) for v in row) for row in outputs]]
    for name in extra_outputs:
        kind, extra = results.prediction_output(name, probabilities)
        columns.append((name, kind))
        cells.append(extra)
    with results.TableWriter(path, columns) as out:
        out.write_columns(cells)
    print(f"Predicted {len(outputs)} rows", flush=True)
    return values


def evaluate(model, meta, data, label_column, metrics, path):
    """Writes {"loss": x, <metric>: y, ...} as JSON to `path`, prints `name = value` per entry, returns it."""
    label = dict(meta["label"])
    if label_column:
        label["column"] = label_column
    names = list(dict.fromkeys(metric_name(m) for m in metrics or []))
    for name in names:
        _check_metric(name, label["kind"])
    y = _labels(label, data, model)
    if len(y) == 0:
        raise ValueError("the evaluation data has no rows")
    outputs = _outputs(model, meta["features"], data)
    result = {"loss": _loss(label["kind"], outputs, y)}
    for name in names:
        result[name] = _metric(name, label["kind"], outputs, y)
    _write_json(path, result)
    for name, value in result.items():
        print(f"{name} = {value:.4f}", flush=True)
    return result


def explain(model, meta, data, path):
    """Permutation importance per input column, written as JSON {column: importance} (largest first).

    With the label column in `data`: how much the loss grows when the column is shuffled. Without it:
    the mean absolute change of the model's outputs (class probabilities or values).
    """
    features, label = meta["features"], meta["label"]
    base = _outputs(model, features, data)
    rows = len(base)
    if rows == 0:
        raise ValueError("the data to explain has no rows")
    y = _labels(label, data, model) if label["column"] in data else None
    base_score = _loss(label["kind"], base, y) if y is not None else None
    rng = np.random.default_rng(0)
    importance = {}
    for column in feature_specs.input_columns(features):
        shuffled = dict(data)
        shuffled[column] = data[column][rng.permutation(rows)]
        outputs = _outputs(model, features, shuffled)
        if y is not None:
            importance[column] = _loss(label["kind"], outputs, y) - base_score
        else:
            change = _scores(label["kind"], outputs) - _scores(label["kind"], base)
            importance[column] = float(np.mean(np.abs(change)))
    importance = dict(sorted(importance.items(), key=lambda item: -item[1]))
    _write_json(path, importance)
    for column, value in importance.items():
        print(f"{column} = {value:.4f}", flush=True)
    return importance


class _EpochLines(keras.callbacks.Callback):
    """Prints `epoch N, train_loss = x[, validation_loss = y, validation_<metric> = z ...]` after each epoch."""

    def __init__(self, kind, validation):
        super().__init__()
        self._kind = kind
        self._validation = validation
        self.last = {}

    def on_epoch_end(self, epoch, logs=None):
        values = {"train_loss": float((logs or {}).get("loss", math.nan))}
        if self._validation is not None:
            x, y, names = self._validation
            outputs = _predict_inputs(self.model, x)
            values["validation_loss"] = _loss(self._kind, outputs, y)
            for name in names:
                values[f"validation_{name}"] = _metric(name, self._kind, outputs, y)
        print(f"epoch {epoch}, " + ", ".join(f"{k} = {v:.4f}" for k, v in values.items()), flush=True)
        self.last = values


def _dataset(x, y=None, batch_size=PREDICT_BATCH_SIZE, shuffle=False):
    # tf.data rather than numpy arrays: Keras' numpy adapter rejects object (string) arrays.
    dataset = tf.data.Dataset.from_tensor_slices(x if y is None else (x, y))
    if shuffle:
        dataset = dataset.shuffle(len(y), reshuffle_each_iteration=True)
    return dataset.batch(batch_size)


def _outputs(model, features, data):
    return _predict_inputs(model, feature_specs.to_inputs(features, data))


def _predict_inputs(model, x):
    rows = len(next(iter(x.values()))) if x else 0
    if rows == 0:
        return np.zeros((0, model.outputs[0].shape[-1]))
    return np.asarray(model.predict(_dataset(x), verbose=0), dtype=np.float64)


def _labels(label, data, model):
    """Class ids (int64, shape (n,)) for classifiers, float32 values (n, label_dimension) for regressors."""
    column = label["column"]
    if column not in data:
        raise ValueError(f"label column {column!r} is missing from the data")
    width = model.outputs[0].shape[-1]
    values = data[column]
    if label["kind"] == "class" and label.get("classes"):
        return labels.class_ids(label["classes"], values, column, width)
    if label["kind"] == "class":
        numbers = np.array([_number(v, column) for v in values], dtype=np.float64)
        bad = ~np.isfinite(numbers) | (numbers != np.floor(numbers)) | (numbers < 0) | (numbers >= width)
        if bad.any():
            raise ValueError(f"label column {column!r} must hold class ids 0..{width - 1}; "
                             f"found {values.tolist()[np.argmax(bad)]!r}")
        return numbers.astype(np.int64)
    if values.dtype == object:
        rows = [[_number(p, column) for p in _parts(v, width, column)] for v in values]
        numbers = np.array(rows, dtype=np.float64).reshape(len(values), width)
    elif width == 1:
        numbers = values.astype(np.float64).reshape(-1, 1)
    else:
        raise ValueError(f"label column {column!r} is numeric but label_dimension is {width}")
    if not np.isfinite(numbers).all():
        raise ValueError(f"label column {column!r} holds NULL or non-finite values")
    return numbers.astype(np.float32)


def _parts(value, width, column):
    parts = [value] if value is None or width == 1 else value.split(",")
    if len(parts) != width:
        raise ValueError(f"label column {column!r}: {value!r} holds {len(parts)} values, expected {width}")
    return parts


def _number(value, column):
    if value is None:
        return math.nan
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"label column {column!r}: {value!r} is not a number") from None


def _check_metric(name, kind):
    if (name in _CLASS_METRICS) != (kind == "class"):
        raise ValueError(f"metric {name} does not apply to a {'classifier' if kind == 'class' else 'regressor'}")


def _log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def _scores(kind, outputs):
    return np.exp(_log_softmax(outputs)) if kind == "class" else outputs


def _loss(kind, outputs, y):
    if kind == "class":
        return float(-_log_softmax(outputs)[np.arange(len(y)), y].mean())
    return float(np.mean((outputs - y) ** 2))


def _metric(name, kind, outputs, y):
    if name == "mean_squared_error":
        return float(np.mean((outputs - y) ** 2))
    if name == "mean_absolute_error":
        return float(np.mean(np.abs(outputs - y)))
    if name == "mean_absolute_percentage_error":
        # As Keras defines it: a zero label counts against a tiny denominator, not a division by zero.
        return float(100 * np.mean(np.abs(outputs - y) / np.maximum(np.abs(y), 1e-7)))
    if name == "accuracy":
        return float(np.mean(np.argmax(outputs, axis=1) == y))
    # AUC, precision and recall: of class 1 for two classes, else micro-averaged over one-hot labels
    # (what Keras computes for one-hot labels and probabilities).
    probabilities = _scores(kind, outputs)
    if probabilities.shape[1] == 2:
        scores, truth = probabilities[:, 1], y == 1
    else:
        scores, truth = probabilities.reshape(-1), np.eye(probabilities.shape[1], dtype=bool)[y].reshape(-1)
    if name == "auc":
        return _auc(scores, truth)
    predicted = scores > 0.5
    hits = float(np.sum(predicted & truth))
    total = np.sum(predicted) if name == "precision" else np.sum(truth)
    return hits / total if total else 0.0


def _auc(scores, truth):
    positives, negatives = int(truth.sum()), int((~truth).sum())
    if positives == 0 or negatives == 0:
        return math.nan
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    ranks = (ends - (counts - 1) / 2.0)[inverse]  # 1-based ranks, ties averaged
    return float((ranks[truth].sum() - positives * (positives + 1) / 2.0) / (positives * negatives))


def _positive(value, key):
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{key} must be a positive integer, got {value!r}")
    return value
