"""Several Metronome environments in one process, stepped side by side (docs/python.md)."""
from __future__ import annotations

import os
from typing import Any

import numpy as np
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from .env import MetronomeEnv


class MetronomeVectorEnv(VectorEnv):
    """``num_envs`` environments over one scenario in this process: a step hands every run its
    action, then waits for each, so the runs go on in parallel on their own threads (the machine's
    cores) with no inter-process traffic; so do their resets. ``reset(seed=s)`` seeds them s, s+1, …. An environment
    whose episode ended is reset on the next step (Gymnasium's next-step autoreset): that step
    returns its first observation with reward 0."""

    metadata = {"autoreset_mode": AutoresetMode.NEXT_STEP}

    def __init__(self, scenario: str | os.PathLike = "policy-sp500", num_envs: int = 2):
        self.envs = [MetronomeEnv(scenario) for _ in range(num_envs)]
        self.num_envs = num_envs
        self.single_observation_space = self.envs[0].observation_space
        self.single_action_space = self.envs[0].action_space
        self.observation_space = batch_space(self.single_observation_space, num_envs)
        self.action_space = batch_space(self.single_action_space, num_envs)
        self._needs_reset = [False] * num_envs

    def reset(self, *, seed: int | list[int] | None = None, options: dict[str, Any] | None = None):
        seeds = list(seed) if isinstance(seed, (list, tuple)) else [None if seed is None else seed + index for index in range(self.num_envs)]
        for index, (env, env_seed) in enumerate(zip(self.envs, seeds)):
            env.begin_reset(seed=env_seed, options=self._options_for(index, options))
        observations, infos = [], []
        for env in self.envs:
            observation, info = env.await_reset()
            observations.append(observation)
            infos.append(info)
        self._needs_reset = [False] * self.num_envs
        return np.stack(observations), self._batch(infos)

    def _options_for(self, index: int, options: dict[str, Any] | None) -> dict[str, Any] | None:
        """Each environment records to its own log: `episode.mlog` becomes `episode-0.mlog`, `episode-1.mlog`, …."""
        if not options or not options.get("record"):
            return options
        root, extension = os.path.splitext(os.fspath(options["record"]))
        return {**options, "record": f"{root}-{index}{extension}"}

    def step(self, actions):
        actions = np.asarray(actions, dtype=np.int64)
        # Every run goes on at once — the ended ones into their next episode — then each is awaited.
        for index, env in enumerate(self.envs):
            if self._needs_reset[index]:
                env.begin_reset()
            else:
                env.act(actions[index])
        observations = np.zeros((self.num_envs, *self.single_observation_space.shape))
        rewards = np.zeros(self.num_envs)
        terminated = np.zeros(self.num_envs, dtype=bool)
        truncated = np.zeros(self.num_envs, dtype=bool)
        infos = []
        for index, env in enumerate(self.envs):
            if self._needs_reset[index]:
                observations[index], info = env.await_reset()
                self._needs_reset[index] = False
            else:
                observations[index], rewards[index], terminated[index], truncated[index], info = env.await_step()
                self._needs_reset[index] = bool(terminated[index] or truncated[index])
            infos.append(info)
        return observations, rewards, terminated, truncated, self._batch(infos)

    def _batch(self, infos: list[dict]) -> dict[str, Any]:
        """Gymnasium's vector info: per key an array over the environments and a `_key` mask. Every
        step has `step`, `time_ns` and `equity`; `result` (an episode's summary) only where one ended."""
        everywhere = np.ones(self.num_envs, dtype=bool)
        batched: dict[str, Any] = {
            "step": np.array([info["step"] for info in infos]), "_step": everywhere,
            "time_ns": np.array([info["time_ns"] for info in infos]), "_time_ns": everywhere,
            "equity": np.array([info["equity"] for info in infos]), "_equity": everywhere,
        }
        ended = np.array(["result" in info for info in infos])
        if ended.any():
            batched["result"] = np.array([info.get("result") for info in infos], dtype=object)
            batched["_result"] = ended
        return batched

    def close_extras(self, **kwargs):
        for env in self.envs:
            env.close()
