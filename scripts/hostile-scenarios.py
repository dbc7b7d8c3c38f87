#!/usr/bin/env python3
"""Runs `metronome validate` and `metronome run --until 2m` on calm-day (three symbols) with each
numeric value set to the edges of its documented range (docs/scenarios.md, "Bounds") and just past
them, and reports every crash (a signal: a trap or an abort) and every run that outlasts its time
limit. Exit 0 when nothing crashed or hung.

    python3 scripts/hostile-scenarios.py [--metronome .build/debug/metronome] [--timeout 60]
"""
import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile

BASE = {
    "version": 1, "name": "hostile", "seed": 42, "start": "2024-03-01T14:30:00Z", "duration": "30m",
    "account": {"currency": "EUR", "initial_cash": "500.00"},
    "universe": [{"symbol": "ACME", "sector": "tech"}, {"symbol": "BOLT", "sector": "tech"}, {"symbol": "DUNE", "sector": "energy"}],
    "feeds": [{"name": "market", "type": "synthetic", "interval": "500ms", "drift": 0.05, "volatility": 0.15, "initial_price": "100.00",
               "jump_intensity": 2, "trade_probability": 0.25, "latency": "300us",
               "alternative_data": {"publish_interval": "1m", "alpha_half_life": "30m"}}],
    "agents": [{"name": "technical", "type": "technical", "bar_interval": "1m", "horizon": "30m"},
               {"name": "sentiment", "type": "sentiment", "horizon": "30m"},
               {"name": "flow", "type": "flow", "horizon": "30m"}],
    "blender": {"horizon": "30m", "evaluation_interval": "1m"},
    "selector": {"count": 2, "interval": "1m"},
    "sizer": {"kelly_fraction": 0.25},
    "gate": {"max_gross": 0.5},
    "router": {"exploration": 0.05},
    "broker": {"stale_after": "5s", "venues": [{"name": "lit", "taker_fee_bps": 0.3, "order_latency": "2ms", "liquidity": 1.0}]},
}

SIMPLE = {key: value for key, value in BASE.items() if key not in ("blender", "selector", "sizer", "gate", "router")}
SIMPLE["feeds"] = [{"type": "gbm", "interval": "1s", "initial_price": "100.00"}]
SIMPLE["agents"] = [{"type": "ema-cross", "fast": 2, "slow": 3}]
SIMPLE["trader"] = {"quantity": 1, "min_confidence": 0}

# (base, path, values): the edges of each range and a step past them.
CASES = [
    (BASE, "start", ["1970-01-01T00:00:00Z", "2261-12-31T00:00:00Z", "2555-01-01", "2024-02-30", "9999-12-31"]),
    (BASE, "duration", ["1ns", "36500d", "10000000d", "99999999999999999999999s"]),
    (BASE, "account.initial_cash", ["0.01", "10000000000000.00", "10000000000000.01", "92233720368547758.07", "-1"]),
    (BASE, "feeds.0.initial_price", ["0.01", "10000000000.00", "10000000000.01", "92233720368547758.07"]),
    (BASE, "feeds.0.interval", ["1ms", "999us", "1ns", "36500d"]),
    (BASE, "feeds.0.drift", [10, -10]),
    (BASE, "feeds.0.volatility", [0, 10]),
    (BASE, "feeds.0.spread_ticks", [1, 1000000]),
    (BASE, "feeds.0.max_size", [1, 1000000000]),
    (BASE, "feeds.0.latency", ["0s", "36500d"]),
    (BASE, "feeds.0.jump_intensity", [1000, 1001]),
    (BASE, "feeds.0.jump_mean", [1, -1]),
    (BASE, "feeds.0.jump_volatility", [5]),
    (BASE, "feeds.0.stressed_volatility_multiplier", [100]),
    (BASE, "feeds.0.stress_probability", [1]),
    (BASE, "feeds.0.sector_correlation", [0.99, -0.99]),
    (BASE, "feeds.0.market_correlation", [0.99, -0.99]),
    (BASE, "feeds.0.mean_reversion_half_life", ["1ns", "36500d"]),
    (BASE, "feeds.0.alternative_data.alpha_half_life", ["0s", "36500d"]),
    (BASE, "feeds.0.alternative_data.alpha_strength", [100]),
    (BASE, "feeds.0.alternative_data.publish_interval", ["500ms", "36500d"]),
    (BASE, "agents.0.bar_interval", ["1ms", "36500d"]),
    (BASE, "agents.1.horizon", ["1ns", "366d", "367d"]),
    (BASE, "agents.1.weight", [0]),
    (BASE, "blender.horizon", ["1ns", "366d"]),
    (BASE, "blender.evaluation_interval", ["1ms", "1ns", "36500d"]),
    (BASE, "blender.learning_rate", [10]),
    (BASE, "blender.stress_ratio", [100]),
    (BASE, "selector.interval", ["1ms", "1ns", "36500d"]),
    (BASE, "selector.correlation_window", [3, 100000]),
    (BASE, "selector.lambda", [100]),
    (BASE, "selector.exploration", [1]),
    (BASE, "selector.max_forecast_age", ["0s", "36500d"]),
    (BASE, "sizer.kelly_fraction", [1]),
    (BASE, "sizer.max_volatility", [1]),
    (BASE, "sizer.drawdown_limit", [0.001]),
    (BASE, "sizer.cvar_budget", [0.0001]),
    (BASE, "sizer.max_trade_risk", [1]),
    (BASE, "sizer.min_notional", ["0", "10000000000000.00"]),
    (BASE, "sizer.sample_interval", ["1ms", "36500d"]),
    (BASE, "sizer.tail_window", [20, 100000]),
    (BASE, "gate.max_gross", [10]),
    (BASE, "gate.max_orders_per_minute", [1000000]),
    (BASE, "gate.cooldown", ["0s", "36500d"]),
    (BASE, "gate.stale_after", ["1ns", "36500d"]),
    (BASE, "gate.max_position", [0, 1000000000]),
    (BASE, "router.participation", [0.01]),
    (BASE, "router.slice_interval", ["1ms", "36500d"]),
    (BASE, "router.temporary_impact", [100]),
    (BASE, "broker.stale_after", ["0s", "36500d"]),
    (BASE, "broker.market_time_to_live", ["0s", "36500d"]),
    (BASE, "broker.limit_time_to_live", ["0s", "36500d"]),
    (BASE, "broker.duplicate_report_probability", [1]),
    (BASE, "broker.venues.0.order_latency", ["0s", "36500d", {"lognormal": {"median": "36500d", "sigma": 10}},
                                            {"normal": {"mean": "1ms", "deviation": "36500d"}}]),
    (BASE, "broker.venues.0.liquidity", [0, 100]),
    (BASE, "broker.venues.0.taker_fee_bps", [1000]),
    (BASE, "broker.venues.0.maker_fee_bps", [-100]),
    (SIMPLE, "account.initial_cash", ["10000000000000.00"]),
    (SIMPLE, "feeds.0.initial_price", ["10000000000.00"]),
    (SIMPLE, "trader.quantity", [1000, 1000000000]),
    (SIMPLE, "agents.0.horizon_ticks", [1000000]),
    (SIMPLE, "feeds.0.interval", ["1d"]),
    (SIMPLE, "universe.0.lot_size", [1000000000]),
    (SIMPLE, "universe.0.price_precision", [0, 8]),
]


def assign(document, path, value):
    keys = path.split(".")
    node = document
    for key in keys[:-1]:
        node = node[int(key)] if key.isdigit() else node.setdefault(key, {})
    last = keys[-1]
    if last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--metronome", default=".build/debug/metronome")
    parser.add_argument("--timeout", type=float, default=60)
    arguments = parser.parse_args()
    environment = dict(os.environ, SWIFT_BACKTRACE="enable=no")
    tried = crashes = hangs = refused = 0
    with tempfile.TemporaryDirectory() as directory:
        for base, path, values in CASES:
            for value in values:
                document = copy.deepcopy(base)
                assign(document, path, value)
                file = os.path.join(directory, "hostile.yaml")
                with open(file, "w") as handle:
                    json.dump(document, handle)  # JSON is YAML
                for command in (["validate", file], ["run", file, "--until", "2m", "--quiet"]):
                    tried += 1
                    label = f"{'simple' if base is SIMPLE else 'full'} {path}={json.dumps(value)} {command[0]}"
                    try:
                        result = subprocess.run([arguments.metronome] + command, capture_output=True, text=True,
                                                timeout=arguments.timeout, env=environment)
                    except subprocess.TimeoutExpired:
                        hangs += 1
                        print(f"HANG  {label} (> {arguments.timeout:.0f} s)")
                        break
                    if result.returncode < 0 or result.returncode >= 128:
                        crashes += 1
                        print(f"CRASH {label}: exit {result.returncode} {result.stderr.strip().splitlines()[:1]}")
                        break
                    if result.returncode == 2:
                        refused += 1
                        print(f"ok    {label}: refused — {result.stderr.strip().splitlines()[0][len(file) + 1:]}")
                        break
                    print(f"ok    {label}: exit {result.returncode}")
    print(f"{tried} commands, {refused} refused with exit 2, {crashes} crashes, {hangs} hangs")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
