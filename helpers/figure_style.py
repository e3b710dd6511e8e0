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
#: Okabe-Ito blue for positive words, a darker orange for negative ones (their labels are text: 4.7:1 on white,
#: where the highlight orange has 2.2:1), grey for the rest. The word scatter tells them apart by marker too.
POSITIVE_COLOR = "#0072B2"
NEGATIVE_COLOR = "#B35C00"
NEUTRAL_COLOR = "#767676"
#: Colour for padding positions (Okabe-Ito grey-blue is too close; plain light grey).
PADDING_COLOR = "#D9D9D9"
#: Quieter greys: leader lines, zero axes, the background of unused rows.
LINE_COLOR = "#AAAAAA"
AXIS_COLOR = "#CCCCCC"
UNUSED_BACKGROUND = "#F4F4F4"
#: Quiet text in the explorers (labels, counts, unused rows): 7.0:1 on white and 6.4:1 on UNUSED_BACKGROUND,
#: past WCAG AA's 4.5:1 (NEUTRAL_COLOR is 4.5:1 on white and 4.1:1 on UNUSED_BACKGROUND).
MUTED_TEXT_COLOR = "#595959"
#: Error messages in the explorers (a red that reads on white).
ERROR_COLOR = "#B00020"
#: Okabe-Ito colours (colour-blind safe) for categories side by side, such as padding strategies; no yellow,
#: which reads badly on white.
CATEGORY_COLORS = ("#0072B2", "#56B4E9", "#CC79A7", "#E69F00", "#009E73", "#D55E00", "#000000")

#: Markers of the learning curves, one per line in order, and what the text alternative calls each.
CURVE_MARKERS = {"o": "circles", "s": "squares", "d": "diamonds", "^": "up triangles", "v": "down triangles"}
#: Line styles of curves drawn side by side with bands, one per line in order (with CURVE_MARKERS), so that no
#: series is told apart by colour alone.
CURVE_LINESTYLES = {"-": "solid line", "--": "dashed line", "-.": "dash-dot line", ":": "dotted line"}

STYLE = {
    # 7 x 3.6 inches at 100 dpi: 700 x 360 pixels, about the width of a notebook column,
    # so 10-point text is 14 pixels high at normal zoom.
    "figure.figsize": (7.0, 3.6),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "figure.titlesize": 12,
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
