"""No helper hangs on a network that accepts connections and never answers (a dead proxy, a silent firewall).

A local server on the loopback interface accepts every connection and never sends a byte. The
proxy variables point every HTTPS request at it, so the probe, Keras' ``get_file`` and every
path that may download meet it, exactly as behind a dead proxy. Each path must come back within
its stated bound (the probe's 3 s, or a download's deadline, shortened here) with one line
saying what to do, or, where an offline copy is at hand, never touch the network at all.
"""

import socket
import threading
import time
import urllib.request

import pytest

from helpers import data_files, glove, imdb, network

BOUND = 8.0  # seconds: the probe's 3 s and a margin for a slow machine
REAL_PROBE = imdb.keras_can_download  # the `offline` fixture replaces it; these tests need the real one


@pytest.fixture
def stalled_proxy(monkeypatch):
    """A loopback server that accepts and never answers, made every request's proxy."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])  # keep it open, say nothing
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{server.getsockname()[1]}"
    for name in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"):
        monkeypatch.setenv(name, address)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(urllib.request, "_opener", None)  # urlopen builds its opener, proxies included, once
    monkeypatch.setattr(network, "READ_DEADLINE_SECONDS", 1.0)
    yield held
    stop.set()
    thread.join(2)
    for connection in held:
        connection.close()
    server.close()


def within_bound(call):
    started = time.perf_counter()
    try:
        return call(), time.perf_counter() - started
    except Exception as error:  # noqa: BLE001 - the test looks at it
        return error, time.perf_counter() - started


def test_the_probe_says_unreachable_within_its_timeout(stalled_proxy):
    answer, seconds = within_bound(lambda: network.can_reach("https://storage.googleapis.com/x", timeout=1.0))
    assert answer is False and seconds < 1.0 + 1.0
    assert stalled_proxy, "the request did reach the stalled server"


def test_a_download_under_the_deadline_gives_up(stalled_proxy):
    import keras

    def download():
        with network.deadline(1.0):
            return keras.utils.get_file(fname="x.bin", origin="https://storage.googleapis.com/x.bin")

    error, seconds = within_bound(download)
    assert isinstance(error, Exception) and seconds < BOUND
    assert "timed out" in str(error).lower() or isinstance(error, TimeoutError), error


@pytest.mark.parametrize(
    "what, call, expected",
    [
        ("load_imdb", lambda: imdb.load_imdb(), imdb.ImdbUnavailableError),
        ("get_word_index", lambda: imdb.get_word_index(), imdb.ImdbUnavailableError),
        ("load_glove(dim=100)", lambda: glove.load_glove(dim=100), glove.GloveUnavailableError),
        ("data_file", lambda: data_files.data_file("my_reviews.txt"), FileNotFoundError),
    ],
)
def test_with_nothing_at_hand_each_path_says_so_within_the_bound(
    stalled_proxy, offline, monkeypatch, what, call, expected
):
    monkeypatch.delenv(glove.GLOVE_VARIABLE, raising=False)
    monkeypatch.delenv(data_files.DATA_VARIABLE, raising=False)
    monkeypatch.setattr(data_files, "REPOSITORY_DATA", offline.parent / "site-packages" / "data")  # a plain install
    monkeypatch.setattr(imdb, "keras_can_download", REAL_PROBE)
    error, seconds = within_bound(call)
    assert isinstance(error, expected), (what, error)
    assert seconds < BOUND, f"{what} took {seconds:.1f} s"
    assert "\n" not in str(error) and ("connect to the internet" in str(error))


def test_a_silent_download_of_imdb_gives_one_line(stalled_proxy, offline, monkeypatch):
    """The probe passed (a proxy that answers HEAD and then stalls): Keras' download meets the deadline."""
    monkeypatch.setattr(imdb, "keras_can_download", lambda name="imdb.npz": True)
    error, seconds = within_bound(lambda: imdb.load_imdb(verbose=False))
    assert isinstance(error, imdb.ImdbUnavailableError) and seconds < BOUND
    assert "Keras' download failed" in str(error) and "\n" not in str(error)


def test_with_copies_at_hand_the_stalled_network_is_never_met(stalled_proxy, real_imdb_files, tmp_path):
    archive, index = real_imdb_files
    (x_train, _), _ = imdb.load_imdb(num_words=100, raw_archive=archive, word_index_path=index, verbose=False)
    assert len(x_train) == 25_000 and imdb.get_word_index(index)["the"] == 1
    assert not stalled_proxy, "no connection was opened"
