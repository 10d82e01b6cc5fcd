"""Live-site settings: everything from pelicanconf, overriding what differs."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402

# The live address; set SITEURL in the environment to publish elsewhere.
SITEURL = os.environ.get("SITEURL", "https://smartfestival.bontangkota.go.id")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Embargoed items are never shown in a published build, whatever pelicanconf says.
EMBARGO_PREVIEW = False
# Preview and publish always get a complete search index; a failed index
# fails the build (development builds skip it, see pelicanconf.py).
SEARCH_INDEX = True
# The publish clock: a rehearsal or a test may set NEWSROOM_NOW
# ("YYYY-MM-DD HH:MM", WITA) to a past moment; `invoke publish` refuses one
# ahead of the real clock. Unset: the real clock.
NEWSROOM_NOW = os.environ.get("NEWSROOM_NOW") or None

# The WebSub hub pinged after a deploy ("" = none); env WEBSUB_HUB overrides.
WEBSUB_HUB = os.environ.get("WEBSUB_HUB", WEBSUB_HUB) or None

# Deploy target: "rsync" or "ghp-import" (env PUBLISH_METHOD overrides).
PUBLISH_METHOD = os.environ.get("PUBLISH_METHOD", "rsync")
# rsync destination "user@host:/path/to/site/"; empty means "not configured".
PUBLISH_RSYNC_TARGET = os.environ.get("PUBLISH_RSYNC_TARGET", "")
PUBLISH_GHP_BRANCH = os.environ.get("PUBLISH_GHP_BRANCH", "gh-pages")
# When set, rsync deploys only into this folder or below ("/var/www/" or
# "deploy@web:/var/www/"); system and secret folders are refused regardless.
PUBLISH_WEBROOT = os.environ.get("PUBLISH_WEBROOT", "")
