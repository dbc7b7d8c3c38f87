"""Policies the component tests run (importable as MODULE:FUNCTION, as `python -m metronome_gym run` asks)."""
from __future__ import annotations

import numpy as np

WINDOW = 10  # policy-sp500's return_window


def momentum(observation: np.ndarray, info: dict):
    """Long after a rising week, short after a falling one; half size, a 2σ stop, a 4σ take-profit."""
    trend = observation[WINDOW - 5:WINDOW].sum()
    direction = 2 if trend > 0 else 0 if trend < 0 else 1
    return [direction, 1, 2, 3]


class Recorder:
    """Keeps every observation and reward it is shown, and the end of the run."""

    def __init__(self):
        self.steps: list[int] = []
        self.rewards: list[float] = []
        self.finished: dict | None = None

    def __call__(self, observation, info):
        self.steps.append(info["step"])
        self.rewards.append(info["reward"])
        return momentum(observation, info)

    def finish(self, observation, info):
        self.finished = info


def broken(observation, info):
    if info["step"] == 40:
        raise ZeroDivisionError("the model divided by zero at step 40")
    return [1, 0, 0, 0]


def too_big(observation, info):
    return [2, 7, 0, 0]
