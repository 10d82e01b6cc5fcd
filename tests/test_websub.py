"""WebSub: the publish ping reaches a hub, and a failing hub never raises.

Each test starts a tiny hub on 127.0.0.1 that records what it receives.
"""

import http.server
import threading
import time
import urllib.parse

import pytest

from conftest import free_port
from feeds.websub import (
    PingResult,
    changed_feeds,
    feed_digests,
    feed_urls,
    ping_hub,
)

FEEDS = [
    "https://festival.example.org/feeds/rss.xml",
    "https://festival.example.org/feeds/opd/diskominfo.xml",
]


class Hub:
    """A hub on loopback: answers `status` after `delay` seconds, records POSTs."""

    def __init__(self, status=204, delay=0.0):
        self.status = status
        self.delay = delay
        self.requests = []
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length).decode("ascii")
                hub.requests.append(
                    {
                        "path": self.path,
                        "type": self.headers.get("Content-Type"),
                        "form": urllib.parse.parse_qs(body),
                    }
                )
                time.sleep(hub.delay)
                self.send_response(hub.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A handler still sleeping must not hold up the test's teardown.
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hub"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_ping_posts_publish_mode_and_the_url_of_each_feed():
    with Hub(status=204) as hub:
        results = ping_hub(hub.url, FEEDS, timeout=5)
    assert [r.ok for r in results] == [True, True]
    assert [r.status for r in results] == [204, 204]
    assert [r.feed_url for r in results] == FEEDS
    assert [r["path"] for r in hub.requests] == ["/hub", "/hub"]
    assert {r["type"] for r in hub.requests} == {"application/x-www-form-urlencoded"}
    assert [r["form"] for r in hub.requests] == [
        {"hub.mode": ["publish"], "hub.url": [url]} for url in FEEDS
    ]
    assert str(results[0]) == f"websub: hub {hub.url} notified of {FEEDS[0]}"


def test_a_hub_error_gives_a_clear_message_and_does_not_raise():
    with Hub(status=500) as hub:
        results = ping_hub(hub.url, FEEDS[:1], timeout=5)
    assert results == [
        PingResult(
            FEEDS[0],
            False,
            500,
            f"websub: hub {hub.url} refused {FEEDS[0]} (HTTP 500 Internal Server "
            "Error); the site is deployed, readers will see the change at their "
            "next poll",
        )
    ]


def test_a_slow_hub_times_out_without_raising():
    with Hub(status=204, delay=2.0) as hub:
        started = time.monotonic()
        results = ping_hub(hub.url, FEEDS[:1], timeout=0.3)
        elapsed = time.monotonic() - started
    assert elapsed < 1.5
    assert [r.ok for r in results] == [False]
    assert results[0].status is None
    assert "did not answer within 0.3 s" in results[0].message
    assert hub.requests and hub.requests[0]["form"]["hub.url"] == [FEEDS[0]]


def test_an_unreachable_hub_gives_a_message_for_each_feed():
    url = f"http://127.0.0.1:{free_port()}/hub"
    results = ping_hub(url, FEEDS, timeout=2)
    assert [r.ok for r in results] == [False, False]
    for result, feed in zip(results, FEEDS, strict=True):
        assert result.message.startswith(
            f"websub: could not reach hub {url} for {feed}"
        )


@pytest.mark.parametrize("hub_url", [None, ""])
def test_no_hub_means_no_request(hub_url):
    assert ping_hub(hub_url, FEEDS, timeout=1) == []


def test_a_malformed_hub_url_does_not_raise():
    results = ping_hub("hub.example.org/no-scheme", FEEDS[:1], timeout=1)
    assert [r.ok for r in results] == [False]
    assert results[0].message.startswith("websub: could not reach hub")


def write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_changed_feeds_lists_new_and_changed_feeds_only(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    write(old, "feeds/rss.xml", "sama")
    write(new, "feeds/rss.xml", "sama")
    write(old, "feeds/atom.xml", "lama")
    write(new, "feeds/atom.xml", "baru")
    write(new, "feeds/opd/dispar.xml", "baru")
    write(old, "feeds/kategori/hilang.xml", "dihapus")
    write(new, "feeds/feed.json", "{}")
    write(old, "feeds/feed.json", "{}")
    write(new, "index.html", "bukan feed")
    assert changed_feeds(old, new) == ["feeds/atom.xml", "feeds/opd/dispar.xml"]
    before = feed_digests(old)
    assert changed_feeds(before, new) == ["feeds/atom.xml", "feeds/opd/dispar.xml"]


def test_a_first_publish_counts_every_feed_as_changed(tmp_path):
    write(tmp_path / "new", "feeds/rss.xml", "x")
    write(tmp_path / "new", "feeds/feed.json", "{}")
    assert changed_feeds(tmp_path / "missing", tmp_path / "new") == [
        "feeds/feed.json",
        "feeds/rss.xml",
    ]


def test_feed_urls_are_absolute_under_the_site_url():
    assert feed_urls("https://festival.example.org/", ["feeds/rss.xml"]) == [
        "https://festival.example.org/feeds/rss.xml"
    ]
