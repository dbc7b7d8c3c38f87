"""The Gymnasium environment: determinism, Gymnasium's checker, recorded episodes replayed without Python."""
from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import metronome_gym
from conftest import REPOSITORY, play, replay


def test_passes_gymnasiums_checker(scenario):
    env = metronome_gym.MetronomeEnv(scenario)
    check_env(env, skip_render_check=True)
    env.close()


def test_spaces_follow_the_scenarios_policy_section(scenario):
    env = metronome_gym.MetronomeEnv(scenario)
    # direction (short, flat, long), 4 size fractions, 4 stop and 4 take-profit multiples.
    assert list(env.action_space.nvec) == [3, 4, 4, 4]
    assert env.observation_space.shape == (10 + 8,)
    assert len(env.observation_names) == 18 and env.observation_names[10] == "position"
    env.close()


def test_the_same_seed_and_actions_give_the_same_trajectory_and_digest(scenario):
    env = metronome_gym.MetronomeEnv(scenario)
    first = play(env, seed=7, action_seed=3)
    second = play(env, seed=7, action_seed=3)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    assert first[2]["result"]["digest"] == second[2]["result"]["digest"]
    assert first[2]["result"]["decision_digest"] == second[2]["result"]["decision_digest"]
    # Other actions make another run.
    third = play(env, seed=7, action_seed=4)
    assert third[2]["result"]["decision_digest"] != first[2]["result"]["decision_digest"]
    env.close()


def test_an_episode_runs_the_whole_scenario_one_decision_per_trading_day(scenario):
    env = metronome_gym.MetronomeEnv(scenario)
    observations, rewards, info = play(env, seed=1, action_seed=1)
    # 2005-01-03 .. 2008-12-31: 1,008 trading days, the first decided after the first close.
    assert len(rewards) == 1007
    assert info["result"]["policy"]["decisions"] == 1007
    assert info["result"]["stop_reason"] == "end_time"
    # The policy's rewards sum to its total; with these weights, close to log(final / initial equity).
    assert rewards.sum() == pytest.approx(info["result"]["policy"]["total_reward"], abs=1e-9)
    assert np.isfinite(observations).all()
    env.close()


def test_a_flat_policy_holds_nothing_and_earns_nothing(scenario):
    env = metronome_gym.MetronomeEnv(scenario)
    env.reset(seed=5)
    flat = [1, 0, 0, 0]
    total = 0.0
    while True:
        observation, reward, terminated, truncated, info = env.step(flat)
        total += reward
        assert observation[10] == 0.0  # position
        if terminated or truncated:
            break
    assert total == 0.0
    assert info["result"]["pnl"] == "0.00"
    env.close()


def test_a_recorded_episode_replays_without_python(scenario, tmp_path):
    env = metronome_gym.MetronomeEnv(scenario)
    log = str(tmp_path / "episode.mtj")
    _, _, info = play(env, seed=11, action_seed=2, record=log)
    env.close()
    result = replay(log)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "verified" in result.stdout
    assert info["result"]["digest"] in result.stdout
    assert info["result"]["decision_digest"] in result.stdout


def test_an_episode_dropped_midway_is_closed_and_replays(scenario, tmp_path):
    env = metronome_gym.MetronomeEnv(scenario)
    log = str(tmp_path / "dropped.mtj")
    play(env, seed=3, action_seed=3, record=log, steps=25)
    env.reset(seed=4)  # drops the recorded episode: its log is closed where the run stopped
    env.close()
    result = replay(log)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("mode", ["threads", "async"])
def test_vectorized_environments_match_single_ones(scenario, mode):
    vector = metronome_gym.make_vec(scenario, num_envs=2, mode=mode)
    observations, _ = vector.reset(seed=20)
    singles = [metronome_gym.MetronomeEnv(scenario) for _ in range(2)]
    for index, env in enumerate(singles):
        single, _ = env.reset(seed=20 + index)
        np.testing.assert_array_equal(observations[index], single)
    actions = np.array([[2, 3, 1, 2], [0, 1, 2, 0]])
    for _ in range(30):
        vector_observations, vector_rewards, *_ = vector.step(actions)
        for index, env in enumerate(singles):
            observation, reward, *_ = env.step(actions[index])
            np.testing.assert_array_equal(vector_observations[index], observation)
            assert vector_rewards[index] == reward
    vector.close()
    for env in singles:
        env.close()


def test_the_thread_vector_resets_an_ended_episode_on_the_next_step(scenario):
    vector = metronome_gym.make_vec(scenario, num_envs=2)
    vector.reset(seed=1)
    flat = np.array([[1, 0, 0, 0]] * 2)
    steps = 0
    while True:
        _, rewards, terminated, truncated, infos = vector.step(flat)
        steps += 1
        if truncated.any():
            break
    assert steps == 1007 and truncated.all()
    assert infos["_result"].all() and infos["result"][0]["policy"]["decisions"] == 1007
    observations, rewards, terminated, truncated, infos = vector.step(flat)
    assert (rewards == 0).all() and not truncated.any() and (infos["step"] == 0).all(), "the next step starts new episodes"
    vector.close()


def test_registered_with_gymnasium(scenario):
    env = gym.make("Metronome-v0", scenario=scenario)
    observation, _ = env.reset(seed=1)
    assert observation.shape == (18,)
    env.close()


def test_bad_input_is_a_clear_error(scenario, tmp_path):
    with pytest.raises(metronome_gym.MetronomeError, match="no policy: section"):
        metronome_gym.MetronomeEnv("calm-day")
    broken = tmp_path / "broken.yaml"
    data = str(REPOSITORY / "Scenarios" / "Data" / "sp500.csv")
    broken.write_text(open(scenario).read().replace("decider: random", "decider: psychic").replace("../Data/sp500.csv", data))
    with pytest.raises(metronome_gym.MetronomeError, match=r"broken.yaml:\d+:\d+.*psychic"):
        metronome_gym.MetronomeEnv(str(broken))
    env = metronome_gym.MetronomeEnv(scenario)
    env.reset(seed=1)
    with pytest.raises(metronome_gym.MetronomeError, match="size index 9"):
        env.step([2, 9, 0, 0])
    with pytest.raises(metronome_gym.MetronomeError, match="4 indices"):
        env.step([2, 1])
    with pytest.raises(metronome_gym.MetronomeError, match=r"direction index 3: expected 0 \(short\), 1 \(flat\) or 2 \(long\)"):
        env.step([3, 0, 0, 0])
    with pytest.raises(metronome_gym.MetronomeError, match="whole numbers"):
        env.step([2.9, 1.5, 0, 0])
    env.close()
    with pytest.raises(metronome_gym.MetronomeError, match="closed"):
        env.step([1, 0, 0, 0])
    fresh = metronome_gym.MetronomeEnv(scenario)
    with pytest.raises(metronome_gym.MetronomeError, match="call reset"):
        fresh.step([1, 0, 0, 0])
    fresh.close()


def test_a_recorded_vector_writes_one_log_per_environment(scenario, tmp_path):
    vector = metronome_gym.make_vec(scenario, num_envs=2)
    vector.reset(seed=30, options={"record": str(tmp_path / "vec.mlog")})
    actions = np.array([[2, 1, 0, 0], [0, 1, 0, 0]])
    while True:
        _, _, terminated, truncated, infos = vector.step(actions)
        if truncated.any():
            break
    vector.close()
    logs = [result["log"] for result in infos["result"]]
    assert logs == [str(tmp_path / "vec-0.mlog"), str(tmp_path / "vec-1.mlog")]
    for log in logs:
        result = replay(log)
        assert result.returncode == 0, result.stdout + result.stderr
