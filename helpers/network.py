"""Reaching the internet without hanging: a probe that needs a real HTTPS answer, and a deadline on downloads.

A TCP connection that opens says little: behind a captive portal, a dead proxy or a firewall that
accepts and drops, it opens and then nothing ever answers, and ``keras.utils.get_file`` reads with
no timeout. So the helpers ask :func:`can_reach` first, which is true only when an HTTPS ``HEAD``
request to the very file gets an answer within ``PROBE_SECONDS`` (a captive portal cannot pass
HTTPS's certificate check), and download under :func:`deadline`, which makes every connect and
every read give up after ``READ_DEADLINE_SECONDS`` of silence. ``tests/test_stalled_network.py``
proves each path returns within its bound against a local server that accepts and never answers.

Introduced in notebook 06.
"""

import socket
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager

from helpers.validation import check_seconds

#: How long the probe waits for an answer, in seconds.
PROBE_SECONDS = 3.0
#: How long a download may wait for any one answer (connect, or the next bytes), in seconds.
READ_DEADLINE_SECONDS = 30.0


def can_reach(url: str, timeout: float = PROBE_SECONDS) -> bool:
    """True if an HTTPS ``HEAD`` request for ``url`` is answered (status below 400) within ``timeout`` seconds.

    Runs in a thread and waits for it at most ``timeout`` + 0.5 s, so neither a slow name lookup nor a
    server that accepts and never answers can hang the notebook. Honours the usual proxy variables, as
    Keras' own download does.

    Introduced in notebook 06.
    """
    timeout = check_seconds(timeout, "timeout", PROBE_SECONDS)
    if not (isinstance(url, str) and url.startswith("https://")):
        raise ValueError(f"url must be an https:// address, got {url!r}.")
    result = []

    def probe():
        try:
            request = urllib.request.Request(url, method="HEAD")
            with urllib.request.urlopen(request, timeout=timeout) as response:
                result.append(response.status < 400)
        except (OSError, ValueError, urllib.error.URLError):  # refused, timed out, bad certificate, HTTP error
            result.append(False)

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(timeout + 0.5)
    return bool(result and result[0])


@contextmanager
def deadline(seconds: float | None = None):
    """Within the block, every new socket gives up after ``seconds`` (default 30) without an answer (``TimeoutError``).

    ``keras.utils.get_file`` opens its connection with Python's default timeout, which is none; this sets
    that default for the block and restores it after. A server that keeps sending, however slowly, is not
    stopped: the deadline is on silence, not on the whole download.

    Introduced in notebook 06.
    """
    seconds = check_seconds(READ_DEADLINE_SECONDS if seconds is None else seconds, "seconds", READ_DEADLINE_SECONDS)
    before = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(before)
