"""A Gymnasium environment over a Metronome scenario's policy stage (docs/python.md)."""
from __future__ import annotations

import ctypes
import json
import os
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from . import _native
from ._native import MetronomeError

_ERROR_CAPACITY = 4096


def action_indices(action) -> np.ndarray:
    """An action as its four whole indices (direction, size, stop, take-profit); anything else is
    an error that says what it got, not a silent truncation."""
    values = np.asarray(action).reshape(-1)
    if values.shape != (4,):
        raise MetronomeError(f"an action is 4 indices (direction, size, stop, take-profit), got {np.asarray(action).tolist()!r}")
    if values.dtype.kind == "f" and not np.all(np.isfinite(values) & (values == np.round(values))):
        raise MetronomeError(f"action indices are whole numbers, got {values.tolist()!r}")
    if values.dtype.kind not in "iuf":
        raise MetronomeError(f"action indices are whole numbers, got {values.tolist()!r}")
    return values.astype(np.int64)


class MetronomeEnv(gym.Env):
    """Steps a scenario with a ``policy:`` section on Metronome's deterministic kernel, in process.

    One step is one decision of the policy stage: the action (direction, size, stop, take-profit
    indices: seed 004's discrete hybrid action) is applied at the decision point, and the run goes
    on, with the whole pipeline (input defense, agents, blender, risk gate, router, a broker with
    latency and fees, the portfolio), to the next decision point.

    The same seed and the same actions give the same trajectory and the same run digests; an
    episode reset with ``options={"record": path}`` is journaled, and ``metronome replay --verify``
    rebuilds it without Python.

    Observation: ``observation_names`` (the last returns, position, open return, log equity,
    drawdown, volatility, spread, the blender's μ/σ, time elapsed). Reward: the scenario's
    ``policy.reward`` weights. ``terminated`` when the account is wiped out, ``truncated`` when the
    scenario's data or time runs out.
    """

    metadata = {"render_modes": []}

    def __init__(self, scenario: str | os.PathLike = "policy-sp500", record_signals: bool = False):
        self._lib = _native.load()
        error = ctypes.create_string_buffer(_ERROR_CAPACITY)
        handle = self._lib.metronome_env_open(_native.encode(_native.resolve_scenario(scenario)), error, _ERROR_CAPACITY)
        if not handle:
            raise MetronomeError(error.value.decode("utf-8"))
        self._handle = handle
        self.scenario = str(scenario)
        self.record_signals = record_signals
        size = self._lib.metronome_env_observation_size(handle)
        dims = (ctypes.c_int64 * 4)()
        self._lib.metronome_env_action_dims(handle, dims)
        self.description = json.loads(_native.read_text(lambda buffer, capacity: self._lib.metronome_env_describe(handle, buffer, capacity)))
        self.observation_space = spaces.Box(low=-np.inf, high=np.inf, shape=(size,), dtype=np.float64)
        self.action_space = spaces.MultiDiscrete(list(dims))
        window = self.description["return_window"]
        self.observation_names = [f"return_{window - index}" for index in range(window)] + [
            "position", "open_return", "log_equity", "drawdown", "volatility", "spread", "forecast_score", "elapsed"]
        self._observation = np.zeros(size, dtype=np.float64)
        self._observation_pointer = self._observation.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
        self._state = (ctypes.c_int64 * 3)()
        self._reward = ctypes.c_double()
        self._action = (ctypes.c_int64 * 4)()
        self._error = ctypes.create_string_buffer(_ERROR_CAPACITY)
        self._ended = True
        self._started = False

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None):
        """Starts an episode: ``seed`` is the run's seed (drawn from the environment's generator when
        None); ``options={"record": "episode.mlog"}`` journals it."""
        self.begin_reset(seed=seed, options=options)
        return self.await_reset()

    def begin_reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> None:
        """The first half of ``reset``: starts the episode's run on its thread and returns at once
        (``MetronomeVectorEnv`` resets several side by side)."""
        self._check_open()
        super().reset(seed=seed)
        self._run_seed = seed if seed is not None else int(self.np_random.integers(0, 2**63 - 1))
        record = (options or {}).get("record")
        self._lib.metronome_env_begin_reset(self._handle, self._run_seed & (2**64 - 1), _native.encode(record), int(self.record_signals))
        self._started = True

    def await_reset(self):
        """The second half of ``reset``: waits for the first decision point; ``(observation, info)``."""
        status = self._lib.metronome_env_await(self._handle, self._observation_pointer, ctypes.byref(self._reward), self._state,
                                               self._error, _ERROR_CAPACITY)
        if status < 0:
            raise MetronomeError(self._error.value.decode("utf-8"))
        if status == 1:
            raise MetronomeError(f"{self.scenario}: the run ended before its first decision (no quote of the policy's symbol?)")
        self._ended = False
        return self._observation.copy(), self._info(run_seed=self._run_seed)

    def step(self, action):
        self.act(action)
        return self.await_step()

    def act(self, action) -> None:
        """The first half of ``step``: hands the run its action and returns at once (the run goes on
        to its next decision point on its own thread). ``MetronomeVectorEnv`` acts on every
        environment, then awaits each."""
        self._check_open()
        if not self._started:
            raise MetronomeError("step before reset: call reset() first")
        if self._ended:
            raise MetronomeError("step after the episode ended: call reset()")
        values = action_indices(action)
        for index in range(4):
            self._action[index] = int(values[index])
        if self._lib.metronome_env_act(self._handle, self._action, self._error, _ERROR_CAPACITY) < 0:
            raise MetronomeError(self._error.value.decode("utf-8"))

    def _check_open(self) -> None:
        if not getattr(self, "_handle", None):
            raise MetronomeError("the environment is closed")

    def await_step(self):
        """The second half of ``step``: waits for the next decision point (or the end) and returns
        ``(observation, reward, terminated, truncated, info)``."""
        status = self._lib.metronome_env_await(self._handle, self._observation_pointer, ctypes.byref(self._reward), self._state,
                                               self._error, _ERROR_CAPACITY)
        if status < 0:
            raise MetronomeError(self._error.value.decode("utf-8"))
        info = self._info()
        terminated = info["equity"] <= 0
        truncated = status == 1 and not terminated
        if status == 1:
            self._ended = True
            info["result"] = self.result()
        elif terminated:
            self._ended = True
        return self._observation.copy(), float(self._reward.value), terminated, truncated, info

    def result(self) -> dict[str, Any]:
        """The finished episode's summary: digests, event count, equity, the policy's figures, the log."""
        text = _native.read_text(lambda buffer, capacity: self._lib.metronome_env_result(self._handle, buffer, capacity))
        return json.loads(text) if text else {}

    def _info(self, **extra) -> dict[str, Any]:
        info = {"step": int(self._state[0]), "time_ns": int(self._state[1]), "equity": int(self._state[2]) / 100.0}
        info.update(extra)
        return info

    def close(self):
        if getattr(self, "_handle", None):
            self._lib.metronome_env_close(self._handle)
            self._handle = None

    def __del__(self):
        self.close()
