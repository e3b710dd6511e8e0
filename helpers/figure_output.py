"""Show a Matplotlib figure with its text alternative: the picture for the eye, the same content in words.

JupyterLab (4.6) draws an ``image/png`` output as an ``<img>`` without ``alt``, whatever the output's
metadata says, so a screen reader would announce nothing. :func:`show` therefore sends one output
with three forms of the figure:

- ``text/html``: a ``<figure>`` whose ``<img>`` carries the text as ``alt``, and, under it, a collapsed
  "Described in words" that any reader can open. JupyterLab, Colab and nbconvert's HTML export show this;
- ``image/png`` with the text as ``alt`` in its metadata, for viewers that prefer the bare image
  (nbconvert writes that ``alt`` into its ``<img>``);
- ``text/plain``: ``Figure, in words:`` and the text, for text-only front ends.

The text comes from the plot: :mod:`helpers.figures` attaches one to each figure it draws
(:mod:`helpers.figure_text` writes it from the plotted data), and a figure drawn by hand in a
notebook passes its own with ``alt=``.

Introduced in notebook 02.
"""

import base64
import html
import io

#: The attribute :mod:`helpers.figures` sets on each figure it returns.
ALT_ATTRIBUTE = "alt_text"
#: A text alternative shorter than this says too little to stand for a figure ("a plot").
MIN_ALT_CHARS = 40
#: What the ``text/plain`` form starts with, before the text alternative.
PLAIN_PREFIX = "Figure, in words: "
#: The class of the ``<figure>`` (tests and the browser check find the series' figures by it).
FIGURE_CLASS = "series-figure"


def describe(fig, text: str) -> object:
    """Attach ``text`` to ``fig`` as its text alternative and return ``fig``.

    Introduced in notebook 02.
    """
    setattr(fig, ALT_ATTRIBUTE, _check_alt(text))
    return fig


def _check_alt(text) -> str:
    if not isinstance(text, str):
        raise TypeError(f"a figure's text alternative must be a string, got {type(text).__name__}.")
    text = " ".join(text.split())
    if len(text) < MIN_ALT_CHARS or text.startswith("<Figure"):
        raise ValueError(
            f"a figure's text alternative must say what it shows and what to notice, in at least {MIN_ALT_CHARS} "
            f"characters; got {text!r}."
        )
    return text


def bundle(fig, alt: str | None = None) -> tuple[dict, dict]:
    """``(data, metadata)`` of the output :func:`show` displays for ``fig``; nothing is displayed.

    Introduced in notebook 02.
    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"show() takes a Matplotlib Figure, got {type(fig).__name__}.")
    alt = getattr(fig, ALT_ATTRIBUTE, None) if alt is None else alt
    if alt is None:
        raise ValueError(
            "this figure has no text alternative; pass alt='what it shows and what to notice' "
            "(helpers.figures attaches one to every figure it draws)."
        )
    alt = _check_alt(alt)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    quoted = html.escape(alt, quote=True)
    figure = (
        f"<figure class='{FIGURE_CLASS}' style='margin:0'>"
        f"<img src='data:image/png;base64,{png}' alt=\"{quoted}\" style='max-width:100%;height:auto'>"
        f"<details><summary>Described in words</summary><p>{quoted}</p></details></figure>"
    )
    return {"text/html": figure, "image/png": png, "text/plain": PLAIN_PREFIX + alt}, {"image/png": {"alt": alt}}


def show(fig, alt: str | None = None) -> None:
    """Display ``fig`` with its text alternative (module docstring), then close it; return nothing.

    ``alt`` overrides the text :mod:`helpers.figures` attached; a figure drawn by hand must pass one.
    Closing the figure keeps a later ``plt.show()`` from drawing it a second time, without its text.

    Introduced in notebook 02.
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    data, metadata = bundle(fig, alt)
    display(data, metadata=metadata, raw=True)
    plt.close(fig)
