import json
import struct


def set_seed(seed):
    pass


def fit(model, data, features, label, train, validation):
    if train["epochs"] == 99:
        raise ValueError("stub failure")
    for epoch in range(train["epochs"]):
        print(f"epoch {epoch}, train_loss = 0.5000", flush=True)
    return {"loss": 0.5}


def predict(model, meta, data, path, result_column=None, extra_outputs=()):
    rows = len(next(iter(data.values())))
    kind = meta["label"]["kind"]
    column = result_column or meta["label"]["column"]
    values = [i % 3 if kind == "class" else i / 4 for i in range(rows)]
    columns = [{"name": column, "type": "int64" if kind == "class" else "float64"}]
    columns += [{"name": name, "type": "float64"} for name in extra_outputs]
    # The result-table stream of docs/ml-contract.md section 5: a JSON header, tab-separated rows, an end line.
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps({"format": "sqlflow-result", "version": 1, "columns": columns}) + "\n")
        for v in values:
            f.write("\t".join([repr(v)] + ["0.5"] * len(extra_outputs)) + "\n")
        f.write("\\.\n")
    print(f"Predicted {rows} rows", flush=True)


def evaluate(model, meta, data, label_column, metrics, path):
    result = {"loss": 0.25, "accuracy": 0.75}
    with open(path, "w") as f:
        json.dump(result, f)
    for name, value in result.items():
        print(f"{name} = {value:.4f}", flush=True)


def explain(model, meta, data, path):
    result = {column["name"]: 0.1 * i for i, column in enumerate(meta["feature_columns_in_select"])}
    with open(path, "w") as f:
        json.dump(result, f)
    for name, value in result.items():
        print(f"{name} = {value:.4f}", flush=True)
