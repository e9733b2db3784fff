"""Id lists in Keras models (SPARSE, CATEGORY_ID over a delimited string, WEIGHTED_CATEGORY, CATEGORY_HASH
over SPARSE, SEQ_CATEGORY_ID): the exact vectors they become, training, saving and explaining."""
import math

import keras
import numpy as np
import pytest

from sqlflow_runtime import features, models, results, store, training

KV = np.array(["1:0.5,3:1.5", "2:2.0, 2:1.0", None, "4:-1.0,0:3.0", ""], dtype=object)


def sparse(column="kv", width=5, format="kv", delimiter=","):
    spec = {"kind": "sparse", "column": column, "shape": [width], "delimiter": delimiter, "format": format}
    return {**spec, "kv_delimiter": ":"} if format == "kv" else spec


def ids(source, buckets=5):
    return {"kind": "category_id", "column": source["column"], "num_buckets": buckets, "source": source}


def weighted(source):
    return {"kind": "weighted_category", "source": source}


def embedding(source, combiner, dimension=3):
    return {"kind": "embedding", "source": source, "dimension": dimension, "combiner": combiner}


def feature_vectors(spec, data):
    """The feature tensor one spec becomes for `data`, and the embedding table when there is one."""
    feature_dict = {"feature_columns": [spec]}
    inputs, tensors = features.build(feature_dict, data)
    model = keras.Model(inputs, tensors["feature_columns"])
    out = np.asarray(model.predict(features.to_inputs(feature_dict, data), verbose=0))
    tables = [layer.get_weights()[0] for layer in model.layers if isinstance(layer, keras.layers.Embedding)]
    return out, (tables[0] if tables else None)


def test_bare_sparse_is_the_sparse_vector_of_ids_or_values():
    out, _ = feature_vectors(sparse(), {"kv": KV})
    np.testing.assert_allclose(out, [[0, .5, 0, 1.5, 0], [0, 0, 3, 0, 0], [0] * 5, [3, 0, 0, 0, -1], [0] * 5])
    out, _ = feature_vectors(sparse("tags", format="index"), {"tags": np.array(["1,3", "4", None], dtype=object)})
    np.testing.assert_allclose(out, [[0, 1, 0, 1, 0], [0, 0, 0, 0, 1], [0] * 5])


def test_category_ids_over_pairs_count_ids_and_weighted_category_sums_their_weights():
    out, _ = feature_vectors(ids(sparse()), {"kv": KV})
    np.testing.assert_allclose(out, [[0, 1, 0, 1, 0], [0, 0, 2, 0, 0], [0] * 5, [1, 0, 0, 0, 1], [0] * 5])
    out, _ = feature_vectors({"kind": "indicator", "source": weighted(ids(sparse()))}, {"kv": KV})
    np.testing.assert_allclose(out, [[0, .5, 0, 1.5, 0], [0, 0, 3, 0, 0], [0] * 5, [3, 0, 0, 0, -1], [0] * 5])


@pytest.mark.parametrize("combiner", ["sum", "mean", "sqrtn"])
def test_weighted_embedding_combines_as_tensorflows_weighted_embedding_column(combiner):
    out, table = feature_vectors(embedding(weighted(ids(sparse())), combiner), {"kv": KV})
    rows = [[(1, .5), (3, 1.5)], [(2, 2.0), (2, 1.0)], [], [(0, 3.0)], []]  # weight <= 0 drops the id
    for got, row in zip(out, rows):
        total = sum(w for _, w in row)
        scale = {"sum": 1.0, "mean": total, "sqrtn": math.sqrt(sum(w * w for _, w in row))}[combiner] or 1.0
        expected = sum((w * table[i] for i, w in row), np.zeros(3)) / scale
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_seq_category_id_embedding_is_the_mean_over_the_sequence_repeats_included():
    seq = {"kind": "seq_category_id", "column": "seq", "num_buckets": 6, "delimiter": ","}
    out, table = feature_vectors(embedding(seq, "mean"), {"seq": np.array(["2,2,4", "5", None], dtype=object)})
    np.testing.assert_allclose(out, [(2 * table[2] + table[4]) / 3, table[5], np.zeros(3)], rtol=1e-5, atol=1e-6)


def test_hashed_ids_keep_their_weights():
    hashed = {"kind": "category_hash", "column": "kv", "num_buckets": 7, "source": sparse(width=1)}
    out, _ = feature_vectors({"kind": "indicator", "source": weighted(hashed)}, {"kv": KV})
    assert out.shape == (5, 7)
    np.testing.assert_allclose(out.sum(axis=1), [2.0, 3.0, 0.0, 2.0, 0.0])  # any id may be hashed: no bound


@pytest.mark.parametrize("value, message", [
    ("7", r"column 'tags': id 7 in '7' is outside \[0, 5\)"),
    ("1;2", r"column 'tags': '1;2' in '1;2' is not an integer id"),
    ("x", r"'x' in 'x' is not an integer id"),
])
def test_bad_ids_name_the_column_and_the_value(value, message):
    spec = ids(sparse("tags", format="index"))
    with pytest.raises(ValueError, match=message):
        features.to_inputs({"feature_columns": [spec]}, {"tags": np.array(["1", value], dtype=object)})


def test_bad_pairs_name_the_column_and_the_value():
    spec = weighted(ids(sparse()))
    with pytest.raises(ValueError, match=r"column 'kv': 'x' in '1:x' is not a number"):
        features.to_inputs({"feature_columns": [spec]}, {"kv": np.array(["1:x"], dtype=object)})
    with pytest.raises(ValueError, match=r"column 'kv': '1' in '1,2:0.5' is not key:value"):
        features.to_inputs({"feature_columns": [spec]}, {"kv": np.array(["1,2:0.5"], dtype=object)})


def test_crossing_an_id_list_is_refused():
    cross = {"kind": "cross", "sources": [ids(sparse("tags", format="index")), {"kind": "raw", "column": "c"}],
             "num_buckets": 10}
    data = {"tags": np.array(["1,2"], dtype=object), "c": np.array(["a"], dtype=object)}
    with pytest.raises(ValueError, match="cross sources must hold one value per row"):
        features.build({"feature_columns": [cross]}, data)


def id_data(rows=320, seed=0):
    """Rows of 1-4 ids in [0, 20) with weights; class 1 when the ids below 10 carry more weight."""
    rng = np.random.default_rng(seed)
    kv, tags, seq, label = [], [], [], []
    for _ in range(rows):
        chosen = rng.choice(20, size=rng.integers(1, 5), replace=False)
        weights = rng.uniform(0.1, 1.0, len(chosen))
        kv.append(",".join(f"{i}:{w:.3f}" for i, w in zip(chosen, weights)))
        tags.append(",".join(str(i) for i in chosen))
        seq.append(",".join(str(i) for i in rng.permutation(np.repeat(chosen, 2))))
        label.append(float(weights[chosen < 10].sum() > weights[chosen >= 10].sum()))
    noise = rng.normal(size=rows)
    return {"kv": np.array(kv, dtype=object), "tags": np.array(tags, dtype=object),
            "seq": np.array(seq, dtype=object), "noise": noise, "label": np.array(label)}


WEIGHTED_EMBEDDING = embedding(weighted(ids(sparse(width=20), 20)), "sum", 4)
SEQ_EMBEDDING = embedding({"kind": "seq_category_id", "column": "seq", "num_buckets": 20, "delimiter": ","},
                          "mean", 4)


@pytest.mark.parametrize("model_class, feature_dict, minimum", [
    ("DNNClassifier", {"feature_columns": [WEIGHTED_EMBEDDING, {"kind": "numeric", "column": "noise"}]}, 0.9),
    ("LinearClassifier", {"feature_columns": [sparse(width=20)]}, 0.9),
    ("DNNLinearCombinedClassifier", {"linear_feature_columns": [ids(sparse("tags", 20, "index"), 20)],
                                     "dnn_feature_columns": [SEQ_EMBEDDING]}, 0.8),
])
def test_id_lists_train_save_reload_predict_and_explain(model_class, feature_dict, minimum, tmp_path):
    data, test = id_data(), id_data(160, seed=1)
    label = {"column": "label", "kind": "class"}
    training.set_seed(3)
    model = models.build(model_class, feature_dict, label, {"n_classes": 2}, None, data)
    training.fit(model, data, feature_dict, label, {"epochs": 30, "batch_size": 16}, None)
    meta = {"features": feature_dict, "label": label}
    store.save(str(tmp_path / "m"), model, meta, {})
    loaded, stored = store.load(str(tmp_path / "m"))

    first = training.predict(model, meta, test, str(tmp_path / "a.result"))
    again = training.predict(loaded, stored, test, str(tmp_path / "b.result"))
    np.testing.assert_array_equal(first, again)
    assert np.mean(results.read_column(tmp_path / "b.result") == test["label"]) >= minimum
    importance = training.explain(loaded, stored, test, str(tmp_path / "e.json"))
    if "noise" in importance:
        assert importance["kv"] > 10 * max(importance["noise"], 1e-3)
