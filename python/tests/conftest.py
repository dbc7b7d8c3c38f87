"""Shared set-up: the library scenario the tests step, and a replay through the `metronome` binary."""
from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

import metronome_gym

REPOSITORY = Path(__file__).resolve().parents[2]
SCENARIO = str(REPOSITORY / "Scenarios" / "Library" / "policy-sp500.yaml")


@pytest.fixture
def scenario() -> str:
    return SCENARIO


def play(env: metronome_gym.MetronomeEnv, seed: int, action_seed: int, record: str | None = None, steps: int | None = None):
    """An episode with actions drawn from a seeded generator: the trajectory and the final info."""
    observation, _ = env.reset(seed=seed, options={"record": record} if record else None)
    rng = np.random.default_rng(action_seed)
    observations, rewards, info = [observation], [], {}
    while steps is None or len(rewards) < steps:
        action = [int(rng.integers(n)) for n in env.action_space.nvec]
        observation, reward, terminated, truncated, info = env.step(action)
        observations.append(observation)
        rewards.append(reward)
        if terminated or truncated:
            break
    return np.array(observations), np.array(rewards), info


def replay(log: str) -> subprocess.CompletedProcess:
    """`metronome replay --verify LOG` with the binary beside the library."""
    binary = metronome_gym.binary_path()
    if not binary.exists():
        pytest.fail(f"{binary} not found: `make python` builds it (or set METRONOME_BINARY)")
    return subprocess.run([str(binary), "replay", "--verify", log], capture_output=True, text=True, timeout=300)
