#!/usr/bin/env python3
"""Reference values for the report's return metrics (docs/metrics.md), computed once with
empyrical-reloaded and SciPy from a committed series of returns; the Swift tests
(Tests/ActorsTests/ReturnStatisticsReferenceTests.swift) compare against the output to 1e-9.

    make metrics-reference    # = scripts/install-deps.sh --reference (a venv with the pinned
                              #   packages in .build/reference-venv), then:
    .build/reference-venv/bin/python scripts/metrics-reference.py
        # reads  Tests/Fixtures/metrics/returns.csv
        # writes Tests/Fixtures/metrics/expected.json

    .build/reference-venv/bin/python scripts/metrics-reference.py --make-returns
        # (re)writes returns.csv: the S&P 500's daily close-to-close returns, 2007-01-03 to
        # 2009-12-31, from Scenarios/Data/sp500.csv, each printed with 17 significant digits so
        # that Swift parses the very same doubles.

The stationary bootstrap's automatic mean block length (Politis & White 2004, corrected by Patton,
Politis & White 2009) comes from the `arch` package's `optimal_block_length`, on the returns and on
their absolute values (whose volatility clustering makes the dependence long).

empyrical has no deflated Sharpe ratio: it is computed here from its formula (Bailey & López de
Prado 2014) with SciPy's normal distribution and moments, an implementation independent of the
Swift one.
"""
import csv
import json
import math
import os
import sys
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "metrics")
RETURNS = os.path.join(FIXTURES, "returns.csv")
EXPECTED = os.path.join(FIXTURES, "expected.json")


def make_returns():
    closes = []
    with open(os.path.join(ROOT, "Scenarios", "Data", "sp500.csv")) as handle:
        for row in csv.DictReader(handle):
            day = datetime.strptime(row["Date"], "%m/%d/%Y")
            if datetime(2007, 1, 1) <= day <= datetime(2009, 12, 31):
                closes.append(float(row["Close"]))
    with open(RETURNS, "w") as out:
        out.write("return\n")
        for previous, close in zip(closes, closes[1:]):
            out.write("%.17g\n" % (close / previous - 1))


def read_returns():
    with open(RETURNS) as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["return"], "returns.csv starts with the header 'return'"
    return [float(row[0]) for row in rows[1:]]


def deflated_sharpe(returns, trials):
    import numpy as np
    from scipy import stats
    r = np.asarray(returns)
    sharpe = r.mean() / r.std(ddof=1)
    skew = stats.skew(r, bias=True)
    kurt = stats.kurtosis(r, fisher=False, bias=True)
    spread = 1 - skew * sharpe + (kurt - 1) / 4 * sharpe ** 2
    periods = len(r) - 1
    if trials == 1:
        threshold = 0.0
    else:
        expected_max = ((1 - np.euler_gamma) * stats.norm.ppf(1 - 1 / trials)
                        + np.euler_gamma * stats.norm.ppf(1 - 1 / (trials * math.e)))
        threshold = math.sqrt(spread / periods) * expected_max
    return float(stats.norm.cdf((sharpe - threshold) * math.sqrt(periods) / math.sqrt(spread))), float(skew), float(kurt)


def main():
    if "--make-returns" in sys.argv:
        make_returns()
    import empyrical
    import numpy as np
    import scipy
    returns = np.asarray(read_returns())
    expected = {
        "generator": "scripts/metrics-reference.py",
        "versions": {"empyrical-reloaded": empyrical.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "count": int(len(returns)),
    }
    for name, periods in (("daily", 252), ("per_minute", 252 * 390)):
        expected[name] = {
            "periods_per_year": periods,
            "sharpe": float(empyrical.sharpe_ratio(returns, annualization=periods)),
            "sortino": float(empyrical.sortino_ratio(returns, annualization=periods)),
            "annual_return": float(empyrical.annual_return(returns, annualization=periods)),
            "calmar": float(empyrical.calmar_ratio(returns, annualization=periods)),
        }
    # empyrical's drawdown and CVaR are negative returns; the report gives them as positive losses.
    expected["max_drawdown"] = -float(empyrical.max_drawdown(returns))
    expected["cvar_95"] = -float(empyrical.conditional_value_at_risk(returns, cutoff=0.05))
    expected["cvar_99"] = -float(empyrical.conditional_value_at_risk(returns, cutoff=0.01))
    for trials in (1, 10):
        value, skew, kurt = deflated_sharpe(returns, trials)
        expected["deflated_sharpe_%d_trials" % trials] = value
    from arch.bootstrap import optimal_block_length
    import arch
    expected["versions"]["arch"] = arch.__version__
    expected["block_length_stationary"] = float(optimal_block_length(returns)["stationary"].iloc[0])
    expected["block_length_stationary_absolute"] = float(optimal_block_length(np.abs(returns))["stationary"].iloc[0])
    expected["skewness"] = skew
    expected["kurtosis"] = kurt
    with open(EXPECTED, "w") as out:
        json.dump(expected, out, indent=2, sort_keys=True)
        out.write("\n")
    print(json.dumps(expected, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
