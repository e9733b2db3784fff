"""SHAP explanations of XGBoost and Keras models, XGBoost's fscore/gain, and the summary plot PNG."""
import numpy as np
import pytest

from conftest import BOSTON_COLUMNS, boston_like, iris_like, numeric_features
from sqlflow_runtime import boosting, explaining, models, results, training

BOSTON = {"feature_columns": numeric_features(BOSTON_COLUMNS)}
MEDV = {"column": "medv"}


@pytest.fixture(scope="module")
def regression_booster():
    data = boston_like(200, seed=1)
    booster, _ = boosting.train("XGBRegressor", BOSTON, MEDV, {"max_depth": 3}, {"num_boost_round": 15}, data)
    return booster, {"framework": "xgboost", "features": BOSTON, "label": MEDV}, boston_like(40, seed=2)


def assert_real_png(path, min_width=200, min_height=150):
    width, height = explaining.png_size(str(path))
    assert width >= min_width and height >= min_height, (width, height)
    assert path.stat().st_size > 5000  # a drawn plot, not an empty canvas


def test_tree_explainer_rows_rank_the_features_the_label_depends_on(regression_booster, tmp_path, capsys):
    booster, meta, data = regression_booster
    rows = explaining.explain(booster, meta, data, "TreeExplainer", {"sort": True, "max_display": 5}, "medv",
                              str(tmp_path / "e.json"), str(tmp_path / "s.png"))

    columns, written = results.read_table(str(tmp_path / "e.json"))
    assert columns == [("feature", "string"), ("mean_abs_shap", "float64")]
    assert written == rows and len(rows) == 13
    assert {rows[0][0], rows[1][0]} == {"rm", "lstat"}  # medv is built from rm and lstat
    assert rows[0][1] > 5 * rows[2][1]
    assert_real_png(tmp_path / "s.png")
    out = capsys.readouterr().out.splitlines()
    assert out[:13] == [f"{f} = {v:.4f}" for f, v in rows]
    assert out[13].startswith(f"Summary plot written to {tmp_path / 's.png'} (")


@pytest.mark.parametrize("summary", [{"plot_type": "bar", "alpha": 0.5, "title": "boston"},
                                     {"plot_type": "violin", "sort": False, "max_display": 3},
                                     {"plot_type": "decision"}])
def test_every_plot_type_draws_a_png(regression_booster, tmp_path, summary):
    booster, meta, data = regression_booster
    explaining.explain(booster, meta, data, None, summary, None, str(tmp_path / "e.json"), str(tmp_path / "s.png"))
    assert_real_png(tmp_path / "s.png")


def test_xgboost_explainer_gives_fscore_and_gain_per_feature(regression_booster, tmp_path, capsys):
    booster, meta, data = regression_booster
    rows = explaining.explain(booster, meta, data, "XGBoostExplainer", table_path=str(tmp_path / "e.json"))

    columns, written = results.read_table(str(tmp_path / "e.json"))
    assert columns == [("feature", "string"), ("fscore", "float64"), ("gain", "float64")]
    assert written == rows and [r[0] for r in rows] == sorted(r[0] for r in rows)
    by_feature = {r[0]: r for r in rows}
    assert set(by_feature) <= set(BOSTON_COLUMNS) and {"rm", "lstat"} <= set(by_feature)
    assert max(rows, key=lambda r: r[2])[0] in ("rm", "lstat")
    assert sum(r[1] for r in rows) == sum(booster.get_score(importance_type="weight").values())
    assert not (tmp_path / "summary.png").exists()


@pytest.fixture(scope="module")
def keras_classifier():
    train = iris_like(90, seed=1)
    features, label = {"feature_columns": numeric_features()}, {"column": "class", "kind": "class"}
    training.set_seed(1)
    model = models.build("DNNClassifier", features, label, {"n_classes": 3}, None, train)
    training.fit(model, train, features, label, {"epochs": 20, "batch_size": 16}, None)
    return model, {"framework": "keras", "model_class": "DNNClassifier", "features": features, "label": label}


@pytest.mark.parametrize("explainer", ["KernelExplainer", "DeepExplainer"])
def test_keras_classifier_is_explained_per_class(keras_classifier, explainer, tmp_path):
    model, meta = keras_classifier
    test = iris_like(12, seed=2)

    rows = explaining.explain(model, meta, test, explainer, {"plot_type": "bar"}, "class",
                              str(tmp_path / "e.json"), str(tmp_path / "s.png"))

    assert sorted(r[0] for r in rows) == sorted(numeric_features_names())
    assert rows[0][0] in ("petal_length", "petal_width") and rows[0][1] > 0
    assert_real_png(tmp_path / "s.png")


def test_deep_explainer_refuses_keras_models_with_string_inputs(tmp_path):
    data = {"x": np.arange(20.0), "word": np.array(["a", "b"] * 10, dtype=object), "y": np.arange(20.0)}
    features = {"feature_columns": [{"kind": "numeric", "column": "x"},
                                    {"kind": "category_hash", "column": "word", "num_buckets": 4}]}
    label = {"column": "y", "kind": "regression"}
    model = models.build("DNNRegressor", features, label, {}, None, data)
    meta = {"framework": "keras", "features": features, "label": label}
    with pytest.raises(ValueError, match="SHAP explains numeric input columns; 'word' holds strings"):
        explaining.explain(model, meta, data, "DeepExplainer", {}, "y", str(tmp_path / "e.json"),
                           str(tmp_path / "s.png"))


def numeric_features_names():
    return [f["column"] for f in numeric_features()]


@pytest.mark.parametrize("explainer, summary, label_col, message", [
    ("TreeExplainer", {"plot_type": "__import__('os')"}, None, "summary.plot_type must be one of"),
    ("TreeExplainer", {"alpha": 2}, None, r"summary.alpha must be a number in \[0, 1\]"),
    ("TreeExplainer", {"max_display": "all"}, None, r"summary.max_display must be an integer in \[1, 1000\]"),
    ("TreeExplainer", {"sort": "True"}, None, "summary.sort must be true or false"),
    ("TreeExplainer", {"plot_size": [1000, 1000]}, None, "summary.plot_size must be"),
    ("TreeExplainer", {"show": True}, None, "unknown attribute summary.show"),
    ("DeepExplainer", {}, None, "DeepExplainer explains neural networks; use TreeExplainer"),
    ("LimeExplainer", {}, None, "unknown explainer 'LimeExplainer'"),
    ("TreeExplainer", {}, "rm", "label_col 'rm' is a feature of the model"),
    ("TreeExplainer", {}, "nope", "label_col 'nope' is not a column"),
])
def test_bad_explain_attributes_are_refused(regression_booster, tmp_path, explainer, summary, label_col, message):
    booster, meta, data = regression_booster
    with pytest.raises(ValueError, match=message):
        explaining.explain(booster, meta, data, explainer, summary, label_col, str(tmp_path / "e.json"),
                           str(tmp_path / "s.png"))
    assert not (tmp_path / "s.png").exists()


def test_multi_class_dot_plot_is_refused_with_the_alternative(tmp_path):
    data = iris_like(60, seed=1)
    features = {"feature_columns": numeric_features()}
    booster, _ = boosting.train("xgboost.gbtree", features, {"column": "class"},
                                {"objective": "multi:softprob", "num_class": 3}, {"num_boost_round": 3}, data)
    meta = {"framework": "xgboost", "features": features, "label": {"column": "class"}}
    with pytest.raises(ValueError, match='use "bar" for a model with several outputs'):
        explaining.explain(booster, meta, data, None, {"plot_type": "dot"}, None, str(tmp_path / "e.json"),
                           str(tmp_path / "s.png"))
    explaining.explain(booster, meta, data, None, {}, None, str(tmp_path / "e.json"), str(tmp_path / "s.png"))
    assert_real_png(tmp_path / "s.png")


def test_sparse_key_value_model_is_explained_per_index(tmp_path):
    rows = [("1:0.5 3:-1.5 5:6.7", 0), ("3:-1.3 10:0.6 2:-3.4", 1), ("5:10.2 3:7.4", 1)] * 10
    data = {"c1": np.array([r[0] for r in rows], dtype=object), "label_col": np.array([r[1] for r in rows], float)}
    features = {"feature_columns": [{"kind": "sparse", "column": "c1", "shape": [11], "delimiter": " ",
                                     "format": "kv"}]}
    booster, _ = boosting.train("XGBClassifier", features, {"column": "label_col"}, {}, {"num_boost_round": 5}, data)
    meta = {"framework": "xgboost", "features": features, "label": {"column": "label_col"}}

    rows = explaining.explain(booster, meta, data, None, {}, "label_col", str(tmp_path / "e.json"),
                              str(tmp_path / "s.png"))

    assert sorted(r[0] for r in rows) == sorted(f"c1_{i}" for i in range(11))
    assert rows[0][0] in ("c1_1", "c1_2", "c1_5", "c1_10") and rows[0][1] > 0  # indices that tell class 0 apart
    assert all(r[1] == 0 for r in rows if r[0] in ("c1_0", "c1_4", "c1_6"))  # never present
    assert_real_png(tmp_path / "s.png")
