"""Opening an address in the user's web browser, through the standard library's
`webbrowser` (which honours $BROWSER and the desktop's choice)."""

from __future__ import annotations

WEB_SCHEMES = ("http://", "https://")


def is_web_address(text: str) -> bool:
    return text.strip().lower().startswith(WEB_SCHEMES)


def open_in_browser(url: str) -> bool:
    """True if a browser took the address. Only web addresses are opened: an article's
    link to file:// or javascript: is never handed on."""
    if not is_web_address(url):
        return False
    import webbrowser  # here, not at start-up: it costs the first frame ~10 ms

    try:
        return bool(webbrowser.open(url.strip(), new=2))
    except webbrowser.Error:
        return False
