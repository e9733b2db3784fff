"""Shared synthetic data: iris-like gaussian clusters, as feed columns ({name: numpy array})."""
import numpy as np
import pytest

IRIS_COLUMNS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
_MEANS = np.array([[5.0, 3.4, 1.5, 0.25], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]])
_STDS = np.array([[0.35, 0.38, 0.17, 0.1], [0.5, 0.3, 0.47, 0.2], [0.63, 0.32, 0.55, 0.27]])


def iris_like(rows, seed):
    """Three classes with the per-class means and spreads of the real iris measurements."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, rows)
    values = _MEANS[labels] + rng.normal(size=(rows, 4)) * _STDS[labels]
    data = {name: values[:, i] for i, name in enumerate(IRIS_COLUMNS)}
    data["class"] = labels.astype(np.float64)
    return data


def write_job_feeds(directory, train, test, label):
    """The feeds Java writes into a job directory: train, validation, predict (no label), evaluate, explain."""
    from sqlflow_runtime import feed

    for name, data in (("train", train), ("validation", test), ("evaluate", test), ("explain", test),
                       ("predict", {k: v for k, v in test.items() if k != label})):
        feed.write(str(directory / name), data)


def numeric_features(columns=IRIS_COLUMNS):
    return [{"kind": "numeric", "column": c, "shape": [1]} for c in columns]


@pytest.fixture(scope="session")
def iris_train():
    return iris_like(120, seed=1)


@pytest.fixture(scope="session")
def iris_test():
    return iris_like(60, seed=2)


BOSTON_COLUMNS = ["crim", "zn", "indus", "chas", "nox", "rm", "age", "dis", "rad", "tax", "ptratio", "b", "lstat"]


def boston_like(rows, seed):
    """13 housing-like features and a `medv` label that depends on rm and lstat (plus a little noise),
    as the real data's strongest relations do."""
    rng = np.random.default_rng(seed)
    data = {name: rng.normal(size=rows) for name in BOSTON_COLUMNS}
    data["chas"] = (data["chas"] > 1).astype(np.float64)
    data["rm"] = 6.3 + 0.7 * data["rm"]
    data["lstat"] = np.abs(12.0 + 7.0 * data["lstat"])
    data["medv"] = 22.0 + 9.0 * (data["rm"] - 6.3) - 0.5 * (data["lstat"] - 12.0) + rng.normal(size=rows)
    return data


def predicted_column(path, index=0):
    """The values of one column (default: the prediction) of the result table a predict call wrote."""
    from sqlflow_runtime import results

    _, rows = results.read_table(str(path))
    return np.array([row[index] for row in rows], dtype=float)
