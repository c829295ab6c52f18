"""Charts drawn on the server as inline SVG: no script, no remote library, readable by screen
readers through their title and description (each chart also has its data table beside it).

Colours come from CSS classes (`chart__bar--1`, `chart__bar--2`) so that the site's light and
dark themes both apply; values are written on the bars so they do not rest on colour alone.
"""

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH = 640
BAR_HEIGHT = 240
MARGIN_LEFT = 48
MARGIN_BOTTOM = 40
MARGIN_TOP = 16


@dataclass(frozen=True)
class Series:
    name: str
    values: list  # one value (or None) per category
    css: str  # "1" or "2": the bar's colour class


def _nice_max(value) -> float:
    """A round top for the axis, at or above `value`, whose quarters are whole numbers."""
    if not value or value <= 0:
        return 4
    for top in (4, 8, 12, 20, 24, 40, 48, 80, 100, 120, 200, 240, 400, 800, 1000, 2000, 4000):
        if value <= top:
            return top
    return math.ceil(value / 400) * 400


def _number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return f"{int(value)}"


def _svg_open(chart_id, title, description, height):
    return format_html(
        '<svg class="chart" id="{}" role="img" aria-labelledby="{}-title {}-desc" '
        'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        chart_id,
        chart_id,
        chart_id,
        WIDTH,
        height,
        chart_id,
        title,
        chart_id,
        description,
    )


def grouped_bars(chart_id, *, title, description, categories, series, unit="") -> str:
    """Vertical bars, one group per category (a week), one bar per series (median, p90)."""
    height = MARGIN_TOP + BAR_HEIGHT + MARGIN_BOTTOM
    top = _nice_max(max((v for s in series for v in s.values if v is not None), default=0))
    plot_width = WIDTH - MARGIN_LEFT - 8
    group_width = plot_width / max(len(categories), 1)
    bar_width = max(min((group_width - 8) / max(len(series), 1), 40), 2)
    base = MARGIN_TOP + BAR_HEIGHT
    parts = [_svg_open(chart_id, title, description, height)]
    # Axis with four gridlines and their values.
    for step in range(5):
        value = top * step / 4
        y = base - BAR_HEIGHT * step / 4
        parts.append(
            format_html(
                '<line class="chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="chart__tick" x="{}" y="{}" text-anchor="end">{}{}</text>',
                MARGIN_LEFT,
                WIDTH - 8,
                f"{y:.1f}",
                f"{y:.1f}",
                MARGIN_LEFT - 6,
                f"{y + 4:.1f}",
                _number(value),
                unit,
            )
        )
    for index, category in enumerate(categories):
        x0 = MARGIN_LEFT + index * group_width + (group_width - bar_width * len(series)) / 2
        for number, one in enumerate(series):
            value = one.values[index]
            if value is None:
                continue
            bar = BAR_HEIGHT * value / top
            x = x0 + number * bar_width
            parts.append(
                format_html(
                    '<rect class="chart__bar chart__bar--{}" x="{}" y="{}" width="{}" '
                    'height="{}"><title>{} · {}: {}{}</title></rect>',
                    one.css,
                    f"{x:.1f}",
                    f"{base - bar:.1f}",
                    f"{bar_width - 2:.1f}",
                    f"{bar:.1f}",
                    category,
                    one.name,
                    _number(value),
                    unit,
                )
            )
        if index % max(1, math.ceil(len(categories) / 12)) == 0:
            parts.append(
                format_html(
                    '<text class="chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
                    f"{MARGIN_LEFT + index * group_width + group_width / 2:.1f}",
                    base + 16,
                    category,
                )
            )
    parts.append(_legend(series, y=height - 6))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))


def horizontal_bars(chart_id, *, title, description, rows, series) -> str:
    """Horizontal stacked bars, one per row (a team, everything), with each part's count."""
    row_height = 28
    label_width = 180
    height = MARGIN_TOP + row_height * max(len(rows), 1) + 28
    top = max((sum(one.values[i] or 0 for one in series) for i in range(len(rows))), default=0)
    top = top or 1
    plot_width = WIDTH - label_width - 16
    parts = [_svg_open(chart_id, title, description, height)]
    for index, label in enumerate(rows):
        y = MARGIN_TOP + index * row_height
        parts.append(
            format_html(
                '<text class="chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
                label_width - 8,
                y + 17,
                label[:28],
            )
        )
        x = label_width
        for one in series:
            value = one.values[index] or 0
            if not value:
                continue
            width = plot_width * value / top
            parts.append(
                format_html(
                    '<rect class="chart__bar chart__bar--{}" x="{}" y="{}" width="{}" '
                    'height="{}"><title>{} · {}: {}</title></rect>',
                    one.css,
                    f"{x:.1f}",
                    y + 4,
                    f"{width:.1f}",
                    row_height - 8,
                    label,
                    one.name,
                    value,
                )
            )
            if width >= 22:
                parts.append(
                    format_html(
                        '<text class="chart__value chart__value--{}" x="{}" y="{}" '
                        'text-anchor="middle">{}</text>',
                        one.css,
                        f"{x + width / 2:.1f}",
                        y + 18,
                        value,
                    )
                )
            x += width
    parts.append(_legend(series, y=height - 6))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))


def _legend(series, *, y):
    return format_html_join(
        "",
        '<rect class="chart__bar chart__bar--{}" x="{}" y="{}" width="12" height="12"/>'
        '<text class="chart__legend" x="{}" y="{}">{}</text>',
        (
            (
                one.css,
                MARGIN_LEFT + number * 200,
                y - 11,
                MARGIN_LEFT + number * 200 + 18,
                y,
                one.name,
            )
            for number, one in enumerate(series)
        ),
    )
