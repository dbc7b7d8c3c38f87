"""Environment steps per second: Metronome's Gymnasium environment against gym-anytrading's
stocks-v0 on the same bars (S&P 500 daily, 2005–2008, from Scenarios/Data), one environment and
vectorized over the machine's cores; and the overhead of a Python policy per call. Runs alternate
between the engines; the table gives medians and ranges (docs/python.md).

    make python-bench      (or: .build/python-venv/bin/python python/bench/steps_per_second.py [--rounds 5])
"""
from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import gymnasium as gym
import numpy as np
import pandas as pd

import metronome_gym

REPOSITORY = Path(__file__).resolve().parents[2]
SCENARIO = str(REPOSITORY / "Scenarios" / "Library" / "policy-sp500.yaml")
FLAT_SCENARIO_TEXT = Path(SCENARIO).read_text().replace("decider: random", "decider: flat").replace(
    "../Data/sp500.csv", str(REPOSITORY / "Scenarios" / "Data" / "sp500.csv"))


def sp500_bars() -> pd.DataFrame:
    """The bars policy-sp500 trades: 2005-01-03 to 2008-12-31."""
    frame = pd.read_csv(REPOSITORY / "Scenarios" / "Data" / "sp500.csv")
    frame["Date"] = pd.to_datetime(frame["Date"], format="%m/%d/%Y")
    return frame[(frame["Date"] >= "2005-01-03") & (frame["Date"] < "2009-01-01")].reset_index(drop=True)


def make_anytrading(bars: pd.DataFrame):
    import gym_anytrading  # noqa: F401 - registers stocks-v0

    return gym.make("stocks-v0", df=bars, window_size=10, frame_bound=(10, len(bars))).unwrapped


def episode_steps(env, rng: np.random.Generator, seed: int) -> int:
    env.reset(seed=seed)
    steps = 0
    while True:
        _, _, terminated, truncated, _ = env.step(env.action_space.sample())
        steps += 1
        if terminated or truncated:
            return steps


def single_rate(make, episodes: int) -> float:
    env = make()
    env.action_space.seed(1)
    rng = np.random.default_rng(1)
    started = time.perf_counter()
    steps = sum(episode_steps(env, rng, seed) for seed in range(episodes))
    elapsed = time.perf_counter() - started
    env.close()
    return steps / elapsed


def vector_rate(vector, steps: int) -> float:
    vector.reset(seed=1)
    vector.action_space.seed(1)
    started = time.perf_counter()
    for _ in range(steps):
        vector.step(vector.action_space.sample())
    elapsed = time.perf_counter() - started
    vector.close()
    return steps * vector.num_envs / elapsed


def async_vector(makers):
    return gym.vector.AsyncVectorEnv(makers, context="spawn", autoreset_mode=gym.vector.AutoresetMode.NEXT_STEP)


def python_policy_overhead(flat_path: str, repetitions: int) -> tuple[float, float, float, int]:
    """(overhead per call in µs, run with the Swift flat decider in s, run with a Python flat policy in s, calls):
    the two runs are the same run (same digest); the difference is the Python calls."""
    flat_action = [1, 0, 0, 0]
    swift_times, python_times = [], []
    decisions = 0
    for _ in range(repetitions):
        started = time.perf_counter()
        swift = metronome_gym.run_scenario(flat_path)
        swift_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        python = metronome_gym.run_policy(flat_path, lambda observation, info: flat_action)
        python_times.append(time.perf_counter() - started)
        assert swift["digest"] == python["digest"], "a Python flat policy and the flat decider make the same run"
        decisions = python["policy"]["decisions"]
    # The fastest of each: the runs are identical, so the noise of a busy machine only adds.
    swift_best, python_best = min(swift_times), min(python_times)
    return (python_best - swift_best) / decisions * 1e6, swift_best, python_best, decisions


def describe(values: list[float]) -> str:
    return f"{statistics.median(values):>10,.0f}  ({min(values):,.0f}–{max(values):,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds per figure")
    parser.add_argument("--episodes", type=int, default=3, help="episodes per single-environment round")
    arguments = parser.parse_args()
    bars = sp500_bars()
    cores = os.cpu_count() or 1
    flat_path = str(Path("/tmp") / f"policy-sp500-flat-{os.getpid()}.yaml")
    Path(flat_path).write_text(FLAT_SCENARIO_TEXT)
    rows = [
        ("metronome policy-sp500, one env", "metronome"),
        ("gym-anytrading stocks-v0, one env", "anytrading"),
        (f"metronome, MetronomeVectorEnv x{cores} (threads)", "metronome_threads"),
        (f"metronome, AsyncVectorEnv x{cores}", "metronome_async"),
        (f"gym-anytrading, SyncVectorEnv x{cores}", "anytrading_sync"),
        (f"gym-anytrading, AsyncVectorEnv x{cores}", "anytrading_async"),
    ]
    figures: dict[str, list[float]] = {key: [] for _, key in rows}
    for _ in range(arguments.rounds):
        figures["metronome"].append(single_rate(lambda: metronome_gym.MetronomeEnv(SCENARIO), arguments.episodes))
        figures["anytrading"].append(single_rate(lambda: make_anytrading(bars), arguments.episodes))
        figures["metronome_threads"].append(vector_rate(metronome_gym.MetronomeVectorEnv(SCENARIO, cores), 3_000))
        figures["metronome_async"].append(vector_rate(async_vector([lambda: metronome_gym.MetronomeEnv(SCENARIO)] * cores), 2_000))
        figures["anytrading_sync"].append(vector_rate(gym.vector.SyncVectorEnv([lambda: make_anytrading(bars)] * cores), 3_000))
        figures["anytrading_async"].append(vector_rate(async_vector([lambda: make_anytrading(bars)] * cores), 2_000))
    overhead, swift_run, python_run, calls = python_policy_overhead(flat_path, max(2 * arguments.rounds, 9))
    os.remove(flat_path)
    print(f"bars: S&P 500 daily 2005-01-03 .. 2008-12-31 ({len(bars)} bars); {arguments.rounds} alternating rounds; "
          f"load average {os.getloadavg()[0]:.2f}; {cores} cores")
    print(f"{'environment':<44}{'env steps/s, median (min–max)':>30}")
    for label, key in rows:
        print(f"{label:<44}{describe(figures[key])}")
    ratio = statistics.median(figures["anytrading"]) / statistics.median(figures["metronome"])
    print(f"gym-anytrading / metronome, one env: {ratio:.1f}x")
    print(f"python policy: {overhead:.1f} µs per call over {calls} calls (run {python_run * 1e3:.1f} ms with a Python flat policy, "
          f"{swift_run * 1e3:.1f} ms with the flat decider; fastest of {max(2 * arguments.rounds, 9)} each)")


if __name__ == "__main__":
    main()
