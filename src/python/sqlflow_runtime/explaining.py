"""TO EXPLAIN with SHAP and XGBoost's own feature scores (contract section 6).

The explainers are SQLFlow's: TreeExplainer for XGBoost boosters, KernelExplainer (or DeepExplainer)
for Keras models, XGBoostExplainer for XGBoost's fscore and gain. The result is a table file for Java to
insert (one row per feature) and, for SHAP, the summary plot as a PNG that matplotlib draws off screen.
`summary.*` attributes arrive without their prefix and are checked here, never passed through unseen.
"""
import os

os.environ.setdefault("MPLBACKEND", "Agg")  # no display: the plot is only ever written to a file

import numpy as np

from . import results, store
from . import matrix
from .matrix import Layout

EXPLAINERS = ("TreeExplainer", "KernelExplainer", "DeepExplainer", "XGBoostExplainer")
PLOT_TYPES = ("dot", "bar", "violin", "layered_violin", "compact_dot", "decision")
MAX_KERNEL_BACKGROUND = 20  # rows summarised by k-means as KernelExplainer's background, as SQLFlow did


def _boolean(key, value):
    if not isinstance(value, bool):
        raise ValueError(f"summary.{key} must be true or false, got {value!r}")
    return value


def _text(key, value):
    if not isinstance(value, str) or len(value) > 200 or "\n" in value:
        raise ValueError(f"summary.{key} must be a one-line string of at most 200 characters, got {value!r}")
    return value


def _count(key, value):
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
        raise ValueError(f"summary.{key} must be an integer in [1, 1000], got {value!r}")
    return value


def _alpha(key, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"summary.{key} must be a number in [0, 1], got {value!r}")
    return value


def _plot_type(key, value):
    if value not in PLOT_TYPES:
        raise ValueError(f"summary.{key} must be one of {', '.join(PLOT_TYPES)}, got {value!r}")
    return value


def _plot_size(key, value):
    def inches(v):
        return not isinstance(v, bool) and isinstance(v, (int, float)) and 0 < v <= 50

    if value == "auto" or inches(value) or (isinstance(value, list) and len(value) == 2 and all(map(inches, value))):
        return tuple(value) if isinstance(value, list) else value
    raise ValueError(f'summary.{key} must be "auto", a width in inches (at most 50) or [width, height], '
                     f"got {value!r}")


def _names(key, value):
    if not isinstance(value, list) or not all(isinstance(v, str) and len(v) <= 200 for v in value):
        raise ValueError(f"summary.{key} must be a list of strings, got {value!r}")
    return value


SUMMARY = {
    "plot_type": _plot_type,
    "sort": _boolean,
    "alpha": _alpha,
    "max_display": _count,
    "color_bar": _boolean,
    "color_bar_label": _text,
    "title": _text,
    "plot_size": _plot_size,
    "layered_violin_max_num_bins": _count,
    "class_names": _names,
    "use_log_scale": _boolean,
    "show_values_in_legend": _boolean,
}


def summary_params(summary):
    """The checked `summary.*` attributes (keys without the prefix), as shap.summary_plot takes them."""
    checked = {}
    for key, value in (summary or {}).items():
        check = SUMMARY.get(key)
        if check is None:
            raise ValueError(f"unknown attribute summary.{key}; accepted: summary.{', summary.'.join(SUMMARY)}")
        checked[key] = check(key, value)
    return checked


def explain(model, meta, data, explainer=None, summary=None, label_col=None, table_path="explain.json",
            plot_path="summary.png"):
    """Explains `model` on `data`; writes the result table (and the plot for SHAP); returns the rows.

    explainer None: TreeExplainer for XGBoost, KernelExplainer for Keras. label_col names the label
    column of the SELECT, dropped from what is explained (it must not be a feature).
    """
    framework = store.framework_of(model)
    if explainer is None:
        explainer = "TreeExplainer" if framework == store.XGBOOST else "KernelExplainer"
    if explainer not in EXPLAINERS:
        raise ValueError(f"unknown explainer {explainer!r}; supported: {', '.join(EXPLAINERS)}")
    summary = summary_params(summary)
    data = _without_label(data, meta, label_col)
    if framework == store.XGBOOST:
        if explainer == "DeepExplainer":
            raise ValueError("DeepExplainer explains neural networks; use TreeExplainer for XGBoost models")
        if explainer == "XGBoostExplainer":
            return _feature_scores(model, meta, table_path)
        names, x, predict = _booster_inputs(model, meta, data)
    else:
        if explainer in ("TreeExplainer", "XGBoostExplainer"):
            raise ValueError(f"{explainer} explains XGBoost models; use KernelExplainer or DeepExplainer for "
                             f"{meta.get('model_class', 'Keras')} models")
        names, x, predict = _keras_inputs(model, meta, data)
        if explainer == "DeepExplainer":
            model = _one_input_model(model, meta, names)
    if len(x) == 0:
        raise ValueError("the data to explain has no rows")
    values, expected = _shap_values(explainer, model, x, predict)
    rows = _mean_abs_rows(names, values)
    results.write_table(table_path, [("feature", "string"), ("mean_abs_shap", "float64")], rows)
    for feature, value in rows:
        print(f"{feature} = {value:.4f}", flush=True)
    _plot(values, expected, x, names, summary, plot_path)
    width, height = png_size(plot_path)
    print(f"Summary plot written to {plot_path} ({width}x{height} pixels)", flush=True)
    return rows


def _without_label(data, meta, label_col):
    if label_col is None:
        return data
    if not isinstance(label_col, str) or label_col not in data:
        raise ValueError(f"label_col {label_col!r} is not a column of the SELECT")
    if label_col in _input_columns(meta):
        raise ValueError(f"label_col {label_col!r} is a feature of the model, not its label")
    return {k: v for k, v in data.items() if k != label_col}


def _input_columns(meta):
    if meta.get("framework") == store.XGBOOST:
        return Layout(meta["features"]).columns
    from . import features

    return features.input_columns(meta["features"])


def _booster_inputs(booster, meta, data):
    import xgboost as xgb

    layout = Layout(meta["features"])
    x = matrix.dense(layout.matrix(data))  # SHAP perturbs and plots dense rows; absent entries stay missing

    def predict(rows):
        return booster.predict(xgb.DMatrix(rows, missing=np.nan))

    return layout.feature_names, x, predict


def _keras_inputs(model, meta, data):
    """The model's input columns as one float matrix; KernelExplainer perturbs these numbers."""
    from . import training

    columns = _input_columns(meta)
    for column in columns:
        if data[column].dtype == object:
            raise ValueError(f"SHAP explains numeric input columns; {column!r} holds strings")
    x = np.column_stack([data[c] for c in columns]).astype(np.float64) if columns else np.zeros((0, 0))
    kind = meta["label"]["kind"]

    def predict(rows):
        outputs = training._outputs(model, meta["features"], {c: rows[:, i] for i, c in enumerate(columns)})
        return training._scores(kind, outputs)

    return columns, x, predict


def _one_input_model(model, meta, columns):
    """The Keras model behind one float input of the columns side by side (what DeepExplainer feeds), with
    softmax for classifiers so that SHAP explains probabilities, as KernelExplainer does."""
    import keras

    expected = {name: tuple(model.get_layer(name).output.shape[1:]) for name in columns
                if name in [layer.name for layer in model.layers]}
    if set(expected) != set(columns) or any(shape != (1,) for shape in expected.values()):
        raise ValueError("DeepExplainer explains models whose inputs are numeric columns, one value each; "
                         "use KernelExplainer")
    joined = keras.Input((len(columns),), dtype="float32", name="explained_columns")
    outputs = model({c: joined[:, i:i + 1] for i, c in enumerate(columns)})
    if meta["label"]["kind"] == "class":
        outputs = keras.layers.Softmax()(outputs)
    return keras.Model(joined, outputs)


def _shap_values(explainer, model, x, predict):
    """(values as rows x features [x outputs], expected value(s)) from the named SHAP explainer."""
    import shap

    if explainer == "TreeExplainer":
        try:
            found = shap.TreeExplainer(model)
        except Exception as e:  # shap raises bare Exceptions for models it cannot walk (gblinear)
            raise ValueError(f"TreeExplainer cannot explain this model ({e}); use KernelExplainer") from None
        return np.asarray(found.shap_values(x)), found.expected_value
    if explainer == "DeepExplainer":
        try:
            found = shap.DeepExplainer(model, x[:MAX_KERNEL_BACKGROUND].astype(np.float32))
            return np.asarray(found.shap_values(x.astype(np.float32))), found.expected_value
        except Exception as e:
            raise ValueError(f"DeepExplainer cannot explain this model ({type(e).__name__}: {e}); "
                             "use KernelExplainer") from None
    found = shap.KernelExplainer(predict, _background(x))
    values = found.shap_values(x, silent=True)
    return np.asarray(values), found.expected_value


def _background(x):
    if len(x) <= MAX_KERNEL_BACKGROUND:
        return x
    import shap

    return shap.kmeans(x, MAX_KERNEL_BACKGROUND)


def _mean_abs_rows(names, values):
    """[feature, mean |SHAP|] largest first; with several outputs (classes) their sum, the bar's length in
    SHAP's stacked bar plot."""
    means = np.abs(values).mean(axis=0)
    if means.ndim == 2:
        means = means.sum(axis=1)
    rows = [[name, float(value)] for name, value in zip(names, means)]
    return sorted(rows, key=lambda row: -row[1])


def _plot(values, expected, x, names, summary, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import shap

    multi = values.ndim == 3
    plot_type = summary.pop("plot_type", "bar" if multi else "dot")
    plt.close("all")
    if plot_type == "decision":
        if multi:
            raise ValueError("summary.plot_type decision draws one output; this model has several")
        shap.decision_plot(float(np.ravel(expected)[0]), values, x, feature_names=names, show=False)
    else:
        if multi and plot_type != "bar":
            raise ValueError(f'summary.plot_type {plot_type} draws one output; use "bar" for a model with '
                             "several outputs (classes)")
        shown = [values[:, :, k] for k in range(values.shape[2])] if multi else values
        shap.summary_plot(shown, x, feature_names=names, plot_type=plot_type, show=False,
                          rng=np.random.default_rng(0), **summary)
    plt.savefig(path, format="png", bbox_inches="tight", dpi=100)
    plt.close("all")


def _feature_scores(booster, meta, path):
    """XGBoostExplainer: per feature the number of splits on it (fscore) and their mean gain."""
    names = Layout(meta["features"]).feature_names
    gain = booster.get_score(importance_type="gain")
    fscore = booster.get_score(importance_type="weight")
    if not gain:
        raise ValueError("XGBoostExplainer reads tree splits; this booster has none (gblinear?)")

    def name(key):  # boosters trained without feature names call them f0, f1, ...
        index = int(key[1:]) if key.startswith("f") and key[1:].isdigit() else None
        return names[index] if index is not None and index < len(names) else key

    rows = sorted(([name(k), float(fscore.get(k, 0)), float(gain[k])] for k in gain), key=lambda r: r[0])
    results.write_table(path, [("feature", "string"), ("fscore", "float64"), ("gain", "float64")], rows)
    for feature, f, g in rows:
        print(f"{feature}: fscore = {f:g}, gain = {g:.4f}", flush=True)
    return rows


def png_size(path):
    """(width, height) of a PNG file, from its IHDR chunk; ValueError when it is not a PNG."""
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG image")
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")

