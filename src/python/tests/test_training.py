import json
import re

import numpy as np
import pytest

from conftest import IRIS_COLUMNS, numeric_features, predicted_column
from sqlflow_runtime import feed, models, training

CLASS = {"column": "class", "kind": "class"}
FEATURES = {"feature_columns": numeric_features()}
NUMBER = r"(\d+\.\d{4}|nan)"


def trained_classifier(data, epochs=10, seed=1, validation=None):
    training.set_seed(seed)
    model = models.build("DNNClassifier", FEATURES, CLASS, {"n_classes": 3}, None, data)
    metrics = training.fit(model, data, FEATURES, CLASS, {"epochs": epochs, "batch_size": 32, "verbose": 0,
                                                          "seed": seed}, validation)
    return model, metrics


def stdout_lines(capfd):
    return capfd.readouterr().out.splitlines()


def test_prints_one_exact_epoch_line_per_epoch_and_nothing_else(iris_train, capfd):
    _, metrics = trained_classifier(iris_train, epochs=3)

    lines = stdout_lines(capfd)
    assert len(lines) == 3
    for epoch, line in enumerate(lines):
        assert re.fullmatch(rf"epoch {epoch}, train_loss = \d+\.\d{{4}}", line), line
    assert lines[-1] == f"epoch 2, train_loss = {metrics['train_loss']:.4f}"
    assert list(metrics) == ["train_loss"]


def test_epoch_lines_carry_validation_loss_and_metrics(iris_train, iris_test, tmp_path, capfd):
    feed.write(str(tmp_path / "validation"), iris_test)
    validation = {"feed": str(tmp_path / "validation"), "metrics": ["Accuracy", "auc", "Precision", "RECALL"]}

    _, metrics = trained_classifier(iris_train, epochs=4, validation=validation)

    lines = stdout_lines(capfd)
    assert len(lines) == 4
    for epoch, line in enumerate(lines):
        assert re.fullmatch(rf"epoch {epoch}, train_loss = {NUMBER}, validation_loss = {NUMBER}, "
                            rf"validation_accuracy = {NUMBER}, validation_auc = {NUMBER}, "
                            rf"validation_precision = {NUMBER}, validation_recall = {NUMBER}", line), line
    assert list(metrics) == ["train_loss", "validation_loss", "validation_accuracy", "validation_auc",
                             "validation_precision", "validation_recall"]
    assert metrics["validation_accuracy"] >= 0.9
    assert lines[-1].endswith(f"validation_accuracy = {metrics['validation_accuracy']:.4f}, "
                              f"validation_auc = {metrics['validation_auc']:.4f}, "
                              f"validation_precision = {metrics['validation_precision']:.4f}, "
                              f"validation_recall = {metrics['validation_recall']:.4f}")


def test_regression_validation_metrics(iris_train, iris_test, tmp_path, capfd):
    feed.write(str(tmp_path / "validation"), iris_test)
    features = {"feature_columns": numeric_features(IRIS_COLUMNS[:3])}
    label = {"column": "petal_width", "kind": "regression"}
    model = models.build("DNNRegressor", features, label, {}, None, iris_train)

    metrics = training.fit(model, iris_train, features, label, {"epochs": 2},
                           {"feed": str(tmp_path / "validation"), "metrics": ["MeanSquaredError", "MeanAbsoluteError"]})

    assert metrics["validation_mean_squared_error"] == pytest.approx(metrics["validation_loss"])
    assert 0 < metrics["validation_mean_absolute_error"] < 1
    assert re.fullmatch(rf"epoch 1, train_loss = {NUMBER}, validation_loss = {NUMBER}, "
                        rf"validation_mean_squared_error = {NUMBER}, validation_mean_absolute_error = {NUMBER}",
                        stdout_lines(capfd)[1])


def test_sqlflows_metric_aliases_and_percentage_error():
    assert [training.metric_name(m) for m in ("MSE", "mae", "MeanAbsolutePercentageError", "MAPE")] == [
        "mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
        "mean_absolute_percentage_error"]
    outputs, y = np.array([110.0, 45.0, 1.0]), np.array([100.0, 50.0, 2.0])
    assert training._metric("mean_absolute_percentage_error", "regression", outputs, y) == pytest.approx(
        100 * (0.1 + 0.1 + 0.5) / 3)
    with pytest.raises(ValueError, match="metric mean_absolute_percentage_error does not apply to a classifier"):
        training._check_metric("mean_absolute_percentage_error", "class")


def test_same_seed_repeats_training(iris_train, capfd):
    trained_classifier(iris_train, epochs=3, seed=5)
    first = stdout_lines(capfd)
    trained_classifier(iris_train, epochs=3, seed=5)
    assert stdout_lines(capfd) == first


def test_predict_writes_class_ids(iris_train, iris_test, tmp_path, capfd):
    model, _ = trained_classifier(iris_train, epochs=15)
    capfd.readouterr()

    training.predict(model, {"features": FEATURES, "label": CLASS}, iris_test, str(tmp_path / "p.bin"))

    predicted = predicted_column(tmp_path / "p.bin")
    assert len(predicted) == 60 and set(predicted) <= {0.0, 1.0, 2.0}
    assert np.mean(predicted == iris_test["class"]) >= 0.9
    assert stdout_lines(capfd) == ["Predicted 60 rows"]


def test_evaluate_writes_and_prints_metrics(iris_train, iris_test, tmp_path, capfd):
    model, _ = trained_classifier(iris_train, epochs=15)
    meta = {"features": FEATURES, "label": CLASS}
    training.predict(model, meta, iris_test, str(tmp_path / "p.bin"))
    capfd.readouterr()

    result = training.evaluate(model, meta, iris_test, "class", ["Accuracy", "AUC"], str(tmp_path / "metrics.json"))

    written = json.loads((tmp_path / "metrics.json").read_text())
    assert list(written) == ["loss", "accuracy", "auc"] and written == pytest.approx(result)
    assert written["accuracy"] == pytest.approx(np.mean(predicted_column(tmp_path / "p.bin") == iris_test["class"]))
    assert 0 < written["loss"] < 0.5 and written["auc"] > 0.9
    assert stdout_lines(capfd) == [f"{k} = {v:.4f}" for k, v in result.items()]


def test_auc_precision_and_recall_on_known_values():
    assert training._auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([False, False, True, True])) == 0.75
    assert training._auc(np.array([0.5, 0.5]), np.array([True, False])) == 0.5
    logits = np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 0.0], [1.0, 0.0]])  # predicts 1, 1, 0, 0
    y = np.array([1, 0, 1, 1])
    assert training._metric("precision", "class", logits, y) == 0.5
    assert training._metric("recall", "class", logits, y) == pytest.approx(1 / 3)
    assert training._metric("accuracy", "class", logits, y) == 0.25


@pytest.mark.parametrize("with_label", [True, False])
def test_explain_ranks_informative_columns_first(iris_train, tmp_path, capfd, with_label):
    model, _ = trained_classifier(iris_train, epochs=15)
    data = dict(iris_train) if with_label else {c: iris_train[c] for c in IRIS_COLUMNS}
    capfd.readouterr()

    importance = training.explain(model, {"features": FEATURES, "label": CLASS}, data, str(tmp_path / "explain.json"))

    assert json.loads((tmp_path / "explain.json").read_text()) == pytest.approx(importance)
    assert set(importance) == set(IRIS_COLUMNS)
    assert max(importance["petal_length"], importance["petal_width"]) > importance["sepal_width"]
    assert stdout_lines(capfd) == [f"{k} = {v:.4f}" for k, v in importance.items()]
    assert list(importance.values()) == sorted(importance.values(), reverse=True)


def test_training_errors_are_clear(iris_train):
    model = models.build("DNNClassifier", FEATURES, CLASS, {"n_classes": 3}, None, iris_train)
    with pytest.raises(ValueError, match="unknown training setting 'epoch'"):
        training.fit(model, iris_train, FEATURES, CLASS, {"epoch": 2}, None)
    with pytest.raises(ValueError, match="unknown metric 'F1'"):
        training.evaluate(model, {"features": FEATURES, "label": CLASS}, iris_train, "class", ["F1"], "m.json")
    with pytest.raises(ValueError, match="metric mean_squared_error does not apply to a classifier"):
        training.evaluate(model, {"features": FEATURES, "label": CLASS}, iris_train, "class", ["MeanSquaredError"],
                          "m.json")
    empty = {name: values[:0] for name, values in iris_train.items()}
    with pytest.raises(ValueError, match="the training data has no rows"):
        training.fit(models.build("DNNClassifier", FEATURES, CLASS, {}, None, empty), empty, FEATURES, CLASS, {}, None)
    two_classes = models.build("DNNClassifier", FEATURES, CLASS, {}, None, iris_train)
    with pytest.raises(ValueError, match=r"label column 'class' must hold class ids 0..1; found 2.0"):
        training.fit(two_classes, iris_train, FEATURES, CLASS, {"epochs": 1}, None)
