"""Model directories: the model file plus `metadata.json` (contract section 3). Java archives the directory.

metadata.json names the framework that wrote the model ("keras": `model.keras`, "xgboost": `model.ubj`,
XGBoost's own binary JSON format); a directory without it is a Keras one (written before XGBoost existed).
Keras and XGBoost are imported only when a model of theirs is saved or loaded: importing TensorFlow takes
seconds that an XGBoost program should not wait for.
"""
import datetime
import json
import math
import os

import numpy as np

MODEL_FILE = "model.keras"
XGBOOST_MODEL_FILE = "model.ubj"
METADATA_FILE = "metadata.json"
KERAS = "keras"
XGBOOST = "xgboost"
_FILES = {KERAS: MODEL_FILE, XGBOOST: XGBOOST_MODEL_FILE}


def save(directory, model, metadata, metrics):
    """Writes the model and metadata + {"framework", "metrics", "created": UTC ISO-8601 time} into `directory`."""
    os.makedirs(directory, exist_ok=True)
    framework = framework_of(model)
    if framework == XGBOOST:
        model.save_model(os.path.join(directory, XGBOOST_MODEL_FILE))
    else:
        model.save(os.path.join(directory, MODEL_FILE))
    document = dict(metadata)
    document["framework"] = framework
    document["metrics"] = metrics or {}
    document["created"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    with open(os.path.join(directory, METADATA_FILE), "w", encoding="utf-8") as f:
        json.dump(_plain(document), f, indent=2, allow_nan=False)


def load(directory):
    """Returns (model, metadata dict) saved by `save`: a keras.Model or an xgboost.Booster."""
    metadata_path = os.path.join(directory, METADATA_FILE)
    if not os.path.exists(metadata_path):
        raise ValueError(f"no saved model in {directory!r}")
    with open(metadata_path, encoding="utf-8") as f:
        metadata = json.load(f)
    framework = metadata.get("framework", KERAS)
    if framework not in _FILES:
        raise ValueError(f"{directory!r} holds a model of unknown framework {framework!r}")
    model_path = os.path.join(directory, _FILES[framework])
    if not os.path.exists(model_path):
        raise ValueError(f"no saved model in {directory!r}")
    if framework == XGBOOST:
        import xgboost

        model = xgboost.Booster()
        model.load_model(model_path)
    else:
        import keras

        from . import models  # noqa: F401  registers TwoPartModel, a combined model with two optimizers

        model = keras.saving.load_model(model_path)
    return model, metadata


def framework_of(model):
    return XGBOOST if type(model).__module__.startswith("xgboost") else KERAS


def _plain(value):
    """JSON-ready copy: numpy scalars become Python numbers, NaN/infinity become None."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
