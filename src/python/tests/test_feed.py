import json
import math
import struct

import numpy as np
import pytest

from sqlflow_runtime import feed


def write_java_style_feed(path, rows, columns):
    """Writes a feed byte by byte as the contract describes, independently of feed.write."""
    path.mkdir()
    meta = []
    for i, (name, kind, payload) in enumerate(columns):
        file = f"c{i}.bin" if kind == "float64" else f"c{i}.txt"
        (path / file).write_bytes(payload)
        meta.append({"name": name, "type": kind, "file": file})
    (path / "meta.json").write_text(json.dumps({"rows": rows, "columns": meta}))


def test_reads_doubles_and_escaped_strings_with_nulls(tmp_path):
    doubles = struct.pack("<3d", 1.5, float("nan"), -2.0)
    strings = "a\\\\b\n\\N\nline\\nbreak\\r\n".encode("utf-8")
    write_java_style_feed(tmp_path / "f", 3, [("x", "float64", doubles), ("s", "string", strings)])

    data = feed.read(str(tmp_path / "f"))

    assert list(data) == ["x", "s"]
    assert data["x"].dtype == np.float64
    assert data["x"][0] == 1.5 and math.isnan(data["x"][1]) and data["x"][2] == -2.0
    assert list(data["s"]) == ["a\\b", None, "line\nbreak\r"]


def test_keeps_select_order_and_unicode(tmp_path):
    write_java_style_feed(tmp_path / "f", 2, [
        ("z", "string", "größe\n\\\\N\n".encode("utf-8")),
        ("a", "float64", struct.pack("<2d", 3.0, 4.0)),
    ])

    data = feed.read(str(tmp_path / "f"))

    assert list(data) == ["z", "a"]
    assert list(data["z"]) == ["größe", "\\N"]  # an escaped backslash before N is text, not NULL


def test_write_then_read_round_trips(tmp_path):
    columns = {"n": [1.0, None, 3.5], "s": ["tab\there", None, "back\\slash\r\n"], "e": ["", "x", ""]}

    feed.write(str(tmp_path / "f"), columns)
    data = feed.read(str(tmp_path / "f"))

    assert list(data) == ["n", "s", "e"]
    assert data["n"][0] == 1.0 and math.isnan(data["n"][1]) and data["n"][2] == 3.5
    assert list(data["s"]) == ["tab\there", None, "back\\slash\r\n"]
    assert list(data["e"]) == ["", "x", ""]


def test_reads_empty_feed(tmp_path):
    feed.write(str(tmp_path / "f"), {"n": [], "s": []})

    data = feed.read(str(tmp_path / "f"))

    assert len(data["n"]) == 0 and len(data["s"]) == 0


def test_row_count_mismatch_is_an_error(tmp_path):
    write_java_style_feed(tmp_path / "f", 3, [("x", "float64", struct.pack("<2d", 1.0, 2.0))])

    with pytest.raises(ValueError, match="column x holds 2 values, meta.json says 3 rows"):
        feed.read(str(tmp_path / "f"))


def test_bad_escape_is_an_error(tmp_path):
    write_java_style_feed(tmp_path / "f", 1, [("s", "string", b"a\\tb\n")])

    with pytest.raises(ValueError, match="bad escape"):
        feed.read(str(tmp_path / "f"))


def test_unterminated_last_line_is_an_error(tmp_path):
    write_java_style_feed(tmp_path / "f", 1, [("s", "string", b"abc")])

    with pytest.raises(ValueError, match="not terminated"):
        feed.read(str(tmp_path / "f"))
