#!/usr/bin/env python3
"""How far `metronome evaluate`'s off-policy estimates land from the exact counterfactual, over
many seeds: each seed's run is recorded, valued for the target policy by IPS, SNIPS and DR, and
replayed under that policy (the counterfactual the estimates aim at); the errors' mean (bias) and
root mean square (RMSE) per estimator and component are printed (docs/evaluation.md).

Usage: python3 scripts/ope-accuracy.py [--binary .build/release/metronome] [--scenario calm-day]
                                       [--seeds 1..20] [--policy 'router: { exploration: 0.3 }']
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/metronome")
    parser.add_argument("--scenario", default="calm-day")
    parser.add_argument("--seeds", default="1..20")
    parser.add_argument("--policy", default="router: { exploration: 0.3 }\nselector: { exploration: 0.3 }\n")
    arguments = parser.parse_args()
    first, _, last = arguments.seeds.partition("..")
    seeds = range(int(first), int(last or first) + 1)
    errors = {}
    with tempfile.TemporaryDirectory() as directory:
        policy = os.path.join(directory, "policy.yaml")
        with open(policy, "w") as handle:
            handle.write(arguments.policy.replace("\\n", "\n"))
        for seed in seeds:
            log = os.path.join(directory, f"seed-{seed}.mlog")
            report = os.path.join(directory, f"seed-{seed}.json")
            subprocess.run([arguments.binary, "run", arguments.scenario, "--seed", str(seed), "--record", log, "-q"], check=True)
            subprocess.run([arguments.binary, "evaluate", log, "--policy", policy, "--json", report], check=True, stdout=subprocess.DEVNULL)
            with open(report) as handle:
                evaluation = json.load(handle)
            for component in ("router", "selector"):
                section = evaluation.get(component)
                if not section or section.get("counterfactual_value") is None or section.get("estimate") is None:
                    continue
                for estimator in ("ips", "snips", "dr"):
                    errors.setdefault((component, estimator), []).append(section[f"{estimator}_error"])
            print(f"seed {seed} done", file=sys.stderr)
    print(f"{arguments.scenario}, seeds {arguments.seeds}, policy {arguments.policy.strip()!r}: error = estimate − exact counterfactual (bps per decision)")
    print(f"{'component':<10} {'estimator':<9} {'seeds':>5} {'bias':>8} {'RMSE':>8} {'max |error|':>12}")
    for (component, estimator), values in sorted(errors.items()):
        bias = sum(values) / len(values)
        rmse = math.sqrt(sum(v * v for v in values) / len(values))
        print(f"{component:<10} {estimator.upper():<9} {len(values):>5} {bias:>+8.3f} {rmse:>8.3f} {max(abs(v) for v in values):>12.3f}")


if __name__ == "__main__":
    main()
