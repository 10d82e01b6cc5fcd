"""The editing UI at /admin/: Decap CMS served from our own files.

When CMS_ADMIN is on, the build writes `admin/` into the output: an
`index.html` that loads Decap from `admin/decap-cms.js` (copied from the
pinned npm package in node_modules, never a CDN), `locale-id.js` (Decap's
own buttons and messages in Indonesian, which Decap does not ship),
`admin.js` (our header format and the preview stylesheet) and `config.yml`,
generated from the content kinds by `config.cms_config`.

/admin/ is not part of the published site: `invoke cms` turns it on for
local editing (the local backend writes to this working copy), and
publishconf.py leaves it off. A hosted git backend needs it published;
docs/cms.md says how.

Signals: finalized.
Settings (defaults):
    CMS_ADMIN = False            write admin/ into the output
    CMS_LOCAL_BACKEND = ""       decap-server's API URL, e.g.
                                 "http://127.0.0.1:8081/api/v1"
    CMS_BACKEND = None           the hosted backend dict (config.DEFAULT_BACKEND)
    CMS_DIST = "<repo>/node_modules/decap-cms/dist"
"""

import html
import json
import logging
import shutil
from pathlib import Path

from content_model.model import KINDS
from pelican import signals

from .config import cms_config, header_settings, to_yaml

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULTS = {
    "CMS_ADMIN": False,
    "CMS_LOCAL_BACKEND": "",
    "CMS_BACKEND": None,
    "CMS_DIST": str(ROOT / "node_modules" / "decap-cms" / "dist"),
}
BUNDLE = "decap-cms.js"
# Ours, loaded after the bundle in this order: Decap's interface in
# Indonesian (registered before init), then our format, preview and init.
SCRIPTS = ("locale-id.js", "admin.js")
PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Ruang redaksi: penyunting</title>
</head>
<body data-pagefind-ignore="all">
<script type="application/json" id="newsroom-cms">{settings}</script>
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="{bundle}"></script>
{scripts}
</body>
</html>
"""


class CMSError(Exception):
    """The editing UI cannot be written (the npm package is missing)."""


def plugin_settings(settings):
    return {key: settings.get(key, default) for key, default in DEFAULTS.items()}


def bundle_files(dist):
    """Return Decap's bundle and the chunks it loads, without source maps."""
    dist = Path(dist)
    if not (dist / BUNDLE).is_file():
        message = "%s: Decap CMS is not installed; run `npm ci --ignore-scripts`"
        raise CMSError(message % (dist / BUNDLE))
    return [dist / BUNDLE, *sorted(dist.glob(f"*.{BUNDLE}"))]


def write_admin(output, kinds, options, stylesheet):
    """Write admin/ into `output`; return its folder."""
    admin = Path(output) / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    for path in bundle_files(options["CMS_DIST"]):
        shutil.copyfile(path, admin / path.name)
    config = cms_config(kinds, options["CMS_BACKEND"], options["CMS_LOCAL_BACKEND"])
    (admin / "config.yml").write_text(to_yaml(config), encoding="utf-8")
    settings = {**header_settings(kinds), "stylesheet": stylesheet}
    text = json.dumps(settings, ensure_ascii=False).replace("</", "<\\/")
    scripts = "\n".join(
        f'<script src="{html.escape(name)}"></script>' for name in SCRIPTS
    )
    page = PAGE.format(settings=text, bundle=html.escape(BUNDLE), scripts=scripts)
    (admin / "index.html").write_text(page, encoding="utf-8")
    for name in SCRIPTS:
        shutil.copyfile(HERE / name, admin / name)
    return admin


def add_admin(pelican):
    options = plugin_settings(pelican.settings)
    if not options["CMS_ADMIN"]:
        return
    static = pelican.settings.get("THEME_STATIC_DIR", "theme")
    stylesheet = f"/{static}/css/main.css"
    admin = write_admin(pelican.output_path, KINDS.values(), options, stylesheet)
    log.info("cms: editing UI written to %s", admin)


def register():
    signals.finalized.connect(add_admin)
