"""Bar charts of visits per day, drawn on the server as SVG (no JavaScript, no CDN)."""

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join

WIDTH = 760
HEIGHT = 220
LEFT = 56
BOTTOM = 24
TOP = 12


def _visits(number):
    return number_format(number, force_grouping=True)


def visits_chart(series, title):
    """An accessible SVG bar chart of ``series`` [(date, visits), ...] with its largest value."""
    largest = max((visits for _day, visits in series), default=0)
    plot_width = WIDTH - LEFT - 8
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(series), 1)
    bar_width = max(step * 0.8, 1)
    bars = []
    for index, (day, visits) in enumerate(series):
        height = plot_height * visits / largest if largest else 0
        bars.append(
            (
                f"{LEFT + index * step:.2f}",
                f"{TOP + plot_height - height:.2f}",
                f"{bar_width:.2f}",
                f"{height:.2f}",
                f"{date_format(day, 'SHORT_DATE_FORMAT')}: {_visits(visits)} lượt truy cập",
            )
        )
    first_day = date_format(series[0][0], "SHORT_DATE_FORMAT") if series else ""
    last_day = date_format(series[-1][0], "SHORT_DATE_FORMAT") if series else ""
    return format_html(
        '<svg class="stats-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="100%" role="img" aria-label="{}">'
        "<title>{}</title>"
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888" stroke-width="1"/>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#444">{}</text>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#444">0</text>'
        "{}"
        '<text x="{}" y="{}" font-size="11" fill="#444">{}</text>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#444">{}</text>'
        "</svg>",
        WIDTH,
        HEIGHT,
        title,
        title,
        LEFT,
        TOP + plot_height,
        WIDTH - 8,
        TOP + plot_height,
        LEFT - 6,
        TOP + 10,
        _visits(largest),
        LEFT - 6,
        TOP + plot_height,
        format_html_join(
            "",
            '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="#b71c1c">'
            "<title>{}</title></rect>",
            bars,
        ),
        LEFT,
        HEIGHT - 6,
        first_day,
        WIDTH - 8,
        HEIGHT - 6,
        last_day,
    )
