"""The series' figure style, applied only when a notebook asks for it.

Introduced in notebook 02.
"""

import matplotlib as mpl

#: Perceptually uniform, colour-blind safe map for weight values (diverging around 0).
WEIGHT_CMAP = "PuOr"
#: Perceptually uniform, colour-blind safe map for counts and indices.
SEQUENTIAL_CMAP = "viridis"
#: Highlight colour for looked-up rows and the like (Okabe-Ito orange).
HIGHLIGHT_COLOR = "#E69F00"
#: Colour for padding positions (Okabe-Ito grey-blue is too close; plain light grey).
PADDING_COLOR = "#D9D9D9"

STYLE = {
    "figure.figsize": (6.0, 3.2),
    "figure.dpi": 80,
    "savefig.dpi": 80,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "image.cmap": SEQUENTIAL_CMAP,
    "figure.constrained_layout.use": True,
}


def use_figure_style() -> None:
    """Apply the series' small, legible figure style to matplotlib's defaults.

    Call it once in a notebook's setup cell; importing ``helpers`` never does.

    Introduced in notebook 02.
    """
    mpl.rcParams.update(STYLE)
