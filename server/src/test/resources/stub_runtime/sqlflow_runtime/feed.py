import json
import os
import struct


def read(path):
    with open(os.path.join(path, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    data = {}
    for column in meta["columns"]:
        file = os.path.join(path, column["file"])
        if column["type"] == "float64":
            with open(file, "rb") as f:
                raw = f.read()
            data[column["name"]] = list(struct.unpack("<%dd" % (len(raw) // 8), raw))
        else:
            with open(file, encoding="utf-8") as f:
                data[column["name"]] = [None if line == "\\N" else line for line in f.read().split("\n")[:-1]]
        assert len(data[column["name"]]) == meta["rows"]
    return data
