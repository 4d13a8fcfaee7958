"""Charts for the annual report: the only module that talks to matplotlib.

Bar charts at print resolution, readable in black and white: shades of grey with hatching,
the value written on each bar, no colour carrying meaning.
"""

from __future__ import annotations

import functools
import io
import json
import textwrap
from typing import Any

from pairkit.files import cache

_HATCHES = ["", "//", "..", "xx", "\\\\", "++"]
_GREYS = ["0.25", "0.55", "0.8", "0.4", "0.65", "0.9"]
# Sharp on paper at the report's 15.5 cm width; 300 dpi doubled the drawing time for nothing seen.
DPI = 200
_KIND = "graphiques"


def bar_chart(title: str, labels: list[str], series: list[tuple[str, list[float]]]) -> bytes:
    """A horizontal bar chart (one series, or several side by side) as PNG bytes, kept
    (`cache`) under the digest of what it shows: a year's report drawn again draws only the
    charts whose figures changed."""
    name = cache.digest(json.dumps([title, labels, series, DPI]), _drawer_version()) + ".png"
    kept = cache.read_bytes(_KIND, name)
    if kept is not None:
        return kept
    drawn = _draw(title, labels, series)
    cache.write_bytes(_KIND, name, drawn)
    return drawn


@functools.cache
def _drawer_version() -> str:
    """matplotlib's version, read without importing it (the import is what a kept chart spares)."""
    from importlib.metadata import version

    return version("matplotlib")


def _draw(title: str, labels: list[str], series: list[tuple[str, list[float]]]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    height = 1.2 + 0.45 * len(labels) * max(1, len(series) * 0.6)
    figure, axes = plt.subplots(figsize=(6.3, min(height, 8.5)), dpi=DPI)
    try:
        step = 0.8 / len(series)
        for index, (name, values) in enumerate(series):
            positions = [row + index * step for row in range(len(labels))]
            bars = axes.barh(positions, values, height=step, label=name, color=_GREYS[index % 6],
                             edgecolor="black", linewidth=0.6, hatch=_HATCHES[index % 6])
            axes.bar_label(bars, labels=[f"{v:g}" for v in values], padding=3, fontsize=8)
        axes.set_yticks([row + step * (len(series) - 1) / 2 for row in range(len(labels))],
                        labels=[_wrap(label) for label in labels], fontsize=8)
        axes.invert_yaxis()
        axes.set_title(title, fontsize=10, loc="left")
        axes.spines[["top", "right"]].set_visible(False)
        axes.tick_params(axis="x", labelsize=8)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        if len(series) > 1:
            axes.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.4, -0.08),
                        ncol=len(series))
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
        return buffer.getvalue()
    finally:
        plt.close(figure)


def _wrap(label: str, width: int = 28) -> str:
    """A bar's label on lines of `width` characters, never cutting a word (« aller-vers »)."""
    return textwrap.fill(label, width=width, break_long_words=False, break_on_hyphens=False)


def numeric(value: Any) -> bool:
    """Whether a table cell can be drawn as a bar."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)
