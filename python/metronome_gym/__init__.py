"""Metronome's deterministic trading kernel in a Python process (docs/python.md).

- ``MetronomeEnv``: a Gymnasium environment stepping a scenario's policy stage
  (also registered as ``gymnasium.make("Metronome-v0", scenario=...)``).
- ``make_vec``: several environments at once (several seeds), in this process or in subprocesses.
- ``run_policy``: a scenario run whose policy stage is a Python callable, in lockstep.
"""
from __future__ import annotations

import gymnasium as gym

from ._native import MetronomeError, binary_path, library_path
from .component import load_policy, run_policy
from .env import MetronomeEnv

__all__ = ["MetronomeEnv", "MetronomeError", "make_vec", "run_policy", "load_policy", "library_path", "binary_path"]

gym.register(id="Metronome-v0", entry_point="metronome_gym.env:MetronomeEnv")


def make_vec(scenario: str = "policy-sp500", num_envs: int = 2, asynchronous: bool = True) -> gym.vector.VectorEnv:
    """``num_envs`` environments over ``scenario``; ``reset(seed=s)`` gives them seeds s, s+1, ….
    Asynchronous: one subprocess each (the kernels run in parallel on the machine's cores)."""
    makers = [lambda: MetronomeEnv(scenario) for _ in range(num_envs)]
    if asynchronous:
        return gym.vector.AsyncVectorEnv(makers, context="spawn")
    return gym.vector.SyncVectorEnv(makers)
