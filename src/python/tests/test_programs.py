"""End to end: programs shaped like the ones Java generates, run as `python -u prog.py` in a job directory."""
import json
import os
import re
import subprocess
import sys

import numpy as np

from conftest import iris_like, write_job_feeds, predicted_column
from sqlflow_runtime import feed

RUNTIME_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NUMBER = r"\d+\.\d{4}"

TRAIN = '''from sqlflow_runtime import feed, models, training, store
FEATURES = {"feature_columns": [{"kind": "numeric", "column": "sepal_length", "shape": [1]}, {"kind": "numeric", "column": "sepal_width", "shape": [1]}, {"kind": "numeric", "column": "petal_length", "shape": [1]}, {"kind": "numeric", "column": "petal_width", "shape": [1]}]}
LABEL = {"column": "class", "kind": "class"}
MODEL_CLASS = "DNNClassifier"
MODEL_PARAMS = {"n_classes": 3, "hidden_units": [10, 20]}
OPTIMIZER = {"name": "Adagrad", "learning_rate": 0.1}
TRAIN = {"epochs": 12, "batch_size": 32, "verbose": 0, "seed": 42}
VALIDATION = {"feed": "validation", "metrics": ["Accuracy"]}
METADATA = {"statement": "SELECT * FROM iris.train TO TRAIN DNNClassifier ...", "model_class": MODEL_CLASS, "attributes": {"model.n_classes": 3, "train.epoch": 12}, "features": FEATURES, "label": LABEL, "feature_columns_in_select": [{"name": "sepal_length", "type": "float64"}, {"name": "sepal_width", "type": "float64"}, {"name": "petal_length", "type": "float64"}, {"name": "petal_width", "type": "float64"}]}
training.set_seed(TRAIN["seed"])
data = feed.read("train")
model = models.build(MODEL_CLASS, FEATURES, LABEL, MODEL_PARAMS, OPTIMIZER, data)
metrics = training.fit(model, data, FEATURES, LABEL, TRAIN, VALIDATION)
store.save("model", model, METADATA, metrics)
'''

PREDICT = '''from sqlflow_runtime import feed, store, training
model, meta = store.load("model")
data = feed.read("predict")
training.predict(model, meta, data, "predictions.bin")
'''

EVALUATE = '''from sqlflow_runtime import feed, store, training
model, meta = store.load("model")
data = feed.read("evaluate")
training.evaluate(model, meta, data, "class", ["Accuracy", "AUC"], "metrics.json")
'''

EXPLAIN = '''from sqlflow_runtime import feed, store, training
model, meta = store.load("model")
data = feed.read("explain")
training.explain(model, meta, data, "explain.json")
'''


def run(job_dir, name, text):
    (job_dir / name).write_text(text)
    env = dict(os.environ, PYTHONPATH=RUNTIME_DIR)
    return subprocess.run([sys.executable, "-u", name], cwd=job_dir, env=env, capture_output=True, text=True,
                          timeout=300)


def test_train_predict_evaluate_explain_programs(tmp_path):
    train, test = iris_like(120, seed=1), iris_like(30, seed=2)
    write_job_feeds(tmp_path, train, test, "class")

    trained = run(tmp_path, "train.py", TRAIN)
    assert trained.returncode == 0, trained.stderr
    lines = trained.stdout.splitlines()
    assert len(lines) == 12
    for epoch, line in enumerate(lines):
        assert re.fullmatch(rf"epoch {epoch}, train_loss = {NUMBER}, validation_loss = {NUMBER}, "
                            rf"validation_accuracy = {NUMBER}", line), line
    metadata = json.loads((tmp_path / "model" / "metadata.json").read_text())
    assert (tmp_path / "model" / "model.keras").is_file()
    assert metadata["model_class"] == "DNNClassifier" and "created" in metadata
    assert lines[-1].endswith(f"validation_accuracy = {metadata['metrics']['validation_accuracy']:.4f}")

    predicted = run(tmp_path, "predict.py", PREDICT)
    assert predicted.returncode == 0, predicted.stderr
    assert predicted.stdout.splitlines() == ["Predicted 30 rows"]
    classes = predicted_column(tmp_path / "predictions.bin")
    assert len(classes) == 30 and np.mean(classes == test["class"]) >= 0.9

    evaluated = run(tmp_path, "evaluate.py", EVALUATE)
    assert evaluated.returncode == 0, evaluated.stderr
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert list(metrics) == ["loss", "accuracy", "auc"]
    assert metrics["accuracy"] == np.mean(classes == test["class"])
    assert evaluated.stdout.splitlines() == [f"{k} = {v:.4f}" for k, v in metrics.items()]

    explained = run(tmp_path, "explain.py", EXPLAIN)
    assert explained.returncode == 0, explained.stderr
    importance = json.loads((tmp_path / "explain.json").read_text())
    assert set(importance) == {"sepal_length", "sepal_width", "petal_length", "petal_width"}
    assert explained.stdout.splitlines() == [f"{k} = {v:.4f}" for k, v in importance.items()]


def test_failing_program_exits_non_zero_with_the_error_last_on_stderr(tmp_path):
    feed.write(str(tmp_path / "train"), iris_like(20, seed=1))

    failed = run(tmp_path, "train.py", TRAIN.replace('MODEL_CLASS = "DNNClassifier"', 'MODEL_CLASS = "DNNClasifier"'))

    assert failed.returncode != 0
    assert failed.stdout == ""
    assert failed.stderr.strip().splitlines()[-1] == (
        "ValueError: unknown model class 'DNNClasifier'; supported: DNNClassifier, DNNRegressor, LinearClassifier, "
        "LinearRegressor, DNNLinearCombinedClassifier, DNNLinearCombinedRegressor")
