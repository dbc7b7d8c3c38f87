"""Python components: a scenario's policy stage decided by a Python callable, in lockstep, and its
journaled actions replayed without Python."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import metronome_gym
from conftest import REPOSITORY, replay
from policies import Recorder, broken, momentum, too_big


def test_a_python_policy_decides_every_step_and_sees_every_reward(scenario):
    policy = Recorder()
    summary = metronome_gym.run_policy(scenario, policy, seed=9)
    assert policy.steps == list(range(1007))
    assert policy.rewards[0] == 0.0
    assert policy.finished is not None and policy.finished["step"] == 1007
    total = sum(policy.rewards) + policy.finished["reward"]
    assert total == pytest.approx(summary["policy"]["total_reward"], abs=1e-9)
    assert summary["policy"]["decisions"] == 1007


def test_the_same_policy_gives_the_same_run_and_the_gym_env_agrees(scenario):
    first = metronome_gym.run_policy(scenario, momentum, seed=9)
    second = metronome_gym.run_policy(scenario, momentum, seed=9)
    assert first["digest"] == second["digest"] and first["decision_digest"] == second["decision_digest"]
    # Stepping the environment with the same policy is the same run.
    env = metronome_gym.MetronomeEnv(scenario)
    observation, info = env.reset(seed=9)
    while True:
        observation, reward, terminated, truncated, info = env.step(momentum(observation, info))
        if terminated or truncated:
            break
    env.close()
    assert info["result"]["digest"] == first["digest"]


def test_a_recorded_python_run_replays_without_python(scenario, tmp_path):
    log = str(tmp_path / "python-policy.mtj")
    summary = metronome_gym.run_policy(scenario, momentum, seed=9, record=log)
    assert summary["log"] == log
    result = replay(log)
    assert result.returncode == 0, result.stdout + result.stderr
    assert summary["decision_digest"] in result.stdout


def test_the_command_line_runs_a_module_function(scenario, tmp_path):
    log = str(tmp_path / "cli.mtj")
    completed = subprocess.run([sys.executable, "-m", "metronome_gym", "run", scenario, "--policy", "policies:momentum",
                                "--seed", "9", "--record", log], capture_output=True, text=True, cwd=REPOSITORY / "python" / "tests",
                               timeout=300)
    assert completed.returncode == 0, completed.stderr
    summary = json.loads(completed.stdout)
    assert summary["digest"] == metronome_gym.run_policy(scenario, momentum, seed=9)["digest"]
    bad = subprocess.run([sys.executable, "-m", "metronome_gym", "run", scenario, "--policy", "policies"], capture_output=True, text=True,
                         cwd=REPOSITORY / "python" / "tests", timeout=300)
    assert bad.returncode == 2 and "MODULE:FUNCTION" in bad.stderr
    # The policy's own exception: its traceback, exit status 1.
    raising = subprocess.run([sys.executable, "-m", "metronome_gym", "run", scenario, "--policy", "policies:broken"], capture_output=True,
                             text=True, cwd=REPOSITORY / "python" / "tests", timeout=300)
    assert raising.returncode == 1 and "Traceback" in raising.stderr and "ZeroDivisionError: the model divided by zero at step 40" in raising.stderr


def test_a_policys_exception_stops_the_run_and_is_raised(scenario):
    with pytest.raises(ZeroDivisionError, match="step 40"):
        metronome_gym.run_policy(scenario, broken)


def test_an_action_out_of_range_is_named(scenario):
    with pytest.raises(metronome_gym.MetronomeError, match="size index 7"):
        metronome_gym.run_policy(scenario, too_big)


def test_the_metronome_cli_refuses_an_external_policy_and_says_where_to_run_it(tmp_path):
    source = (REPOSITORY / "Scenarios" / "Library" / "policy-sp500.yaml").read_text()
    data = str(REPOSITORY / "Scenarios" / "Data" / "sp500.csv")
    external = tmp_path / "external.yaml"
    external.write_text(source.replace("decider: random", "decider: external").replace("../Data/sp500.csv", data))
    completed = subprocess.run([str(metronome_gym.binary_path()), "run", str(external)], capture_output=True, text=True, timeout=300)
    assert completed.returncode != 0
    assert "decider: external" in completed.stderr and "python -m metronome_gym" in completed.stderr
    # The Python side runs it.
    summary = metronome_gym.run_policy(str(external), momentum, seed=9)
    assert summary["policy"]["decisions"] == 1007
