"""Model directories: `model.keras` plus `metadata.json` (contract section 3). Java archives the directory."""
import datetime
import json
import math
import os

import keras
import numpy as np

MODEL_FILE = "model.keras"
METADATA_FILE = "metadata.json"


def save(directory, model, metadata, metrics):
    """Writes the model and metadata + {"metrics": ..., "created": UTC ISO-8601 time} into `directory`."""
    os.makedirs(directory, exist_ok=True)
    model.save(os.path.join(directory, MODEL_FILE))
    document = dict(metadata)
    document["metrics"] = metrics or {}
    document["created"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    with open(os.path.join(directory, METADATA_FILE), "w", encoding="utf-8") as f:
        json.dump(_plain(document), f, indent=2, allow_nan=False)


def load(directory):
    """Returns (keras model, metadata dict) saved by `save`."""
    model_path = os.path.join(directory, MODEL_FILE)
    if not os.path.exists(model_path):
        raise ValueError(f"no saved model in {directory!r}")
    model = keras.saving.load_model(model_path)
    with open(os.path.join(directory, METADATA_FILE), encoding="utf-8") as f:
        metadata = json.load(f)
    return model, metadata


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
