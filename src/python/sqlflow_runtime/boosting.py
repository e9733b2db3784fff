"""XGBoost models under SQLFlow's names: attributes, training, prediction, evaluation (contract section 4).

The attributes arrive as SQLFlow takes them: booster parameters without a prefix (`objective`, `eta`,
`max_depth`, ...) and `train.*` settings. Every value is checked here, before XGBoost sees it, so a bad
value is a short ValueError naming the attribute rather than an XGBoost traceback.
"""
import json
import math
import os
from dataclasses import dataclass

import numpy as np
import xgboost as xgb

from . import feed, labels as class_names, results
from .matrix import Layout


@dataclass(frozen=True)
class ModelClass:
    defaults: dict  # booster parameters set unless the statement sets them (SQLFlow's resolveModelParams)
    num_boost_round: int  # train.num_boost_round default


_RF = {"learning_rate": 1, "subsample": 0.8, "colsample_bynode": 0.8, "reg_lambda": 1e-05}
# XGBoost's random forests grow their trees in one round (num_parallel_tree of them), not one per round.
_FOREST = {"num_parallel_tree": 100}

MODEL_CLASSES = {
    "xgboost.gbtree": ModelClass({"booster": "gbtree"}, 10),
    "xgboost.gblinear": ModelClass({"booster": "gblinear"}, 10),
    "xgboost.dart": ModelClass({"booster": "dart"}, 10),
    "XGBClassifier": ModelClass({"objective": "binary:logistic"}, 10),
    "XGBRegressor": ModelClass({"objective": "reg:squarederror"}, 10),
    "XGBRFClassifier": ModelClass({"objective": "multi:softprob", **_RF, **_FOREST}, 1),
    "XGBRFRegressor": ModelClass({"objective": "reg:squarederror", **_RF, **_FOREST}, 1),
    "XGBRanker": ModelClass({"objective": "rank:pairwise"}, 10),
}

OBJECTIVES = ("reg:squarederror", "reg:squaredlogerror", "reg:logistic", "reg:pseudohubererror",
              "reg:absoluteerror", "reg:gamma", "reg:tweedie", "binary:logistic", "binary:logitraw",
              "binary:hinge", "count:poisson", "survival:cox", "multi:softmax", "multi:softprob",
              "rank:pairwise", "rank:ndcg", "rank:map")
EVAL_METRICS = ("rmse", "rmsle", "mae", "mape", "mphe", "logloss", "error", "merror", "mlogloss", "auc",
                "aucpr", "ndcg", "map", "poisson-nloglik", "gamma-nloglik", "cox-nloglik", "gamma-deviance",
                "tweedie-nloglik")
_CLASS_OBJECTIVES = ("binary:logistic", "binary:hinge", "multi:softmax", "multi:softprob")

# Accepted booster parameters: name -> check. Aliases in sklearn spelling map to XGBoost's own names.
_ALIASES = {"learning_rate": "eta", "reg_lambda": "lambda", "reg_alpha": "alpha", "random_state": "seed",
            "min_split_loss": "gamma"}


def _number(low=None, high=None, low_open=False, high_open=False):
    def check(key, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"{key} must be a number, got {value!r}")
        if low is not None and (value < low or (low_open and value == low)):
            raise ValueError(f"{key} must be {'>' if low_open else '>='} {low}, got {value!r}")
        if high is not None and (value > high or (high_open and value == high)):
            raise ValueError(f"{key} must be {'<' if high_open else '<='} {high}, got {value!r}")
        return value
    return check


def _integer(low):
    def check(key, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValueError(f"{key} must be an integer >= {low}, got {value!r}")
        return value
    return check


def _choice(*choices):
    def check(key, value):
        if value not in choices:
            raise ValueError(f"{key} must be one of {', '.join(choices)}, got {value!r}")
        return value
    return check


def _eval_metric(key, value):
    names = value.split(",") if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ValueError(f"{key} must be a metric name or a list of them, got {value!r}")
    names = [n.strip() for n in names]
    for name in names:
        if name.split("@")[0] not in EVAL_METRICS:
            raise ValueError(f"{key}: unknown metric {name!r}; supported: {', '.join(EVAL_METRICS)}")
    return names


PARAMS = {
    "booster": _choice("gbtree", "gblinear", "dart"),
    "objective": _choice(*OBJECTIVES),
    "num_class": _integer(2),
    "eval_metric": _eval_metric,
    "eta": _number(0, 1),
    "gamma": _number(0),
    "max_depth": _integer(0),
    "min_child_weight": _number(0),
    "max_delta_step": _number(0),
    "subsample": _number(0, 1, low_open=True),
    "colsample_bytree": _number(0, 1, low_open=True),
    "colsample_bylevel": _number(0, 1, low_open=True),
    "colsample_bynode": _number(0, 1, low_open=True),
    "lambda": _number(0),
    "alpha": _number(0),
    "tree_method": _choice("auto", "exact", "approx", "hist"),
    "scale_pos_weight": _number(0),
    "max_leaves": _integer(0),
    "max_bin": _integer(2),
    "grow_policy": _choice("depthwise", "lossguide"),
    "num_parallel_tree": _integer(1),
    "base_score": _number(),
    "seed": _integer(0),
    "nthread": _integer(1),
    "sample_type": _choice("uniform", "weighted"),
    "normalize_type": _choice("tree", "forest"),
    "rate_drop": _number(0, 1),
    "skip_drop": _number(0, 1),
    "one_drop": _integer(0),
    "updater": _choice("shotgun", "coord_descent"),
    "feature_selector": _choice("cyclic", "shuffle", "random", "greedy", "thrifty"),
    "top_k": _integer(0),
    "tweedie_variance_power": _number(1, 2, low_open=True, high_open=True),
    "huber_slope": _number(0, low_open=True),
}
TRAIN_SETTINGS = {
    "num_boost_round": _integer(1),
    "batch_size": lambda key, value: value if value == -1 else _integer(1)(key, value),
    "epoch": _integer(1),
    "disk_cache": lambda key, value: value if isinstance(value, bool) else _raise(key, "true or false", value),
}


def _raise(key, wanted, value):
    raise ValueError(f"{key} must be {wanted}, got {value!r}")


def model_class(name):
    found = MODEL_CLASSES.get(name)
    if found is None:
        raise ValueError(f"unknown XGBoost model {name!r}; supported: {', '.join(MODEL_CLASSES)}")
    return found


def resolve_params(model_class_name, params):
    """Booster parameters: the statement's (checked, aliases resolved) over the model class's defaults."""
    spec = model_class(model_class_name)
    resolved = {}
    for source in (spec.defaults, params or {}):
        for key, value in source.items():
            name = _ALIASES.get(key, key)
            check = PARAMS.get(name)
            if check is None:
                raise ValueError(f"unknown XGBoost attribute {key!r}; accepted: "
                                 f"{', '.join(sorted(PARAMS))} and train.{', train.'.join(TRAIN_SETTINGS)}")
            resolved[name] = check(key, value)
    objective = resolved.get("objective", "reg:squarederror")
    resolved["objective"] = objective
    if objective.startswith("multi:") and "num_class" not in resolved:
        raise ValueError(f"objective {objective} needs num_class (the number of classes)")
    if "num_class" in resolved and not objective.startswith("multi:"):
        raise ValueError(f"num_class applies to the multi:softmax and multi:softprob objectives, not {objective}")
    return resolved


def resolve_train(model_class_name, train):
    """train.* settings with SQLFlow's defaults: num_boost_round (10), batch_size (-1: all rows), epoch 1,
    disk_cache false."""
    resolved = {"num_boost_round": model_class(model_class_name).num_boost_round, "batch_size": -1, "epoch": 1,
                "disk_cache": False}
    for key, value in (train or {}).items():
        check = TRAIN_SETTINGS.get(key)
        if check is None:
            raise ValueError(f"unknown training setting train.{key}; accepted: "
                             f"train.{', train.'.join(TRAIN_SETTINGS)}")
        resolved[key] = check(f"train.{key}", value)
    return resolved


def is_classifier(objective):
    return objective in _CLASS_OBJECTIVES


def train(model_class_name, features, label, params, train_settings, data, validation=None, warm_start=None):
    """Trains a booster, printing XGBoost's evaluation line after every round; returns (booster, metrics).

    validation: {"feed": directory} or None. warm_start: a Booster to continue (TRAIN ... USING).
    Rows are trained in batches of train.batch_size, each batch for num_boost_round more rounds, the
    whole pass repeated train.epoch times, as SQLFlow did; metrics are the last round's values.
    """
    booster_params = resolve_params(model_class_name, params)
    settings = resolve_train(model_class_name, train_settings)
    layout = Layout(features)
    x = layout.matrix(data)
    y = labels(label, data, booster_params)
    if len(y) == 0:
        raise ValueError("the training data has no rows")
    validate = None
    if validation and validation.get("feed"):
        validation_data = feed.read(validation["feed"])
        validate = xgb.DMatrix(layout.matrix(validation_data), label=labels(label, validation_data, booster_params),
                               missing=np.nan)
    booster = warm_start
    history = {}
    batch = len(y) if settings["batch_size"] == -1 else settings["batch_size"]
    for _ in range(settings["epoch"]):
        for start in range(0, len(y), batch):
            chunk = _dmatrix(x[start:start + batch], y[start:start + batch], settings["disk_cache"])
            evals = [(chunk, "train")] + ([(validate, "validate")] if validate is not None else [])
            history = {}
            booster = xgb.train(booster_params, chunk, num_boost_round=settings["num_boost_round"], evals=evals,
                                evals_result=history, xgb_model=booster, verbose_eval=False,
                                callbacks=[xgb.callback.EvaluationMonitor(logger=_print_line)])
    metrics = {f"{data_name}_{metric}": float(values[-1])
               for data_name, by_metric in history.items() for metric, values in by_metric.items()}
    return booster, metrics


def predict(booster, meta, data, path, result_column=None, extra_outputs=()):
    """Writes the prediction columns as a result table to `path`, as SQLFlow's XGBoost predictions:
    `result_column` (default: the label's name) holds the class id (int64) for binary:logistic (p > 0.5),
    multi:softprob (argmax) and multi:softmax, the class name (string) when the model was trained on names;
    the raw output (float64) otherwise (regression values,
    binary:logitraw scores, 0/1 of binary:hinge). `extra_outputs` as results.prediction_output; only
    binary:logistic and multi:softprob give probabilities. Prints `Predicted N rows`."""
    outputs = booster.predict(xgb.DMatrix(Layout(meta["features"]).matrix(data), missing=np.nan))
    objective = objective_of(booster)
    values = class_ids(objective, outputs)
    column = result_column or meta["label"]["column"]
    classes = meta.get("label", {}).get("classes")
    if objective in _CLASS_OBJECTIVES and classes:  # a label of class names: write the names back
        columns, cells = [(column, "string")], [class_names.names(classes, values)]
    elif objective in _CLASS_OBJECTIVES:
        columns, cells = [(column, "int64")], [np.asarray(values).astype(np.int64).tolist()]
    else:
        columns, cells = [(column, "float64")], [np.asarray(values, dtype=np.float64).tolist()]
    probabilities = None
    if objective == "binary:logistic":
        p = np.asarray(outputs, dtype=np.float64).reshape(-1)
        probabilities = np.stack([1 - p, p], axis=1)
    elif objective == "multi:softprob":
        probabilities = np.asarray(outputs, dtype=np.float64).reshape(len(values), -1)
    for name in extra_outputs:
        kind, extra = results.prediction_output(name, probabilities)
        columns.append((name, kind))
        cells.append(extra)
    with results.TableWriter(path, columns) as out:
        out.write_columns(cells)
    print(f"Predicted {len(values)} rows", flush=True)
    return values


def evaluate(booster, meta, data, label_column, metrics, path):
    """Writes {"loss": <the objective's default metric>, <metric>: value, ...} to `path` as JSON.

    metrics: SQLFlow's XGBoost names (scikit-learn's: accuracy_score, mean_squared_error, ...).
    """
    from sklearn import metrics as sklearn_metrics

    names = [evaluation_metric(m) for m in metrics or []]
    label = dict(meta["label"])
    if label_column:
        label["column"] = label_column
    objective = objective_of(booster)
    y = labels(label, data, _label_params(booster))
    if len(y) == 0:
        raise ValueError("the evaluation data has no rows")
    matrix = xgb.DMatrix(Layout(meta["features"]).matrix(data), label=y, missing=np.nan)
    # Booster.eval answers "[0]\teval-<metric>:<value>" for the model's own metric.
    result = {"loss": float(booster.eval(matrix, "eval").split(":")[-1])}
    predicted = class_ids(objective, booster.predict(matrix))
    for name in names:
        options = {}
        if name in _AVERAGED and len(np.unique(y)) > 2:
            options["average"] = "macro"  # scikit-learn's default (binary) refuses more classes
        try:
            result[name] = float(getattr(sklearn_metrics, name)(y, predicted, **options))
        except ValueError as e:
            raise ValueError(f"metric {name} cannot be computed for this model's predictions: {e}") from None
    results.write_json(path, result)
    for name, value in result.items():
        print(f"{name} = {value:.4f}", flush=True)
    return result


SKLEARN_METRICS = ("accuracy_score", "average_precision_score", "balanced_accuracy_score", "brier_score_loss",
                   "cohen_kappa_score", "explained_variance_score", "f1_score", "hamming_loss", "hinge_loss",
                   "log_loss", "mean_absolute_error", "mean_absolute_percentage_error", "mean_squared_error",
                   "mean_squared_log_error", "median_absolute_error", "precision_score", "r2_score",
                   "recall_score", "roc_auc_score", "zero_one_loss")


_AVERAGED = ("f1_score", "precision_score", "recall_score")


def evaluation_metric(name):
    found = str(name).strip().lower()
    if found not in SKLEARN_METRICS:
        raise ValueError(f"unsupported metric {name!r} for XGBoost models; supported: {', '.join(SKLEARN_METRICS)}")
    return found


def objective_of(booster):
    return _config(booster)["objective"]["name"]


def _label_params(booster):
    """The objective and num_class a stored booster was trained with (XGBoost keeps them in its config)."""
    config = _config(booster)
    params = {"objective": config["objective"]["name"]}
    if params["objective"].startswith("multi:"):
        params["num_class"] = int(config["learner_model_param"]["num_class"])
    return params


def _config(booster):
    return json.loads(booster.save_config())["learner"]


def class_ids(objective, outputs):
    outputs = np.asarray(outputs)
    if objective == "binary:logistic":
        return (outputs > 0.5).astype(np.float64)
    if objective == "multi:softprob":
        return np.argmax(outputs, axis=1).astype(np.float64) if len(outputs) else np.zeros(0)
    return outputs.reshape(len(outputs), -1)[:, 0] if outputs.ndim > 1 else outputs.astype(np.float64)


def labels(label, data, params):
    """Label values (float64); class objectives need ids 0..num_class-1 (0/1 for binary ones), or class
    names when the label carries "classes" (labels.with_classes)."""
    column = label["column"] if isinstance(label, dict) else None
    if not isinstance(column, str) or column not in data:
        raise ValueError(f"label column {column!r} is missing from the data")
    values = data[column]
    objective = params.get("objective", "reg:squarederror")
    if label.get("classes") and is_classifier(objective):
        top = params.get("num_class", 2) if objective.startswith("multi:") else 2
        return class_names.class_ids(label["classes"], values, column, top).astype(np.float64)
    if values.dtype == object:
        try:
            values = np.array([math.nan if v is None else float(v) for v in values])
        except ValueError:
            raise ValueError(f"label column {column!r} must hold numbers") from None
    values = values.astype(np.float64)
    if not np.isfinite(values).all():
        raise ValueError(f"label column {column!r} holds NULL or non-finite values")
    if objective.startswith("rank:") and ((values != np.floor(values)) | (values < 0)).any():
        raise ValueError(f"objective {objective} needs relevance degrees (integers >= 0) in label column "
                         f"{column!r}, found {values[np.argmax((values != np.floor(values)) | (values < 0))]:g}")
    if is_classifier(objective):
        top = params.get("num_class", 2) if objective.startswith("multi:") else 2
        bad = (values != np.floor(values)) | (values < 0) | (values >= top)
        if bad.any():
            hint = (f'; for more classes use objective="multi:softprob" with num_class'
                    if top == 2 else "")
            raise ValueError(f"objective {objective} needs class ids 0..{top - 1} in label column {column!r}, "
                             f"found {values[np.argmax(bad)]:g}{hint}")
    return values


def _dmatrix(x, y, disk_cache):
    if not disk_cache:
        return xgb.DMatrix(x, label=y, missing=np.nan)
    # train.disk_cache: XGBoost's external memory, pages cached in the job directory.
    return xgb.DMatrix(_Pages(x, y, os.path.join(os.getcwd(), "xgboost-cache")), missing=np.nan)


class _Pages(xgb.DataIter):
    """Hands XGBoost the rows in pages so that it keeps them in its disk cache, not in memory."""

    PAGE_ROWS = 4096

    def __init__(self, x, y, prefix):
        self._x, self._y, self._start = x, y, 0
        super().__init__(cache_prefix=prefix)

    def next(self, input_data):
        if self._start >= len(self._y):
            return False
        end = self._start + self.PAGE_ROWS
        input_data(data=self._x[self._start:end], label=self._y[self._start:end])
        self._start = end
        return True

    def reset(self):
        self._start = 0


def _print_line(message):
    print(message.rstrip("\n"), flush=True)
