"""The kind registry: one declaration per kind of content item.

Everything else follows from a `Kind`: validation (required and optional
keys, their types and choices), routing (folder, URL, save-as, template),
URL collision and reserved-path checks, `invoke new` (the scaffold), feeds,
search filters, sitemaps, structured data (the JSON-LD type), the Indonesian
label shown to readers and the fields an editing UI shows (`Field`).

Adding a kind means one `Kind` here plus its templates and tests;
`tests/test_kinds.py` fails when a registered kind lacks a template, a URL,
a scaffold or a JSON-LD type. Nothing here imports Pelican or another
module of this package, so every module may import it.
"""

from dataclasses import dataclass

from i18n import N_

# Field types an editing UI knows (Decap/Sveltia CMS widgets map onto them).
FIELD_TYPES = (
    "string",
    "text",
    "markdown",
    "datetime",
    "date",
    "boolean",
    "select",
    "list",
    "relation",
    "image",
)
# What a Field's value must look like beyond its type (validation checks it):
# anything, a web address, an e-mail address, a name Pelican makes a URL of.
FIELD_FORMATS = ("", "url", "email", "name")
# How a kind's items are read: by Pelican as articles or pages, or by our own
# generators as `Record`s.
READERS = ("article", "page", "record")

DIMENSIONS = {
    "governance": "Smart Governance",
    "branding": "Smart Branding",
    "economy": "Smart Economy",
    "living": "Smart Living",
    "society": "Smart Society",
    "environment": "Smart Environment",
}
DELIVERIES = {
    "transcript": "Transkrip",
    "excerpt": "Kutipan sambutan",
    "notes": "Catatan",
}


@dataclass(frozen=True)
class Field:
    """One header key of a kind, as validation and an editing UI see it.

    `name` is the key in lower case; `label` and `hint` are what an editor
    reads (Bahasa Indonesia); `type` is one of FIELD_TYPES; `choices` maps
    the values a `select` takes to their labels; `target` names the kind a
    `relation` points at, and `multiple` whether it takes a comma-separated
    list of slugs.

    What validation checks beyond the type: `format` ("url": a web address
    the theme links to; "email"; "name": a tag, category or author name
    Pelican turns into an address), `not_before` (a datetime that may not
    come before the key it names; `whole_day` when a value without a time
    means its whole day, `order_fix` the fix the message gives), `written`
    (the key as authors write it, when not in title case: "OPD").
    """

    name: str
    label: str
    hint: str = ""
    type: str = "string"
    required: bool = False
    choices: tuple = ()
    target: str = ""
    multiple: bool = False
    # How validation says a value is not one of `choices`.
    invalid: str = N_("is unknown")
    format: str = ""
    not_before: str = ""
    whole_day: bool = False
    order_fix: str = ""
    written: str = ""

    @property
    def widget(self):
        """The editing UI's widget: the type, a select's choices as a list."""
        return self.type


@dataclass(frozen=True)
class Kind:
    """One kind of content item: where it lives, how it is published.

    `url` and `save_as` are Pelican-style patterns (`{slug}`, `{date:%Y}`);
    `index` is the URL of the list of every item of the kind ("" when it has
    none); `context_key` names the template variable that holds the item on
    its own page; `search` whether its pages are indexed, filtered by the
    first segment of its URL; `news_sitemap` whether it is news in Google's
    sense; `scaffold` the header `invoke new` writes (`{title}`, `{date}`,
    `{day}`, `{slug}`).
    """

    name: str
    folder: str
    label: str
    reader: str
    url: str
    template: str
    jsonld: str
    context_key: str
    fields: tuple
    scaffold: str
    index: str = ""
    listing: str = ""
    feeds: bool = False
    search: bool = False
    sitemap: bool = True
    news_sitemap: bool = False
    aliases: tuple = ()
    # The body `invoke new` writes below the header.
    body: str = "Tulis isinya di sini.\n"
    # The kind's section in the navigation and the search filter, if not `label`.
    section: str = ""
    # Who writes its pages: "pelican", a plugin's name, or "content_model",
    # whose generic writer (pages.py) writes `template` for each item and
    # `index_template` at `index`, newest first by Date.
    written_by: str = "pelican"
    index_template: str = ""

    @property
    def save_as(self):
        return f"{self.url}index.html"

    @property
    def required(self):
        return tuple(f.name for f in self.fields if f.required)

    @property
    def optional(self):
        return tuple(f.name for f in self.fields if not f.required)

    @property
    def keys(self):
        return (*self.required, *self.optional)

    @property
    def segment(self):
        """The first segment of the kind's URLs ("" for top-level pages).

        It is also the kind's search filter value and its feed id prefix.
        """
        head = self.url.split("/", 1)[0]
        return "" if "{" in head else head

    @property
    def references(self):
        """Return (key, folder of the items it names) of each relation key."""
        return tuple(
            (f.name, BY_NAME[f.target].folder)
            for f in self.fields
            if f.type == "relation"
        )

    def field(self, name):
        """Return the Field called `name`, or None."""
        return next((f for f in self.fields if f.name == name), None)

    def url_of(self, slug, date=None):
        """Return the URL path of the item `slug` (dated kinds need `date`)."""
        return self.url.format(slug=slug, date=date)


def _choices(mapping):
    return tuple(mapping.items())


# Fields shared by several kinds: one spelling of each label and hint.
TITLE = Field("title", "Judul", "Judul lengkap, tanpa titik di akhir", required=True)
DATE = Field(
    "date",
    "Tanggal terbit",
    "Tanggal dan jam WITA, misalnya 2020-03-13 08:00",
    "datetime",
    required=True,
)
SUMMARY = Field("summary", "Ringkasan", "Satu atau dua kalimat untuk daftar", "text")
TAGS = Field("tags", "Tag", "Dipisah koma", "list", format="name")
CATEGORY = Field("category", "Kategori", "Kosongkan untuk Berita", format="name")
AUTHORS = Field(
    "authors", "Penulis", "Nama penulis, dipisah koma", "list", format="name"
)
AUTHOR = Field("author", "Penulis (satu)", "Nama satu penulis", format="name")
OPD = Field(
    "opd",
    "OPD",
    "Slug OPD, dipisah koma",
    "relation",
    target="agency",
    multiple=True,
    written="OPD",
)
ADVERTORIAL = Field(
    "advertorial", "Advertorial", "Centang jika konten berbayar", "boolean"
)
EMBARGO = Field(
    "embargo",
    "Embargo",
    "Tidak terbit sebelum tanggal dan jam WITA ini",
    "datetime",
    not_before="date",
)
IMAGE = Field("image", "Gambar utama", "Foto di content/images/", "image")
IMAGE_CAPTION = Field("image_caption", "Keterangan gambar", "Siapa, apa, di mana")
IMAGE_ALT = Field("image_alt", "Teks alternatif", "Isi gambar untuk pembaca layar")
MODIFIED = Field(
    "modified",
    "Diperbarui",
    "Tanggal dan jam WITA perubahan terakhir",
    "datetime",
    not_before="date",
)
PROGRAMS = Field(
    "programs",
    "Program",
    "Slug program, dipisah koma",
    "relation",
    target="program",
    multiple=True,
)
ID = Field("id", "Id umpan", "Jangan diubah setelah terbit")
LOCATION = Field("location", "Lokasi", "Nama tempat")
ADDRESS = Field("address", "Alamat", "Alamat lengkap", "text")
IMAGE_CREDIT = Field("image_credit", "Kredit foto", "Nama pemotret atau pemilik foto")
IMAGE_LICENSE = Field(
    "image_license", "Lisensi foto", "Misalnya CC BY 4.0; kosongkan untuk foto sendiri"
)
CORRECTION = Field("correction", "Ralat", "YYYY-MM-DD HH:MM — apa yang diralat", "text")
WITHDRAWN = Field("withdrawn", "Dicabut", "YYYY-MM-DD HH:MM — alasan", "text")
WEBSITE = Field("website", "Situs web", "Alamat https://", format="url")

# Keys every kind takes (Pelican's own), not shown in an editing UI.
# Runs of fields several kinds share, in the order they list them.
LEAD_IMAGE = (IMAGE, IMAGE_CAPTION, IMAGE_ALT)
PHOTO = (*LEAD_IMAGE, IMAGE_CREDIT, IMAGE_LICENSE)
# A news item's programs, feed id, lead photo's rights and notices.
NEWS_NOTICES = (PROGRAMS, ID, IMAGE_CREDIT, IMAGE_LICENSE, CORRECTION, WITHDRAWN)
COMMON_OPTIONAL = ("slug", "status", "template", "lang")

KIND_LIST = (
    Kind(
        name="release",
        folder="press-releases",
        label="Siaran pers",
        section="Berita",
        reader="article",
        url="berita/{date:%Y}/{date:%m}/{slug}/",
        template="press_release",
        jsonld="NewsArticle",
        context_key="article",
        index="berita/",
        listing="newest first, paginated, on the home page and /berita/",
        feeds=True,
        search=True,
        news_sitemap=True,
        aliases=("press-release",),
        # Id pins the feed entry id, so a later rename of the file keeps it.
        scaffold="Title: {title}\nDate: {date}\nId: {day}-{slug}\nCategory: Berita\n",
        fields=(
            TITLE,
            DATE,
            SUMMARY,
            TAGS,
            CATEGORY,
            AUTHORS,
            AUTHOR,
            OPD,
            ADVERTORIAL,
            EMBARGO,
            *LEAD_IMAGE,
            MODIFIED,
            *NEWS_NOTICES,
        ),
    ),
    Kind(
        name="remarks",
        folder="remarks",
        label="Sambutan",
        reader="article",
        url="sambutan/{slug}/",
        template="remarks",
        jsonld="Article",
        context_key="article",
        index="sambutan/",
        listing="newest first, paginated, at /sambutan/ and on the speaker's page",
        feeds=True,
        search=True,
        aliases=("sambutan",),
        scaffold="Title: {title}\nDate: {date}\nId: {day}-{slug}\nSpeaker: \n"
        "Occasion: \nDelivery: excerpt\n",
        fields=(
            TITLE,
            DATE,
            Field(
                "speaker",
                "Pembicara",
                "Slug tokoh yang menyampaikan",
                "relation",
                required=True,
                target="person",
            ),
            Field(
                "occasion", "Acara", "Acara tempat sambutan disampaikan", required=True
            ),
            LOCATION,
            Field(
                "delivery",
                "Bentuk",
                "Transkrip, kutipan atau catatan",
                "select",
                choices=_choices(DELIVERIES),
            ),
            OPD,
            TAGS,
            EMBARGO,
            SUMMARY,
            MODIFIED,
            *LEAD_IMAGE,
            CATEGORY,
            AUTHORS,
            ADVERTORIAL,
            *NEWS_NOTICES,
        ),
    ),
    Kind(
        name="agency",
        folder="agencies",
        label="OPD",
        reader="record",
        url="opd/{slug}/",
        template="agency",
        jsonld="GovernmentOrganization",
        context_key="agency",
        written_by="agencies",
        index="opd/",
        listing="by name at /opd/, with its programs",
        aliases=("opd",),
        scaffold="Title: {title}\nAcronym: \n",
        fields=(
            TITLE,
            Field("acronym", "Singkatan", "Misalnya Diskominfo", required=True),
            Field(
                "head", "Kepala", "Slug tokoh kepala OPD", "relation", target="person"
            ),
            ADDRESS,
            WEBSITE,
            Field("email", "Surel", "Alamat surel resmi", format="email"),
            Field("phone", "Telepon", "Nomor telepon kantor"),
            Field("stand", "Stan", "Nomor stan di festival"),
            SUMMARY,
            EMBARGO,
        ),
    ),
    Kind(
        name="program",
        folder="programs",
        label="Program",
        reader="record",
        url="program/{slug}/",
        template="program",
        jsonld="GovernmentService",
        context_key="program",
        written_by="agencies",
        index="program/",
        listing="by Smart City dimension at /program/ and on its agency's page",
        search=True,
        scaffold="Title: {title}\nOPD: \nDimension: \n",
        fields=(
            TITLE,
            Field(
                "opd",
                "OPD",
                "Slug OPD pengelola",
                "relation",
                required=True,
                target="agency",
                written="OPD",
            ),
            Field(
                "dimension",
                "Dimensi",
                "Dimensi Smart City",
                "select",
                required=True,
                choices=_choices(DIMENSIONS),
                invalid=N_("is not a Smart City dimension"),
            ),
            WEBSITE,
            Field("app", "Aplikasi", "Alamat https:// aplikasi", format="url"),
            Field("launched", "Diluncurkan", "Tanggal peluncuran", "date"),
            *PHOTO,
            Field("status", "Status", "Misalnya berjalan"),
            SUMMARY,
            EMBARGO,
        ),
    ),
    Kind(
        name="person",
        folder="people",
        label="Tokoh",
        reader="record",
        url="tokoh/{slug}/",
        template="person",
        jsonld="Person",
        context_key="person",
        written_by="people",
        index="tokoh/",
        listing="by name at /tokoh/",
        scaffold="Title: {title}\nRole: \n",
        fields=(
            Field("title", "Nama lengkap", "Nama dan gelar", required=True),
            Field("role", "Jabatan", "Misalnya Wali Kota Bontang", required=True),
            Field(
                "aliases",
                "Nama lain",
                "Nama yang dipakai dalam kutipan, dipisah koma",
                "list",
            ),
            OPD,
            *PHOTO,
            SUMMARY,
            EMBARGO,
        ),
    ),
    Kind(
        name="event",
        folder="events",
        label="Agenda",
        reader="record",
        url="agenda/{slug}/",
        template="event",
        jsonld="Event",
        context_key="event",
        written_by="events",
        index="agenda/",
        listing="by day at /agenda/, with a calendar",
        search=True,
        scaffold="Title: {title}\nStart: {date}\nEnd: {date}\nLocation: \n",
        fields=(
            TITLE,
            Field("start", "Mulai", "Tanggal dan jam WITA", "datetime", required=True),
            Field(
                "end",
                "Selesai",
                "Tanggal dan jam WITA",
                "datetime",
                required=True,
                not_before="start",
                whole_day=True,
                order_fix=N_("correct the event's times"),
            ),
            Field("location", "Lokasi", "Nama tempat", required=True),
            OPD,
            CATEGORY,
            Field(
                "registration",
                "Pendaftaran",
                "Alamat https:// pendaftaran",
                format="url",
            ),
            SUMMARY,
            ADDRESS,
            MODIFIED,
            EMBARGO,
        ),
    ),
    Kind(
        name="page",
        folder="pages",
        label="Halaman",
        reader="page",
        url="{slug}/",
        template="page",
        jsonld="WebPage",
        context_key="page",
        listing="in the navigation and footer",
        scaffold="Title: {title}\n",
        fields=(TITLE, SUMMARY, EMBARGO),
    ),
    Kind(
        name="gallery",
        folder="galleries",
        label="Galeri",
        reader="record",
        url="galeri/{slug}/",
        template="gallery",
        jsonld="ImageGallery",
        context_key="gallery",
        index="galeri/",
        index_template="galleries",
        written_by="content_model",
        listing="newest first at /galeri/, on its event's and its agency's pages",
        search=True,
        scaffold="Title: {title}\nDate: {date}\nOPD: \nEvent: \n",
        body="![Teks alternatif](images/foto.jpg "
        '"Keterangan | Foto: Nama | Lisensi")\n',
        fields=(
            TITLE,
            DATE,
            Field(
                "opd",
                "OPD",
                "Slug OPD pemilik galeri",
                "relation",
                required=True,
                target="agency",
                written="OPD",
            ),
            Field(
                "event",
                "Agenda",
                "Slug agenda yang difoto",
                "relation",
                required=True,
                target="event",
            ),
            EMBARGO,
            SUMMARY,
        ),
    ),
)

# By name (the one spelling of a kind) and by content folder.
BY_NAME = {kind.name: kind for kind in KIND_LIST}
BY_FOLDER = {kind.folder: kind for kind in KIND_LIST}
# Folders Pelican itself reads (ARTICLE_PATHS, PAGE_PATHS); the others are read
# by our own generators from `content_model` records.
PELICAN_FOLDERS = tuple(k.folder for k in KIND_LIST if k.reader != "record")
ARTICLE_FOLDERS = tuple(k.folder for k in KIND_LIST if k.reader == "article")
RECORD_FOLDERS = tuple(k.folder for k in KIND_LIST if k.reader == "record")
# Keys whose values name other items: key -> folder of the items they name.
REFERENCES = {
    f.name: BY_NAME[f.target].folder
    for kind in KIND_LIST
    for f in kind.fields
    if f.type == "relation"
}
# First URL segments that the site's own lists, feeds and assets occupy,
# besides the kinds' own: a page with one of these slugs would overwrite them.
SITE_SEGMENTS = (
    "404",
    "arsip",
    "cari",
    "drafts",
    "extra",
    "feeds",
    "halaman",
    "images",
    "index",
    "kategori",
    "langganan",
    "pagefind",
    "penulis",
    "ralat",
    "tag",
    "theme",
)
RESERVED_SEGMENTS = tuple(
    sorted({*SITE_SEGMENTS, *(k.segment for k in KIND_LIST if k.segment)})
)
# Header keys authors write in other than title case ("OPD").
KEY_SPELLINGS = {f.name: f.written for k in KIND_LIST for f in k.fields if f.written}


def kind_of(name):
    """Return the Kind called `name` (or its folder, or an alias), or None."""
    found = BY_NAME.get(name) or BY_FOLDER.get(name)
    if found is not None:
        return found
    return next((k for k in KIND_LIST if name in k.aliases), None)


def key_name(key):
    """Return a header key as authors write it ("opd" -> "OPD")."""
    return KEY_SPELLINGS.get(key) or key.title()


def search_filters():
    """Return (value, label) of the search page's kind filter, in order."""
    return tuple(
        (kind.segment, kind.section or kind.label) for kind in KIND_LIST if kind.search
    )


def editor_fields(kind):
    """Return the fields an editing UI shows for `kind`, the body last.

    Each is a dict: name, label, hint, widget, required, and for a select its
    choices, for a relation its target kind and whether it takes several.
    """
    fields = []
    for f in (*kind.fields, Field("body", "Isi", "Teks dalam Markdown", "markdown")):
        entry = {
            "name": f.name,
            "label": f.label,
            "hint": f.hint,
            "widget": f.widget,
            "required": f.required or f.name == "body",
        }
        if f.choices:
            entry["choices"] = [{"value": v, "label": label} for v, label in f.choices]
        if f.target:
            entry["target"] = f.target
            entry["multiple"] = f.multiple
        fields.append(entry)
    return fields
