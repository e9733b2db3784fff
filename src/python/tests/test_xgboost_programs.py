"""End to end: the Velocity templates for XGBoost, SHAP and optimize programs, rendered the way Java renders
them (every $variable a Python literal), run as `python -u prog.py` in a job directory."""
import json
import os
import re
import select
import subprocess
import sys
import time

import numpy as np
import pytest

from conftest import BOSTON_COLUMNS, boston_like, numeric_features, write_job_feeds
from sqlflow_runtime import explaining, feed, results
from test_optimize import WOODCARVING
from test_programs import RUNTIME_DIR, run

TEMPLATES = os.path.join(RUNTIME_DIR, "..", "..", "server", "src", "main", "resources", "codegen")
FEATURES = {"feature_columns": numeric_features(BOSTON_COLUMNS)}
ROUND = r"\[{}\]\ttrain-rmse:\d+\.\d{{5}}\tvalidate-rmse:\d+\.\d{{5}}"


def render(template, **values):
    """Velocity's $name substitution with Python literals (repr), as Java's one literal function renders."""
    with open(os.path.join(TEMPLATES, template), encoding="utf-8") as f:
        text = f.read()
    assert "#foreach" not in text and "#if" not in text
    used = set(re.findall(r"\$([A-Za-z]\w*)", text))
    assert used == set(values), f"template variables {sorted(used)} vs given {sorted(values)}"
    return re.sub(r"\$([A-Za-z]\w*)", lambda m: repr(values[m.group(1)]), text)


def train_program(rounds, validation="validation", warm_start=None, model_class="XGBRegressor"):
    return render("train_xgboost.vm", features=FEATURES, label={"column": "medv"}, modelClass=model_class,
                  params={"max_depth": 3, "eta": 0.3}, train={"num_boost_round": rounds},
                  validation={"feed": validation} if validation else None, warmStart=warm_start,
                  metadata={"statement": "SELECT * FROM boston.train TO TRAIN XGBRegressor ...",
                            "model_class": model_class, "label": {"column": "medv"}},
                  trainFeed="train", modelDir="model")


@pytest.fixture()
def job(tmp_path):
    test = boston_like(60, seed=2)
    write_job_feeds(tmp_path, boston_like(300, seed=1), test, "medv")
    return tmp_path, test


def test_train_predict_evaluate_explain_and_continue_programs(job):
    tmp_path, test = job
    trained = run(tmp_path, "train.py", train_program(20))
    assert trained.returncode == 0, trained.stderr
    lines = trained.stdout.splitlines()
    assert len(lines) == 20 and all(re.fullmatch(ROUND.format(i), line) for i, line in enumerate(lines)), lines
    metadata = json.loads((tmp_path / "model" / "metadata.json").read_text())
    assert metadata["framework"] == "xgboost" and metadata["features"] == FEATURES
    assert lines[-1].endswith(f"validate-rmse:{metadata['metrics']['validate_rmse']:.5f}")

    predicted = run(tmp_path, "predict.py", render("predict_xgboost.vm", modelDir="model", feed="predict",
                                                   output="predictions.result", resultColumn="medv_p",
                                                   extraOutputs=[]))
    assert predicted.returncode == 0, predicted.stderr
    assert predicted.stdout.splitlines() == ["Predicted 60 rows"]
    values = results.read_column(tmp_path / "predictions.result")
    mse = float(np.mean((values - test["medv"]) ** 2))
    assert mse < 0.3 * np.var(test["medv"])

    evaluated = run(tmp_path, "evaluate.py", render("evaluate_xgboost.vm", labelColumn="medv", modelDir="model",
                                                    metrics=["mean_squared_error", "r2_score"], feed="evaluate",
                                                    output="metrics.json"))
    assert evaluated.returncode == 0, evaluated.stderr
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["mean_squared_error"] == pytest.approx(mse)
    assert metrics["loss"] == pytest.approx(np.sqrt(mse), rel=1e-4)  # rmse, the objective's own metric
    assert evaluated.stdout.splitlines() == [f"{k} = {v:.4f}" for k, v in metrics.items()]

    explained = run(tmp_path, "explain.py", render("explain_shap.vm", explainer="TreeExplainer",
                                                   summary={"plot_type": "bar"}, labelCol="medv", modelDir="model",
                                                   feed="explain", output="explain.json", plot="summary.png"))
    assert explained.returncode == 0, explained.stderr
    _, rows = results.read_table(str(tmp_path / "explain.json"))
    assert {rows[0][0], rows[1][0]} == {"rm", "lstat"}
    width, height = explaining.png_size(str(tmp_path / "summary.png"))
    assert explained.stdout.splitlines()[-1] == f"Summary plot written to summary.png ({width}x{height} pixels)"

    continued = run(tmp_path, "continue.py", train_program(10, warm_start="model"))
    assert continued.returncode == 0, continued.stderr
    later = continued.stdout.splitlines()
    assert len(later) == 10 and float(later[0].split("validate-rmse:")[1]) < float(lines[-1].split("validate-rmse:")[1])


def test_round_lines_reach_the_reader_while_training_runs(job):
    """Without python -u the lines still arrive one by one: each is flushed as XGBoost logs it."""
    tmp_path, _ = job
    (tmp_path / "train.py").write_text(train_program(5000, validation=None))
    env = dict(os.environ, PYTHONPATH=RUNTIME_DIR)
    process = subprocess.Popen([sys.executable, "train.py"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        seen = []
        deadline = time.monotonic() + 120
        while len(seen) < 3 and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], 1)
            if ready:
                seen.append(process.stdout.readline().rstrip("\n"))
        assert [line.split("\t")[0] for line in seen] == ["[0]", "[1]", "[2]"]
        assert process.poll() is None  # 4997 rounds still to go: the lines came while it trained
    finally:
        process.kill()
        process.wait()


def test_optimize_program_writes_the_result_table(tmp_path):
    feed.write(str(tmp_path / "optimize"), WOODCARVING)
    program = render("optimize.vm", sense="maximize", objective="SUM((price - materials_cost - other_cost) * amount)",
                     constraints=[{"expression": "SUM(finishing * amount) <= 100", "group_by": None},
                                  {"expression": "SUM(carpentry * amount) <= 80", "group_by": None},
                                  {"expression": "amount <= max_num", "group_by": None}],
                     variables="amount(product)", varType="NonNegativeIntegers", solver="glpk", feed="optimize",
                     output="optimize.json")
    solved = run(tmp_path, "optimize.py", program)
    assert solved.returncode == 0, solved.stderr
    assert results.read_table(str(tmp_path / "optimize.json"))[1] == [["soldier", 20], ["train", 60]]
    assert solved.stdout.splitlines()[1:] == ["Optimal objective value: 180", "Wrote 2 rows: product, amount"]


def test_hostile_objective_fails_the_program_with_the_cause_last_and_nothing_run(tmp_path):
    feed.write(str(tmp_path / "optimize"), WOODCARVING)
    marker = tmp_path / "pwned"
    program = render("optimize.vm", sense="maximize", objective=f"SUM(amount) + open({str(marker)!r}, 'w')",
                     constraints=[], variables="amount(product)", varType="Binary", solver=None, feed="optimize",
                     output="optimize.json")
    failed = run(tmp_path, "optimize.py", program)
    assert failed.returncode != 0 and failed.stdout == ""
    assert failed.stderr.strip().splitlines()[-1].startswith("ValueError: unexpected character \"'\" at position 20")
    assert not marker.exists() and not (tmp_path / "optimize.json").exists()
