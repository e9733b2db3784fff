import math

import keras
import numpy as np

import pytest

from sqlflow_runtime import features, models, results, training

COLORS = ["red", "green", "blue"]
WORDS = ["ant", "bee", "cat", "dog", "eel", "fox"]


def mixed_data(rows=240, seed=0):
    rng = np.random.default_rng(seed)
    first, second = rng.integers(0, 5, rows), rng.integers(0, 5, rows)
    point = rng.normal(size=(rows, 2))
    return {
        "color": np.array([COLORS[i] for i in rng.integers(0, 3, rows)], dtype=object),
        "code": rng.integers(0, 5, rows).astype(np.float64),
        "size": rng.uniform(0, 4, rows),
        "word": np.array([WORDS[i] for i in rng.integers(0, 6, rows)], dtype=object),
        "pair": np.array([f"{a},{b}" for a, b in zip(first, second)], dtype=object),
        "point": np.array([f"{x:.4f},{y:.4f}" for x, y in point], dtype=object),
    }


def vocab(column, values):
    return {"kind": "category_vocab", "column": column, "vocabulary": values}


def code_id():
    return {"kind": "category_id", "column": "code", "num_buckets": 5}


def size_buckets(boundaries=(1.0, 2.0, 3.0)):
    return {"kind": "bucket", "source": {"kind": "numeric", "column": "size", "shape": [1]},
            "boundaries": list(boundaries)}


def pair_ids():
    return {"kind": "category_id", "column": "pair", "num_buckets": 5,
            "source": {"kind": "dense", "column": "pair", "shape": [2], "delimiter": ","}}


def train_accuracy(tmp_path, model_class, feature_list, data, labels, epochs=20, params=None):
    """Trains on data + labels and returns the accuracy of the trained model on the same rows."""
    data = dict(data, label=np.asarray(labels, dtype=np.float64))
    feature_dict = {"feature_columns": feature_list}
    label = {"column": "label", "kind": "class"}
    training.set_seed(7)
    model = models.build(model_class, feature_dict, label, params or {"n_classes": 2}, None, data)
    training.fit(model, data, feature_dict, label, {"epochs": epochs, "batch_size": 32}, None)
    out = tmp_path / "predictions.bin"
    training.predict(model, {"features": feature_dict, "label": label}, data, str(out))
    return float(np.mean(results.read_column(out) == data["label"]))


def test_bucket_trains(tmp_path):
    data = mixed_data()
    accuracy = train_accuracy(tmp_path, "LinearClassifier", [size_buckets()], data, (data["size"] > 2.0))
    assert accuracy >= 0.97


def test_cross_of_vocabulary_and_ids_learns_xor(tmp_path):
    data = mixed_data()
    labels = (data["color"] == "red") ^ (data["code"] % 2 == 0)
    cross = {"kind": "cross", "sources": [vocab("color", COLORS), code_id()], "num_buckets": 1000}
    assert train_accuracy(tmp_path, "LinearClassifier", [cross], data, labels) >= 0.97


def test_cross_of_three_sources_with_a_raw_column_trains(tmp_path):
    data = mixed_data()
    table = np.random.default_rng(3).integers(0, 2, (3, 5, 4))  # an arbitrary label per combination
    buckets = np.digitize(data["size"], [1.0, 2.0, 3.0])
    labels = table[[COLORS.index(c) for c in data["color"]], data["code"].astype(int), buckets]
    cross = {"kind": "cross", "sources": [{"kind": "raw", "column": "color"}, code_id(), size_buckets()],
             "num_buckets": 10000}
    assert train_accuracy(tmp_path, "LinearClassifier", [cross], data, labels, epochs=40) >= 0.9


def test_embedding_of_vocabulary_trains(tmp_path):
    data = mixed_data()
    labels = np.isin(data["color"], ["red", "blue"])
    embedding = {"kind": "embedding", "source": vocab("color", COLORS), "dimension": 2, "combiner": "mean"}
    assert train_accuracy(tmp_path, "DNNClassifier", [embedding], data, labels) >= 0.97


def test_indicator_of_ids_trains(tmp_path):
    data = mixed_data()
    labels = np.isin(data["code"], [1.0, 3.0])
    indicator = {"kind": "indicator", "source": code_id()}
    assert train_accuracy(tmp_path, "LinearClassifier", [indicator], data, labels) >= 0.97


def test_hash_trains(tmp_path):
    data = mixed_data()
    labels = np.isin(data["word"], ["ant", "cat", "eel"])
    hashed = {"kind": "category_hash", "column": "word", "num_buckets": 1000}  # no collisions among WORDS
    assert train_accuracy(tmp_path, "LinearClassifier", [hashed], data, labels) >= 0.97


def test_dense_string_column_trains(tmp_path):
    data = mixed_data()
    xy = np.array([[float(v) for v in p.split(",")] for p in data["point"]])
    dense = {"kind": "dense", "column": "point", "shape": [2], "delimiter": ","}
    assert train_accuracy(tmp_path, "LinearClassifier", [dense], data, xy[:, 0] > xy[:, 1], epochs=30) >= 0.95


def test_multi_valued_embedding_trains(tmp_path):
    data = mixed_data()
    sums = np.array([sum(int(v) for v in p.split(",")) for p in data["pair"]])
    embedding = {"kind": "embedding", "source": pair_ids(), "dimension": 4, "combiner": "sum"}
    assert train_accuracy(tmp_path, "DNNClassifier", [embedding], data, sums >= 4, epochs=30) >= 0.9


@pytest.mark.parametrize("combiner, scale", [("sum", 1.0), ("mean", 0.5), ("sqrtn", 1 / math.sqrt(2))])
def test_embedding_combiners_over_multi_valued_ids(combiner, scale):
    data = {"pair": np.array(["0,1", "2,2", None], dtype=object)}
    spec = {"kind": "embedding", "source": pair_ids(), "dimension": 3, "combiner": combiner}
    inputs, tensors = features.build({"feature_columns": [spec]}, data)
    model = keras.Model(inputs, tensors["feature_columns"])
    table = np.arange(18, dtype=np.float32).reshape(6, 3)  # 5 ids + the NULL id
    next(layer for layer in model.layers if isinstance(layer, keras.layers.Embedding)).set_weights([table])

    out = model.predict({k: v for k, v in features.to_inputs({"feature_columns": [spec]}, data).items()}, verbose=0)

    np.testing.assert_allclose(out[0], (table[0] + table[1]) * scale, rtol=1e-6)
    np.testing.assert_allclose(out[1], (table[2] + table[2]) * scale, rtol=1e-6)
    np.testing.assert_allclose(out[2], (table[5] + table[5]) * scale, rtol=1e-6)


def test_numeric_inputs_are_normalized_on_training_data():
    data = {"x": np.array([1.0, 3.0, 5.0, 7.0])}
    spec = {"kind": "numeric", "column": "x", "shape": [1]}
    inputs, tensors = features.build({"feature_columns": [spec]}, data)
    out = keras.Model(inputs, tensors["feature_columns"]).predict(features.to_inputs({"feature_columns": [spec]}, data),
                                                                  verbose=0)
    assert abs(out.mean()) < 1e-6 and abs(out.std() - 1.0) < 1e-4


def test_one_named_input_per_column_and_a_second_only_for_another_form():
    data = mixed_data(rows=10)
    spec = {"feature_columns": [
        vocab("color", COLORS),
        {"kind": "category_hash", "column": "color", "num_buckets": 7},  # same string form: same input
        {"kind": "numeric", "column": "code", "shape": [1]},
        code_id(),  # the same column as ids: a second input
    ]}
    inputs, _ = features.build(spec, data)

    assert {name: t.dtype for name, t in inputs.items()} == {"color": "string", "code": "float32", "code__1": "int64"}
    assert features.input_columns(spec) == ["color", "code"]


def test_conversions_of_nulls_and_numbers():
    data = {"n": np.array([1.0, math.nan, 2.5]), "s": np.array(["1", None, "4"], dtype=object)}
    spec = {"feature_columns": [
        {"kind": "numeric", "column": "n", "shape": [1]},
        {"kind": "category_hash", "column": "n", "num_buckets": 5},
        {"kind": "category_id", "column": "s", "num_buckets": 5},
    ]}
    inputs = features.to_inputs(spec, data)

    assert inputs["n"].ravel().tolist() == [1.0, 0.0, 2.5]
    assert inputs["n__1"].ravel().tolist() == ["1", "", "2.5"]
    assert inputs["s"].ravel().tolist() == [1, 5, 4]  # NULL -> the extra id num_buckets


def test_category_id_outside_its_range_is_an_error():
    spec = {"feature_columns": [code_id()]}
    with pytest.raises(ValueError, match=r"category id 5 is not an integer in \[0, 5\)"):
        features.to_inputs(spec, {"code": np.array([1.0, 5.0])})
    with pytest.raises(ValueError, match=r"category id 1.5 is not"):
        features.to_inputs(spec, {"code": np.array([1.5])})


def test_bad_specs_are_errors():
    data = {"x": np.array([1.0, 2.0])}
    with pytest.raises(ValueError, match="unknown feature kind 'numerical'"):
        features.build({"feature_columns": [{"kind": "numerical", "column": "x"}]}, data)
    with pytest.raises(ValueError, match="embedding needs a categorical source"):
        features.build({"feature_columns": [{"kind": "embedding", "dimension": 2,
                                             "source": {"kind": "numeric", "column": "x", "shape": [1]}}]}, data)
    with pytest.raises(ValueError, match="column 'y' used by the model is missing"):
        features.build({"feature_columns": [{"kind": "numeric", "column": "y", "shape": [1]}]}, data)
    with pytest.raises(ValueError, match="unknown feature target 'columns'"):
        features.build({"columns": []}, data)
