"""Republish: "Muat ulang" texts, a press kit and a media contact on every release.

Next to each published release page (`berita/YYYY/MM/slug/`) it writes:

    rilis.txt      plain text
    rilis-wa.txt   WhatsApp text (*bold*, _italic_)
    rilis.html     clean HTML: one <article>, absolute URLs, no script,
                   figures with their credits
    kit-pers.zip   the press kit: the text as Markdown and plain text, the
                   photos, and CREDITS.txt (caption, credit, licence of each)

Each text starts with the title as `newsroom.advertorial.labelled_title`
gives it ("[Advertorial] Judul" for paid content) and ends with "Sumber:
<agency>, <canonical URL>" and the reuse statement. Embargoed items (shown
only in a preview build) get nothing.

What templates read (set on each published release):
    article.republish      dict: text_url, whatsapp_url, html_url, kit_url
                           (absolute), text_name … kit_name (the file names,
                           links relative to the page), heading (labelled
                           title), source (the "Sumber: …" line), statement
    article.media_contact  dict: agencies (list of {name, email, phone}) with
                           a contact written in their file, page_url (the
                           media-contact page, "" when the site has none);
                           nothing is made up when both are empty

Signals: initialized, get_generators.
Settings:
    REPUBLISH_REUSE              the reuse statement of a release (a
                                 government work, UU 28/2014 Art. 43; see
                                 DEFAULTS)
    REPUBLISH_REUSE_ADVERTORIAL  the statement of paid content (see DEFAULTS)
    REPUBLISH_FILES              file names beside the page ({"text":
                                 "rilis.txt", "whatsapp": "rilis-wa.txt",
                                 "html": "rilis.html", "kit": "kit-pers.zip"})
    MEDIA_CONTACT_PAGE           slug of the site's media-contact page (a
                                 site setting, read here)
"""

import logging
import os
import posixpath
import re

from common.files import write_output
from common.urls import absolute_url
from content_model.credits import terms_page
from content_model.dates import pukul, tanggal
from content_model.model import MODEL_KEY
from images.originals import clean_original
from parallel_write.plugin import defer
from pelican import signals
from pelican.generators import Generator

from . import kit, texts

log = logging.getLogger(__name__)

DEFAULTS = {
    # UU No. 28/2014 on copyright, Art. 43 letter b: publishing and copying
    # what the government makes is no infringement unless it is marked as
    # protected. Photos of others and paid content are not such works.
    "REPUBLISH_REUSE": (
        "Siaran pers ini karya Pemerintah Kota Bontang dan boleh dimuat ulang, "
        "seluruhnya atau sebagian, dengan menyebut sumbernya (UU Nomor 28 "
        "Tahun 2014 tentang Hak Cipta, Pasal 43 huruf b). Ketentuan ini tidak "
        "berlaku bagi foto milik pihak lain: muat ulang foto tersebut hanya "
        "sesuai lisensi atau izin pemiliknya yang tertera pada keterangan foto."
    ),
    "REPUBLISH_REUSE_ADVERTORIAL": (
        "Konten ini adalah advertorial (konten berbayar), bukan siaran pers "
        "yang bebas dimuat ulang: memuat ulang seluruhnya atau sebagian "
        "memerlukan izin pengiklan, dan label \u201cAdvertorial\u201d wajib tetap "
        "dicantumkan (Pedoman Pemberitaan Media Siber, Dewan Pers). Foto milik "
        "pihak lain hanya boleh dimuat ulang sesuai lisensi atau izin pemiliknya."
    ),
    "REPUBLISH_FILES": {
        "text": "rilis.txt",
        "whatsapp": "rilis-wa.txt",
        "html": "rilis.html",
        "kit": "kit-pers.zip",
    },
}
FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*\.(?:txt|html|zip)$")
KIT_TEXT = "rilis"  # base name of the texts inside the press kit


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    conf = {name: settings.get(name, value) for name, value in DEFAULTS.items()}
    files = conf["REPUBLISH_FILES"]
    if isinstance(files, dict):
        conf["REPUBLISH_FILES"] = {**DEFAULTS["REPUBLISH_FILES"], **files}
    return conf


def setting_problems(conf):
    """Return {setting: why it is wrong} for the values that cannot be used."""
    wrong = {}
    for name in ("REPUBLISH_REUSE", "REPUBLISH_REUSE_ADVERTORIAL"):
        if not isinstance(conf[name], str) or not conf[name].strip():
            wrong[name] = "must be a non-empty text"
    files = conf["REPUBLISH_FILES"]
    names = list(files.values()) if isinstance(files, dict) else []
    if (
        not isinstance(files, dict)
        or set(files) != set(DEFAULTS["REPUBLISH_FILES"])
        or not all(isinstance(n, str) and FILE_NAME.match(n) for n in names)
        or "index.html" in names
        or len(set(names)) != len(names)
    ):
        wrong["REPUBLISH_FILES"] = (
            "must give four different file names (lower-case, ending in .txt, "
            ".html or .zip, not index.html) for text, whatsapp, html and kit"
        )
    return wrong


def check_settings(pelican):
    # Before any generator reads them: a bad value falls back to the default.
    conf = plugin_settings(pelican.settings)
    for name, why in setting_problems(conf).items():
        log.error("republish: setting %s %s; using the default", name, why)
        pelican.settings[name] = DEFAULTS[name]


def credit_text(image):
    """Return a photo's credit as printed: "Foto: Nama · CC BY 4.0"."""
    credit = image.get("credit") or ""
    if not credit:
        return ""
    licence = image.get("license_name") or ""
    return f"Foto: {credit}" + (f" · {licence}" if licence else "")


def lead_photo(image):
    """Return the texts.Photo of a lead image dict (images plugin), or None."""
    if not image:
        return None
    return texts.Photo(
        url=image["url"],
        alt=image.get("alt", ""),
        caption=image.get("caption", ""),
        credit=credit_text(image),
        width=image.get("width", 0),
        height=image.get("height", 0),
        license_name=image.get("license_name", ""),
        license_url=image.get("license_name") and image.get("license_url", ""),
    )


def source_name(article, settings):
    """Return who the release comes from: its agencies, else the site's office."""
    names = []
    for agency in article.view.agencies:
        acronym = agency.meta.get("acronym", "")
        names.append(f"{agency.title} ({acronym})" if acronym else agency.title)
    return ", ".join(names) or settings.get("SITE_ORGANISATION", "")


def dateline(article, settings):
    """Return "Bontang, Jumat, 13 Maret 2020" (and the time when it was given)."""
    when = tanggal(article.date)
    if article.view.date_has_time:
        when = f"{when}, pukul {pukul(article.date)}"
    city = settings.get("DATELINE_CITY", "")
    return f"{city}, {when}" if city else when


def release_of(article, settings, with_body=True):
    """Return the texts.Release of a published release (body read if asked)."""
    conf = plugin_settings(settings)
    url = absolute_url(settings.get("SITEURL", ""), article.url)
    advertorial = article.view.advertorial
    statement = conf[
        "REPUBLISH_REUSE_ADVERTORIAL" if advertorial else "REPUBLISH_REUSE"
    ].strip()
    body, clean = texts.read_body(article.content, url) if with_body else ([], "")
    return texts.Release(
        # Titles are plain text (the theme escapes them): "<b>" is two words.
        title=texts.squeeze(str(article.title)).strip(),
        advertorial=advertorial,
        url=url,
        dateline=dateline(article, settings),
        source=source_name(article, settings),
        statement=statement,
        lead=lead_photo(article.lead_image),
        blocks=body,
        body_html=clean,
    )


def phone_link(phone):
    """Return a tel: URL of a phone number as written ("0548 123" -> tel:0548123)."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def media_contact(article, page_url):
    """Return the release's media contact: agencies' own fields, or the page.

    Only what the content says: an agency without Email and Phone adds
    nothing, and `page_url` is "" when the site has no media-contact page.
    """
    agencies = []
    for agency in article.view.agencies:
        email = (agency.meta.get("email") or "").strip()
        phone = (agency.meta.get("phone") or "").strip()
        if email or phone:
            agencies.append(
                {
                    "name": agency.title,
                    "email": email,
                    "phone": phone,
                    "tel": phone_link(phone) if phone else "",
                }
            )
    return {"agencies": agencies, "page_url": page_url}


def folder_of(article):
    """Return the output folder of an article's page ("berita/2020/03/x/")."""
    return posixpath.dirname(article.save_as.replace(os.sep, "/")) + "/"


def photos_of(article):
    """Return the release's photos (lead first, then the body's), each once."""
    found, seen = [], set()
    # The images plugin (before this one in PLUGINS) set both on every item.
    for image in [article.lead_image, *article.body_images]:
        if image and image.get("path") and image["path"] not in seen:
            seen.add(image["path"])
            found.append(image)
    return found


def kit_photo_name(number, image):
    """Return a photo's name in the kit: foto/01-panggung.jpg."""
    stem = posixpath.splitext(posixpath.basename(image.get("source") or image["path"]))
    ext = posixpath.splitext(image["path"])[1]
    return f"foto/{number:02d}-{stem[0]}{ext}"


def licence_text(image, terms_url):
    """Return the licence lines of one photo in CREDITS.txt."""
    if image.get("own", True):
        where = f" Syarat: {terms_url}" if terms_url else ""
        return (
            "Lisensi: milik kantor; boleh dimuat ulang dengan menyebut sumber, "
            f"seperti teks rilis.{where}"
        )
    name = image.get("license_name", "")
    url = image.get("license_url", "")
    line = f"Lisensi: {name}" + (f" ({url})" if url else "")
    if not image.get("license_open", True):
        line += "\nMemuat ulang foto ini memerlukan izin pemiliknya."
    return line


def credits_text(release, photos, names, terms_url):
    """Return CREDITS.txt: each photo's caption, credit and licence."""
    lines = [f"Kredit foto: {release.heading}", release.source_line, ""]
    if not photos:
        lines.append("Rilis ini tidak memuat foto.")
    for image, name in zip(photos, names, strict=True):
        lines += [
            name,
            f"Keterangan: {image.get('caption') or '-'}",
            f"Teks alternatif: {image.get('alt') or '-'}",
            f"Foto: {image.get('credit') or '-'}",
            licence_text(image, terms_url),
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def photo_bytes(image, output_path, content_path):
    """Return the bytes of a photo for the kit, location data removed.

    The original at full size, cleaned the way the images plugin publishes
    it (no EXIF, GPS, XMP or maker notes; upright; colour profile kept).
    An image with no content source falls back to the largest rendition
    the images plugin published, which is re-encoded from the pixels.
    """
    if image.get("source"):
        return clean_original(os.path.join(content_path, image["source"]))
    with open(os.path.join(output_path, image["path"]), "rb") as handle:
        return handle.read()


def kit_bytes(release, article, output_path, content_path, terms_url):
    """Return the press kit zip of a release."""
    slug = article.slug
    top = f"kit-pers-{slug}/"
    photos = photos_of(article)
    names = [kit_photo_name(n, image) for n, image in enumerate(photos, start=1)]
    entries = [
        kit.Entry(f"{top}{KIT_TEXT}.md", texts.markdown_text(release).encode()),
        kit.Entry(f"{top}{KIT_TEXT}.txt", texts.plain_text(release).encode()),
        kit.Entry(
            f"{top}CREDITS.txt",
            credits_text(release, photos, names, terms_url).encode(),
        ),
    ]
    for image, name in zip(photos, names, strict=True):
        data = photo_bytes(image, output_path, content_path)
        entries.append(kit.Entry(f"{top}{name}", data, compress=False))
    # Pelican sets `modified` only on an item whose header has Modified.
    moment = getattr(article, "modified", None) or article.date
    return kit.press_kit(entries, moment)


def is_republished(article):
    """Return whether a release gets republish texts (published releases)."""
    return article.view.kind == "release" and not article.view.embargoed


class RepublishGenerator(Generator):
    """Give each release its texts, press kit and media contact."""

    def generate_context(self):
        # Every article is final here (images made their figures) and no page
        # is rendered yet: templates read article.republish.
        conf = plugin_settings(self.settings)
        files = conf["REPUBLISH_FILES"]
        siteurl = self.settings.get("SITEURL", "")
        terms = terms_page(self.settings, self.context.get(MODEL_KEY))
        self.terms_url = absolute_url(siteurl, terms) if terms else ""
        self.releases = []
        for article in self.context.get("articles", []):
            if article.view.kind != "release":
                continue
            article.media_contact = media_contact(article, self.terms_url)
            if not is_republished(article):
                continue
            folder = folder_of(article)
            release = release_of(article, self.settings, with_body=False)
            article.republish = {
                "heading": release.heading,
                "source": release.source_line,
                "statement": release.statement,
                **{f"{key}_name": name for key, name in files.items()},
                **{
                    f"{key}_url": absolute_url(siteurl, folder + name)
                    for key, name in files.items()
                },
            }
            self.releases.append((article, folder))

    def generate_output(self, writer):
        files = plugin_settings(self.settings)["REPUBLISH_FILES"]
        for article, folder in self.releases:
            # Made on every core with the pages; no page reads these files.
            defer(self.settings, self.writer_job(article, folder, files))

    def writer_job(self, article, folder, files):
        output, settings, terms_url = self.output_path, self.settings, self.terms_url

        def job():
            release = release_of(article, settings)
            made = {
                "text": texts.plain_text(release).encode(),
                "whatsapp": texts.whatsapp_text(release).encode(),
                "html": texts.clean_html(
                    release, settings.get("DEFAULT_LANG", "id")
                ).encode(),
                "kit": kit_bytes(release, article, output, settings["PATH"], terms_url),
            }
            for key, data in made.items():
                write_output(output, folder + files[key], data)

        return job


def get_generators(pelican):
    return RepublishGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
