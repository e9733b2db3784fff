import datetime
import json
import math

import keras
import numpy as np

import pytest

from sqlflow_runtime import models, results, store, training
from test_features import COLORS, code_id, mixed_data, pair_ids, size_buckets, vocab

EVERY_KIND = {
    "linear_feature_columns": [
        {"kind": "numeric", "column": "size", "shape": [1]},
        size_buckets(),
        {"kind": "cross", "sources": [{"kind": "raw", "column": "color"}, code_id()], "num_buckets": 50},
        {"kind": "category_hash", "column": "word", "num_buckets": 20},
    ],
    "dnn_feature_columns": [
        {"kind": "dense", "column": "point", "shape": [2], "delimiter": ","},
        {"kind": "embedding", "source": vocab("color", COLORS), "dimension": 3, "combiner": "mean"},
        {"kind": "embedding", "source": pair_ids(), "dimension": 2, "combiner": "sqrtn"},
        {"kind": "indicator", "source": code_id()},
    ],
}


def predictions(model, meta, data, path):
    training.predict(model, meta, data, str(path))
    return results.read_column(path)


def test_save_then_load_gives_identical_predictions_for_every_feature_kind(tmp_path):
    data = mixed_data(rows=100)
    data["target"] = data["size"] * 2 + data["code"]
    label = {"column": "target", "kind": "regression"}
    meta = {"statement": "SELECT ...", "model_class": "DNNLinearCombinedRegressor", "features": EVERY_KIND,
            "label": label}
    training.set_seed(3)
    model = models.build("DNNLinearCombinedRegressor", EVERY_KIND, label, {"dnn_hidden_units": [8]}, None, data)
    training.fit(model, data, EVERY_KIND, label, {"epochs": 2, "batch_size": 16}, None)
    before = predictions(model, meta, data, tmp_path / "before.bin")

    store.save(str(tmp_path / "model"), model, meta, {"train_loss": 1.5})
    loaded, loaded_meta = store.load(str(tmp_path / "model"))

    assert np.array_equal(predictions(loaded, loaded_meta, data, tmp_path / "after.bin"), before)
    assert len(set(before.tolist())) > 10  # real, varied outputs, not a constant
    assert loaded_meta["features"] == EVERY_KIND and loaded_meta["label"] == label


def test_saved_model_loads_with_plain_keras_and_keeps_its_optimizer(tmp_path, iris_train):
    from conftest import numeric_features
    features = {"feature_columns": numeric_features()}
    label = {"column": "class", "kind": "class"}
    model = models.build("LinearClassifier", features, label, {"n_classes": 3}, None, iris_train)

    store.save(str(tmp_path / "model"), model, {"features": features, "label": label}, {})
    loaded = keras.saving.load_model(str(tmp_path / "model" / "model.keras"))  # no custom_objects, safe mode

    assert isinstance(loaded.optimizer, keras.optimizers.Ftrl)
    x = {name: np.asarray(values[:5], dtype=np.float32).reshape(-1, 1) for name, values in iris_train.items()
         if name != "class"}
    np.testing.assert_array_equal(loaded.predict(x, verbose=0), model.predict(x, verbose=0))


def test_metadata_holds_metrics_and_creation_time(tmp_path, iris_train):
    from conftest import numeric_features
    features = {"feature_columns": numeric_features()}
    label = {"column": "class", "kind": "class"}
    model = models.build("DNNClassifier", features, label, {"n_classes": 3}, None, iris_train)

    store.save(str(tmp_path / "m"), model, {"model_class": "DNNClassifier", "attributes": {"train.epoch": 10}},
               {"train_loss": np.float32(0.25), "validation_auc": math.nan})

    written = json.loads((tmp_path / "m" / "metadata.json").read_text())
    assert written["model_class"] == "DNNClassifier" and written["attributes"] == {"train.epoch": 10}
    assert written["metrics"] == {"train_loss": 0.25, "validation_auc": None}
    created = datetime.datetime.fromisoformat(written["created"])
    assert abs((datetime.datetime.now(datetime.timezone.utc) - created).total_seconds()) < 60


def test_loading_a_directory_without_a_model_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="no saved model in"):
        store.load(str(tmp_path))
