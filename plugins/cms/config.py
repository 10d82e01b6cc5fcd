"""The editing UI's (Decap CMS) config, generated from the content kinds.

`cms_config(kinds)` is a pure function from kind declarations to the config
dict that Decap reads as `admin/config.yml`: one collection per kind, with
Indonesian labels and hints, required fields, choices, relation pick-lists
and the Markdown body. Nothing here is written by hand per kind.

Each kind of the registry (`content_model.kinds`) carries its `fields`
(name, label, hint, type, required, choices, target, multiple), and the
collection is read from them. `FIELDS` below is the fallback for a kind
declared with key names only (`required`/`optional`, the shape before the
registry), and gives the header order of new files and the key spellings.
"""

import json

from content_model.kinds import IMAGE_ALT
from content_model.model import DELIVERIES, DIMENSIONS

# The header format the CMS reads and writes: our own `Key: value` header
# (registered in admin.js), so the build reads exactly what the UI writes.
FORMAT = "newsroom-header"
# Where uploaded images go (relative to the repository) and how a header
# names them (relative to the content folder), as `Image: images/x.jpg`.
MEDIA_FOLDER = "content/images"
PUBLIC_FOLDER = "images"
DATETIME = "YYYY-MM-DD HH:mm"
WITA = "Waktu WITA (UTC+08:00)."
# The hosted backend when none is configured (see docs/cms.md).
DEFAULT_BACKEND = {"name": "github", "repo": "OWNER/REPO", "branch": "main"}
# A key as it is spelled in a header, when not simply capitalised.
HEADER_KEYS = {"opd": "OPD"}

# key -> (label, hint, widget, options); options: choices for a select, or
# (target kind, multiple) for a relation. Keys absent here are not shown in
# the editor (ids, corrections, withdrawals, Pelican's own keys); the header
# format keeps them when an existing file is edited.
FIELDS = {
    "title": ("Judul", "", "string", None),
    "acronym": ("Singkatan", "Misalnya Diskominfo.", "string", None),
    "role": ("Jabatan", "", "string", None),
    "date": ("Tanggal terbit", WITA, "datetime", None),
    "start": ("Mulai", WITA, "datetime", None),
    "end": ("Selesai", WITA, "datetime", None),
    "launched": ("Diluncurkan", "", "date", None),
    "embargo": (
        "Embargo",
        "Ditahan sampai waktu ini (WITA); kosongkan bila langsung terbit.",
        "datetime",
        None,
    ),
    "summary": (
        "Ringkasan",
        "Satu atau dua kalimat untuk daftar dan umpan.",
        "text",
        None,
    ),
    "speaker": (
        "Pembicara",
        "Tokoh yang menyampaikan sambutan.",
        "relation",
        ("person", False),
    ),
    "occasion": ("Acara", "", "string", None),
    "location": ("Lokasi", "", "string", None),
    "address": ("Alamat", "", "string", None),
    "delivery": ("Bentuk", "", "select", DELIVERIES),
    "dimension": ("Dimensi smart city", "", "select", DIMENSIONS),
    "opd": ("OPD", "Perangkat daerah yang menerbitkan.", "relation", ("agency", False)),
    "head": ("Kepala", "", "relation", ("person", False)),
    "programs": ("Program", "Program yang dibahas.", "relation", ("program", True)),
    "event": ("Agenda", "", "relation", ("event", False)),
    "advertorial": (
        "Advertorial",
        "Centang bila ini konten berbayar; halaman akan diberi label Advertorial.",
        "boolean",
        None,
    ),
    "category": ("Kategori", "", "string", None),
    "tags": ("Tag", "Pisahkan dengan koma.", "string", None),
    "authors": ("Penulis", "", "string", None),
    "image": ("Gambar utama", "JPEG, PNG atau WebP.", "image", None),
    "image_alt": (
        "Teks alternatif gambar",
        "Wajib bila ada gambar: apa yang terlihat, untuk pembaca tunanetra.",
        "string",
        None,
    ),
    "image_caption": ("Keterangan gambar", "", "string", None),
    "image_credit": ("Kredit gambar", "", "string", None),
    "image_license": ("Lisensi gambar", "", "string", None),
    "website": ("Situs web", "", "string", None),
    "app": ("Aplikasi", "", "string", None),
    "email": ("Surel", "", "string", None),
    "phone": ("Telepon", "", "string", None),
    "stand": ("Stan", "", "string", None),
    "aliases": ("Nama lain", "Pisahkan dengan koma.", "string", None),
    "registration": ("Pendaftaran", "", "string", None),
}
# Names the alt-text field by the label the editor shows (the registry's).
IMAGE_ALT_MISSING = (
    f"Gambar utama belum punya teks alternatif; isi kolom {IMAGE_ALT.label}."
)
BODY = {
    "label": "Isi",
    "name": "body",
    "widget": "markdown",
    "hint": "Kutipan ditulis dengan tanda petik “…” lalu nama tokohnya.",
    # Raw: the Markdown stays exactly as written, with curly quotes.
    "modes": ["raw"],
}


def header_key(name):
    """Return how `name` is spelled in a header: `image_alt` -> `Image_Alt`."""
    return HEADER_KEYS.get(
        name, "_".join(part.capitalize() for part in name.split("_"))
    )


def field_config(name, label, hint, widget, required, options):
    """Return one Decap field dict for a header key."""
    field = {"label": label, "name": name, "widget": widget, "required": required}
    if hint:
        field["hint"] = hint
    if widget in ("datetime", "date"):
        field["format"] = DATETIME if widget == "datetime" else "YYYY-MM-DD"
        field["widget"] = "datetime"
        field["picker_utc"] = False
        if widget == "date":
            field["time_format"] = False
    elif widget == "select":
        field["options"] = [
            {"label": text, "value": value} for value, text in options.items()
        ]
    elif widget == "relation":
        target, multiple = options
        field.update(
            collection=target,
            value_field="{{slug}}",
            search_fields=["title"],
            display_fields=["title"],
            multiple=multiple,
        )
    elif widget == "boolean":
        field["default"] = False
    return field


def kind_fields(kind):
    """Return (name, label, hint, widget, required, options) of a kind's keys."""
    if hasattr(kind, "fields"):
        for f in kind.fields:
            options = dict(f.choices) if f.type == "select" else (f.target, f.multiple)
            yield f.name, f.label, f.hint, f.type, f.required, options
        return
    for name in kind.keys:
        if name in FIELDS:
            label, hint, widget, options = FIELDS[name]
            yield name, label, hint, widget, name in kind.required, options


def collection(kind):
    """Return the Decap collection of one kind."""
    fields = [field_config(*spec) for spec in kind_fields(kind)]
    return {
        "name": kind.name,
        "label": kind.label,
        "label_singular": kind.label,
        "folder": f"content/{kind.folder}",
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "slug": "{{slug}}",
        "identifier_field": "title",
        "fields": [*fields, BODY],
    }


def cms_config(kinds, backend=None, local_backend_url=""):
    """Return the Decap config dict for `kinds` (kind declarations, in order).

    `local_backend_url` points the editor at `decap-server` (the local
    backend that writes to the working copy); without it the config names
    the hosted git backend, which docs/cms.md explains how to set up.
    """
    config = {
        "locale": "id",
        "backend": dict(backend or DEFAULT_BACKEND),
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "collections": [collection(kind) for kind in kinds],
    }
    if local_backend_url:
        config["local_backend"] = {"url": local_backend_url}
    return config


def header_settings(kinds):
    """Return what admin.js needs to read and write our header format."""
    names = {spec[0] for kind in kinds for spec in kind_fields(kind)}
    names.update(FIELDS)
    lists = sorted(
        spec[0]
        for kind in kinds
        for spec in kind_fields(kind)
        if spec[3] == "list" or (spec[3] == "relation" and spec[5][1])
    )
    return {
        "keys": {name: header_key(name) for name in sorted(names)},
        "lists": lists,
        "order": list(FIELDS),
        "messages": {"image_alt": IMAGE_ALT_MISSING},
    }


def to_yaml(config):
    """Return `config` as YAML text (JSON, which is YAML), keys in order."""
    return json.dumps(config, ensure_ascii=False, indent=2) + "\n"
