"""Issue 20's weak cases, each planted and answered in one line: a fresh backend process that asks for input,
starts a process of its own or outlives its timeout; a quick-mode switch set to a value it does not know; a seed
Keras cannot take; a Projector label that would break the line-by-line pairing of the two TSV files.

The subprocess tests start real processes and check, by process group, that none of them survives."""

import os
import random
import time
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers import backends, embedding_space
from helpers.notebook_setup import QUICK_MODE_VARIABLE

# --- run_in_backend: stdin, processes left behind, timeouts ------------------------------------------------------


def asks_for_input():
    return input("your seed? ")


def starts_a_background_sleep(path):
    import os
    import subprocess

    sleeper = subprocess.Popen(["sleep", "60"])  # inherits this process's stdout and stderr, and its group
    with open(path, "w") as f:
        f.write(f"{os.getpgid(0)} {sleeper.pid}")
    return sleeper.pid


def starts_a_background_sleep_and_hangs(path):
    import os
    import subprocess
    import time

    sleeper = subprocess.Popen(["sleep", "60"])
    with open(path, "w") as f:
        f.write(f"{os.getpgid(0)} {sleeper.pid}")
    time.sleep(60)


@pytest.fixture
def stdin_that_never_answers():
    """Make this process's fd 0 a pipe nobody writes to, as a terminal or a notebook kernel can be: a child that
    inherited it would wait in input() until its timeout."""
    read, write = os.pipe()
    saved = os.dup(0)
    os.dup2(read, 0)
    try:
        yield
    finally:
        os.dup2(saved, 0)
        for fd in (saved, read, write):
            os.close(fd)


def _state(pid: int) -> str | None:
    """The process's state letter from /proc ('Z' for a zombie), or None when it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return None


def live_members(pgid: int) -> list[int]:
    """The processes of group ``pgid`` that still run. A zombie has already ended (it only waits for its parent,
    here perhaps a pid 1 that never collects it), so it does not count."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        found = []
        for process in psutil.process_iter(["status"]):
            try:
                if os.getpgid(process.pid) == pgid and process.info["status"] != psutil.STATUS_ZOMBIE:
                    found.append(process.pid)
            except (ProcessLookupError, psutil.Error):
                pass
        return found
    if Path("/proc/self/stat").exists():
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except (FileNotFoundError, ProcessLookupError):
                    continue
                if int(fields[2]) == pgid and fields[0] != "Z":
                    found.append(int(entry.name))
        return found
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return []
    return [pgid]


def assert_group_gone(pgid: int, pid: int, within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while (live_members(pgid) or _state(pid) not in (None, "Z")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert live_members(pgid) == [], f"process group {pgid} still runs {live_members(pgid)}"
    assert _state(pid) in (None, "Z"), f"the background sleep {pid} still runs"


def test_input_in_the_fresh_process_fails_at_once_with_one_line(stdin_that_never_answers):
    started = time.monotonic()
    with pytest.raises(backends.BackendRunError) as caught:
        backends.run_in_backend("tensorflow", asks_for_input, timeout=30)
    message = str(caught.value)
    assert time.monotonic() - started < 20, "input() waited instead of failing at once"
    assert "asks_for_input() on tensorflow raised EOFError: EOF when reading a line" in message
    assert "pass the answer as an argument" in message and "\n" not in message


def test_a_process_started_in_the_background_neither_delays_the_call_nor_survives_it(tmp_path):
    path = tmp_path / "group.txt"
    started = time.monotonic()
    run = backends.run_in_backend("tensorflow", starts_a_background_sleep, str(path), timeout=120)
    seconds = time.monotonic() - started
    pgid, pid = map(int, path.read_text().split())
    assert run.value == pid
    assert seconds < 50, f"the call waited {seconds:.0f} s for the background sleep 60 holding its output"
    assert pgid != os.getpgid(0)  # the fresh process led a group of its own, not this one
    assert_group_gone(pgid, pid)


def test_a_timeout_stops_the_process_and_everything_it_started(tmp_path):
    path = tmp_path / "group.txt"
    started = time.monotonic()
    with pytest.raises(backends.BackendRunError) as caught:
        backends.run_in_backend("tensorflow", starts_a_background_sleep_and_hangs, str(path), timeout=5)
    seconds = time.monotonic() - started
    message = str(caught.value)
    assert "starts_a_background_sleep_and_hangs() on tensorflow did not finish within 5 s" in message
    assert "pass a larger timeout=" in message and "\n" not in message
    assert seconds < 20, f"the timed-out call took {seconds:.0f} s"
    pgid, pid = map(int, path.read_text().split())
    assert_group_gone(pgid, pid)


# --- is_quick_mode: only the documented values -------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1", "true", "yes", "TRUE", " Yes ", "1\n"])
def test_quick_mode_values(monkeypatch, value):
    monkeypatch.setenv(QUICK_MODE_VARIABLE, value)
    assert helpers.is_quick_mode() is True


@pytest.mark.parametrize("value", ["0", "false", "no", "", "  ", "False", " NO "])
def test_full_mode_values(monkeypatch, value):
    monkeypatch.setenv(QUICK_MODE_VARIABLE, value)
    assert helpers.is_quick_mode() is False


def test_unset_is_full_mode(monkeypatch):
    monkeypatch.delenv(QUICK_MODE_VARIABLE, raising=False)
    assert helpers.is_quick_mode() is False


@pytest.mark.parametrize("value", ["2", "on", "y", "off", "quick", "ture"])
def test_any_other_quick_mode_value_is_refused_in_one_line(monkeypatch, value):
    monkeypatch.setenv(QUICK_MODE_VARIABLE, value)
    with pytest.raises(ValueError) as caught:
        helpers.is_quick_mode()
    message = str(caught.value)
    assert message.startswith(f"{QUICK_MODE_VARIABLE}={value!r} is neither quick nor full mode")
    assert "1, true or yes for quick mode" in message and "0, false, no or nothing" in message
    assert "\n" not in message


# --- set_seed: NumPy integers taken, what Keras cannot take refused ----------------------------------------------


@pytest.mark.parametrize(
    "seed, error, words",
    [
        (True, TypeError, "seed must be a whole number, got True"),
        (np.bool_(True), TypeError, "seed must be a whole number"),
        (7.0, TypeError, "seed must be a whole number, got 7.0"),
        ("7", TypeError, "seed must be a whole number, got '7'"),
        (-1, ValueError, "seed must be 0 or more, got -1"),
        (2**32, ValueError, "seed must be at most 4,294,967,295 (2**32 - 1"),
        (np.uint64(2**40), ValueError, "seed must be at most 4,294,967,295"),
    ],
)
def test_a_seed_keras_cannot_take_is_refused_in_one_line(seed, error, words):
    with pytest.raises(error) as caught:
        helpers.set_seed(seed)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_a_numpy_integer_seed_is_taken_as_a_plain_int():
    for seed in (np.int64(7), np.uint32(2**32 - 1)):
        used = helpers.set_seed(seed)  # Keras' own set_random_seed refuses anything but int
        assert type(used) is int and used == int(seed)
        assert np.random.random() == np.random.RandomState(int(seed)).random_sample()  # NumPy was seeded with it
        assert random.random() == random.Random(int(seed)).random()  # and Python's random
    helpers.set_seed(42)


# --- export_for_projector: labels that would break the TSV pairing -----------------------------------------------


@pytest.mark.parametrize("label", ["good\tbad", "two\nlines", "carriage\rreturn", "line\u2028separator", "", "   "])
@pytest.mark.parametrize("scores", [None, [0.5, 0.9]])
def test_a_label_that_would_break_the_tsv_pairing_is_refused_with_its_row(tmp_path, label, scores):
    W = np.arange(12.0).reshape(6, 2)
    with pytest.raises(ValueError) as caught:
        embedding_space.export_for_projector(W, {4: "the", 5: label}, scores, folder=tmp_path)
    message = str(caught.value)
    assert message.startswith(f"labels[5] is {label!r}") and "\n" not in message
    assert ("blank label" in message) if not label.strip() else ("holds a tab or a line break" in message)
    assert not any(tmp_path.iterdir()), "nothing is written when a label is refused"


def test_labels_with_spaces_and_other_characters_still_pair_line_by_line(tmp_path):
    W = np.arange(12.0).reshape(6, 2)
    labels = {4: "not bad", 5: "café <oov>"}
    vectors, metadata = embedding_space.export_for_projector(W, labels, [0.5, 0.9], folder=tmp_path)
    lines = metadata.read_text(encoding="utf-8").splitlines()
    assert lines == ["word\tpositive_probability", "not bad\t0.500", "café <oov>\t0.900"]
    assert len(vectors.read_text().splitlines()) == len(lines) - 1
