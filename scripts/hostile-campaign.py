#!/usr/bin/env python3
"""Hostile-input campaign: run the real `metronome` binary on damaged and hostile inputs.

Usage:
    python3 scripts/hostile-campaign.py --binary PATH [--cases N] [--seed S] [--out DIR]
                                        [--timeout SECONDS] [--jobs 2] [--quick]

Run it from the repository root (the binary finds Scenarios/Library from there). Given the seed,
the generated inputs are identical from run to run; only wall-clock families (SIGKILL after a
delay) depend on timing. Every case is classified:

    ok       accepted and correct
    error    a clean error: exit 1 or 2 with a message naming the file (and a position where one
             applies: byte, block, record, line, column)
    unclear  exit 1 or 2 whose message names neither the file nor a position, or another exit code
    crash    killed by a signal (trap, SIGILL, SIGTRAP, SIGSEGV, abort)
    hang     still running at --timeout
    wrong    accepted what it must refuse (a damaged log that `log verify` passes, a damaged log
             whose `replay --verify` exits 0, a live line that ends the run, a chaos `replay:` line
             that does not reproduce …)

A case runs several commands; its class is the worst of theirs (crash > hang > wrong > unclear >
error > ok). The table shows the classes per family; OUT/campaign.json holds every case that is
not ok or error, with each command, its exit, the first lines of its output and the input kept
under OUT/cases. The script exits 1 when any case crashed, hung or was wrong, else 0; 2 on bad
usage. Families are the functions named `family_*` (docs/hostile-inputs.md).

Python 3 standard library only.
"""

import argparse
import concurrent.futures
import dataclasses
import hashlib
import json
import os
import random
import re
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time

CLASS_SEVERITY = ["ok", "error", "unclear", "wrong", "hang", "crash"]
BAD_CLASSES = ("crash", "hang", "wrong")
OUTPUT_KEPT_BYTES = 4000
OK_OUTPUT_KEPT_BYTES = 300   # commands that behaved, within a failing case: the first lines only
POSITION_PATTERN = re.compile(
    r"(byte|offset|block|record|line|column|col|index)\s*#?\s*\d+|:\d+:\d+|@\d+|\bat \d{4}-\d\d-\d\dT",
    re.IGNORECASE)
WHOLE_FILE_PATTERN = re.compile(r"trailer|not closed|header|empty|no such file|version|cannot read|not found",
                                re.IGNORECASE)
CRASH_LOCATION_PATTERN = re.compile(r" at (?!//)\S*?([A-Za-z0-9_+]+\.swift:\d+)")
CRASH_MESSAGE_PATTERN = re.compile(r"(?:Swift runtime failure|Fatal error):?\s*([^*\n]+?)\s*(?:\*\*\*|$)", re.MULTILINE)
# A compact backtrace (a second or two per crash): release builds trap without a message, so the
# crashing frame is the only place the source location shows.
COMPACT_BACKTRACE = ("enable=yes,interactive=no,threads=crashed,registers=none,images=none,limit=4,top=0,"
                     "color=no,sanitize=yes")


# ---------------------------------------------------------------------------------------------
# XXH64 (seed 0 unless given): every checksum of the log format (docs/log-format.md).

_MASK = (1 << 64) - 1
_P1, _P2, _P3 = 11400714785074694791, 14029467366897019727, 1609587929392839161
_P4, _P5 = 9650029242287828579, 2870177450012600261


def _rotate_left(value, bits):
    return ((value << bits) | (value >> (64 - bits))) & _MASK


def _round(accumulator, lane):
    accumulator = (accumulator + lane * _P2) & _MASK
    return (_rotate_left(accumulator, 31) * _P1) & _MASK


def _merge_round(hash_value, lane):
    hash_value ^= _round(0, lane)
    return (hash_value * _P1 + _P4) & _MASK


def xxh64(data, seed=0):
    length, offset = len(data), 0
    if length >= 32:
        lanes = [(seed + _P1 + _P2) & _MASK, (seed + _P2) & _MASK, seed, (seed - _P1) & _MASK]
        while offset + 32 <= length:
            words = struct.unpack_from("<4Q", data, offset)
            lanes = [_round(lane, word) for lane, word in zip(lanes, words)]
            offset += 32
        hash_value = (_rotate_left(lanes[0], 1) + _rotate_left(lanes[1], 7)
                      + _rotate_left(lanes[2], 12) + _rotate_left(lanes[3], 18)) & _MASK
        for lane in lanes:
            hash_value = _merge_round(hash_value, lane)
    else:
        hash_value = (seed + _P5) & _MASK
    hash_value = (hash_value + length) & _MASK
    while offset + 8 <= length:
        hash_value ^= _round(0, struct.unpack_from("<Q", data, offset)[0])
        hash_value = (_rotate_left(hash_value, 27) * _P1 + _P4) & _MASK
        offset += 8
    if offset + 4 <= length:
        hash_value ^= (struct.unpack_from("<I", data, offset)[0] * _P1) & _MASK
        hash_value = (_rotate_left(hash_value, 23) * _P2 + _P3) & _MASK
        offset += 4
    while offset < length:
        hash_value ^= (data[offset] * _P5) & _MASK
        hash_value = (_rotate_left(hash_value, 11) * _P1) & _MASK
        offset += 1
    hash_value ^= hash_value >> 33
    hash_value = (hash_value * _P2) & _MASK
    hash_value ^= hash_value >> 29
    hash_value = (hash_value * _P3) & _MASK
    return hash_value ^ (hash_value >> 32)


# ---------------------------------------------------------------------------------------------
# The .mlog container (docs/log-format.md): frames, block descriptors, and for `--codec none`
# the records themselves, so that forged logs can be resealed with every checksum recomputed.

SKIPPABLE_MAGIC = 0x184D2A5E
DESCRIPTOR_LAYOUT = "<IBIIQQQQIIQQQQQQQ"
DESCRIPTOR_FIELDS = ("block_index", "codec", "record_count", "input_count", "first_time",
                     "last_time", "first_seq", "last_seq", "uncompressed_bytes",
                     "compressed_bytes", "checksum", "frame_checksum", "checkpoint_seq",
                     "deliveries", "event_digest", "decision_digest", "input_digest")
TRAILER_LAYOUT = "<QIQQQQQQQQ32sQ"
TRAILER_FIELDS = ("index_offset", "block_count", "record_count", "input_count", "decision_count",
                  "deliveries", "input_digest", "digest", "decision_digest", "end_time",
                  "stop_reason", "clean_close")
RAW_FRAME_HEADER_BYTES = 12   # zstd magic, descriptor 0xa0, 4-byte content size, raw block header


@dataclasses.dataclass
class Frame:
    """One frame of a log: `kind` is MTHD, MTBD, MTIX, MTTR or DATA; `raw` its bytes as stored."""
    kind: str
    offset: int
    raw: bytes


def parse_frames(data):
    """Splits a well-formed log into frames (a data frame's length comes from its descriptor)."""
    frames, offset, data_length = [], 0, None
    while offset < len(data):
        if data_length is not None:
            frames.append(Frame("DATA", offset, data[offset:offset + data_length]))
            offset, data_length = offset + data_length, None
            continue
        magic, size = struct.unpack_from("<II", data, offset)
        if magic != SKIPPABLE_MAGIC:
            raise ValueError(f"byte {offset}: expected a metadata frame")
        raw = data[offset:offset + 8 + size]
        kind = raw[8:12].decode("ascii")
        if kind == "MTBD":
            data_length = descriptor_values(raw)["compressed_bytes"]
        frames.append(Frame(kind, offset, raw))
        offset += 8 + size
    return frames


def metadata_body(frame_raw):
    """The body of a metadata frame: after its frame header and kind, before its checksum."""
    return frame_raw[12:-8]


def seal_metadata(kind, body):
    """A metadata frame with its checksum: `kind | body | xxh64(kind | body)`."""
    payload = kind.encode("ascii") + body
    payload += struct.pack("<Q", xxh64(payload))
    return struct.pack("<II", SKIPPABLE_MAGIC, len(payload)) + payload


def unpack_fields(layout, names, body):
    """The fields this script knows, and in `_rest` any a later format appended (kept as is)."""
    values = dict(zip(names, struct.unpack_from(layout, body)))
    values["_rest"] = body[struct.calcsize(layout):]
    return values


def pack_fields(layout, names, values):
    return struct.pack(layout, *[values[name] for name in names]) + values.get("_rest", b"")


def descriptor_values(frame_raw):
    return unpack_fields(DESCRIPTOR_LAYOUT, DESCRIPTOR_FIELDS, metadata_body(frame_raw))


def descriptor_frame(values):
    return seal_metadata("MTBD", pack_fields(DESCRIPTOR_LAYOUT, DESCRIPTOR_FIELDS, values))


def trailer_values(frame_raw):
    return unpack_fields(TRAILER_LAYOUT, TRAILER_FIELDS, metadata_body(frame_raw))


def trailer_frame(values):
    return seal_metadata("MTTR", pack_fields(TRAILER_LAYOUT, TRAILER_FIELDS, values))


def header_fields(frame_raw):
    """The header's fields with their byte spans inside the body, in file order."""
    body, fields, offset = metadata_body(frame_raw), {}, 0

    def take(name, layout):
        nonlocal offset
        fields[name] = (offset, struct.calcsize(layout), struct.unpack_from(layout, body, offset)[0])
        offset += struct.calcsize(layout)

    def take_string(name):
        nonlocal offset
        length = struct.unpack_from("<I", body, offset)[0]
        fields[name] = (offset, 4 + length, body[offset + 4:offset + 4 + length])
        offset += 4 + length

    for name, layout in (("magic", "<Q"), ("format_version", "<H"), ("schema_version", "<H")):
        take(name, layout)
    take_string("build")
    for name, layout in (("mode", "<B"), ("seed", "<Q"), ("start_time", "<Q"), ("end_time", "<Q")):
        take(name, layout)
    take_string("scenario_name")
    take_string("scenario_text")
    for name, layout in (("scenario_digest", "<Q"), ("codec", "<B"), ("level", "<i"), ("block_bytes", "<I")):
        take(name, layout)
    return fields


def header_with(frame_raw, name, value):
    """The header frame with one fixed-width field replaced, checksum recomputed."""
    body = bytearray(metadata_body(frame_raw))
    offset, width, _ = header_fields(frame_raw)[name]
    layout = {1: "<B", 2: "<H", 4: "<I", 8: "<Q"}[width]
    if name == "level":
        layout = "<i"
    struct.pack_into(layout, body, offset, value)
    return seal_metadata("MTHD", bytes(body))


def header_with_scenario_text(frame_raw, text):
    """The header frame with another embedded scenario (and its digest), checksum recomputed."""
    body = metadata_body(frame_raw)
    fields = header_fields(frame_raw)
    text_offset, text_width, _ = fields["scenario_text"]
    new_body = bytearray(body[:text_offset] + struct.pack("<I", len(text)) + text + body[text_offset + text_width:])
    digest_offset = fields["scenario_digest"][0] + len(text) + 4 - text_width
    struct.pack_into("<Q", new_body, digest_offset, xxh64(text))
    return seal_metadata("MTHD", bytes(new_body))


def read_varint(data, offset):
    value, shift = 0, 0
    while True:
        byte = data[offset]
        value |= (byte & 0x7F) << shift
        offset += 1
        if byte < 0x80:
            return value, offset
        shift += 7


def encode_varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag_decode(value):
    return (value >> 1) ^ -(value & 1)


def zigzag_encode(value):
    return (value << 1) ^ (value >> 63) if value >= 0 else ((-value) << 1) - 1


def decode_records(block):
    """Records of one uncompressed block: dicts with kind, absolute time/seq, spans and payload."""
    records, offset, time_ns, sequence = [], 0, 0, 0
    while offset < len(block):
        start, kind = offset, block[offset]
        delta_time, offset = read_varint(block, offset + 1)
        time_field = (start + 1, offset)
        time_ns += zigzag_decode(delta_time)
        record = {"kind": kind, "start": start, "time": time_ns, "time_field": time_field}
        if kind == 1:
            delta_sequence, offset = read_varint(block, offset)
            sequence += delta_sequence
            record["sequence"] = sequence
            record["topic"], offset = read_varint(block, offset)
            record["tag"], offset = read_varint(block, offset)
            _, offset = read_varint(block, offset)
            offset += 1
        else:
            _, offset = read_varint(block, offset)
            record["tag"], offset = read_varint(block, offset)
        length, offset = read_varint(block, offset)
        record["payload"] = block[offset:offset + length]
        offset += length
        record["end"] = offset
        records.append(record)
    return records


def chain_input_digest(previous, record):
    canonical = struct.pack("<QQIH", record["time"] & _MASK, record["sequence"], record["topic"], record["tag"])
    return xxh64(canonical + record["payload"], seed=previous)


def reseal_raw_log(frames, blocks):
    """Rebuilds a `--codec none` log from (possibly edited) uncompressed blocks, recomputing
    every checksum, the input-digest chain, the index offsets and the trailer: a forgery that
    only semantic checks (header bound to body, time order, checkpoints) can catch."""
    header = frames[0].raw
    out, index_entries, input_digest, block_number = bytearray(header), [], 0, 0
    last_descriptor = None
    for frame in frames[1:]:
        if frame.kind != "MTBD":
            continue
        values = descriptor_values(frame.raw)
        block = blocks[block_number]
        for record in decode_records(block):
            if record["kind"] == 1:
                input_digest = chain_input_digest(input_digest, record)
        data_frame = (struct.pack("<IBI", 0xFD2FB528, 0xA0, len(block))
                      + struct.pack("<I", (len(block) << 3) | 1)[:3] + block)
        values.update(uncompressed_bytes=len(block), compressed_bytes=len(data_frame), checksum=xxh64(block),
                      frame_checksum=xxh64(data_frame), input_digest=input_digest)
        index_entries.append(struct.pack("<QQQQI", len(out), values["first_time"], values["last_time"],
                                         values["first_seq"], values["record_count"]))
        out += descriptor_frame(values) + data_frame
        last_descriptor, block_number = values, block_number + 1
    trailer = trailer_values(next(f for f in frames if f.kind == "MTTR").raw)
    trailer.update(index_offset=len(out), input_digest=input_digest)
    out += seal_metadata("MTIX", struct.pack("<I", len(index_entries)) + b"".join(index_entries))
    out += trailer_frame(trailer)
    return bytes(out), last_descriptor


def raw_blocks(frames):
    return [frame.raw[RAW_FRAME_HEADER_BYTES:] for frame in frames if frame.kind == "DATA"]


# ---------------------------------------------------------------------------------------------
# Running the binary and judging what it did.

@dataclasses.dataclass
class Outcome:
    command: list
    exit_code: int = None
    signal_name: str = None
    timed_out: bool = False
    seconds: float = 0.0
    output: str = ""
    stdin_path: str = None

    def shell(self):
        """The command as one pastes it: quoted, with its standard input and pipes."""
        text = " ".join(part if part in ("|",) else shlex.quote(part) for part in self.command)
        return text + (f" < {shlex.quote(self.stdin_path)}" if self.stdin_path else "")

    def summary(self):
        if self.timed_out:
            return "timeout"
        if self.signal_name:
            return self.signal_name
        return f"exit {self.exit_code}"


@dataclasses.dataclass
class Verdict:
    """One command's classification within a case."""
    step: str
    outcome: Outcome
    label: str
    reason: str


class Campaign:
    """Settings shared by every case, and the one place that starts processes."""

    def __init__(self, arguments):
        self.binary = os.path.abspath(arguments.binary)
        self.timeout_seconds = arguments.timeout
        self.out_directory = os.path.abspath(arguments.out)
        self.cases_directory = os.path.join(self.out_directory, "cases")
        self.base_directory = os.path.join(self.out_directory, "bases")
        self.working_directory = os.getcwd()
        self.environment = dict(os.environ)
        self.environment["SWIFT_BACKTRACE"] = "enable=no" if arguments.no_backtraces else COMPACT_BACKTRACE
        self.environment.pop("METRONOME_PLANTED_BUG", None)

    def run(self, arguments, stdin_path=None, environment=None, timeout_seconds=None):
        """Runs `metronome ARGUMENTS` in its own process group, killed as a group at the timeout."""
        command = [self.binary] + [str(argument) for argument in arguments]
        outcome = Outcome(command, stdin_path=stdin_path)
        started = time.monotonic()
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            process = subprocess.Popen(command, cwd=self.working_directory, stdin=stdin,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       env=environment or self.environment, start_new_session=True)
            try:
                output, _ = process.communicate(timeout=timeout_seconds or self.timeout_seconds)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                output, _ = process.communicate()
                outcome.timed_out = True
        finally:
            if stdin_path:
                stdin.close()
        outcome.seconds = time.monotonic() - started
        record_exit(outcome, process.returncode)
        outcome.output = tail_text(output)
        return outcome


def record_exit(outcome, return_code):
    if outcome.timed_out:
        return
    if return_code < 0:
        outcome.signal_name = signal.Signals(-return_code).name
    else:
        outcome.exit_code = return_code


def tail_text(output):
    """The first and last lines of an output, enough to see the message without megabytes."""
    text = output.decode("utf-8", errors="replace")
    if len(text) <= OUTPUT_KEPT_BYTES:
        return text
    half = OUTPUT_KEPT_BYTES // 2
    return text[:half] + "\n[…]\n" + text[-half:]


def judge_signals(step, outcome):
    """crash or hang, whatever the command; None when it ended on its own."""
    if outcome.timed_out:
        return Verdict(step, outcome, "hang", f"no exit within the timeout — killed after {outcome.seconds:.1f} s")
    if outcome.signal_name:
        message = CRASH_MESSAGE_PATTERN.search(outcome.output)
        location = CRASH_LOCATION_PATTERN.search(outcome.output)
        what = f": {message.group(1)}" if message else ""
        where = f" at {location.group(1)}" if location else ""
        return Verdict(step, outcome, "crash", f"killed by {outcome.signal_name}{what}{where}")
    return None


def judge_error(step, outcome, file_names, position_expected):
    """error when exit 1/2 names the file (and a position where one applies), else unclear."""
    if outcome.exit_code not in (1, 2):
        return Verdict(step, outcome, "unclear", f"exit code {outcome.exit_code} is none of 0, 1, 2")
    named = any(name in outcome.output for name in file_names)
    positioned = POSITION_PATTERN.search(outcome.output) is not None
    if not named:
        return Verdict(step, outcome, "unclear", "the message does not name the file")
    whole_file = WHOLE_FILE_PATTERN.search(outcome.output) is not None
    if position_expected and not positioned and not whole_file:
        return Verdict(step, outcome, "unclear", "the message gives no position")
    return Verdict(step, outcome, "error", "clean error")


def judge_must_refuse(step, outcome, file_names, what):
    """For a command that must not accept its input: exit 0 is wrong."""
    verdict = judge_signals(step, outcome)
    if verdict:
        return verdict
    if outcome.exit_code == 0:
        return Verdict(step, outcome, "wrong", f"exit 0 on {what}")
    return judge_error(step, outcome, file_names, position_expected=True)


def judge_may_accept(step, outcome, file_names, position_expected=True):
    verdict = judge_signals(step, outcome)
    if verdict:
        return verdict
    if outcome.exit_code == 0:
        return Verdict(step, outcome, "ok", "accepted")
    return judge_error(step, outcome, file_names, position_expected)


def worst(verdicts):
    return max(verdicts, key=lambda verdict: CLASS_SEVERITY.index(verdict.label))


@dataclasses.dataclass
class Case:
    """One hostile input and how to run it: `execute(campaign, case)` returns its verdicts."""
    identifier: str
    family: str
    kind: str
    directory: str
    execute: object
    parameters: dict


# ---------------------------------------------------------------------------------------------
# Family 1: damaged logs.

BASE_LOGS = {
    # name: (run arguments, what it is) — calm-day, 10 simulated minutes, as issue 18 asks; the
    # 64 KiB blocks give seven blocks, so frame boundaries and block moves have room.
    "zstd": (["--until", "10m"], "zstd, one 1 MiB block"),
    "zstd-blocks": (["--until", "10m", "--block-size", "65536"], "zstd, 64 KiB blocks"),
    "lz4-blocks": (["--until", "10m", "--codec", "lz4", "--block-size", "65536"], "lz4, 64 KiB blocks"),
    "none-blocks": (["--until", "10m", "--codec", "none", "--block-size", "65536"], "stored blocks"),
    "seed-7": (["--until", "10m", "--seed", "7", "--block-size", "65536"], "the body for a swapped header"),
    "seed-42": (["--until", "10m", "--seed", "42", "--block-size", "65536"], "the header to swap in"),
}
MUTABLE_BASES = ("zstd", "zstd-blocks", "lz4-blocks", "none-blocks")


def record_base_logs(campaign):
    """Records the base logs once; a binary that cannot record them ends the campaign (exit 2)."""
    os.makedirs(campaign.base_directory, exist_ok=True)
    paths = {}
    for name, (arguments, _) in BASE_LOGS.items():
        path = os.path.join(campaign.base_directory, f"{name}.mlog")
        outcome = campaign.run(["run", "calm-day", "--record", path, "--quiet"] + arguments)
        if outcome.exit_code != 0 or not os.path.exists(path):
            sys.exit(f"hostile-campaign: cannot record the base log {name}: {outcome.summary()}\n{outcome.output}")
        paths[name] = path
    return paths


def damage_bit_flip(rng, data, frames):
    """Flips one bit, in a frame chosen uniformly (so small metadata frames get hit too)."""
    frame = rng.choice(frames)
    offset = frame.offset + rng.randrange(len(frame.raw))
    damaged = bytearray(data)
    damaged[offset] ^= 1 << rng.randrange(8)
    return bytes(damaged), f"bit flip at byte {offset} ({frame.kind} frame at {frame.offset})", False


def damage_insert(rng, data, frames):
    offset = rng.randrange(len(data) + 1)
    inserted = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return data[:offset] + inserted + data[offset:], f"{len(inserted)} bytes inserted at byte {offset}", False


def damage_delete(rng, data, frames):
    offset = rng.randrange(len(data))
    count = rng.randint(1, 16)
    return data[:offset] + data[offset + count:], f"{count} bytes deleted at byte {offset}", False


def damage_truncate_random(rng, data, frames):
    offset = rng.randrange(len(data))
    return data[:offset], f"truncated at byte {offset} of {len(data)}", False


def block_pairs(frames):
    """(descriptor, data) pairs in order."""
    return [(frames[i], frames[i + 1]) for i, frame in enumerate(frames) if frame.kind == "MTBD"]


def reassemble(frames, pairs):
    head = frames[0].raw
    tail = b"".join(frame.raw for frame in frames if frame.kind in ("MTIX", "MTTR"))
    return head + b"".join(descriptor.raw + data.raw for descriptor, data in pairs) + tail


def damage_blocks(rng, data, frames):
    """Duplicates, swaps or removes whole blocks (each frame intact, the order not)."""
    pairs = block_pairs(frames)
    if not pairs:
        return damage_bit_flip(rng, data, frames)
    operation = rng.choice(["duplicate", "swap", "remove"] if len(pairs) > 1 else ["duplicate"])
    first = rng.randrange(len(pairs))
    if operation == "duplicate":
        pairs.insert(first, pairs[first])
        return reassemble(frames, pairs), f"block {first} duplicated", False
    if operation == "remove":
        del pairs[first]
        return reassemble(frames, pairs), f"block {first} removed", False
    second = rng.choice([index for index in range(len(pairs)) if index != first])
    pairs[first], pairs[second] = pairs[second], pairs[first]
    return reassemble(frames, pairs), f"blocks {first} and {second} swapped", False


RANDOM_DAMAGES = (damage_bit_flip, damage_bit_flip, damage_insert, damage_delete, damage_truncate_random,
                  damage_blocks)


def cut_damages(data, frames):
    """Truncation at every frame boundary, the trailer or the index removed."""
    damages = []
    for frame in frames[1:]:
        damages.append((f"truncate-boundary-{frame.offset}", data[:frame.offset],
                        f"truncated at the frame boundary at byte {frame.offset} (before {frame.kind})", True))
    damages.append(("trailer-removed", data[:frames[-1].offset], "trailer removed (index kept)", True))
    index_frame = next(frame for frame in frames if frame.kind == "MTIX")
    damages.append(("index-removed", data[:index_frame.offset] + frames[-1].raw,
                    "index removed, trailer kept", False))
    return damages


def forged_header_damages(data, frames):
    header = frames[0].raw
    rest = data[len(header):]
    fields = header_fields(header)
    seed, start, mode = fields["seed"][2], fields["start_time"][2], fields["mode"][2]
    forged = [("forged-header-seed", header_with(header, "seed", seed ^ 1), "header seed changed"),
              ("forged-header-start", header_with(header, "start_time", start - 3_600_000_000_000),
               "header start an hour earlier"),
              ("forged-header-end", header_with(header, "end_time", start + 60_000_000_000),
               "header end_time one minute after the start"),
              ("forged-header-mode", header_with(header, "mode", (mode + 1) % 3), "header mode changed"),
              ("forged-header-codec", header_with(header, "codec", 3 if fields["codec"][2] != 3 else 1),
               "header codec changed"),
              ("forged-header-version", header_with(header, "format_version", 7), "header format_version 7"),
              ("forged-header-block-bytes", header_with(header, "block_bytes", 0), "header block_bytes 0")]
    text = fields["scenario_text"][2]
    edited = text.replace(b"max_sector: 0.2", b"max_sector: 0.9")
    if edited != text:
        forged.append(("forged-header-scenario", header_with_scenario_text(header, edited),
                       "embedded scenario's gate.max_sector changed, digest recomputed"))
    return [(name, new_header + rest, f"{what} (checksum recomputed)", False) for name, new_header, what in forged]


def forged_descriptor_damages(frames):
    pairs = block_pairs(frames)
    target = len(pairs) // 2
    descriptor = descriptor_values(pairs[target][0].raw)
    changes = [("checkpoint-zero", {"checkpoint_seq": 0}, "checkpoint_seq 0"),
               ("more-inputs", {"input_count": descriptor["input_count"] + 1000,
                                "record_count": descriptor["record_count"]}, "input_count 1000 more than records"),
               ("more-records", {"record_count": descriptor["record_count"] + 1000}, "record_count 1000 more"),
               ("fewer-records", {"record_count": max(0, descriptor["record_count"] - 1)}, "record_count one less"),
               ("time-backwards", {"first_time": descriptor["first_time"] - 3_600_000_000_000},
                "first_time an hour back"),
               ("deliveries", {"deliveries": descriptor["deliveries"] + 1}, "deliveries one more")]
    damages = []
    for name, change, what in changes:
        forged = dict(descriptor, **change)
        new_pairs = list(pairs)
        new_pairs[target] = (Frame("MTBD", 0, descriptor_frame(forged)), pairs[target][1])
        damages.append((f"forged-descriptor-{name}", reassemble(frames, new_pairs),
                        f"block {target} descriptor {what} (checksum recomputed)", False))
    return damages


def forged_trailer_damages(frames):
    trailer = trailer_values(frames[-1].raw)
    changes = [("digest", {"digest": trailer["digest"] ^ 1}, "digest changed"),
               ("record-count", {"record_count": trailer["record_count"] + 1}, "record_count one more"),
               ("stop-reason", {"stop_reason": b"recovered".ljust(32, b"\0")}, "stop_reason 'recovered'"),
               ("clean-close", {"clean_close": 0}, "clean_close marker zeroed")]
    head = b"".join(frame.raw for frame in frames[:-1])
    return [(f"forged-trailer-{name}", head + trailer_frame(dict(trailer, **change)),
             f"trailer {what} (checksum recomputed)", False) for name, change, what in changes]


def forged_record_damages(data, frames):
    """For stored (`none`) blocks: records edited and the whole log resealed — every checksum,
    the input-digest chain, the index and the trailer recomputed."""
    blocks = raw_blocks(frames)
    damages = []
    target = len(blocks) // 2
    records = decode_records(blocks[target])
    inputs = [record for record in records[1:] if record["kind"] == 1]
    record = inputs[len(inputs) // 2]
    previous_time = next(r["time"] for r in reversed(records) if r["end"] <= record["start"])
    start, end = record["time_field"]
    # The same encoded width, pointing as far back as that width allows (≈ 17 s for 5 bytes).
    width = end - start
    back = -((1 << (7 * width - 1)) - 1) // 2
    replacement = encode_varint(zigzag_encode(back))
    if len(replacement) == width:
        block = blocks[target][:start] + replacement + blocks[target][end:]
        edited = list(blocks)
        edited[target] = block
        forged, _ = reseal_raw_log(frames, edited)
        damages.append(("forged-record-time-backwards", forged,
                        f"block {target} record at {record['start']}: time {previous_time + back} ns, "
                        f"{-back} ns before the previous record (resealed)", False))
    payload_record = inputs[-1]
    block = bytearray(blocks[target])
    block[payload_record["end"] - 9] ^= 0x01
    edited = list(blocks)
    edited[target] = bytes(block)
    forged, _ = reseal_raw_log(frames, edited)
    damages.append(("forged-record-payload", forged,
                    f"block {target}: one payload byte of an input changed (resealed)", False))
    return damages


def swapped_header_damage(paths):
    """The seed-42 log's header on the seed-7 log's body: each frame's checksum valid as written."""
    body = open(paths["seed-7"], "rb").read()
    header = parse_frames(open(paths["seed-42"], "rb").read())[0].raw
    return header + body[len(parse_frames(body)[0].raw):]


def family_damaged_logs(campaign, rng, case_count, paths, quick=False):
    """Family 1. Damaged logs: random bit flips, insertions, deletions, truncations and block
    moves on four base logs (zstd, zstd/lz4/stored in 64 KiB blocks), plus every frame-boundary
    truncation, the trailer or index removed, forged header/descriptor/trailer fields and records
    with checksums recomputed, and the seed-42 header on the seed-7 body. Each is run through
    `log verify`, `replay --verify`, `log recover` (and `log verify` of what it wrote),
    `log cat`, `diff BASE DAMAGED` and `log inspect`."""
    cases, enumerated = [], []
    for base_name in (("zstd-blocks", "none-blocks") if quick else MUTABLE_BASES):
        data = open(paths[base_name], "rb").read()
        groups = [("cuts", lambda frames: cut_damages(data, frames)),
                  ("forged headers", lambda frames: forged_header_damages(data, frames)),
                  ("forged descriptors", forged_descriptor_damages), ("forged trailers", forged_trailer_damages)]
        if base_name == "none-blocks":
            groups.append(("forged records", lambda frames: forged_record_damages(data, frames)))
        for group, damages in groups:
            enumerated.extend(understood_or_skipped(f"{group} of {base_name}", lambda: [
                (base_name,) + damage for damage in damages(parse_frames(data))]))
    enumerated.extend(understood_or_skipped("the swapped header", lambda: [
        ("seed-7", "header-swap-seed-42", swapped_header_damage(paths), "the seed-42 log's header on the seed-7 body",
         False)]))
    for base_name, name, damaged, what, prefix in enumerated:
        cases.append(log_case(campaign, len(cases), base_name, name, damaged, what, prefix, paths))
    bases = {name: open(paths[name], "rb").read() for name in MUTABLE_BASES}
    parsed = {name: understood_or_skipped(f"frames of {name}", lambda data=data: parse_frames(data))
              or [Frame("FILE", 0, data)] for name, data in bases.items()}
    for _ in range(case_count):
        base_name = rng.choice(MUTABLE_BASES)
        damage = rng.choice(RANDOM_DAMAGES)
        damaged, what, prefix = damage(rng, bases[base_name], parsed[base_name])
        if damaged == bases[base_name]:
            continue
        name = damage.__name__.replace("damage_", "").replace("_", "-")
        cases.append(log_case(campaign, len(cases), base_name, name, damaged, what, prefix, paths))
    cases.append(closed_pipe_case(campaign, len(cases), paths))
    return cases


FORMAT_ERRORS = (ValueError, struct.error, KeyError, IndexError, StopIteration, UnicodeDecodeError)


def understood_or_skipped(what, build):
    """Forgeries follow format version 2's layout; a build that writes another layout gets the
    random damage only, and the campaign says what it skipped."""
    try:
        return build()
    except FORMAT_ERRORS as error:
        print(f"hostile-campaign: note: {what} skipped, the log layout is not version 2's ({error!r})",
              file=sys.stderr)
        return []


def log_case(campaign, number, base_name, name, damaged, what, prefix, paths):
    identifier = f"log-{number:04d}-{base_name}-{name}"
    directory = os.path.join(campaign.cases_directory, "damaged-logs", identifier)
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, "damaged.mlog")
    with open(path, "wb") as handle:
        handle.write(damaged)
    return Case(identifier, "damaged-logs", name, directory, execute_damaged_log,
                {"input": path, "base": paths[base_name], "records_in_file": records_in_file(paths[base_name], damaged),
                 "damage": what,
                 "prefix": prefix, "input_sha256": hashlib.sha256(damaged).hexdigest()})


def records_in_file(base_path, damaged):
    """The original's records the damaged file still declares: for a truncation, those of the
    blocks whose descriptor survived; otherwise all (later blocks are still in the file)."""
    base = open(base_path, "rb").read()
    try:
        frames = parse_frames(base)
        if damaged != base[:len(damaged)]:
            return trailer_values(frames[-1].raw)["record_count"]
        return sum(descriptor_values(frame.raw)["record_count"] for frame in frames
                   if frame.kind == "MTBD" and frame.offset + len(frame.raw) <= len(damaged))
    except FORMAT_ERRORS:
        return None   # a layout this script does not know: the loss count is not checked


def execute_damaged_log(campaign, case):
    damaged, base = case.parameters["input"], case.parameters["base"]
    names = [os.path.basename(damaged), damaged]
    verdicts = [judge_must_refuse("log verify", campaign.run(["log", "verify", damaged]), names, "a damaged log")]
    verdicts.append(judge_replay_verify(campaign.run(["replay", damaged, "--verify", "--quiet"]), names,
                                        case.parameters["prefix"]))
    verdicts.extend(judge_recover(campaign, case, damaged, names))
    cat = campaign.run(["log", "cat", damaged])
    verdicts.append(judge_may_accept("log cat", cat, names) if forged(case)
                    else judge_must_refuse("log cat", cat, names, "a damaged log"))
    diff = campaign.run(["diff", base, damaged])
    verdicts.append(judge_may_accept("diff", diff, names) if forged_metadata_only(case)
                    else judge_must_refuse("diff", diff, names, "a damaged log (\"same run\")"))
    verdicts.append(judge_may_accept("log inspect", campaign.run(["log", "inspect", damaged, "--blocks"]), names))
    return verdicts


def forged(case):
    """Checksums recomputed: only semantic checks can tell, so `log cat` may print it."""
    return "recomputed" in case.parameters["damage"] or "resealed" in case.parameters["damage"] \
        or "swap" in case.kind


def forged_metadata_only(case):
    """Header, descriptor or trailer fields forged, records untouched: `diff` may call it the
    same run (the records are), though `log verify` and `replay --verify` must not pass it."""
    return "recomputed" in case.parameters["damage"] or "swap" in case.kind


def judge_replay_verify(outcome, names, prefix):
    """Exit 0 on a damaged log is wrong, unless the log is an intact prefix of the original and
    the output says only part was verified."""
    verdict = judge_signals("replay --verify", outcome)
    if verdict:
        return verdict
    if outcome.exit_code == 0:
        partial = re.search(r"up to|recovered|not closed|no trailer|partial", outcome.output, re.IGNORECASE)
        if prefix and partial:
            return Verdict("replay --verify", outcome, "ok", "verified a prefix, said so")
        return Verdict("replay --verify", outcome, "wrong", "exit 0 (verified) on a damaged log")
    if prefix and outcome.exit_code in (1, 2) and not re.search(r"recover|trailer|not closed", outcome.output):
        return Verdict("replay --verify", outcome, "unclear",
                       "an unclosed log, and the message says neither so nor `log recover`")
    return judge_error("replay --verify", outcome, names, position_expected=True)


def judge_recover(campaign, case, damaged, names):
    """`log recover` may succeed or refuse; what it writes must then pass `log verify`."""
    recovered = os.path.join(case.directory, "recovered.mlog")
    outcome = campaign.run(["log", "recover", damaged, recovered])
    verdict = judge_signals("log recover", outcome)
    if verdict:
        return [verdict]
    if outcome.exit_code != 0 or not os.path.exists(recovered):
        return [judge_error("log recover", outcome, names, position_expected=True)]
    verdicts = [judge_loss_count(outcome, recovered, case.parameters.get("records_in_file"))
                if loss_countable(case) else Verdict("log recover", outcome, "ok", "wrote a recovered log")]
    check = campaign.run(["log", "verify", recovered])
    verdict = judge_signals("log verify (recovered)", check)
    if verdict:
        verdicts.append(verdict)
    elif check.exit_code != 0:
        verdicts.append(Verdict("log verify (recovered)", check, "wrong",
                                "log recover exited 0 but its output does not verify"))
    else:
        verdicts.append(Verdict("log verify (recovered)", check, "ok", "the recovered log verifies"))
    return verdicts


LOSS_COUNT_PATTERN = re.compile(r"([\d,]+) records lost")


def loss_countable(case):
    """Damage that only removes or spoils the original's records (truncation, flips, inserted
    or deleted bytes, swapped blocks): the records lost are the original's minus those kept. A
    duplicated or removed block, or a forgery, makes "lost" a matter of definition."""
    what = case.parameters.get("damage", "")
    return not forged(case) and "duplicated" not in what and "removed" not in what


def judge_loss_count(outcome, recovered, base_records):
    """When `log recover` states how many records it lost, that must be the records the damaged
    file declares minus the recovered log's (read from its trailer, not from recover's words)."""
    claims = LOSS_COUNT_PATTERN.findall(outcome.output)
    if base_records is None or not claims:
        return Verdict("log recover", outcome, "ok", "wrote a recovered log")
    try:
        kept = trailer_values(parse_frames(open(recovered, "rb").read())[-1].raw)["record_count"]
    except (ValueError, struct.error, KeyError, IndexError, UnicodeDecodeError):
        return Verdict("log recover", outcome, "ok", "wrote a log the verify step judges")
    claimed = sum(int(claim.replace(",", "")) for claim in claims)
    if kept <= base_records and claimed != base_records - kept:
        return Verdict("log recover", outcome, "wrong", "the count of records lost is not the number lost"
                       f" — says {claimed}; {base_records - kept} of {base_records} were")
    return Verdict("log recover", outcome, "ok", f"{claimed} records lost, counted exactly")


def closed_pipe_case(campaign, number, paths):
    identifier = f"log-{number:04d}-zstd-cat-closed-pipe"
    directory = os.path.join(campaign.cases_directory, "damaged-logs", identifier)
    os.makedirs(directory, exist_ok=True)
    return Case(identifier, "damaged-logs", "cat-closed-pipe", directory, execute_closed_pipe,
                {"input": paths["zstd"], "damage": "none: `log cat` whose reader closes after one line"})


def execute_closed_pipe(campaign, case):
    """`log cat LOG | head -1`: the reader goes away; the command must end quietly (no signal)."""
    command = [campaign.binary, "log", "cat", case.parameters["input"]]
    outcome = Outcome(command + ["|", "head", "-1"])
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=campaign.working_directory, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=campaign.environment, start_new_session=True)
    killed = threading.Event()

    def kill_at_timeout():
        killed.set()
        os.killpg(process.pid, signal.SIGKILL)

    watchdog = threading.Timer(campaign.timeout_seconds, kill_at_timeout)
    watchdog.start()
    process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read()
    process.wait()
    watchdog.cancel()
    outcome.timed_out = killed.is_set()
    outcome.seconds = time.monotonic() - started
    record_exit(outcome, process.returncode)
    outcome.output = tail_text(errors)
    verdict = judge_signals("log cat | head -1", outcome)
    return [verdict or Verdict("log cat | head -1", outcome, "ok", "ended on its own")]


# ---------------------------------------------------------------------------------------------
# Family 2: damaged scenarios.

# Extremes by the kind of value they replace (most of the time), so that times get far-off and
# impossible times, durations get 1ns and 10000000d, and numbers get the Int64 and Double limits.
EXTREME_TIMES = ("2555-01-01T00:00:00Z", "2024-02-30T14:30:00Z", "2024-13-01T00:00:00Z", "9999-12-31T23:59:59Z",
                 "1677-09-21T00:12:43Z", "2262-04-11T23:47:16.854775808Z")
EXTREME_DURATIONS = ("1ns", "0ns", "10000000d", "999999999999h", "106752d", "1ns1ns", "-1s")
EXTREME_NUMBERS = ("0", "-1", "1e308", "-1e308", "9223372036854775807", "-9223372036854775808",
                   "18446744073709551616", "92233720368547758.07", "1e-308", "0.0000000001", ".nan", ".inf")
EXTREME_OTHERS = ("''", "~", "[]", "{}", "x" * 10_000)
# Keys issue 18 names, with the values that reach them: prices and cash near the Int64 limit in
# cents, far-off starts, timer intervals of a nanosecond.
PRICE_EXTREMES = ("92233720368547758.07", "92233720368547758.06", "46116860184273879.03", "0.01")
INTERVAL_EXTREMES = ("1ns", "1us", "10000000d")
HOT_KEY_EXTREMES = {"initial_price": PRICE_EXTREMES, "initial_cash": PRICE_EXTREMES,
                    "start": ("2555-01-01T00:00:00Z", "2262-04-11T23:47:16Z", "2262-04-11"),
                    "end": ("2555-01-01T00:00:00Z", "2262-04-11T23:47:16Z"),
                    "duration": ("10000000d", "106751d", "1ns"), "interval": INTERVAL_EXTREMES,
                    "evaluation_interval": INTERVAL_EXTREMES, "publish_interval": INTERVAL_EXTREMES,
                    "bar_interval": INTERVAL_EXTREMES, "max_size": ("9223372036854775807", "4611686018427387904"),
                    "price_precision": ("18", "19", "255")}
MUST_REFUSE_VALUES = ("2024-02-30T14:30:00Z", "2024-13-01T00:00:00Z")
TIME_VALUE_PATTERN = re.compile(r"^\d{4}-\d\d-\d\d")
DURATION_VALUE_PATTERN = re.compile(r"^\d+(ns|us|µs|ms|s|m|h|d)")
NUMBER_VALUE_PATTERN = re.compile(r"^[-+]?[\d.]+(e[-+]?\d+)?$", re.IGNORECASE)
SCALAR_PATTERN = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][\w.-]*:\s+)([^{}\[\]#\s][^#]*?)\s*(#.*)?$")
FLOW_PATTERN = re.compile(r"([A-Za-z_][\w.-]*):\s*([^,{}\[\]]+?)\s*(?=[,}])")
KEY_LINE_PATTERN = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w.-]*:")
HUGE_SYMBOL_COUNTS = (1000, 4000, 8000)


def value_spans(text):
    """(start, end, key) of every scalar value: `key: value` lines and `k: v` in flow maps."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        match = SCALAR_PATTERN.match(line.rstrip("\n"))
        if match:
            key = match.group(1).strip().lstrip("-").strip().rstrip(":")
            spans.append((offset + match.start(2), offset + match.end(2), key))
        elif "{" in line:
            spans.extend((offset + m.start(2), offset + m.end(2), m.group(1)) for m in FLOW_PATTERN.finditer(line))
        offset += len(line)
    return spans


def value_kind(value):
    for kind, pattern in (("time", TIME_VALUE_PATTERN), ("duration", DURATION_VALUE_PATTERN),
                          ("number", NUMBER_VALUE_PATTERN)):
        if pattern.match(value.strip("'\"")):
            return kind
    return "other"


def pick_span(rng, text, spans):
    """A value to replace: two times in five a key issue 18 names (prices, cash, start, timer
    intervals), else a kind of value first (time, duration, number, other), then one of it —
    so that the few times in a file are hit as often as the many numbers."""
    hot = [span for span in spans if span[2] in HOT_KEY_EXTREMES]
    if hot and rng.random() < 0.4:
        return rng.choice(hot)
    by_kind = {}
    for span in spans:
        by_kind.setdefault(value_kind(text[span[0]:span[1]]), []).append(span)
    return rng.choice(by_kind[rng.choice(sorted(by_kind))])


def mutate_values(rng, text):
    spans = value_spans(text)
    chosen = {pick_span(rng, text, spans) for _ in range(rng.choice((1, 1, 1, 2, 3)))}
    replaced, notes, must_refuse = text, [], False
    for start, end, key in sorted(chosen, reverse=True):
        original = text[start:end]
        value = extreme_for(rng, key, original)
        # An impossible date is invalid where a time is expected; as a name it is just text.
        must_refuse = must_refuse or (value in MUST_REFUSE_VALUES and value_kind(original) == "time")
        line_number = text.count("\n", 0, start) + 1
        notes.append(f"{key} (line {line_number}): {original!r} → {value!r}")
        replaced = replaced[:start] + value + replaced[end:]
    return replaced.encode("utf-8"), "; ".join(reversed(notes)), must_refuse


def extreme_for(rng, key, original):
    """An extreme for this key or of the original value's kind; one time in five of any kind."""
    pools = {"time": EXTREME_TIMES, "duration": EXTREME_DURATIONS, "number": EXTREME_NUMBERS,
             "other": EXTREME_OTHERS + EXTREME_NUMBERS}
    everything = EXTREME_TIMES + EXTREME_DURATIONS + EXTREME_NUMBERS + EXTREME_OTHERS
    if rng.random() < 0.2:
        return rng.choice(everything)
    if key in HOT_KEY_EXTREMES and rng.random() < 0.5:
        return rng.choice(HOT_KEY_EXTREMES[key])
    return rng.choice(pools[value_kind(original)])


def mutate_delete_key(rng, text):
    lines = text.splitlines(keepends=True)
    candidates = [index for index, line in enumerate(lines) if KEY_LINE_PATTERN.match(line)]
    index = rng.choice(candidates)
    removed = lines.pop(index)
    return "".join(lines).encode("utf-8"), f"line {index + 1} deleted: {removed.strip()!r}", False


def mutate_invalid_utf8(rng, text):
    data = text.encode("utf-8")
    offset = rng.randrange(len(data))
    junk = rng.choice((b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"))
    line_number = data.count(b"\n", 0, offset) + 1
    what = f"invalid UTF-8 {junk.hex()} at byte {offset} (line {line_number})"
    return data[:offset] + junk + data[offset:], what, True


def mutate_huge_universe(rng, text, symbol_count=None):
    symbol_count = symbol_count or rng.choice(HUGE_SYMBOL_COUNTS)
    lines = text.splitlines(keepends=True)
    universe = [index for index, line in enumerate(lines) if re.match(r"^\s*-\s*\{\s*symbol:", line)]
    if not universe:
        return mutate_values(rng, text)
    sectors = re.findall(r"sector:\s*([\w-]+)", "".join(lines[index] for index in universe)) or ["technology"]
    generated = [f"  - {{ symbol: {symbol_name(number)}, sector: {sectors[number % len(sectors)]} }}\n"
                 for number in range(symbol_count)]
    lines[universe[0]:universe[-1] + 1] = generated
    return "".join(lines).encode("utf-8"), f"universe of {symbol_count} symbols", False


def symbol_name(number):
    letters = ""
    for _ in range(4):
        letters = chr(ord("A") + number % 26) + letters
        number //= 26
    return "X" + letters


SCENARIO_MUTATIONS = (mutate_values, mutate_values, mutate_values, mutate_values, mutate_delete_key,
                      mutate_invalid_utf8)


def family_damaged_scenarios(campaign, rng, case_count):
    """Family 2. Damaged scenarios: library scenarios with values replaced by extremes of their
    kind (times: year 2555, 2024-02-30; durations: 1ns, 10000000d; numbers: 0, -1, 1e308,
    Int64.max, …), keys deleted, invalid UTF-8 and universes of thousands of symbols.
    `validate`, and when it accepts, `run --until 10m`."""
    library = os.path.join(campaign.working_directory, "Scenarios", "Library")
    names = sorted(name for name in os.listdir(library) if name.endswith(".yaml"))
    texts = {name: with_absolute_paths(open(os.path.join(library, name), encoding="utf-8").read(), library)
             for name in names}
    plans = [(name, "huge-universe", lambda r, t, n=count: mutate_huge_universe(r, t, n))
             for name, count in (("calm-day.yaml", 1000), ("stress-100.yaml", 4000), ("calm-day.yaml", 8000))]
    for _ in range(case_count):
        mutation = rng.choice(SCENARIO_MUTATIONS)
        plans.append((rng.choice(names), mutation.__name__.replace("mutate_", "").replace("_", "-"), mutation))
    cases = []
    for number, (name, kind, mutation) in enumerate(plans):
        data, what, must_refuse = mutation(rng, texts[name])
        identifier = f"scenario-{number:04d}-{name[:-5]}-{kind}"
        directory = os.path.join(campaign.cases_directory, "damaged-scenarios", identifier)
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, name)
        with open(path, "wb") as handle:
            handle.write(data)
        cases.append(Case(identifier, "damaged-scenarios", kind, directory, execute_damaged_scenario,
                          {"input": path, "damage": what, "must_refuse": must_refuse,
                           "input_sha256": hashlib.sha256(data).hexdigest()}))
    return cases


def with_absolute_paths(text, library):
    """Data paths are relative to the scenario file; the mutants live elsewhere (same length in
    lines, so line numbers still match the library file's)."""
    return re.sub(r"(path:\s*)(\.\.?/[^\s,}]+)",
                  lambda match: match.group(1) + os.path.normpath(os.path.join(library, match.group(2))), text)


def execute_damaged_scenario(campaign, case):
    path = case.parameters["input"]
    names = [os.path.basename(path), path]
    outcome = campaign.run(["validate", path])
    verdict = judge_signals("validate", outcome)
    if verdict:
        return [verdict]
    if outcome.exit_code != 0:
        return [judge_error("validate", outcome, names, position_expected=True)]
    if case.parameters["must_refuse"]:
        return [Verdict("validate", outcome, "wrong", "validate accepted an invalid scenario")]
    verdicts = [Verdict("validate", outcome, "ok", "valid")]
    if case.kind == "huge-universe":
        # Thousands of symbols make a run legitimately long; what must stay bounded is validate.
        return verdicts
    run = campaign.run(["run", path, "--until", "10m", "--quiet"])
    verdict = judge_signals("run --until 10m", run)
    if verdict:
        verdicts.append(verdict)
    elif run.exit_code == 2:
        verdicts.append(Verdict("run --until 10m", run, "wrong", "validate accepted what run refuses (exit 2)"))
    else:
        verdicts.append(judge_may_accept("run --until 10m", run, names, position_expected=False))
    return verdicts


# ---------------------------------------------------------------------------------------------
# Family 3: hostile live feed lines.

LIVE_SYMBOLS = ("ACME", "BOLT", "CORE", "DUNE", "EMBR", "FLUX")
NORMAL_LINES_AROUND = 20


def normal_quote(rng):
    cents = rng.randint(9_900, 10_100)
    return (f'{{"type":"quote","symbol":"{rng.choice(LIVE_SYMBOLS)}","bid":{cents / 100:.2f},'
            f'"ask":{(cents + 2) / 100:.2f},"bid_size":{rng.randint(1, 500)},"ask_size":{rng.randint(1, 500)}}}')


def quote_with(**fields):
    values = {"symbol": '"ACME"', "bid": "99.99", "ask": "100.01", "bid_size": "300", "ask_size": "200"}
    values.update(fields)
    return '{"type":"quote",' + ",".join(f'"{key}":{value}' for key, value in values.items()) + "}"


def trade_with(**fields):
    values = {"symbol": '"ACME"', "price": "100.00", "size": "50", "side": '"buy"'}
    values.update(fields)
    return '{"type":"trade",' + ",".join(f'"{key}":{value}' for key, value in values.items()) + "}"


INT64_MAX = "9223372036854775807"
PRICE_MAX = "92233720368547758.07"
# (line, expectation): "refuse" lines are invalid by docs/live.md and must be quarantined;
# "either" lines are extreme but not invalid by the protocol: only no crash, no end of the run.
HOSTILE_LINE_TEMPLATES = (
    (quote_with(ask_size=INT64_MAX), "either"),
    (quote_with(bid_size=INT64_MAX, ask_size=INT64_MAX), "either"),
    (quote_with(bid_size="9223372036854775808"), "refuse"),
    (quote_with(bid=PRICE_MAX, ask=PRICE_MAX), "either"),
    (quote_with(bid="92233720368547758.06", ask=PRICE_MAX), "either"),
    (quote_with(ask="92233720368547758.08"), "refuse"),
    (quote_with(bid="1e308", ask="1e308"), "either"),
    (quote_with(bid="1e999999999"), "refuse"),
    (quote_with(bid="-100.00"), "refuse"),
    (quote_with(bid="0"), "refuse"),
    (quote_with(bid_size="-1"), "refuse"),
    (quote_with(bid="NaN"), "refuse"),
    (quote_with(bid='"NaN"'), "refuse"),
    (quote_with(bid="Infinity"), "refuse"),
    (quote_with(bid="100.001"), "refuse"),
    (quote_with(bid_size="1.5"), "refuse"),
    (quote_with(bid="0." + "0" * 5000 + "1"), "refuse"),
    (quote_with(bid="1" * 400), "refuse"),
    (quote_with(symbol='"ZZZZ"'), "refuse"),
    (quote_with(symbol='"AC\\u0000ME"'), "refuse"),
    (quote_with(time=INT64_MAX), "either"),
    (quote_with(time="18446744073709551615"), "either"),
    (quote_with(time="-1"), "either"),
    (quote_with(time='"2555-01-01T00:00:00Z"'), "either"),
    (quote_with(time='"2024-02-30T00:00:00Z"'), "refuse"),
    (trade_with(size=INT64_MAX), "either"),
    (trade_with(price=PRICE_MAX, size=INT64_MAX), "either"),
    (trade_with(side='"sideways"'), "refuse"),
    ('{"type":"bar","symbol":"ACME","open":1,"high":1,"low":1,"close":1,"volume":' + INT64_MAX
     + ',"start":' + INT64_MAX + ',"period":' + INT64_MAX + '}', "either"),
    ('{"type":"bar","symbol":"ACME","open":1,"high":1,"low":1,"close":1,"volume":1,"start":0,"period":0}', "either"),
    ('{"type":"alt","kind":"sentiment","symbol":"ACME","value":1e308}', "either"),
    ('{"type":"alt","kind":"sentiment","symbol":"ACME","value":NaN}', "refuse"),
    ('{"type":"alt","kind":"fund_flow","value":-1e308}', "either"),
    ('{"type":"weather","symbol":"ACME"}', "refuse"),
    ('{"type":"quote","symbol":"ACME","bid":99.99}', "refuse"),
    ('{"type":"quote","symbol":{"nested":1},"bid":99.99,"ask":100.01,"bid_size":1,"ask_size":1}', "refuse"),
    ('[1,2,3]', "refuse"),
    ('"just a string"', "refuse"),
    ('{"type":"quote","type":"trade","symbol":"ACME","price":100,"size":1,"side":"buy"}', "either"),
)


def hostile_line(rng):
    """One hostile line (bytes) and its expectation."""
    choice = rng.randrange(len(HOSTILE_LINE_TEMPLATES) + 4)
    if choice < len(HOSTILE_LINE_TEMPLATES):
        line, expectation = HOSTILE_LINE_TEMPLATES[choice]
        return line.encode("utf-8"), expectation, line[:120]
    base = normal_quote(rng).encode("utf-8")
    if choice == len(HOSTILE_LINE_TEMPLATES):
        cut = rng.randrange(1, len(base) - 1)
        return base[:cut], "refuse", f"truncated JSON: {base[:cut].decode()}"
    if choice == len(HOSTILE_LINE_TEMPLATES) + 1:
        position = base.index(b'"symbol":"') + 11
        return base[:position] + b"\xff\xfe" + base[position:], "refuse", "invalid UTF-8 inside the symbol"
    if choice == len(HOSTILE_LINE_TEMPLATES) + 2:
        return b'{"type":"quote","symbol":"' + b"A" * 1_048_576 + b'"}', "refuse", "a 1 MiB line"
    size = rng.choice((4097, 65_536, 1_048_576))
    return base[:-1] + b',"pad":"' + b" " * size + b'"}', "refuse", f"a valid quote padded to {size} bytes"


def family_live_lines(campaign, rng, case_count):
    """Family 3. Hostile live feed lines: one hostile line (extreme sizes and prices, negative,
    NaN, huge exponents, unknown symbols, truncated JSON, invalid UTF-8, 1 MiB lines) between
    normal quotes, fed to `live calm-day --feed stdin --no-record`. The run must end normally,
    refuse the invalid line, and admit every normal line."""
    cases = []
    for number in range(case_count):
        line, expectation, what = hostile_line(rng)
        before = [normal_quote(rng).encode("utf-8") for _ in range(NORMAL_LINES_AROUND)]
        after = [normal_quote(rng).encode("utf-8") for _ in range(NORMAL_LINES_AROUND)]
        identifier = f"live-{number:04d}"
        directory = os.path.join(campaign.cases_directory, "live-lines", identifier)
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, "feed.ndjson")
        data = b"\n".join(before + [line] + after) + b"\n"
        with open(path, "wb") as handle:
            handle.write(data)
        cases.append(Case(identifier, "live-lines", expectation, directory, execute_live_lines,
                          {"input": path, "damage": what, "expectation": expectation,
                           "normal_lines": 2 * NORMAL_LINES_AROUND,
                           "input_sha256": hashlib.sha256(data).hexdigest()}))
    return cases


def execute_live_lines(campaign, case):
    report = os.path.join(case.directory, "live.json")
    outcome = campaign.run(["live", "calm-day", "--feed", "stdin", "--no-record", "--quiet",
                            "--report-json", report], stdin_path=case.parameters["input"])
    step = "live --feed stdin < feed.ndjson"
    verdict = judge_signals(step, outcome)
    if verdict:
        return [verdict]
    if outcome.exit_code != 0:
        return [Verdict(step, outcome, "wrong", f"a feed line ended the run (exit {outcome.exit_code})")]
    live = json.load(open(report))["live"]
    quarantined = sum(live["feed_quarantined"].values())
    normal = case.parameters["normal_lines"]
    if live["feed_admitted"] < normal:
        return [Verdict(step, outcome, "wrong", f"{live['feed_admitted']} of {normal} normal lines admitted")]
    if case.parameters["expectation"] == "refuse" and quarantined < 1:
        return [Verdict(step, outcome, "wrong", "the invalid line was admitted, not quarantined")]
    return [Verdict(step, outcome, "ok", f"{live['feed_admitted']} admitted, {quarantined} quarantined")]


# ---------------------------------------------------------------------------------------------
# Family 4: SIGKILL while recording.

def family_killed_recordings(campaign, rng, case_count):
    """Family 4. SIGKILL while recording: `live calm-day --feed stdin --record` fed quotes, or
    `run calm-day --record`, killed after a seeded random delay; and a live run whose TCP feed
    never connects. Then `replay LOG --verify` and `log recover` must end with a clear message,
    and what recover writes must verify."""
    cases = []
    kinds = ["live-stdin", "run", "live-connect-fail"]
    for number in range(case_count):
        kind = kinds[number % len(kinds)] if number < len(kinds) else rng.choice(kinds[:2])
        delay = round(rng.uniform(0.3, 2.5) if kind == "live-stdin" else rng.uniform(0.05, 1.2), 3)
        identifier = f"kill-{number:04d}-{kind}"
        directory = os.path.join(campaign.cases_directory, "killed-recordings", identifier)
        os.makedirs(directory, exist_ok=True)
        cases.append(Case(identifier, "killed-recordings", kind, directory, execute_killed_recording,
                          {"input": os.path.join(directory, "killed.mlog"), "delay_seconds": delay,
                           "damage": f"{kind}, SIGKILL after {delay} s" if kind != "live-connect-fail"
                           else "live on tcp://127.0.0.1:1 with --connect-timeout 1s", "seed": rng.randrange(1 << 30)}))
    return cases


def record_and_kill(campaign, case):
    """Starts the recording, kills it with SIGKILL after the delay; returns the command run."""
    path, kind = case.parameters["input"], case.kind
    if kind == "run":
        arguments = ["run", "calm-day", "--record", path, "--quiet"]
    elif kind == "live-stdin":
        arguments = ["live", "calm-day", "--feed", "stdin", "--record", path, "--quiet"]
    else:
        arguments = ["live", "calm-day", "--feed", "tcp://127.0.0.1:1", "--connect-timeout", "1s",
                     "--record", path, "--quiet"]
        return campaign.run(arguments)
    command = [campaign.binary] + arguments
    process = subprocess.Popen(command, cwd=campaign.working_directory, stdin=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=campaign.environment, start_new_session=True)
    feeder = threading.Thread(target=feed_quotes, args=(process, random.Random(case.parameters["seed"])), daemon=True)
    if kind == "live-stdin":
        feeder.start()
    time.sleep(case.parameters["delay_seconds"])
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    if kind == "live-stdin":
        feeder.join(timeout=1)
    try:
        process.stdin.close()
    except OSError:   # the reader is dead: what was buffered cannot be flushed
        pass
    return Outcome(command + ["(SIGKILL)"], signal_name="SIGKILL", seconds=case.parameters["delay_seconds"])


def feed_quotes(process, rng):
    """Writes quotes to a live run's standard input until the process dies."""
    try:
        while process.poll() is None:
            process.stdin.write(("\n".join(normal_quote(rng) for _ in range(50)) + "\n").encode("utf-8"))
            process.stdin.flush()
            time.sleep(0.02)
    except (BrokenPipeError, OSError, ValueError):
        pass


def execute_killed_recording(campaign, case):
    path = case.parameters["input"]
    names = [os.path.basename(path), path]
    recording = record_and_kill(campaign, case)
    verdicts = [judge_signals("record", recording) if not recording.signal_name == "SIGKILL" else None]
    verdicts = [verdict for verdict in verdicts if verdict]
    if not os.path.exists(path):
        return verdicts + [Verdict("record", recording, "ok", "no log file was created before the kill")]
    verdicts += [judge_replay_verify(campaign.run(["replay", path, "--verify", "--quiet"]), names, prefix=True)]
    verdicts.extend(judge_recover(campaign, case, path, names))
    recovered = os.path.join(case.directory, "recovered.mlog")
    if os.path.exists(recovered) and verdicts[-1].label == "ok":
        outcome = campaign.run(["replay", recovered, "--verify", "--quiet"])
        verdicts.append(judge_may_accept("replay --verify (recovered)", outcome, [os.path.basename(recovered)]))
    return verdicts


# ---------------------------------------------------------------------------------------------
# Family 5: chaos failures must replay.

# Library scenarios (none has a `chaos:` section) on which seed 1 catches the planted bug within
# 2 h; calm-day and trending-day fire the fault too but their first 2 h hold no fill to duplicate.
CHAOS_SCENARIOS = ("one-strategy", "correlated-sectors", "stress-100")
CHAOS_TIMEOUT_FACTOR = 6   # stress-100's run is 9.6 M events: seconds, not the log commands' tenths
REPLAY_LINE_PATTERN = re.compile(r"replay:\s+metronome\s+(.*)$", re.MULTILINE)


def family_chaos_replay(campaign, rng, case_count):
    """Family 5. Chaos → replay: with the planted bug `duplicate-fills`, `chaos S --seeds 1
    --faults broker_duplicate_report --until 2h` on library scenarios (none has a `chaos:`
    section) must fail, and the `replay:` line it prints must exit 0 (reproduced). The planted
    bug is a test hook of debug builds: with a release binary the family has no cases."""
    if not has_test_hooks(campaign):
        print("hostile-campaign: note: the binary is a release build, which cannot plant the chaos self-test's bug: "
              "no chaos-replay cases (run a debug build for them)", file=sys.stderr)
        return []
    cases = []
    for number, scenario in enumerate(CHAOS_SCENARIOS[:max(1, case_count)]):
        identifier = f"chaos-{number:04d}-{scenario}"
        directory = os.path.join(campaign.cases_directory, "chaos-replay", identifier)
        os.makedirs(directory, exist_ok=True)
        cases.append(Case(identifier, "chaos-replay", scenario, directory, execute_chaos_replay,
                          {"scenario": scenario, "damage": "planted bug duplicate-fills, broker_duplicate_report"}))
    return cases


def has_test_hooks(campaign):
    """Whether the binary was built with the test hooks (a debug build): a release build refuses
    a scenario with `chaos.planted_bug` (docs/chaos.md, "Self-test")."""
    directory = os.path.join(campaign.cases_directory, "chaos-replay")
    os.makedirs(directory, exist_ok=True)
    probe = os.path.join(directory, "test-hooks-probe.yaml")
    with open(os.path.join(campaign.working_directory, "Scenarios", "Library", "calm-day.yaml"), encoding="utf-8") as source:
        text = source.read().rstrip("\n")
    with open(probe, "w", encoding="utf-8") as scenario:
        scenario.write(text + "\nchaos:\n  planted_bug: duplicate-fills\n")
    outcome = campaign.run(["validate", probe])
    os.remove(probe)
    return "test hook of debug builds" not in outcome.output


def execute_chaos_replay(campaign, case):
    out = os.path.join(case.directory, "chaos")
    environment = dict(campaign.environment, METRONOME_PLANTED_BUG="duplicate-fills")
    outcome = campaign.run(["chaos", case.parameters["scenario"], "--seeds", "1", "--faults",
                            "broker_duplicate_report", "--until", "2h", "--jobs", "1", "--out", out],
                           environment=environment, timeout_seconds=campaign.timeout_seconds * CHAOS_TIMEOUT_FACTOR)
    outcome.command = ["METRONOME_PLANTED_BUG=duplicate-fills"] + outcome.command
    verdict = judge_signals("chaos", outcome)
    if verdict:
        return [verdict]
    match = REPLAY_LINE_PATTERN.search(outcome.output)
    if not match:
        return [Verdict("chaos", outcome, "wrong", "the planted bug was not reported (no replay: line)")]
    verdicts = [Verdict("chaos", outcome, "ok", "failure reported with a replay: line")]
    replay = campaign.run(shlex.split(match.group(1)), timeout_seconds=campaign.timeout_seconds * CHAOS_TIMEOUT_FACTOR)
    verdict = judge_signals("printed replay: line", replay)
    if verdict:
        return verdicts + [verdict]
    if replay.exit_code != 0:
        return verdicts + [Verdict("printed replay: line", replay, "wrong",
                                   f"the printed replay line does not reproduce (exit {replay.exit_code})")]
    return verdicts + [Verdict("printed replay: line", replay, "ok", "reproduced")]


# ---------------------------------------------------------------------------------------------
# Running the cases, the table and the JSON.

FAMILIES = ("damaged-logs", "damaged-scenarios", "live-lines", "killed-recordings", "chaos-replay")


def case_counts(arguments):
    """Random cases per family from --cases (the enumerated ones come on top)."""
    total = arguments.cases if arguments.cases is not None else (120 if arguments.quick else 1500)
    return {"damaged-logs": total * 50 // 100, "damaged-scenarios": total * 30 // 100,
            "live-lines": total * 20 // 100, "killed-recordings": 3 if arguments.quick else max(6, total // 90),
            "chaos-replay": 3}


def build_cases(campaign, arguments):
    counts = case_counts(arguments)
    paths = record_base_logs(campaign)
    version = understood_or_skipped("the header", lambda: header_fields(
        parse_frames(open(paths["zstd"], "rb").read())[0].raw)["format_version"][2])
    if version != 2:
        print(f"hostile-campaign: note: the binary writes log format {version}; the forged cases follow "
              "version 2's layout (docs/log-format.md) and may forge less than they say", file=sys.stderr)
    generators = (("damaged-logs", lambda r, n: family_damaged_logs(campaign, r, n, paths, arguments.quick)),
                  ("damaged-scenarios", lambda r, n: family_damaged_scenarios(campaign, r, n)),
                  ("live-lines", lambda r, n: family_live_lines(campaign, r, n)),
                  ("killed-recordings", lambda r, n: family_killed_recordings(campaign, r, n)),
                  ("chaos-replay", lambda r, n: family_chaos_replay(campaign, r, n)))
    cases = []
    for family, generate in generators:
        if arguments.families and family not in arguments.families:
            continue
        # Each family draws from its own generator, so --families or another count elsewhere
        # never changes a family's cases.
        family_rng = random.Random(f"{arguments.seed}/{family}")
        cases.extend(generate(family_rng, counts[family]))
    return cases


def execute_case(campaign, case):
    try:
        verdicts = case.execute(campaign, case)
    except Exception as error:  # a script fault must not hide as a binary fault
        verdicts = [Verdict("campaign script", Outcome([]), "unclear", f"script error: {error!r}")]
    label = worst(verdicts).label
    if label in ("ok", "error"):
        shutil.rmtree(case.directory, ignore_errors=True)
    return case, verdicts, label


def report_entry(case, verdicts, label):
    """A failing case as JSON: what it is, each command (shell-quoted), its result and output."""
    principal = worst(verdicts)
    return {
        "id": case.identifier, "family": case.family, "kind": case.kind, "class": label,
        "reason": f"{principal.step}: {principal.reason}",
        "input": {key: value for key, value in case.parameters.items() if key != "seed"},
        "reproduce": principal.outcome.shell(),
        "commands": [{"step": verdict.step, "class": verdict.label, "reason": verdict.reason,
                      "command": verdict.outcome.shell(),
                      "result": verdict.outcome.summary(), "seconds": round(verdict.outcome.seconds, 3),
                      "output": verdict.outcome.output if verdict.label not in ("ok", "error")
                      else verdict.outcome.output[:OK_OUTPUT_KEPT_BYTES]} for verdict in verdicts],
    }


def print_table(results):
    counts = {family: {label: 0 for label in CLASS_SEVERITY} for family in FAMILIES}
    for case, _, label in results:
        counts[case.family][label] += 1
    header = f"{'family':<20}{'cases':>7}" + "".join(f"{label:>9}" for label in CLASS_SEVERITY)
    print(header)
    print("-" * len(header))
    totals = {label: 0 for label in CLASS_SEVERITY}
    for family in FAMILIES:
        row = counts[family]
        if not sum(row.values()):
            continue
        print(f"{family:<20}{sum(row.values()):>7}" + "".join(f"{row[label]:>9}" for label in CLASS_SEVERITY))
        for label in CLASS_SEVERITY:
            totals[label] += row[label]
    print("-" * len(header))
    print(f"{'total':<20}{sum(totals.values()):>7}" + "".join(f"{totals[label]:>9}" for label in CLASS_SEVERITY))
    return counts, totals


def print_signatures(results):
    """The distinct crash, hang and wrong reasons, over every command of every case (a case can
    have several), with how many cases showed each."""
    signatures = {}
    for case, verdicts, _ in results:
        for verdict in verdicts:
            if verdict.label in BAD_CLASSES:
                key = (case.family, verdict.label, f"{verdict.step}: {verdict.reason.split(' — ')[0]}")
                signatures.setdefault(key, []).append(case.identifier)
    if signatures:
        print("\nbad cases by signature:")
    for (family, label, reason), identifiers in sorted(signatures.items(), key=lambda item: -len(item[1])):
        print(f"  {len(identifiers):>5}  {label:<6} {family:<18} {reason}  (e.g. {identifiers[0]})")
    return signatures


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True, help="the metronome binary to test")
    parser.add_argument("--cases", type=int, help="random cases in all (default 1500, --quick 120); "
                        "the enumerated ones (frame boundaries, forged fields, chaos) come on top")
    parser.add_argument("--seed", type=int, default=1, help="the campaign's seed (default 1)")
    parser.add_argument("--out", default="out/hostile", help="where campaign.json and failing inputs go")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a command counts as a hang")
    parser.add_argument("--jobs", type=int, default=2, help="cases run in parallel (default 2)")
    parser.add_argument("--quick", action="store_true", help="a short campaign (about 2 minutes)")
    parser.add_argument("--families", nargs="*", choices=FAMILIES, help="run only these families")
    parser.add_argument("--no-backtraces", action="store_true", help="no crash backtraces (they cost a "
                        "second or two per crash but give the crash's source location)")
    arguments = parser.parse_args()
    if not os.access(arguments.binary, os.X_OK):
        parser.exit(2, f"hostile-campaign: {arguments.binary}: not an executable\n")
    if not os.path.isdir(os.path.join("Scenarios", "Library")):
        parser.exit(2, "hostile-campaign: run from the repository root (Scenarios/Library not found)\n")
    if arguments.jobs < 1 or arguments.timeout <= 0 or (arguments.cases is not None and arguments.cases < 0):
        parser.exit(2, "hostile-campaign: --jobs and --timeout must be positive, --cases not negative\n")
    return arguments


def main():
    arguments = parse_arguments()
    campaign = Campaign(arguments)
    shutil.rmtree(campaign.cases_directory, ignore_errors=True)
    started = time.monotonic()
    cases = build_cases(campaign, arguments)
    print(f"hostile-campaign: {len(cases)} cases, seed {arguments.seed}, timeout {arguments.timeout} s, "
          f"{arguments.jobs} jobs, binary {campaign.binary}", flush=True)
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
        for result in pool.map(lambda case: execute_case(campaign, case), cases):
            results.append(result)
            if len(results) % 100 == 0:
                bad = sum(1 for _, _, label in results if label in BAD_CLASSES)
                print(f"  {len(results)}/{len(cases)} cases, {bad} bad, {time.monotonic() - started:.0f} s", flush=True)
    elapsed = time.monotonic() - started
    print()
    counts, totals = print_table(results)
    signatures = print_signatures(results)
    print(f"\n{len(results)} cases in {elapsed:.0f} s; failing cases: {campaign.out_directory}/campaign.json")
    write_report(campaign, arguments, results, counts, totals, signatures, elapsed)
    return 1 if any(totals[label] for label in BAD_CLASSES) else 0


def write_report(campaign, arguments, results, counts, totals, signatures, elapsed):
    report = {
        "binary": campaign.binary, "working_directory": campaign.working_directory,
        "seed": arguments.seed, "timeout_seconds": arguments.timeout, "jobs": arguments.jobs,
        "quick": arguments.quick, "elapsed_seconds": round(elapsed, 1), "cases": len(results),
        "per_family": {family: row for family, row in counts.items() if sum(row.values())},
        "totals": totals,
        "signatures": [{"family": family, "class": label, "reason": reason, "count": len(identifiers),
                        "cases": identifiers[:20]}
                       for (family, label, reason), identifiers
                       in sorted(signatures.items(), key=lambda item: -len(item[1]))],
        "failing_cases": [report_entry(case, verdicts, label) for case, verdicts, label in results
                          if label not in ("ok", "error")],
    }
    os.makedirs(campaign.out_directory, exist_ok=True)
    with open(os.path.join(campaign.out_directory, "campaign.json"), "w") as handle:
        json.dump(report, handle, indent=2)
        handle.write("\n")


if __name__ == "__main__":
    sys.exit(main())
