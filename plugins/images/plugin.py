"""Images: responsive lead and body images, required alt text, sharing images.

Every lead image (`Image`, `Image_Alt`, `Image_Caption`) and every image in a
body is published as its original format and WebP at a few widths (never
upscaled, metadata stripped) and shown in a `<picture>` with `srcset`,
`sizes`, `width` and `height`; body images load lazily. An image without alt
text, missing, on another host or in another format is a build error
(`images: path:line: …`). Each photo shows its credit (content_model.credits:
`Image_Credit`/`Image_License`, or the title "Keterangan | Foto: Nama |
Lisensi" of a body image, which then becomes a figure); a photo under a
licence other than the office's without a credit is an error too.

Each release and remarks item gets a 1200x630 sharing image: its lead image
cover-cropped, or a card in the festival's colours with its title and date.
The site has a default card for pages without their own.

What other plugins and templates read:
    item.lead_image       dict or None: path (output-relative, largest rendition
                          in the original format), url, width, height, mime,
                          alt, caption, srcset, webp_srcset, sizes, source,
                          renditions (list of {path, url, width, height, mime}),
                          and the credit keys of markup.credit_fields (credit,
                          own, license_name, license_url, license_open,
                          acquire_url)
    item.body_images      list of the same dicts, one per photo in the body
                          (articles and pages)
    item.share_image      dict: path, url, width, height, mime (releases,
                          remarks), and the credit keys (the lead photo's,
                          else the office's)
    context["site_share_image"]  the default card, same shape as share_image
Articles, pages and content-model records (programs, people…) get lead_image;
their body HTML is rewritten in place.

Every image Pelican would copy as it is (content/images/, a file a
`{static}` or `{attach}` link names) is published cleaned instead, at its own
name: no EXIF (GPS, maker notes), XMP or IPTC, turned upright, its ICC colour
profile kept (`originals.clean_original`). Renditions carry no metadata at
all and are converted to sRGB. A file that is not the image its extension
says, or that has more than IMAGES_MAX_PIXELS pixels, is a build error; so is
any static file content_model would refuse (a link, a type the site does not
publish), so that none is ever copied.

Encoded files are kept in a cache (IMAGES_CACHE_PATH) keyed by the source's
hash and every encoding setting, so a rebuild copies instead of re-encoding;
output bytes are the same either way.

Signals: initialized, generator_init, article_generator_finalized,
page_generator_finalized, static_generator_finalized.
Jinja filter: `picture` (image dict, eager=False) -> the <picture> markup of
`markup.picture`, used by the theme's partials/figure.html.
Settings:
    IMAGES_WIDTHS        widths in px of the renditions  ((480, 800, 1200))
    IMAGES_SIZES         the `sizes` attribute  ("(min-width: 44rem) 42rem,
                         calc(100vw - 2rem)": the article column)
    IMAGES_OUTPUT_DIR    output folder of renditions  ("images")
    IMAGES_QUALITY       encoder quality  ({"jpeg": 82, "webp": 80})
    IMAGES_SHARE_DIR     output folder of sharing images  ("images/share")
    IMAGES_SHARE_SIZE    size of sharing images  ((1200, 630))
    IMAGES_CACHE         reuse encoded files across builds  (True)
    IMAGES_CACHE_PATH    cache folder; "" means CACHE_PATH/images  ("")
    IMAGES_CARD_COLOURS  overrides of the card colours (background, band,
                         accent, text, label, warning)  ({})
    IMAGES_CARD_FONT     TTF for cards; "" means Pillow's bundled font  ("")
    IMAGES_MAX_PIXELS    most pixels of a source image: a 50-megapixel phone
                         photo passes  (100_000_000)
"""

import functools
import hashlib
import logging
import os
import posixpath
from dataclasses import dataclass, field, fields
from pathlib import Path

from markupsafe import Markup

from common.context_keys import IMAGES_STORE_KEY, MODEL_KEY, SITE_SHARE_IMAGE_KEY
from content_model import Problem, credits, files
from content_model.dates import rentang_tanggal, tanggal
from content_model.frontmatter import read_header
from content_model.model import display_path
from i18n import N_, _
from parallel_write.plugin import work_of
from pelican import signals
from pelican_internals import forget_rendered, items_of

from . import cards, markup, originals, render

log = logging.getLogger(__name__)

DEFAULTS = {
    "IMAGES_WIDTHS": (480, 800, 1200),
    "IMAGES_SIZES": "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
    "IMAGES_OUTPUT_DIR": "images",
    "IMAGES_QUALITY": {"jpeg": 82, "webp": 80},
    "IMAGES_SHARE_DIR": "images/share",
    "IMAGES_SHARE_SIZE": (1200, 630),
    "IMAGES_CACHE": True,
    "IMAGES_CACHE_PATH": "",
    "IMAGES_CARD_COLOURS": {},
    "IMAGES_CARD_FONT": "",
    "IMAGES_MAX_PIXELS": render.MAX_PIXELS,
}
SITE_CARD = "site.jpg"
ALT_FIX_LEAD = N_(
    "add a line 'Image_Alt: …' that says what the picture shows, for readers "
    "who cannot see it"
)
SVG_FIX = N_(
    "is an SVG file, which can run scripts on our site and is not published; "
    "export it as PNG and link that file"
)
CREDIT_KEYS = (
    "credit",
    "own",
    "license_name",
    "license_url",
    "license_open",
    "acquire_url",
)


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def setting_problems(conf):
    """Return {setting: why it is wrong} for the values that cannot be used."""
    wrong = {}
    widths = conf["IMAGES_WIDTHS"]
    if (
        not isinstance(widths, list | tuple)
        or not widths
        or not all(isinstance(w, int) and w > 0 for w in widths)
    ):
        wrong["IMAGES_WIDTHS"] = "must be a list of positive whole pixel widths"
    quality = conf["IMAGES_QUALITY"]
    if not isinstance(quality, dict) or not all(
        isinstance(quality.get(k), int) and 1 <= quality[k] <= 100
        for k in ("jpeg", "webp")
    ):
        wrong["IMAGES_QUALITY"] = "must be {'jpeg': 1-100, 'webp': 1-100}"
    size = conf["IMAGES_SHARE_SIZE"]
    if not (
        isinstance(size, list | tuple)
        and len(size) == 2
        and all(isinstance(n, int) and n > 0 for n in size)
    ):
        wrong["IMAGES_SHARE_SIZE"] = "must be (width, height) in pixels"
    colours = conf["IMAGES_CARD_COLOURS"]
    names = {f.name for f in fields(cards.CardColours)}
    if not isinstance(colours, dict) or set(colours) - names:
        wrong["IMAGES_CARD_COLOURS"] = f"must be a dict with keys among {sorted(names)}"
    limit = conf["IMAGES_MAX_PIXELS"]
    if not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0:
        wrong["IMAGES_MAX_PIXELS"] = "must be a positive whole number of pixels"
    font = conf["IMAGES_CARD_FONT"]
    if font and not render.is_file(font):
        wrong["IMAGES_CARD_FONT"] = f"names no file ({font})"
    return wrong


def check_settings(pelican):
    # Before any generator reads them: a bad value falls back to the default.
    conf = plugin_settings(pelican.settings)
    for name, why in setting_problems(conf).items():
        log.error("images: setting %s %s; using %r", name, why, DEFAULTS[name])
        pelican.settings[name] = DEFAULTS[name]


def cache_dir(settings):
    """Return the folder of the encoding cache, or None when caching is off."""
    conf = plugin_settings(settings)
    if not conf["IMAGES_CACHE"]:
        return None
    if conf["IMAGES_CACHE_PATH"]:
        return Path(conf["IMAGES_CACHE_PATH"])
    return Path(settings.get("CACHE_PATH") or "cache") / "images"


def share_path(url, share_dir):
    """Return the output path of an item's sharing image, named after its URL.

    URLs are unique where slugs are not (two years, a release and a remarks).
    """
    name = url.strip("/").replace("/", "-") or "index"
    return f"{share_dir.strip('/')}/{name}.jpg"


def share_info(path, siteurl, size):
    """Return the description of a sharing image that templates read."""
    return {
        "path": path,
        "url": markup.url_of(siteurl, path),
        "width": size[0],
        "height": size[1],
        "mime": "image/jpeg",
    }


def card_colours(conf):
    return cards.CardColours(**conf["IMAGES_CARD_COLOURS"])


def plain(text):
    """Return `text` without tags or entities (titles may hold markup)."""
    return Markup(str(text or "")).striptags()


def site_card_spec(settings):
    """Return the CardSpec of the site's default sharing image."""
    conf = plugin_settings(settings)
    festival = settings.get("FESTIVAL") or {}
    when = ""
    if festival.get("start") and festival.get("end"):
        when = rentang_tanggal(festival["start"], festival["end"])
    return cards.CardSpec(
        title=settings.get("SITENAME", ""),
        subtitle=settings.get("SITESUBTITLE", ""),
        footer_left=settings.get("SITE_ORGANISATION") or settings.get("SITENAME", ""),
        footer_right=when,
        size=tuple(conf["IMAGES_SHARE_SIZE"]),
        colours=card_colours(conf),
        font=conf["IMAGES_CARD_FONT"],
    )


def item_card_spec(item, settings):
    """Return the CardSpec of a release or remarks item without a lead image."""
    conf = plugin_settings(settings)
    labels = [(item.view.kind_label, "label")]
    if item.view.advertorial:
        labels.append(("Advertorial", "warning"))
    return cards.CardSpec(
        title=plain(item.title),
        footer_left=settings.get("SITENAME", ""),
        footer_right=tanggal(item.date),
        labels=tuple(labels),
        size=tuple(conf["IMAGES_SHARE_SIZE"]),
        colours=card_colours(conf),
        font=conf["IMAGES_CARD_FONT"],
    )


@dataclass
class Job:
    """One receiver's work: where content and output are, what is written."""

    settings: dict
    store: render.Store
    write: bool = True
    sources: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    # Takes a callable to run later (the parallel_write plugin's queue), or
    # None to run it at once.
    defer: object = None
    # The content model (context[MODEL_KEY]): which pages exist.
    model: object = None

    @property
    def conf(self):
        return plugin_settings(self.settings)

    @property
    def siteurl(self):
        return self.settings.get("SITEURL", "")

    @property
    def content(self):
        return Path(self.settings["PATH"])

    @functools.cached_property
    def rights(self):
        """Return (copyright holder, URL of the reuse terms or "")."""
        settings = self.settings
        holder = settings.get("COPYRIGHT") or settings.get("SITE_ORGANISATION", "")
        terms = credits.terms_page(settings, self.model)
        return holder, markup.url_of(self.siteurl, terms) if terms else ""

    def credit_fields(self, credit):
        """Return the credit keys of an image dict (markup.credit_fields)."""
        holder, terms_url = self.rights
        return markup.credit_fields(credit, holder, terms_url, terms_url)

    def error(self, path, line, message):
        problem = Problem(path, line, message)
        self.problems.append(problem)
        log.error("images: %s", problem)

    def source(self, candidates):
        """Return the SourceImage of the first candidate path that is a file.

        Raise render.ImageError: why that file cannot be used, or that none of
        the candidates is a file.
        """
        inside = [
            rel for rel in candidates if rel != ".." and not rel.startswith("../")
        ]
        if not inside:
            raise render.ImageError(_("is outside the content folder"))
        for rel in inside:
            if not render.is_file(self.content / rel):
                continue
            if rel not in self.sources:
                try:
                    self.sources[rel] = render.inspect_image(
                        self.content / rel, rel, self.conf["IMAGES_MAX_PIXELS"]
                    )
                except render.ImageError as error:
                    self.sources[rel] = error
            found = self.sources[rel]
            if isinstance(found, render.ImageError):
                raise found
            return found
        looked = _(" and ").join(f"content/{rel}" for rel in inside)
        raise render.ImageError(
            _("was not found (looked for {paths})").format(paths=looked)
        )

    def publish(self, source, alt, caption, path, line):
        """Write the renditions of `source`; return its image_info dict."""
        conf = self.conf
        originals, webps = render.plan_renditions(
            source, conf["IMAGES_WIDTHS"], conf["IMAGES_OUTPUT_DIR"]
        )
        if self.write:
            try:
                clashes = render.write_renditions(
                    self.store, source, [*originals, *webps], conf["IMAGES_QUALITY"]
                )
            except render.DECODE_ERRORS as error:
                self.error(
                    path,
                    line,
                    _(
                        "image '{src}' cannot be decoded ({reason}); open it in "
                        "an image editor and save it again"
                    ).format(src=source.rel, reason=error),
                )
                return None
            # The originals of content/images/ are published at their own
            # names, after this plugin (publish_originals).
            clashes += [
                r.path
                for r in [*originals, *webps]
                if render.is_file(self.content / r.path)
            ]
            for clash in clashes:
                self.error(
                    path,
                    line,
                    _(
                        "image '{src}' would be published as {clash}, which "
                        "another image of the same name already is; rename one "
                        "file"
                    ).format(src=source.rel, clash=clash),
                )
        return markup.image_info(
            originals,
            webps,
            self.siteurl,
            conf["IMAGES_SIZES"],
            alt,
            caption,
            source.rel,
        )


def image_reason(src, reason):
    """Return "image 'SRC' REASON" in the active language."""
    return _("image '{src}' {reason}").format(src=src, reason=reason)


def reason_fix(error):
    """Return an ImageError's reason followed by its fix."""
    text = str(error)
    # The reason was made in the active language (render.ImageError).
    if text.startswith(_("was not found")):
        return _("{reason}; check the name, or put the file in content/images/").format(
            reason=text
        )
    if text == _("is outside the content folder"):
        return _("{reason}; keep images under content/images/").format(reason=text)
    return text


def lead_image(job, meta, line_of, path):
    """Publish an item's lead image from its metadata; return info or None."""
    value = str(meta.get("image") or "").strip()
    if not value:
        return None
    line = line_of("image")
    alt = plain(meta.get("image_alt")).strip()
    if not alt:
        job.error(
            path,
            line,
            _("image '{src}' has no alt text; {fix}").format(
                src=value, fix=_(ALT_FIX_LEAD)
            ),
        )
    rel = markup.source_path(value, "")
    if rel is None:
        job.error(
            path,
            line,
            _(
                "image '{src}' is on another host; save the file under "
                "content/images/ and write its path, e.g. images/foto.jpg"
            ).format(src=value),
        )
        return None
    try:
        source = job.source([rel])
    except render.ImageError as error:
        job.error(path, line, image_reason(value, reason_fix(error)))
        return None
    credit, problems = credits.credit_of(
        plain(meta.get("image_caption")),
        plain(meta.get("image_credit")),
        plain(meta.get("image_license")),
    )
    for problem in problems:
        key = "image_license" if meta.get("image_license") else "image"
        job.error(path, line_of(key), problem)
    if not alt:
        return None
    info = job.publish(source, alt, credit.caption, path, line)
    if info is not None:
        info.update(job.credit_fields(credit))
    return info


def body_images(job, html, body, body_line, item_dir, path, found=None):
    """Return `html` with every image published and shown as a <picture>.

    A photo gets its caption and credit from its title (content_model.credits)
    and is shown in a figure; `found`, a list, receives each photo's dict.
    """

    def handle(img, line, soup):
        src = (img.get("src") or "").strip()
        credit, problems = credits.parse_title(img.get("title"))
        for problem in problems:
            job.error(path, line, problem)
        alt = (img.get("alt") or "").strip()
        if not alt:
            job.error(
                path,
                line,
                _(
                    "image '{src}' has no alt text; write what the picture shows "
                    "between the brackets: ![description]({src})"
                ).format(src=src),
            )
        rel = markup.source_path(src, item_dir) if src else None
        if rel is None:
            where = _("is on another host") if "//" in src else _("is not a file")
            job.error(
                path,
                line,
                _(
                    "image '{src}' {reason}; save the file under content/images/ "
                    "and link it as images/NAME"
                ).format(src=src[:80], reason=where),
            )
            return None
        candidates = list(dict.fromkeys([rel, markup.source_path(src, "")]))
        if rel.lower().endswith((".svg", ".svgz")):
            # An SVG can hold script that runs on our site: never published.
            job.error(path, line, image_reason(src, _(SVG_FIX)))
            return None
        try:
            source = job.source(candidates)
        except render.ImageError as error:
            job.error(path, line, image_reason(src, reason_fix(error)))
            return None
        if not alt:
            return None
        info = job.publish(source, alt, credit.caption, path, line)
        if info is None:
            return None
        info.update(job.credit_fields(credit))
        if found is not None:
            found.append(info)
        extra = {k: v for k, v in img.attrs.items() if k != "title"}
        content = markup.picture(soup, info, extra=extra)
        return markup.place_with_credit(soup, img, info, content)

    return markup.rewrite_images(html, body, body_line, handle)


# Baseline JPEG without optimised tables: see render.encode.
SHARE_ENCODING = {"progressive": False, "optimize": False}


def write_share_image(job, target, lead_source, spec):
    """Write a sharing image: the lead image cropped, else the card `spec`."""
    conf = job.conf
    size = tuple(conf["IMAGES_SHARE_SIZE"])
    quality = conf["IMAGES_QUALITY"]
    if lead_source is not None:
        key = render.rendition_key(
            lead_source,
            render.Rendition(target, *size, "JPEG"),
            quality,
            "cover",
            fit=size,
        )

        def produce():
            image = cards.cover(render.upright(lead_source.path, size), size)
            return render.encode(image, "JPEG", quality, **SHARE_ENCODING)

    else:
        key = f"{spec.key()}-{quality['jpeg']}"

        def produce():
            return render.encode(
                cards.draw_card(spec), "JPEG", quality, **SHARE_ENCODING
            )

    def produce_or_log():
        try:
            return produce()
        except render.DECODE_ERRORS as error:
            log.error(_("images: %s: the sharing image failed (%s)"), target, error)
            return None

    # The pixels are made later, on every core, when the build runs its
    # deferred work; the file's name and size are known now.
    if not job.store.put(target, key, produce_or_log, defer=job.defer):
        log.error(_("images: %s is written twice with different pictures"), target)
    return share_info(target, job.siteurl, size)


def process_item(job, item, share=False):
    """Publish an article's or page's images; set lead_image and share_image."""
    header = item.view.header
    path = display_path(item.source_path, job.settings["PATH"])
    meta = {key: item.metadata.get(key) for key in ("image", "image_alt")}
    for key in ("image_caption", "image_credit", "image_license"):
        meta[key] = item.metadata.get(key)
    item.lead_image = lead_image(job, meta, header.line, path)
    item_dir = posixpath.dirname(Path(item.relative_source_path).as_posix())
    item.body_images = []
    html = body_images(
        job,
        item._content,
        header.body,
        header.body_line,
        item_dir,
        path,
        item.body_images,
    )
    if html is not item._content:
        item._content = html
        forget_rendered(item)
    if share and job.write:
        lead = None
        if item.lead_image:
            lead = job.source([item.lead_image["source"]])
        target = share_path(item.url, job.conf["IMAGES_SHARE_DIR"])
        spec = None if lead else item_card_spec(item, job.settings)
        item.share_image = write_share_image(job, target, lead, spec)
        # A crop of the lead photo keeps its credit; a card is the office's.
        item.share_image.update(
            {k: v for k, v in (item.lead_image or {}).items() if k in CREDIT_KEYS}
            or job.credit_fields(credits.Credit())
        )


def record_file(record, content_root):
    """Return the file a record was read from, if it can be found again."""
    for base in (Path.cwd(), Path(content_root).parent):
        candidate = base / record.source_path
        if render.is_file(candidate):
            return candidate
    return None


def process_record(job, record, folder):
    """Publish a content-model record's lead and body images."""
    record.lead_image = lead_image(
        job, record.meta, lambda key: record.lines.get(key, 1), record.source_path
    )
    if not record.content or "<img" not in record.content.lower():
        return
    file = record_file(record, job.settings["PATH"])
    if file is not None:
        header = read_header(file)
        body, first = header.body, header.body_line
    else:
        body, first = record.body, max(record.lines.values(), default=0) + 2
    record.content = body_images(
        job, record.content, body, first, folder, record.source_path
    )


def store_of(generator):
    # One store per build, shared by the receivers through the context.
    context = generator.context
    if not isinstance(context.get(IMAGES_STORE_KEY), render.Store):
        context[IMAGES_STORE_KEY] = render.Store(
            Path(generator.output_path), cache_dir(generator.settings)
        )
    return context[IMAGES_STORE_KEY]


def deferred_work(settings):
    """Return how to defer a share image: the parallel_write plugin's queue.

    Share images are `late` work: no page reads them, so they are made while
    Pagefind indexes the written pages. None without the plugin (made now).
    """
    work = work_of(settings)
    if work is None:
        return None
    return functools.partial(work.defer, late=True)


def add_filters(generator):
    # The theme's figure.html writes a processed image's <picture> with this.
    generator.env.filters["picture"] = markup.picture_html


def offer_site_card(generator):
    # Earliest point with a context: templates and other plugins may read it.
    if "site_share_image" in generator.context:
        return
    conf = plugin_settings(generator.settings)
    path = f"{conf['IMAGES_SHARE_DIR'].strip('/')}/{SITE_CARD}"
    generator.context[SITE_SHARE_IMAGE_KEY] = share_info(
        path, generator.settings.get("SITEURL", ""), tuple(conf["IMAGES_SHARE_SIZE"])
    )


def process_generator(generator, published, drafts, share=False):
    """Publish the images of the items in the generator's `published` lists.

    Items of the `drafts` lists are checked but nothing of theirs is written.
    Return the publishing Job.
    """
    store = store_of(generator)
    job = Job(
        generator.settings,
        store,
        defer=deferred_work(generator.settings),
        model=generator.context.get(MODEL_KEY),
    )
    for item in items_of(generator, published):
        process_item(job, item, share=share)
    checked = Job(
        generator.settings, store, write=False, sources=job.sources, model=job.model
    )
    for item in items_of(generator, drafts):
        process_item(checked, item)
    return job


def publish_article_images(generator):
    # Articles are final (embargo and kinds applied) and nothing is rendered
    # yet; files are written now so that feeds can read their sizes.
    job = process_generator(
        generator,
        ("articles", "translations", "hidden_articles", "hidden_translations"),
        ("drafts", "drafts_translations"),
        share=True,
    )
    model = generator.context.get(MODEL_KEY)
    for folder, records in sorted(model.records.items()):
        for slug in sorted(records):
            process_record(job, records[slug], folder)
    card = generator.context.get(SITE_SHARE_IMAGE_KEY) or {}
    if card.get("path"):
        spec = site_card_spec(generator.settings)
        write_share_image(job, card["path"], None, spec)
        card.update(job.credit_fields(credits.Credit()))


def publish_page_images(generator):
    # Pages are final here and nothing is rendered yet.
    process_generator(
        generator,
        ("pages", "translations", "hidden_pages", "hidden_translations"),
        ("draft_pages", "draft_translations"),
    )


def static_problem(content, rel):
    """Return why the static file `rel` may not be copied as it is, or None.

    The same rules as the content checks (they stop the build first): this
    keeps a build run with CONTENT_MODEL_STRICT off, or a file a link names,
    from copying what they refuse.
    """
    path = content / rel
    if files.is_linked(content, path):
        return _(files.LINK_MESSAGE).format(folder="content")
    real = os.path.realpath(path)
    if rel.startswith("../") or not real.startswith(os.path.realpath(content) + os.sep):
        return _(
            "is outside the content folder; keep the files the site publishes there"
        )
    if path.suffix.lower() in originals.FORMAT_OF_EXTENSION:
        return None
    return files.type_problem(path, rel.split("/", 1)[0])


def publish_original(job, static, shown):
    """Write the cleaned copy of an image that Pelican would have copied."""
    path = Path(static.source_path)
    limit = job.conf["IMAGES_MAX_PIXELS"]
    with open(path, "rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    key = originals.cache_key(digest, render.CACHE_VERSION)
    try:
        placed = job.store.put(
            static.save_as, key, lambda: originals.clean_original(path, limit)
        )
    except render.ImageError as error:
        job.error(shown, 1, _("image {reason}").format(reason=error))
        return
    if not placed:
        job.error(
            shown,
            1,
            _(
                "image would be published as {path}, which another image "
                "already is; rename one file"
            ).format(path=static.save_as),
        )


def publish_originals(generator):
    # Every static file is known and none is copied yet (Pelican copies them
    # in generate_output): images are written cleaned now instead of copied,
    # and a file the content checks refuse is dropped with an error.
    content = Path(generator.path)
    job = Job(generator.settings, store_of(generator))
    kept = []
    for static in generator.staticfiles:
        rel = Path(static.relative_source_path).as_posix()
        # The file's folder, not the file: a link is shown where it is.
        folder, name = posixpath.split(rel)
        shown = f"{display_path(content / folder, content)}/{name}"
        problem = static_problem(content, rel)
        if problem:
            job.error(shown, 1, problem)
        elif Path(rel).suffix.lower() in originals.FORMAT_OF_EXTENSION:
            publish_original(job, static, shown)
        else:
            kept.append(static)
    generator.staticfiles[:] = kept


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(add_filters)
    signals.generator_init.connect(offer_site_card)
    signals.article_generator_finalized.connect(publish_article_images)
    signals.page_generator_finalized.connect(publish_page_images)
    signals.static_generator_finalized.connect(publish_originals)
