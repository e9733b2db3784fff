"""The result-table stream (contract section 5): what Java loads into INTO tables."""
import json

import numpy as np
import pytest

from sqlflow_runtime import results

HOSTILE = ["tab\there", "line\nbreak", "cr\rhere", "back\\slash", "\\N", "\\.", "\\", "quote ' \" `",
           "unicode é 漢字 🙂", "", "; DROP TABLE t; --", "\u2028sep\u0085", "nul\x00byte"]


def test_hostile_strings_and_nulls_round_trip_exactly(tmp_path):
    path = tmp_path / "t.result"
    rows = [[s, i, float(i) / 3] for i, s in enumerate(HOSTILE)] + [[None, None, None]]
    results.write_table(str(path), [("s", "string"), ("i", "int64"), ("f", "float64")], rows)
    columns, read = results.read_table(str(path))
    assert columns == [("s", "string"), ("i", "int64"), ("f", "float64")]
    assert read == rows


def test_every_row_is_one_line_of_tab_separated_cells_and_the_file_ends_with_the_end_line(tmp_path):
    path = tmp_path / "t.result"
    results.write_table(str(path), [("s", "string"), ("f", "float64")],
                        [["a\tb\nc\\", float("nan")], ["\\N", float("inf")], [None, 1e-300]])
    lines = path.read_bytes().decode("utf-8").split("\n")
    header = json.loads(lines[0])
    assert header == {"format": "sqlflow-result", "version": 1,
                      "columns": [{"name": "s", "type": "string"}, {"name": "f", "type": "float64"}]}
    assert lines[1:] == ["a\\tb\\nc\\\\\t\\N", "\\\\N\t\\N", "\\N\t1e-300", "\\.", ""]


def test_numpy_columns_are_written_as_typed_cells(tmp_path):
    path = tmp_path / "p.result"
    with results.TableWriter(str(path), [("class", "int64"), ("value", "float64")]) as out:
        out.write_columns([np.array([0, 2, 1], dtype=np.int64), np.array([0.1, np.nan, -2.5])])
        out.write_columns([np.array([1.0]), [7]])
    assert out.rows == 4
    columns, rows = results.read_table(str(path))
    assert rows == [[0, 0.1], [2, None], [1, -2.5], [1, 7.0]]
    np.testing.assert_array_equal(results.read_column(str(path)), [0, 2, 1, 1])


def test_many_rows_stream_in_chunks(tmp_path):
    path = tmp_path / "big.result"
    n = 200_001
    ids = np.arange(n, dtype=np.int64)
    with results.TableWriter(str(path), [("id", "int64"), ("x", "float64")]) as out:
        out.write_columns([ids, ids / 7])
    _, rows = results.read_table(str(path))
    assert len(rows) == n and rows[-1] == [n - 1, (n - 1) / 7]


@pytest.mark.parametrize("kind, value", [("int64", 1.5), ("int64", "3"), ("float64", "x"), ("string", 3),
                                         ("int64", 2 ** 63)])
def test_a_value_that_does_not_fit_its_type_is_refused(tmp_path, kind, value):
    with pytest.raises(ValueError, match="result column 'c'"):
        results.write_table(str(tmp_path / "t.result"), [("c", kind)], [[value]])


def test_a_table_left_by_an_exception_has_no_end_line_and_reads_as_incomplete(tmp_path):
    path = tmp_path / "t.result"
    with pytest.raises(RuntimeError):
        with results.TableWriter(str(path), [("c", "int64")]) as out:
            out.write_rows([[1]])
            raise RuntimeError("model failed")
    with pytest.raises(ValueError, match="incomplete"):
        results.read_table(str(path))


@pytest.mark.parametrize("columns", [[], [("c", "decimal")], [("", "int64")], [(None, "string")]])
def test_bad_columns_are_refused(tmp_path, columns):
    with pytest.raises(ValueError):
        results.TableWriter(str(tmp_path / "t.result"), columns)
