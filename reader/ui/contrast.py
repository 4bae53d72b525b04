"""Readable colours: WCAG 2 contrast, and a text colour nudged until it reaches it.

Themes choose their own colours, and a highlight drawn from a theme's `$warning` or
`$primary` is not readable in all of them (amber on cream, pale blue on white). The styles
in `styles/app.tcss` say what each highlight is meant to look like; these functions keep
the result legible in whatever theme is chosen.
"""

from __future__ import annotations

from rich.color import ColorSystem
from textual.color import BLACK, WHITE, Color

# WCAG 2 level AA for body text.
AA = 4.5
_STEPS = 20


def relative_luminance(color: Color) -> float:
    def channel(value: int) -> float:
        scaled = value / 255
        return scaled / 12.92 if scaled <= 0.04045 else ((scaled + 0.055) / 1.055) ** 2.4

    red, green, blue = color.rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: Color, second: Color) -> float:
    """The WCAG contrast ratio of two opaque colours, from 1 (none) to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on(background: Color, color: Color, minimum: float = AA) -> Color:
    """`color` if it reads on `background`, else the nearest mix of it with black or white
    that does, so that a link stays blue-ish and a title keeps the theme's accent.

    Any background has at least 4.58:1 against black or against white, so AA is always
    reachable.
    """
    if contrast(color, background) >= minimum:
        return color
    target = WHITE if contrast(WHITE, background) >= contrast(BLACK, background) else BLACK
    for step in range(1, _STEPS + 1):
        candidate = color.blend(target, step / _STEPS, 1.0)
        if contrast(candidate, background) >= minimum:
            return candidate
    return target


def survives(base: Color, tint: Color, color_system: ColorSystem | None) -> Color:
    """A tinted background that the terminal's palette still tells from `base`.

    In a 256- or 16-colour terminal a faint tint is rounded to the same palette entry as
    the page, and the highlight vanishes: the tint is strengthened until it does not.
    """
    if color_system is None or color_system is ColorSystem.TRUECOLOR:
        return base + tint
    page = base.rich_color.downgrade(color_system)
    alpha = tint.a
    while alpha < 1:
        mixed = base + tint.with_alpha(alpha)
        if mixed.rich_color.downgrade(color_system) != page:
            return mixed
        alpha = min(1.0, alpha + 0.1)
    return base + tint.with_alpha(1.0)
