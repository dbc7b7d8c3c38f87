"""ctypes bindings to libMetronomeGym.so, the C ABI of Metronome's Scenarios/Gym target.

The library is found, in order, at $METRONOME_GYM_LIBRARY, or in the repository's
.build/release then .build/debug folders (``make python`` builds the release one).
"""
from __future__ import annotations

import ctypes
import os
from pathlib import Path

_REPOSITORY = Path(__file__).resolve().parents[2]
_LIBRARY_NAME = "libMetronomeGym.so"

POLICY_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int32,
    ctypes.c_void_p,  # context
    ctypes.c_int64,  # step
    ctypes.c_int64,  # time, ns since the epoch
    ctypes.c_double,  # reward of the interval that ended
    ctypes.c_int64,  # equity, minor units
    ctypes.POINTER(ctypes.c_double),  # features
    ctypes.c_int64,  # feature count
    ctypes.POINTER(ctypes.c_int64),  # action out (NULL at the run's end)
)

_library: ctypes.CDLL | None = None


def library_path() -> Path:
    """Where the shared library is: $METRONOME_GYM_LIBRARY or the repository's build folders."""
    configured = os.environ.get("METRONOME_GYM_LIBRARY")
    if configured:
        return Path(configured)
    for configuration in ("release", "debug"):
        candidate = _REPOSITORY / ".build" / configuration / _LIBRARY_NAME
        if candidate.exists():
            return candidate
    raise FileNotFoundError(
        f"{_LIBRARY_NAME} not found: build it with `make python` (swift build -c release --product MetronomeGym) "
        "or set METRONOME_GYM_LIBRARY to its path"
    )


def binary_path() -> Path:
    """The `metronome` executable beside the library (for replays): $METRONOME_BINARY or the build folder."""
    configured = os.environ.get("METRONOME_BINARY")
    if configured:
        return Path(configured)
    return library_path().parent / "metronome"


def resolve_scenario(scenario: str | os.PathLike) -> str:
    """A scenario path, or a library name (``policy-sp500``) found in the repository's Scenarios/Library."""
    text = os.fspath(scenario)
    if os.path.exists(text) or "/" in text:
        return text
    stem = text[:-5] if text.endswith(".yaml") else text
    candidate = _REPOSITORY / "Scenarios" / "Library" / f"{stem}.yaml"
    return str(candidate) if candidate.exists() else text


def load() -> ctypes.CDLL:
    """Loads the library once per process and declares its functions."""
    global _library
    if _library is not None:
        return _library
    lib = ctypes.CDLL(str(library_path()))
    text, size, voidp = ctypes.c_char_p, ctypes.c_int64, ctypes.c_void_p
    doubles, longs = ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_int64)
    lib.metronome_env_open.argtypes = [text, ctypes.c_char_p, size]
    lib.metronome_env_open.restype = voidp
    lib.metronome_env_observation_size.argtypes = [voidp]
    lib.metronome_env_observation_size.restype = size
    lib.metronome_env_action_dims.argtypes = [voidp, longs]
    lib.metronome_env_action_dims.restype = None
    lib.metronome_env_describe.argtypes = [voidp, ctypes.c_char_p, size]
    lib.metronome_env_describe.restype = size
    lib.metronome_env_reset.argtypes = [voidp, ctypes.c_uint64, text, ctypes.c_int32, doubles, longs, ctypes.c_char_p, size]
    lib.metronome_env_reset.restype = ctypes.c_int32
    lib.metronome_env_step.argtypes = [voidp, longs, doubles, doubles, longs, ctypes.c_char_p, size]
    lib.metronome_env_step.restype = ctypes.c_int32
    lib.metronome_env_begin_reset.argtypes = [voidp, ctypes.c_uint64, text, ctypes.c_int32]
    lib.metronome_env_begin_reset.restype = None
    lib.metronome_env_act.argtypes = [voidp, longs, ctypes.c_char_p, size]
    lib.metronome_env_act.restype = ctypes.c_int32
    lib.metronome_env_await.argtypes = [voidp, doubles, doubles, longs, ctypes.c_char_p, size]
    lib.metronome_env_await.restype = ctypes.c_int32
    lib.metronome_env_result.argtypes = [voidp, ctypes.c_char_p, size]
    lib.metronome_env_result.restype = size
    lib.metronome_env_close.argtypes = [voidp]
    lib.metronome_env_close.restype = None
    lib.metronome_run_policy.argtypes = [text, ctypes.c_uint64, ctypes.c_int32, text, ctypes.c_int32, POLICY_CALLBACK, voidp,
                                         ctypes.c_char_p, size, ctypes.c_char_p, size]
    lib.metronome_run_policy.restype = ctypes.c_int32
    lib.metronome_run_scenario.argtypes = [text, ctypes.c_uint64, ctypes.c_int32, ctypes.c_char_p, size, ctypes.c_char_p, size]
    lib.metronome_run_scenario.restype = ctypes.c_int32
    lib.metronome_build_identity.argtypes = [ctypes.c_char_p, size]
    lib.metronome_build_identity.restype = size
    _library = lib
    return lib


def encode(value: str | os.PathLike | None) -> bytes | None:
    return None if value is None else os.fsencode(value)


def read_text(call, capacity: int = 4096) -> str:
    """Calls `call(buffer, capacity)` (a function that returns the bytes it needs) until the text fits."""
    while True:
        buffer = ctypes.create_string_buffer(capacity)
        needed = call(buffer, capacity)
        if needed <= capacity:
            return buffer.value.decode("utf-8")
        capacity = needed


class MetronomeError(RuntimeError):
    """An error Metronome reported across the C boundary (a scenario error names file:line:column)."""
