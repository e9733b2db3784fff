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


def predict(model, meta, data, path):
    rows = len(next(iter(data.values())))
    kind = meta["label"]["kind"]
    values = [float(i % 3) if kind == "class" else i / 4 for i in range(rows)]
    with open(path, "wb") as f:
        f.write(struct.pack("<%dd" % rows, *values))
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
