import numpy as np
import pytest
import scipy.sparse

import xgboost

from sqlflow_runtime import matrix
from sqlflow_runtime.matrix import Layout


def strings(*values):
    return np.array(values, dtype=object)


def test_numeric_dense_and_category_ids_fill_a_dense_matrix_with_nan_for_null():
    data = {"x": np.array([1.5, np.nan]), "v": strings("1,2,3", None), "c": np.array([4.0, 2.0])}
    layout = Layout({"feature_columns": [
        {"kind": "numeric", "column": "x", "shape": [1]},
        {"kind": "dense", "column": "v", "shape": [3], "delimiter": ","},
        {"kind": "category_id", "column": "c", "num_buckets": 10},
    ]})

    x = layout.matrix(data)

    assert layout.feature_names == ["x", "v_0", "v_1", "v_2", "c"]
    assert not scipy.sparse.issparse(x)
    np.testing.assert_array_equal(x[0], [1.5, 1, 2, 3, 4])
    assert np.isnan(x[1, :4]).all() and x[1, 4] == 2


def test_sparse_index_lists_and_weighted_key_value_pairs_fill_a_csr_matrix():
    data = {"ids": strings("1,5,9", "", "5"),
            "kv": strings("1:0.5 3:-1.5", "3:-1.3 2:-3.4", None),
            "n": np.array([1.0, 2.0, 3.0])}
    layout = Layout({"feature_columns": [
        {"kind": "sparse", "column": "ids", "shape": [10], "delimiter": ",", "format": "index"},
        {"kind": "weighted_category", "source": {"kind": "category_id", "num_buckets": 4, "source": {
            "kind": "sparse", "column": "kv", "shape": [4], "delimiter": " ", "format": "kv",
            "kv_delimiter": ":"}}},
        {"kind": "numeric", "column": "n", "shape": [1]},
    ]})

    x = layout.matrix(data)

    assert scipy.sparse.isspmatrix_csr(x) or isinstance(x, scipy.sparse.csr_array)
    dense = x.toarray()
    assert dense.shape == (3, 15)
    np.testing.assert_array_equal(np.nonzero(dense[0, :10])[0], [1, 5, 9])
    np.testing.assert_allclose(dense[0, 10:14], [0, 0.5, 0, -1.5])
    np.testing.assert_allclose(dense[1, 10:14], [0, 0, -3.4, -1.3])
    np.testing.assert_array_equal(dense[:, 14], [1, 2, 3])
    assert dense[2, :14].sum() == 1  # "5" alone; the NULL key:value row is empty


def test_beside_a_sparse_column_a_numeric_zero_is_a_value_and_null_is_missing():
    data = {"ids": strings("1", "", "0"), "n": np.array([0.0, np.nan, 2.0])}
    layout = Layout({"feature_columns": [{"kind": "sparse", "column": "ids", "shape": [3]},
                                         {"kind": "numeric", "column": "n"}]})

    x = layout.matrix(data)

    assert xgboost.DMatrix(x, missing=np.nan).num_nonmissing() == 2 + 2  # two ids, n's 0 and 2
    np.testing.assert_array_equal(matrix.dense(x), [[np.nan, 1, np.nan, 0], [np.nan] * 4, [1, np.nan, np.nan, 2]])


@pytest.mark.parametrize("spec, value, message", [
    ({"kind": "sparse", "column": "s", "shape": [4]}, "1,7", r"index 7 in '1,7' is outside \[0, 4\)"),
    ({"kind": "sparse", "column": "s", "shape": [4]}, "1,x", "'x' in '1,x' is not an integer index"),
    ({"kind": "sparse", "column": "s", "shape": [4], "format": "kv"}, "1:0.5,2", "'2' in '1:0.5,2' is not key:value"),
    ({"kind": "sparse", "column": "s", "shape": [4], "format": "kv"}, "1:__import__('os')", "is not a number"),
    ({"kind": "dense", "column": "s", "shape": [2]}, "1,2,3", "holds 3 values, expected 2"),
    ({"kind": "sparse", "column": "s", "shape": [4], "format": "svm"}, "1", "sparse format must be one of"),
    ({"kind": "embedding", "column": "s"}, "1", "tree models cannot read feature kind 'embedding'"),
])
def test_bad_values_and_specs_are_refused_with_the_cause(spec, value, message):
    with pytest.raises(ValueError, match=message):
        Layout({"feature_columns": [spec]}).matrix({"s": strings(value)})


def test_tree_models_take_only_feature_columns():
    with pytest.raises(ValueError, match="one feature target, feature_columns"):
        Layout({"dnn_feature_columns": [{"kind": "numeric", "column": "x"}]})


def test_a_dense_cell_may_end_with_its_delimiter_as_sqlflows_sample_data_does():
    layout = Layout({"feature_columns": [{"kind": "dense", "column": "v", "shape": [4], "delimiter": ","}]})

    x = layout.matrix({"v": strings("1,4,2,3,", "9,2,2,2")})

    np.testing.assert_array_equal(x, [[1, 4, 2, 3], [9, 2, 2, 2]])
    with pytest.raises(ValueError, match="holds 5 values, expected 4"):
        layout.matrix({"v": strings("1,4,2,3,,")})
    assert matrix.dense_parts("1;2;", ";") == ["1", "2"]
    assert matrix.dense_parts(",", ",") == [""]


def test_a_bucket_is_its_index_as_keras_counts_it_and_null_stays_missing():
    layout = Layout({"feature_columns": [{"kind": "bucket", "boundaries": [0, 1, 2],
                                          "source": {"kind": "numeric", "column": "x", "shape": [1]}}]})

    x = layout.matrix({"x": np.array([-1.0, 0.0, 1.5, 2.0, 9.0, np.nan])})

    assert layout.feature_names == ["x"]
    np.testing.assert_array_equal(x[:5, 0], [0, 1, 2, 3, 3])
    assert np.isnan(x[5, 0])
    with pytest.raises(ValueError, match="bucket boundaries must be ascending"):
        Layout({"feature_columns": [{"kind": "bucket", "boundaries": [2, 1],
                                     "source": {"kind": "numeric", "column": "x"}}]})
    with pytest.raises(ValueError, match="bucket column 'x' must be numeric"):
        layout.matrix({"x": strings("1")})
