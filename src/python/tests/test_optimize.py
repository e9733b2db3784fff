"""TO MAXIMIZE / TO MINIMIZE on SQLFlow's own optimize cases, checked against brute force."""
import itertools

import numpy as np
import pytest

from sqlflow_runtime import expressions, optimize, results

# optimize_test_db.woodcarving, as SQLFlow's test data creates it.
WOODCARVING = {
    "product": np.array(["soldier", "train"], dtype=object),
    "price": np.array([27.0, 21.0]), "materials_cost": np.array([10.0, 9.0]), "other_cost": np.array([14.0, 10.0]),
    "finishing": np.array([2.0, 1.0]), "carpentry": np.array([1.0, 1.0]), "max_num": np.array([40.0, 10000.0]),
}
# transportation_table LEFT JOIN plants_table, markets_table, as SQLFlow's grouped case selects it.
SHIPPING = {
    "plants": np.array(["plantA", "plantA", "plantB", "plantB"], dtype=object),
    "markets": np.array(["marketA", "marketB", "marketA", "marketB"], dtype=object),
    "distance": np.array([140.0, 210.0, 300.0, 90.0]),
    "capacity": np.array([100.0, 100.0, 90.0, 90.0]),
    "demand": np.array([130.0, 60.0, 130.0, 60.0]),
}


def woodcarving_constraints(v):
    return [{"expression": f"SUM(finishing * {v}) <= 100", "group_by": None},
            {"expression": f"SUM(carpentry * {v}) <= 80"},
            {"expression": f"{v} <= max_num"}]


def best_woodcarving():
    """Brute force over every integer plan: (profit, soldiers, trains)."""
    best = None
    for soldiers, trains in itertools.product(range(41), range(101)):
        if 2 * soldiers + trains <= 100 and soldiers + trains <= 80:
            candidate = (3 * soldiers + 2 * trains, soldiers, trains)
            best = max(best, candidate) if best else candidate
    return best


@pytest.mark.parametrize("variable, result_column", [("amount", "amount"), ("product", "product_value")])
def test_woodcarving_maximum_equals_brute_force(variable, result_column, tmp_path, capsys):
    rows = optimize.solve(WOODCARVING, "maximize", f"SUM((price - materials_cost - other_cost) * {variable})",
                          woodcarving_constraints(variable), f"{variable}(product)", "NonNegativeIntegers", "glpk",
                          str(tmp_path / "o.json"))

    profit, soldiers, trains = best_woodcarving()
    assert rows == [["soldier", soldiers], ["train", trains]]  # SQLFlow's expected 20 and 60
    columns, written = results.read_table(str(tmp_path / "o.json"))
    assert columns == [("product", "string"), (result_column, "int64")] and written == rows
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"Solving: maximize SUM((price - materials_cost - other_cost) * {variable}) over 2 ")
    assert out[1] == f"Optimal objective value: {profit}"


def test_binary_and_unconstrained_minimum_match_sqlflows_cases(tmp_path):
    objective = "SUM((price - materials_cost - other_cost) * amount)"
    binary = optimize.solve(WOODCARVING, "maximize", objective, woodcarving_constraints("amount"),
                            "amount(product)", "Binary", None, str(tmp_path / "o.json"))
    least = optimize.solve(WOODCARVING, "minimize", objective, [], "amount(product)", "PositiveIntegers", None,
                           str(tmp_path / "o.json"))
    assert binary == [["soldier", 1], ["train", 1]] and least == [["soldier", 1], ["train", 1]]


def test_grouped_transport_minimum_equals_brute_force(tmp_path):
    rows = optimize.solve(SHIPPING, "minimize", "SUM(shipment * distance * 90 / 1000)",
                          [{"expression": "SUM(shipment) <= capacity", "group_by": "plants"},
                           {"expression": "SUM(shipment) >= demand", "group_by": "markets"}],
                          "shipment(plants, markets)", "NonNegativeIntegers", None, str(tmp_path / "o.json"))

    cost = SHIPPING["distance"] * 90 / 1000
    best = None
    grid = np.arange(131)
    ba, bb = np.meshgrid(grid[:91], grid[:91], indexing="ij")  # plantB's two shipments, capacity 90
    for aa in range(101):
        for ab in range(101 - aa):
            ok = (ba + bb <= 90) & (aa + ba >= 130) & (ab + bb >= 60)
            if ok.any():
                total = np.where(ok, cost[0] * aa + cost[1] * ab + cost[2] * ba + cost[3] * bb, np.inf)
                i = np.unravel_index(np.argmin(total), total.shape)
                if best is None or total[i] < best[0]:
                    best = (total[i], [aa, ab, int(ba[i]), int(bb[i])])
    assert [r[2] for r in rows] == best[1]  # SQLFlow's expected 100, 0, 30, 60
    assert [r[:2] for r in rows] == [["plantA", "marketA"], ["plantA", "marketB"], ["plantB", "marketA"],
                                     ["plantB", "marketB"]]


def test_real_variables_give_float_results(tmp_path):
    rows = optimize.solve(WOODCARVING, "maximize", "SUM(amount)", [{"expression": "SUM(finishing * amount) <= 5"}],
                          "amount(product)", "NonNegativeReals", None, str(tmp_path / "o.json"))
    assert rows == [["soldier", 0.0], ["train", 5.0]]
    assert results.read_table(str(tmp_path / "o.json"))[0][1] == ("amount", "float64")


@pytest.mark.parametrize("objective, constraints, variables, message", [
    ("SUM(amount * amount)", [], "amount(product)", "multiplies amount by itself; only linear"),
    ("SUM(price / amount)", [], "amount(product)", "divides by amount"),
    ("SUM(__import__('os').system('id'))", [], "amount(product)", "unexpected character \"'\" at position 16"),
    ("SUM(exec(amount))", [], "amount(product)", "unknown function 'exec'; only SUM"),
    ("SUM(amount); DROP TABLE t", [], "amount(product)", "unexpected character ';'"),
    ("SUM(amount) + 'x'", [], "amount(product)", "unexpected character \"'\""),
    ("SUM(amount.__class__)", [], "amount(product)", "unexpected character '.'"),
    ("SUM(SUM(amount))", [], "amount(product)", "SUM inside SUM"),
    ("SUM(amount * secret)", [], "amount(product)", "unknown name 'secret'"),
    ("SUM(amount * product)", [], "amount(product)", ""),  # product is the index column: text, not a number
    ("SUM(amount)", [{"expression": "amount < 3"}], "amount(product)", "'<' cannot bound a linear program"),
    ("SUM(amount)", [{"expression": "amount <= 3 <= 4"}], "amount(product)", "one comparison per constraint"),
    ("SUM(amount)", [{"expression": "amount"}], "amount(product)", "needs a comparison"),
    ("SUM(amount)", [{"expression": "SUM(amount) <= 1", "group_by": "nope"}], "amount(product)",
     "GROUP BY column 'nope' is not in the SELECT"),
    ("SUM(amount)", [], "amount(nope)", "column 'nope' is not in the SELECT"),
    ("SUM(amount)", [], "os.system('x')", "variables must look like"),
    ("SUM(price)", [], "price(product)", "the variable name 'price' is also a selected column"),
    ("(" * 200 + "amount" + ")" * 200, [], "amount(product)", "nests too deeply"),
])
def test_hostile_or_nonlinear_programs_are_refused_with_the_cause(objective, constraints, variables, message,
                                                                  tmp_path):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace("*", r"\*").replace("+", r"\+") if message else "holds text"):
        optimize.solve(WOODCARVING, "maximize", objective, constraints, variables, "Integers", None,
                       str(tmp_path / "o.json"))
    assert not (tmp_path / "o.json").exists()


@pytest.mark.parametrize("var_type, solver, sense, message", [
    ("Complex", None, "maximize", "var_type must be one of"),
    ("Integers", "baron", "maximize", "solver 'baron' is not available"),
    ("Integers", None, "maximise", "sense must be maximize or minimize"),
])
def test_bad_solver_settings_are_refused(var_type, solver, sense, message, tmp_path):
    with pytest.raises(ValueError, match=message):
        optimize.solve(WOODCARVING, sense, "SUM(amount)", [], "amount(product)", var_type, solver,
                       str(tmp_path / "o.json"))


def test_infeasible_and_unbounded_programs_say_so(tmp_path):
    with pytest.raises(ValueError, match="infeasible"):
        optimize.solve(WOODCARVING, "maximize", "SUM(amount)", [{"expression": "SUM(amount) >= 10"},
                                                                {"expression": "amount <= 1"}],
                       "amount(product)", "NonNegativeIntegers", None, str(tmp_path / "o.json"))
    with pytest.raises(ValueError, match="unbounded: the objective has no maximum"):
        optimize.solve(WOODCARVING, "maximize", "SUM(amount)", [], "amount(product)", "Integers", None,
                       str(tmp_path / "o.json"))


def test_expression_tree_is_data_not_code():
    tree = expressions.parse_constraint("SUM(`weird name` * -2.5e1) >= demand / 4")
    assert tree == expressions.Comparison(">=", expressions.Sum(expressions.Binary(
        "*", expressions.Name("weird name"), expressions.Negate(expressions.Number(25.0)))),
        expressions.Binary("/", expressions.Name("demand"), expressions.Number(4.0)))
    assert expressions.names(tree) == ["weird name", "demand"]
