"""Metronome's deterministic trading kernel in a Python process (docs/python.md).

- ``MetronomeEnv``: a Gymnasium environment stepping a scenario's policy stage
  (also registered as ``gymnasium.make("Metronome-v0", scenario=...)``).
- ``make_vec`` / ``MetronomeVectorEnv``: several environments at once (several seeds), side by side.
- ``run_policy``: a scenario run whose policy stage is a Python callable, in lockstep.
"""
from __future__ import annotations

import gymnasium as gym

from ._native import MetronomeError, binary_path, library_path
from .component import load_policy, run_policy, run_scenario
from .env import MetronomeEnv
from .vector import MetronomeVectorEnv

__all__ = ["MetronomeEnv", "MetronomeVectorEnv", "MetronomeError", "make_vec", "run_policy", "run_scenario", "load_policy", "library_path", "binary_path"]

gym.register(id="Metronome-v0", entry_point="metronome_gym.env:MetronomeEnv")


def make_vec(scenario: str = "policy-sp500", num_envs: int = 2, mode: str = "threads") -> gym.vector.VectorEnv:
    """``num_envs`` environments over ``scenario``; ``reset(seed=s)`` gives them seeds s, s+1, ….

    ``threads`` (the default): ``MetronomeVectorEnv``, one process, the runs side by side on their
    own threads; ``async``: Gymnasium's ``AsyncVectorEnv``, one process each; ``sync``: Gymnasium's
    ``SyncVectorEnv``, one after the other."""
    if mode == "threads":
        return MetronomeVectorEnv(scenario, num_envs)
    makers = [lambda: MetronomeEnv(scenario) for _ in range(num_envs)]
    if mode == "async":
        return gym.vector.AsyncVectorEnv(makers, context="spawn")
    if mode == "sync":
        return gym.vector.SyncVectorEnv(makers)
    raise ValueError(f"mode {mode!r}: expected threads, async or sync")
