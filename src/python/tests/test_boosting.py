"""XGBoost under SQLFlow's names: quality on iris-like and boston-like data, attributes, continuation."""
import json

import numpy as np
import pytest
import scipy.stats

from conftest import BOSTON_COLUMNS, boston_like, iris_like, numeric_features
from sqlflow_runtime import boosting, feed, results, store

IRIS = {"feature_columns": numeric_features()}
BOSTON = {"feature_columns": numeric_features(BOSTON_COLUMNS)}
CLASS = {"column": "class"}
MEDV = {"column": "medv"}


@pytest.fixture(scope="module")
def iris():
    return iris_like(150, seed=1), iris_like(60, seed=2)


@pytest.fixture(scope="module")
def boston():
    return boston_like(300, seed=1), boston_like(100, seed=2)


def accuracy(booster, features, data, path):
    predicted = boosting.predict(booster, {"features": features}, data, str(path), "y")
    return float(np.mean(predicted == data["class"]))


def mse_ratio(booster, data, path):
    predicted = boosting.predict(booster, {"features": BOSTON}, data, str(path), "y")
    return float(np.mean((predicted - data["medv"]) ** 2) / np.var(data["medv"]))


@pytest.mark.parametrize("model_class, params", [
    ("xgboost.gbtree", {"objective": "multi:softmax", "num_class": 3}),
    ("xgboost.dart", {"objective": "multi:softprob", "num_class": 3, "rate_drop": 0.1}),
    ("xgboost.gblinear", {"objective": "multi:softprob", "num_class": 3, "eta": 0.5}),
    ("XGBRFClassifier", {"num_class": 3, "num_parallel_tree": 10}),
])
def test_multi_class_models_predict_class_ids_accurately(model_class, params, iris, tmp_path, capsys):
    train, test = iris
    booster, metrics = boosting.train(model_class, IRIS, CLASS, params,
                                      {"num_boost_round": {"xgboost.gblinear": 20, "XGBRFClassifier": 1}.get(model_class, 5)},
                                      train)
    assert accuracy(booster, IRIS, test, tmp_path / "p.bin") >= 0.85
    assert set(results.read_column(tmp_path / "p.bin")) <= {0.0, 1.0, 2.0}
    assert "train_mlogloss" in metrics


def test_xgb_classifier_is_binary_logistic_and_predicts_0_or_1(iris, tmp_path):
    train, test = ({k: v[d["class"] < 2] for k, v in d.items()} for d in iris)
    booster, _ = boosting.train("XGBClassifier", IRIS, CLASS, {}, {"num_boost_round": 5}, train)
    assert boosting.objective_of(booster) == "binary:logistic"
    assert accuracy(booster, IRIS, test, tmp_path / "p.bin") >= 0.95


def test_binary_objective_with_three_classes_says_what_to_use(iris):
    with pytest.raises(ValueError, match=r'class ids 0..1 .* found 2; for more classes use objective="multi:softprob"'):
        boosting.train("XGBClassifier", IRIS, CLASS, {}, {}, iris[0])


@pytest.mark.parametrize("model_class, params, rounds", [
    ("xgboost.gbtree", {"objective": "reg:squarederror", "max_depth": 3}, 30),
    ("XGBRegressor", {"eta": 0.3}, 30),
    ("XGBRFRegressor", {"num_parallel_tree": 20, "max_depth": 4}, 1),
    ("xgboost.gblinear", {"objective": "reg:squarederror", "eta": 1.0}, 100),
    ("XGBRanker", {}, 20),
])
def test_regressors_reach_a_small_fraction_of_the_label_variance(model_class, params, rounds, boston, tmp_path):
    train, test = boston
    if model_class == "XGBRanker":  # ranks relevance degrees: medv's quartiles 0..3
        train = dict(train, medv=np.digitize(train["medv"], np.quantile(train["medv"], [0.25, 0.5, 0.75])) * 1.0)
    booster, _ = boosting.train(model_class, BOSTON, MEDV, params, {"num_boost_round": rounds}, train)
    if model_class == "XGBRanker":  # scores order the rows, their scale is arbitrary
        scores = boosting.predict(booster, {"features": BOSTON}, test, str(tmp_path / "p.bin"), "y")
        assert scipy.stats.spearmanr(scores, test["medv"]).statistic > 0.6  # random scores: about 0
    else:
        assert mse_ratio(booster, test, tmp_path / "p.bin") < 0.3


def test_round_lines_are_xgboosts_own_evaluation_log_with_validation(boston, tmp_path, capsys, monkeypatch):
    train, test = boston
    monkeypatch.chdir(tmp_path)
    feed.write("validation", test)
    _, metrics = boosting.train("xgboost.gbtree", BOSTON, MEDV, {"objective": "reg:squarederror"},
                                {"num_boost_round": 30}, train, {"feed": "validation"})
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 30
    for i, line in enumerate(lines):  # the format SQLFlow's convergence test parses
        assert line.startswith(f"[{i}]\ttrain-rmse:") and "\tvalidate-rmse:" in line, line
    first = float(lines[0].split("validate-rmse:")[1])
    assert metrics["validate_rmse"] < first / 3
    assert lines[-1] == f"[29]\ttrain-rmse:{metrics['train_rmse']:.5f}\tvalidate-rmse:{metrics['validate_rmse']:.5f}"


def test_ranker_labels_must_be_relevance_degrees(boston):
    with pytest.raises(ValueError, match=r"rank:pairwise needs relevance degrees \(integers >= 0\) in label column 'medv'"):
        boosting.train("XGBRanker", BOSTON, MEDV, {}, {}, boston[0])


def test_batches_and_epochs_train_num_boost_round_per_batch_as_sqlflow(iris, capsys):
    booster, _ = boosting.train("xgboost.gbtree", IRIS, CLASS, {"objective": "multi:softprob", "num_class": 3},
                                {"num_boost_round": 2, "batch_size": 50, "epoch": 2}, iris[0])
    assert booster.num_boosted_rounds() == 2 * 3 * 2  # rounds x batches (150 rows / 50) x epochs
    assert len(capsys.readouterr().out.splitlines()) == 12


def test_disk_cache_trains_from_xgboosts_external_memory_to_the_same_quality(iris, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    params = {"objective": "multi:softprob", "num_class": 3}
    booster, _ = boosting.train("xgboost.gbtree", IRIS, CLASS, params,
                                {"num_boost_round": 5, "disk_cache": True}, iris[0])
    assert accuracy(booster, IRIS, iris[1], tmp_path / "p.bin") >= 0.85


def test_continued_training_adds_rounds_to_the_stored_booster(boston, tmp_path):
    train, test = boston
    booster, _ = boosting.train("XGBRegressor", BOSTON, MEDV, {}, {"num_boost_round": 3}, train)
    store.save(str(tmp_path / "m"), booster, {"features": BOSTON, "label": MEDV}, {})
    before = mse_ratio(booster, test, tmp_path / "p.bin")

    stored, meta = store.load(str(tmp_path / "m"))
    continued, _ = boosting.train("XGBRegressor", meta["features"], MEDV, {}, {"num_boost_round": 10}, train,
                                  warm_start=stored)

    assert continued.num_boosted_rounds() == 13
    assert mse_ratio(continued, test, tmp_path / "p.bin") < before


def test_store_round_trip_keeps_predictions_and_says_the_framework(iris, tmp_path):
    booster, metrics = boosting.train("xgboost.gbtree", IRIS, CLASS, {"objective": "multi:softprob", "num_class": 3},
                                      {"num_boost_round": 3}, iris[0])
    store.save(str(tmp_path / "m"), booster, {"features": IRIS, "label": CLASS}, metrics)
    loaded, meta = store.load(str(tmp_path / "m"))

    assert meta["framework"] == "xgboost" and (tmp_path / "m" / "model.ubj").is_file()
    assert meta["metrics"] == pytest.approx(metrics)
    first = boosting.predict(booster, meta, iris[1], str(tmp_path / "a.bin"))
    np.testing.assert_array_equal(first, boosting.predict(loaded, meta, iris[1], str(tmp_path / "b.bin")))


def test_evaluate_writes_loss_and_sklearn_metrics(iris, tmp_path, capsys):
    booster, _ = boosting.train("xgboost.gbtree", IRIS, CLASS, {"objective": "multi:softprob", "num_class": 3},
                                {"num_boost_round": 5}, iris[0])
    meta = {"features": IRIS, "label": CLASS}
    predicted = boosting.predict(booster, meta, iris[1], str(tmp_path / "p.bin"))
    capsys.readouterr()

    result = boosting.evaluate(booster, meta, iris[1], "class", ["accuracy_score", "F1_Score"], str(tmp_path / "m.json"))

    written = json.loads((tmp_path / "m.json").read_text())
    assert list(written) == ["loss", "accuracy_score", "f1_score"] and written == pytest.approx(result)
    assert written["accuracy_score"] == pytest.approx(np.mean(predicted == iris[1]["class"]))
    assert 0 < written["loss"] < 1  # mlogloss of a model that mostly gets it right
    assert capsys.readouterr().out.splitlines() == [f"{k} = {v:.4f}" for k, v in written.items()]


@pytest.mark.parametrize("model_class, params, train_settings, message", [
    ("xgboost.gbtree", {"objective": "multi:softmax"}, {}, "objective multi:softmax needs num_class"),
    ("xgboost.gbtree", {"objective": "__import__('os').system('id')"}, {}, "objective must be one of"),
    ("xgboost.gbtree", {"eta": 1.5}, {}, "eta must be <= 1, got 1.5"),
    ("xgboost.gbtree", {"eta": "0.1; import os"}, {}, "eta must be a number"),
    ("xgboost.gbtree", {"max_depth": -1}, {}, "max_depth must be an integer >= 0"),
    ("xgboost.gbtree", {"num_class": 1, "objective": "multi:softmax"}, {}, "num_class must be an integer >= 2"),
    ("xgboost.gbtree", {"num_class": 3}, {}, "num_class applies to the multi:softmax"),
    ("xgboost.gbtree", {"eval_metric": "rmse,evil"}, {}, "unknown metric 'evil'"),
    ("xgboost.gbtree", {"updater_seq": "x"}, {}, "unknown XGBoost attribute 'updater_seq'"),
    ("xgboost.gbtree", {}, {"num_boost_round": 0}, "train.num_boost_round must be an integer >= 1"),
    ("xgboost.gbtree", {}, {"batch_size": -2}, "train.batch_size must be an integer >= 1"),
    ("xgboost.gbtree", {}, {"disk_cache": "yes"}, "train.disk_cache must be true or false"),
    ("xgboost.gbtree", {}, {"epochs": 2}, "unknown training setting train.epochs"),
    ("xgboost.gbtre", {}, {}, "unknown XGBoost model 'xgboost.gbtre'"),
])
def test_bad_attribute_values_are_refused_before_training(model_class, params, train_settings, message, iris):
    with pytest.raises(ValueError, match=message):
        boosting.train(model_class, IRIS, CLASS, params, train_settings, iris[0])


def test_sparse_key_value_features_train_on_sqlflows_sparse_sample(tmp_path):
    # SQLFlow's xgboost_sparse_data_train rows, repeated: "index:value" pairs separated by spaces.
    rows = [("1:0.5 3:-1.5 5:6.7", 0), ("3:-1.3 10:0.6 2:-3.4", 1), ("5:10.2 3:7.4", 2)] * 10
    data = {"c1": np.array([r[0] for r in rows], dtype=object), "label_col": np.array([r[1] for r in rows], float)}
    features = {"feature_columns": [{"kind": "sparse", "column": "c1", "shape": [11], "delimiter": " ",
                                     "format": "kv", "kv_delimiter": ":"}]}
    booster, _ = boosting.train("xgboost.gbtree", features, {"column": "label_col"},
                                {"objective": "multi:softmax", "num_class": 3}, {"num_boost_round": 5}, data)
    predicted = boosting.predict(booster, {"features": features}, data, str(tmp_path / "p.bin"), "y")
    np.testing.assert_array_equal(predicted, data["label_col"])


def test_softprob_predictions_carry_probability_extra_outputs(iris, tmp_path):
    from sqlflow_runtime import results

    booster, _ = boosting.train("xgboost.gbtree", IRIS, CLASS, {"objective": "multi:softprob", "num_class": 3},
                                {"num_boost_round": 5}, iris[0])
    boosting.predict(booster, {"features": IRIS, "label": CLASS}, iris[1], str(tmp_path / "p.json"), "species",
                     ["probability", "probabilities"])

    columns, rows = results.read_table(str(tmp_path / "p.json"))
    assert columns == [("species", "int64"), ("probability", "float64"), ("probabilities", "string")]
    for predicted, best, every in rows:
        shares = [float(p) for p in every.split(",")]
        assert shares.index(max(shares)) == predicted and best == pytest.approx(max(shares), abs=1e-5)


def test_class_names_train_predict_as_names_and_evaluate_as_keras_does(iris, tmp_path):
    from sqlflow_runtime import labels

    names = np.array(["setosa", "versicolor", "virginica"], dtype=object)
    train, test = ({**d, "species": names[d["class"].astype(int)]} for d in iris)
    label = labels.with_classes({"column": "species", "kind": "class"}, train)
    assert label["classes"] == ["setosa", "versicolor", "virginica"]
    booster, _ = boosting.train("XGBClassifier", IRIS, label, {"objective": "multi:softprob", "num_class": 3},
                                {"num_boost_round": 5}, train)
    meta = {"features": IRIS, "label": label}

    boosting.predict(booster, meta, test, str(tmp_path / "p.json"), "species", ["probability", "probabilities"])
    columns, rows = results.read_table(str(tmp_path / "p.json"))
    assert columns == [("species", "string"), ("probability", "float64"), ("probabilities", "string")]
    assert np.mean([row[0] == truth for row, truth in zip(rows, test["species"])]) >= 0.85
    for predicted, best, every in rows:  # probabilities in class-id order: the names' sorted order
        shares = [float(p) for p in every.split(",")]
        assert label["classes"][shares.index(max(shares))] == predicted
    result = boosting.evaluate(booster, meta, test, "species", ["accuracy_score"], str(tmp_path / "m.json"))
    assert result["accuracy_score"] == pytest.approx(np.mean([r[0] == t for r, t in zip(rows, test["species"])]))

    unknown = {**test, "species": np.array(["rose"] + list(test["species"][1:]), dtype=object)}
    with pytest.raises(ValueError, match="'rose' is not one of the classes the model was trained on"):
        boosting.evaluate(booster, meta, unknown, "species", [], str(tmp_path / "m.json"))
    with pytest.raises(ValueError, match=r"holds 3 classes .* but the model has 2"):
        boosting.train("XGBClassifier", IRIS, label, {}, {"num_boost_round": 1}, train)
