"""Python components in the pipeline: a scenario's policy stage decided by a Python callable,
called in lockstep on the kernel's clock (docs/python.md). Its actions are journaled, so a replay
of the log needs no Python."""
from __future__ import annotations

import ctypes
import importlib
import json
import os
from typing import Any, Callable

import numpy as np

from . import _native
from ._native import MetronomeError
from .env import action_indices

Policy = Callable[[np.ndarray, dict], Any]


def load_policy(spec: str) -> Policy:
    """``module:function`` (or ``module:Class`` with no arguments): the callable a run asks."""
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise ValueError(f"--policy {spec!r}: expected MODULE:FUNCTION, e.g. my_policies:momentum")
    target = getattr(importlib.import_module(module_name), attribute)
    return target() if isinstance(target, type) else target


def run_policy(scenario: str | os.PathLike, policy: Policy, *, seed: int | None = None, record: str | os.PathLike | None = None,
               record_signals: bool = False) -> dict[str, Any]:
    """Runs ``scenario`` with ``policy(observation, info) -> (direction, size, stop, take_profit)``
    deciding its policy stage at every decision point (indices, direction 0 short, 1 flat, 2 long).
    ``info`` holds ``step``, ``time_ns``, ``reward`` (of the interval that ended) and ``equity``.
    A policy with a ``finish(observation, info)`` method is told the run's end. Returns the run's
    summary (digests, events, equity, the policy's figures, the log)."""
    lib = _native.load()
    failure: list[BaseException] = []

    def decide(_context, step, time_ns, reward, equity, features, count, action):
        try:
            observation = np.ctypeslib.as_array(features, shape=(count,)).copy() if count else np.zeros(0)
            info = {"step": step, "time_ns": time_ns, "reward": reward, "equity": equity / 100.0}
            if not action:
                finish = getattr(policy, "finish", None)
                if finish is not None:
                    finish(observation, info)
                return 0
            chosen = action_indices(policy(observation, info))
            for index in range(4):
                action[index] = int(chosen[index])
            return 0
        except BaseException as error:  # noqa: BLE001 - re-raised after the run stops
            failure.append(error)
            return 1

    callback = _native.POLICY_CALLBACK(decide)
    summary = ctypes.create_string_buffer(1 << 16)
    error = ctypes.create_string_buffer(1 << 12)
    status = lib.metronome_run_policy(_native.encode(_native.resolve_scenario(scenario)), (seed or 0) & (2**64 - 1), int(seed is not None), _native.encode(record),
                                      int(record_signals), callback, None, summary, len(summary), error, len(error))
    if failure:
        raise failure[0]
    if status != 0:
        raise MetronomeError(error.value.decode("utf-8"))
    return json.loads(summary.value.decode("utf-8"))


def run_scenario(scenario: str | os.PathLike, *, seed: int | None = None) -> dict[str, Any]:
    """Runs ``scenario`` in this process with its own deciders (no Python in the loop); returns the
    same summary as ``run_policy``."""
    lib = _native.load()
    summary = ctypes.create_string_buffer(1 << 16)
    error = ctypes.create_string_buffer(1 << 12)
    status = lib.metronome_run_scenario(_native.encode(_native.resolve_scenario(scenario)), (seed or 0) & (2**64 - 1), int(seed is not None),
                                        summary, len(summary), error, len(error))
    if status != 0:
        raise MetronomeError(error.value.decode("utf-8"))
    return json.loads(summary.value.decode("utf-8"))
