"""WebSub: tell the hub which feeds changed after a deploy.

Pure standard library (urllib); no Pelican imports. `invoke publish` uses it
like this, after a successful deploy:

    before = feed_digests("output")            # before the publish build
    ... build and deploy ...
    changed = changed_feeds(before, "output")  # ["feeds/rss.xml", ...]
    urls = feed_urls(settings["SITEURL"], changed)
    for result in ping_hub(settings["WEBSUB_HUB"], urls, timeout=10):
        print(result)                          # one clear line per feed

`ping_hub` never raises: a hub that is down, slow or refuses gives results
with `ok=False` and a message, and the deploy stands.

Nothing is pinged for a local site (`ping_refusal`): a SITEURL on
127.0.0.1, localhost, ::1, *.localhost, a private or link-local address, a
file: URL, or a dry run. No hub could fetch those feeds, and a test deploy
must never announce anything. `ping_hub` itself skips every local feed URL.
"""

import hashlib
import ipaddress
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from i18n import _

FEEDS_DIR = "feeds"
FEED_SUFFIXES = (".xml", ".json")
USER_AGENT = "bontang-newsroom-websub/1.0"


@dataclass(frozen=True)
class PingResult:
    """What the hub said about one feed URL."""

    feed_url: str
    ok: bool
    status: int | None
    message: str

    def __str__(self):
        return self.message


def feed_digests(output_dir):
    """Return {"feeds/...": sha256 hex} for every feed file under `output_dir`.

    A missing folder gives {} (everything counts as new).
    """
    root = Path(output_dir)
    base = root / FEEDS_DIR
    if not base.is_dir():
        return {}
    digests = {}
    for path in sorted(base.rglob("*")):
        if path.is_file() and path.suffix in FEED_SUFFIXES:
            relative = path.relative_to(root).as_posix()
            digests[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def changed_feeds(old, new):
    """Return the feed paths ("feeds/rss.xml"…) that are new or changed.

    `old` and `new` are output folders or `feed_digests` results. Feeds that
    disappeared are not listed: there is nothing for the hub to fetch.
    """
    before = old if isinstance(old, dict) else feed_digests(old)
    after = new if isinstance(new, dict) else feed_digests(new)
    return sorted(path for path, digest in after.items() if before.get(path) != digest)


def is_local_url(url):
    """Return whether `url` names no address a public hub could fetch."""
    try:
        parts = urllib.parse.urlsplit(str(url or ""))
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return True
    if parts.scheme not in ("http", "https") or not host:
        return True
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return (
        address.is_loopback
        or address.is_unspecified
        or address.is_private
        or address.is_link_local
    )


def ping_refusal(siteurl, dry_run=False):
    """Return why no hub may be pinged for this build, or "" when one may."""
    if dry_run:
        return _("websub: a dry run; no hub pinged")
    if is_local_url(siteurl):
        return _(
            "websub: SITEURL {siteurl} is a local address, which no hub can "
            "fetch; no hub pinged"
        ).format(siteurl=repr(siteurl))
    return ""


def feed_urls(siteurl, paths):
    """Return the absolute URL of each output-relative feed path."""
    base = siteurl.rstrip("/")
    return [f"{base}/{path.lstrip('/')}" for path in paths]


def _ping_one(hub_url, feed_url, timeout):
    body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": feed_url})
    try:
        request = urllib.request.Request(
            hub_url,
            data=body.encode("ascii"),
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "User-Agent": USER_AGENT,
            },
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        detail = error.read(200).decode("utf-8", "replace").strip()
        error.close()
        reason = f"HTTP {error.code} {error.reason}" + (f": {detail}" if detail else "")
        return PingResult(
            feed_url,
            False,
            error.code,
            _(
                "websub: hub {hub} refused {feed} ({reason}); the site is "
                "deployed, readers will see the change at their next poll"
            ).format(hub=hub_url, feed=feed_url, reason=reason),
        )
    except TimeoutError:
        return PingResult(
            feed_url,
            False,
            None,
            _(
                "websub: hub {hub} did not answer within {seconds} s for "
                "{feed}; the site is deployed, readers will see the change at "
                "their next poll"
            ).format(hub=hub_url, seconds=f"{timeout:g}", feed=feed_url),
        )
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            reason = _("no answer within {seconds} s").format(seconds=f"{timeout:g}")
        return PingResult(
            feed_url,
            False,
            None,
            _(
                "websub: could not reach hub {hub} for {feed} ({reason}); the "
                "site is deployed, readers will see the change at their next poll"
            ).format(hub=hub_url, feed=feed_url, reason=reason),
        )
    if 200 <= status < 300:
        return PingResult(
            feed_url,
            True,
            status,
            _("websub: hub {hub} notified of {feed}").format(
                hub=hub_url, feed=feed_url
            ),
        )
    return PingResult(
        feed_url,
        False,
        status,
        _(
            "websub: hub {hub} answered HTTP {status} for {feed}; expected 2xx "
            "(usually 204)"
        ).format(hub=hub_url, status=status, feed=feed_url),
    )


def ping_hub(hub_url, feed_urls, timeout=10.0):
    """POST `hub.mode=publish` and `hub.url` to the hub, once per feed URL.

    Return one PingResult per feed URL, in order; never raise. An empty or
    None `hub_url` gives no request and no result; a local feed URL gives no
    request and a result with `ok=False`.
    """
    if not hub_url:
        return []
    return [
        PingResult(
            url,
            False,
            None,
            _(
                "websub: {feed} is a local address, which no hub can fetch; not pinged"
            ).format(feed=url),
        )
        if is_local_url(url)
        else _ping_one(hub_url, url, timeout)
        for url in feed_urls
    ]
