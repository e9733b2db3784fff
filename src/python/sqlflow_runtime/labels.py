"""Class names as labels, for every classifier (Keras and XGBoost alike; contract section 3).

A classifier's LABEL column of text holds class names such as 'setosa'. Class ids are the names' sorted
order; the list is kept with the model (metadata.json's "label": {"classes": [...]}), so that PREDICT
writes names back and EVALUATE maps them the same way. Numeric labels stay class ids. This module imports
neither TensorFlow nor XGBoost, so both runtimes share it.
"""
import numpy as np


def with_classes(label, data):
    """`label`, plus "classes" (sorted names) when it is a classifier's LABEL column of strings."""
    column = label["column"]
    if label.get("kind") != "class" or column not in data or data[column].dtype != object:
        return label
    values = data[column]
    if any(v is None for v in values):
        raise ValueError(f"label column {column!r} is NULL in some rows")
    return {**label, "classes": sorted({str(v) for v in values})}


def class_ids(classes, values, column, limit):
    """Class ids (int64) of the names in `values`; `limit` is how many classes the model has."""
    if len(classes) > limit:
        raise ValueError(f"label column {column!r} holds {len(classes)} classes ({', '.join(classes[:10])}"
                         f"{', ...' if len(classes) > 10 else ''}) but the model has {limit} (model.n_classes, num_class)")
    ids = {name: i for i, name in enumerate(classes)}
    found = [ids.get(None if v is None else str(v)) for v in values]
    if None in found:
        bad = values[found.index(None)]
        raise ValueError(f"label column {column!r}: {bad!r} is not one of the classes the model was trained "
                         f"on: {', '.join(classes)}")
    return np.asarray(found, dtype=np.int64)


def names(classes, ids):
    """The class names of predicted ids."""
    return [classes[int(i)] for i in ids]
