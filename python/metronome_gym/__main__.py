"""``python -m metronome_gym run SCENARIO --policy MODULE:FUNCTION [--seed N] [--record LOG]``:
a scenario run whose policy stage is a Python callable (docs/python.md)."""
from __future__ import annotations

import argparse
import json
import sys

from ._native import MetronomeError
from .component import load_policy, run_policy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m metronome_gym", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run a scenario with a Python policy deciding its policy stage")
    run.add_argument("scenario", help="a scenario file with a policy: section, or a library name (policy-sp500)")
    run.add_argument("--policy", required=True, help="MODULE:FUNCTION, called as function(observation, info) -> 4 indices")
    run.add_argument("--seed", type=int, help="the run's seed (default: the scenario's)")
    run.add_argument("--record", help="journal the run to this log (replay it with `metronome replay --verify LOG`)")
    run.add_argument("--record-signals", action="store_true", help="journal the signal side too")
    arguments = parser.parse_args(argv)
    try:
        policy = load_policy(arguments.policy)
    except (ValueError, ImportError, AttributeError) as error:
        print(f"error: --policy {arguments.policy}: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    try:
        summary = run_policy(arguments.scenario, policy, seed=arguments.seed, record=arguments.record,
                             record_signals=arguments.record_signals)
    except MetronomeError as error:
        # Metronome's own errors (a scenario's, at its file:line:column; an action out of range).
        print(f"error: {error}", file=sys.stderr)
        return 2
    # The policy's own exceptions propagate with their traceback (exit status 1).
    print(json.dumps(summary, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
