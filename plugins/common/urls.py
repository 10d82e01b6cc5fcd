"""Absolute URLs for feeds, calendars, JSON-LD and the press kit."""

import re

# A URL that starts with a scheme ("https:", "mailto:", "webcal:") is absolute.
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def absolute_url(siteurl, url):
    """Return `url` made absolute against `siteurl`.

    `url` is output-relative ("berita/x/", "/theme/a.png"); one that already
    has a scheme is returned unchanged, and an empty one gives "".
    """
    if not url:
        return ""
    url = str(url)
    if SCHEME.match(url):
        return url
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"
