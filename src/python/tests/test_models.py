import keras
import numpy as np
import pytest

from conftest import IRIS_COLUMNS, numeric_features
from sqlflow_runtime import labels, models, results, training

CLASS = {"column": "class", "kind": "class"}


def accuracy(model, feature_dict, data, tmp_path):
    out = tmp_path / "predictions.bin"
    training.predict(model, {"features": feature_dict, "label": CLASS}, data, str(out))
    return float(np.mean(results.read_column(out) == data["class"]))


@pytest.mark.parametrize("model_class, feature_dict", [
    ("DNNClassifier", {"feature_columns": numeric_features()}),
    ("LinearClassifier", {"feature_columns": numeric_features()}),
    ("DNNLinearCombinedClassifier", {"linear_feature_columns": numeric_features(),
                                     "dnn_feature_columns": numeric_features()}),
])
def test_classifiers_learn_iris_in_20_epochs_with_default_optimizer(model_class, feature_dict, iris_train, iris_test,
                                                                    tmp_path):
    training.set_seed(1)
    model = models.build(model_class, feature_dict, CLASS, {"n_classes": 3}, None, iris_train)
    training.fit(model, iris_train, feature_dict, CLASS, {"epochs": 20, "batch_size": 32}, None)

    assert accuracy(model, feature_dict, iris_test, tmp_path) >= 0.9


@pytest.mark.parametrize("model_class, feature_dict", [
    ("DNNRegressor", {"feature_columns": numeric_features(IRIS_COLUMNS[:3])}),
    ("LinearRegressor", {"feature_columns": numeric_features(IRIS_COLUMNS[:3])}),
    ("DNNLinearCombinedRegressor", {"linear_feature_columns": numeric_features(IRIS_COLUMNS[:3]),
                                    "dnn_feature_columns": numeric_features(IRIS_COLUMNS[:3])}),
])
def test_regressors_fit_far_below_label_variance(model_class, feature_dict, iris_train, iris_test, tmp_path):
    label = {"column": "petal_width", "kind": "regression"}
    training.set_seed(1)
    model = models.build(model_class, feature_dict, label, {}, None, iris_train)
    training.fit(model, iris_train, feature_dict, label, {"epochs": 20, "batch_size": 32}, None)

    out = tmp_path / "predictions.bin"
    training.predict(model, {"features": feature_dict, "label": label}, iris_test, str(out))
    mse = np.mean((results.read_column(out) - iris_test["petal_width"]) ** 2)
    assert mse < 0.3 * np.var(iris_test["petal_width"])


def test_regressor_with_two_label_dimensions_reads_delimited_labels(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(size=200)
    data = {"x": x, "y": np.array([f"{2 * v},{-v}" for v in x], dtype=object)}
    feature_dict = {"feature_columns": numeric_features(["x"])}
    label = {"column": "y", "kind": "regression"}
    training.set_seed(1)
    model = models.build("LinearRegressor", feature_dict, label, {"label_dimension": 2}, None, data)
    training.fit(model, data, feature_dict, label, {"epochs": 30, "batch_size": 16}, None)

    out = tmp_path / "predictions.bin"
    training.predict(model, {"features": feature_dict, "label": label}, data, str(out))
    _, rows = results.read_table(str(out))  # label_dimension values per row, comma-separated
    predicted = np.array([[float(v) for v in row[0].split(",")] for row in rows])
    assert np.mean((predicted - np.stack([2 * x, -x], axis=1)) ** 2) < 0.1


def test_dnn_structure_follows_params(iris_train):
    model = models.build("DNNClassifier", {"feature_columns": numeric_features()}, CLASS,
                         {"n_classes": 3, "hidden_units": [10, 20], "activation": "tanh", "dropout": 0.2},
                         None, iris_train)

    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    assert [layer.units for layer in dense] == [10, 20, 3]
    assert [layer.activation.__name__ for layer in dense[:2]] == ["tanh", "tanh"]
    assert len([layer for layer in model.layers if isinstance(layer, keras.layers.Dropout)]) == 2
    assert sorted(model.input) == sorted(IRIS_COLUMNS)


def test_combined_model_sums_wide_and_deep_logits(iris_train):
    model = models.build("DNNLinearCombinedClassifier",
                         {"linear_feature_columns": numeric_features(IRIS_COLUMNS[:2]),
                          "dnn_feature_columns": numeric_features(IRIS_COLUMNS[2:])},
                         CLASS, {"n_classes": 3, "dnn_hidden_units": [8]}, None, iris_train)

    assert model.get_layer("linear_logits").units == 3
    assert model.get_layer("hidden_0").units == 8
    assert isinstance(model.get_layer("logits"), keras.layers.Add)


def test_default_optimizers():
    assert isinstance(models.make_optimizer(None, "DNNClassifier"), keras.optimizers.Adagrad)
    linear = models.make_optimizer({"name": None, "learning_rate": None}, "LinearRegressor")
    assert isinstance(linear, keras.optimizers.Ftrl)
    assert float(linear.learning_rate) == pytest.approx(0.5)


@pytest.mark.parametrize("name", ["Adagrad", "adam", "SGD", "rmsprop", "Ftrl", "Adadelta", "Adamax", "NADAM"])
def test_optimizers_by_name_with_learning_rate(name):
    optimizer = models.make_optimizer({"name": name, "learning_rate": 0.05}, "DNNClassifier")

    assert type(optimizer).__name__.lower() == name.lower()
    assert float(optimizer.learning_rate) == pytest.approx(0.05)


def test_errors_name_what_is_wrong(iris_train):
    features = {"feature_columns": numeric_features()}
    with pytest.raises(ValueError, match="unknown model class 'DNNClasifier'; supported: DNNClassifier"):
        models.build("DNNClasifier", features, CLASS, {}, None, iris_train)
    with pytest.raises(ValueError, match="unknown parameter 'hidden_unit' for DNNClassifier"):
        models.build("DNNClassifier", features, CLASS, {"hidden_unit": [3]}, None, iris_train)
    with pytest.raises(ValueError, match="unknown parameter 'hidden_units' for LinearClassifier"):
        models.build("LinearClassifier", features, CLASS, {"hidden_units": [3]}, None, iris_train)
    with pytest.raises(ValueError, match="n_classes must be an integer >= 2"):
        models.build("DNNClassifier", features, CLASS, {"n_classes": 1}, None, iris_train)
    with pytest.raises(ValueError, match="hidden_units must be a non-empty list of positive integers"):
        models.build("DNNClassifier", features, CLASS, {"hidden_units": [10, 0]}, None, iris_train)
    with pytest.raises(ValueError, match="unknown activation 'relux'"):
        models.build("DNNClassifier", features, CLASS, {"activation": "relux"}, None, iris_train)
    with pytest.raises(ValueError, match="unknown optimizer 'Adamm'"):
        models.build("DNNClassifier", features, CLASS, {}, {"name": "Adamm", "learning_rate": 0.1}, iris_train)
    with pytest.raises(ValueError, match="DNNRegressor needs a label of kind 'regression'"):
        models.build("DNNRegressor", features, CLASS, {}, None, iris_train)
    with pytest.raises(ValueError, match="DNNLinearCombinedClassifier takes linear_feature_columns and "
                                         "dnn_feature_columns, not feature_columns"):
        models.build("DNNLinearCombinedClassifier", features, CLASS, {}, None, iris_train)


def test_combined_model_parts_train_with_their_own_optimizers_and_survive_a_save(iris_train, iris_test, tmp_path):
    from sqlflow_runtime import store

    feature_dict = {"linear_feature_columns": numeric_features(IRIS_COLUMNS[:2]),
                    "dnn_feature_columns": numeric_features(IRIS_COLUMNS[2:])}
    training.set_seed(1)
    model = models.build("DNNLinearCombinedClassifier", feature_dict, CLASS, {"n_classes": 3},
                         {"name": "RMSprop", "learning_rate": 0.01}, iris_train, {"name": None})
    linear_before = model.get_layer("linear_logits").get_weights()[0].copy()
    training.fit(model, iris_train, feature_dict, CLASS, {"epochs": 20, "batch_size": 16}, None)

    assert isinstance(model.optimizer, keras.optimizers.RMSprop)
    assert isinstance(model.linear_optimizer, keras.optimizers.Ftrl)  # the linear part's default
    assert float(model.linear_optimizer.learning_rate) == pytest.approx(0.5)
    steps = int(model.optimizer.iterations.numpy())
    assert steps > 0 and int(model.linear_optimizer.iterations.numpy()) == steps
    assert model.linear_variables == ["linear_logits/bias", "linear_logits/kernel"]
    assert not np.allclose(linear_before, model.get_layer("linear_logits").get_weights()[0])
    assert accuracy(model, feature_dict, iris_test, tmp_path) >= 0.9

    store.save(str(tmp_path / "m"), model, {"features": feature_dict, "label": CLASS}, {})
    loaded, _ = store.load(str(tmp_path / "m"))
    assert isinstance(loaded, models.TwoPartModel)
    assert isinstance(loaded.linear_optimizer, keras.optimizers.Ftrl)
    assert accuracy(loaded, feature_dict, iris_test, tmp_path) == accuracy(model, feature_dict, iris_test, tmp_path)


def test_combined_model_parts_optimizer_state_survives_a_save(iris_train, tmp_path):
    """TRAIN ... USING continues both optimizers: their iterations and accumulators come back as saved."""
    from sqlflow_runtime import store

    feature_dict = {"linear_feature_columns": numeric_features(IRIS_COLUMNS[:2]),
                    "dnn_feature_columns": numeric_features(IRIS_COLUMNS[2:])}
    training.set_seed(1)
    model = models.build("DNNLinearCombinedClassifier", feature_dict, CLASS, {"n_classes": 3},
                         {"name": "Adam", "learning_rate": 0.01}, iris_train, {"name": "RMSprop"})
    training.fit(model, iris_train, feature_dict, CLASS, {"epochs": 2, "batch_size": 16}, None)
    store.save(str(tmp_path / "m"), model, {"features": feature_dict, "label": CLASS}, {})
    loaded, _ = store.load(str(tmp_path / "m"))

    for saved, restored in ((model.optimizer, loaded.optimizer), (model.linear_optimizer, loaded.linear_optimizer)):
        assert int(saved.iterations.numpy()) == 16  # 120 rows / 16 per batch, twice
        assert len(restored.variables) == len(saved.variables) > 2
        for before, after in zip(saved.variables, restored.variables):
            assert before.path == after.path
            np.testing.assert_array_equal(np.asarray(before), np.asarray(after))
        assert any(np.abs(np.asarray(v)).sum() > 0 for v in saved.variables[2:])  # accumulators moved
    # Continued training steps on from the restored state, as the original would.
    training.set_seed(2)
    training.fit(model, iris_train, feature_dict, CLASS, {"epochs": 1, "batch_size": 16}, None)
    training.set_seed(2)
    training.fit(loaded, iris_train, feature_dict, CLASS, {"epochs": 1, "batch_size": 16}, None)
    np.testing.assert_allclose(model.get_layer("linear_logits").get_weights()[0],
                               loaded.get_layer("linear_logits").get_weights()[0], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name, arguments", [
    ("SGD", {"momentum": 0.9, "nesterov": True}),
    ("Adam", {"beta_1": 0.8, "amsgrad": True, "clipnorm": 1.0}),
    ("RMSprop", {"rho": 0.8, "centered": True}),
    ("Ftrl", {"learning_rate_power": -0.6, "l1_regularization_strength": 0.01}),
])
def test_optimizer_arguments_reach_keras(name, arguments):
    optimizer = models.make_optimizer({"name": name, **arguments}, "DNNClassifier")

    config = optimizer.get_config()
    for key, value in arguments.items():
        assert config[key] == pytest.approx(value)


def test_predict_writes_the_label_named_column_and_extra_outputs(iris_train, iris_test, tmp_path):
    from sqlflow_runtime import results

    feature_dict = {"feature_columns": numeric_features()}
    training.set_seed(1)
    model = models.build("DNNClassifier", feature_dict, CLASS, {"n_classes": 3}, None, iris_train)
    training.fit(model, iris_train, feature_dict, CLASS, {"epochs": 5, "batch_size": 16}, None)
    out = tmp_path / "p.json"
    training.predict(model, {"features": feature_dict, "label": CLASS}, iris_test, str(out), None,
                     ["probabilities", "probability"])

    columns, rows = results.read_table(str(out))
    assert columns == [("class", "int64"), ("probabilities", "string"), ("probability", "float64")]
    for predicted, every, best in rows:
        shares = [float(p) for p in every.split(",")]
        assert len(shares) == 3 and sum(shares) == pytest.approx(1, abs=1e-4)
        assert best == pytest.approx(max(shares), abs=1e-5) and shares.index(max(shares)) == predicted

    regression = {"column": "petal_width", "kind": "regression"}
    regressor = models.build("LinearRegressor", feature_dict, regression, {}, None, iris_train)
    with pytest.raises(ValueError, match="extra output 'probability' needs class probabilities"):
        training.predict(regressor, {"features": feature_dict, "label": regression}, iris_test, str(out),
                         "y", ["probability"])
    with pytest.raises(ValueError, match="unknown extra output 'score'"):
        training.predict(model, {"features": feature_dict, "label": CLASS}, iris_test, str(out), None, ["score"])


def test_class_names_as_labels_train_predict_and_evaluate_as_names(iris_train, iris_test, tmp_path):
    from sqlflow_runtime import results

    names = np.array(["setosa", "versicolor", "virginica"], dtype=object)
    train = {**iris_train, "species": names[iris_train["class"].astype(int)]}
    test = {**iris_test, "species": names[iris_test["class"].astype(int)]}
    feature_dict = {"feature_columns": numeric_features()}
    label = labels.with_classes({"column": "species", "kind": "class"}, train)
    assert label["classes"] == ["setosa", "versicolor", "virginica"]
    training.set_seed(1)
    model = models.build("DNNClassifier", feature_dict, label, {"n_classes": 3}, None, train)
    training.fit(model, train, feature_dict, label, {"epochs": 20, "batch_size": 32}, None)
    meta = {"features": feature_dict, "label": label}

    training.predict(model, meta, test, str(tmp_path / "p.json"))
    columns, rows = results.read_table(str(tmp_path / "p.json"))
    assert columns == [("species", "string")]
    assert np.mean([row[0] == truth for row, truth in zip(rows, test["species"])]) >= 0.9
    result = training.evaluate(model, meta, test, "species", ["Accuracy"], str(tmp_path / "m.json"))
    assert result["accuracy"] >= 0.9

    unknown = {**test, "species": np.array(["setosa"] * (len(test["species"]) - 1) + ["rose"], dtype=object)}
    with pytest.raises(ValueError, match="'rose' is not one of the classes the model was trained on"):
        training.evaluate(model, meta, unknown, "species", [], str(tmp_path / "m.json"))
    with pytest.raises(ValueError, match=r"holds 3 classes .* but the model has 2 \(model.n_classes"):
        two = models.build("DNNClassifier", feature_dict, label, {"n_classes": 2}, None, train)
        training.fit(two, train, feature_dict, label, {"epochs": 1}, None)
