"""`make bench`'s comparison with the stored baseline: times are first scaled by the reference programs
measured in the same run, on another machine and on the one that stored it (a virtual machine is not the
same speed every day); with no reference in the run, the stored machine's figures are compared as they
are."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_run", RUN)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench_run", None)


XEON = {"cpu": "Intel(R) Xeon(R) Processor", "cores": 2, "python": "3.11", "date": "2026-12-02"}
EPYC = {"cpu": "AMD EPYC", "cores": 2, "python": "3.11", "date": "2026-12-04"}


def test_the_same_machine_is_compared_as_measured(bench):
    stored = {"value": 100.0, "unit": "ms"}
    assert bench.compare(125, "ms", False, stored, 0.3, None) == ("100 ms", "1.25", False)
    assert bench.compare(131, "ms", False, stored, 0.3, None) == ("100 ms", "1.31 **regressed**", True)


def test_another_machines_times_are_scaled_by_its_speed(bench):
    stored = {"value": 100.0, "unit": "ms"}
    # 1.72× slower as measured, on a machine 1.45× slower by its references: 1.19, within 30 %
    assert bench.compare(172, "ms", False, stored, 0.3, 1.45) == ("100 ms", "1.19 (1.72 unscaled)", False)
    # 2.62× slower as measured is still too slow once scaled
    cell, worse = bench.compare(262, "ms", False, stored, 0.3, 1.45)[1:]
    assert worse and cell == "1.81 (2.62 unscaled) **regressed**"
    # sizes and ratios are not times: compared as they are
    assert bench.compare(2.7, "×", False, {"value": 2.0, "unit": "×"}, 0.3, 1.45)[2] is True
    assert bench.compare(76, "KB", False, {"value": 76.0, "unit": "KB"}, 0.3, 1.45)[1] == "1.00"


def test_with_no_reference_another_machines_times_are_not_judged(bench):
    assert bench.compare(500, "ms", False, {"value": 100.0, "unit": "ms"}, 0.3, 0.0) == (
        "100 ms",
        "5.00 (not judged)",
        False,
    )


def test_the_speed_is_the_geometric_mean_of_the_references(bench):
    keys = list(bench.REFERENCES)
    stored = {keys[0]: {"value": 100.0, "unit": "ms"}, keys[1]: {"value": 0.4, "unit": "s"}}
    measured = {keys[0]: {"value": 200.0, "unit": "ms"}, keys[1]: {"value": 0.2, "unit": "s"}}
    speed, parts = bench.speed_against(measured, stored)
    assert speed == pytest.approx(1.0)  # twice as slow at one, twice as fast at the other
    assert parts == ["bare window 2.00", "straight-line evaluator 0.50"]
    assert bench.speed_against({}, stored) == (0.0, [])


def test_a_machine_is_its_processor_cores_and_python_not_its_kernel(bench):
    here = {**EPYC, "description": "Linux 6.18.44-fc-v1252, AMD EPYC, 2 cores, Python 3.11.7"}
    baseline = {"machines": [{**XEON, "figures": {}}, {**EPYC, "description": "v1098", "figures": {}}]}
    run, same = bench.chosen_baseline(baseline, here)
    assert same and run["cpu"] == "AMD EPYC"
    other, same = bench.chosen_baseline({"machines": [{**XEON, "figures": {}}]}, here)
    assert not same and other["cpu"] == XEON["cpu"]
    assert bench.chosen_baseline({"machines": []}, here) == (None, False)


def test_the_stored_baseline_names_each_machine_and_its_references(bench):
    stored = json.loads((RUN.parent / "baseline.json").read_text(encoding="utf-8"))
    assert stored["machines"]
    for run in stored["machines"]:
        assert {"cpu", "cores", "python", "date", "description"} <= set(run)
        assert set(bench.REFERENCES) <= set(run["figures"])


def test_a_second_run_keeps_each_figure_at_its_better(bench):
    first = [
        ["sort by name", "3.6 ms", "< 16 ms"],
        ["rows per second", "90", "", [90, "rows", "higher"]],
        ["a note", "—", ""],
        ["only once", "5 ms", ""],
    ]
    second = [
        ["sort by name", "1.9 ms", "< 16 ms"],
        ["rows per second", "80", "", [80, "rows", "higher"]],
        ["a note", "—", ""],
    ]
    assert bench.better_rows(first, second) == [second[0], first[1], first[2], first[3]]


def test_a_regression_the_second_run_does_not_repeat_is_not_marked(bench, tmp_path, monkeypatch, capsys):
    """A whole `make bench` against a stored baseline, with benchmark scripts standing in: the first run
    of one is slow (the machine busy), the second as before; only a figure slow in both is marked."""
    (tmp_path / "steady.py").write_text(
        "import json\nprint(json.dumps([['steady figure', '10 ms', '']]))\n", encoding="utf-8"
    )
    counter = tmp_path / "count"
    (tmp_path / "bursty.py").write_text(
        "import json, pathlib\n"
        f"p = pathlib.Path({str(counter)!r})\n"
        "n = int(p.read_text()) if p.exists() else 0\n"
        "p.write_text(str(n + 1))\n"
        "print(json.dumps([['bursty figure', '20 ms' if n == 0 else '10 ms', ''], ['slow figure', '20 ms', '']]))\n",
        encoding="utf-8",
    )
    here = bench.machine()
    stored = {
        "tolerance": 0.3,
        "machines": [
            {
                **{k: here[k] for k in ("cpu", "cores", "python", "description")},
                "date": "2026-12-04",
                "figures": {
                    f"{area} | {name}": {"value": 10.0, "unit": "ms"}
                    for area, name in (("a", "steady figure"), ("b", "bursty figure"), ("b", "slow figure"))
                },
            }
        ],
    }
    (tmp_path / "baseline.json").write_text(json.dumps(stored), encoding="utf-8")
    monkeypatch.setattr(bench, "HERE", tmp_path)
    monkeypatch.setattr(bench, "BASELINE", tmp_path / "baseline.json")
    monkeypatch.setattr(bench, "SCRIPTS", [("a", "steady.py"), ("b", "bursty.py")])
    monkeypatch.setattr(sys, "argv", ["run.py"])
    assert bench.main() == 1
    out, err = capsys.readouterr()
    assert counter.read_text() == "2"  # bursty.py ran twice, steady.py once
    assert "| b | bursty figure | 10 ms |  | 10 ms | 1.00 |" in out
    assert "| b | slow figure | 20 ms |  | 10 ms | 2.00 **regressed** |" in out
    assert "Run twice, a figure of theirs having been marked: bursty.py" in out
    assert err.count("regressed beyond 30%") == 1 and "slow figure" in err


def test_the_stored_machine_slower_today_is_scaled_by_its_references(bench, tmp_path, monkeypatch, capsys):
    """The machine that stored the baseline, twice as slow today (a busier host): its reference takes twice
    as long, so does the figure, and nothing is marked; a figure four times as slow still is."""
    reference = next(iter(bench.REFERENCES))
    area, name = reference.split(" | ")
    (tmp_path / "ref.py").write_text(
        f"import json\nprint(json.dumps([[{name!r}, '200 ms', 'reference']]))\n", encoding="utf-8"
    )
    (tmp_path / "work.py").write_text(
        "import json\nprint(json.dumps([['store figure', '20 ms', ''], ['slow figure', '40 ms', '']]))\n",
        encoding="utf-8",
    )
    here = bench.machine()
    figures = {reference: {"value": 100.0, "unit": "ms"}}
    figures.update({f"w | {n}": {"value": 10.0, "unit": "ms"} for n in ("store figure", "slow figure")})
    stored = {
        "tolerance": 0.3,
        "machines": [
            {
                **{k: here[k] for k in ("cpu", "cores", "python", "description")},
                "date": "2026-12-05",
                "figures": figures,
            }
        ],
    }
    (tmp_path / "baseline.json").write_text(json.dumps(stored), encoding="utf-8")
    monkeypatch.setattr(bench, "HERE", tmp_path)
    monkeypatch.setattr(bench, "BASELINE", tmp_path / "baseline.json")
    monkeypatch.setattr(bench, "SCRIPTS", [(area, "ref.py"), ("w", "work.py")])
    monkeypatch.setattr(sys, "argv", ["run.py"])
    assert bench.main() == 1
    out, err = capsys.readouterr()
    assert "This machine: 2.00× the baseline's times by the reference figures" in out
    assert "| w | store figure | 20 ms |  | 10 ms | 1.00 (2.00 unscaled) |" in out
    assert "| w | slow figure | 40 ms |  | 10 ms | 2.00 (4.00 unscaled) **regressed** |" in out
    assert err.count("regressed beyond 30%") == 1 and "slow figure" in err
