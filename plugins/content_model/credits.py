"""Photo credits and licences: one syntax for every image, parsed in one place.

Pure functions, no Pelican imports. A lead image takes `Image_Caption`,
`Image_Credit` and `Image_License`; a body image (and a gallery photo) says
the same in its Markdown title, three parts split by " | ":

    ![Stan OPD](images/stan.jpg "Stan Diskominfo | Foto: Andi | CC BY 4.0")

Every part may be left out from the right: `"Keterangan"`, `"Keterangan |
Foto: Andi"`; an empty caption keeps its bar: `"| Foto: Andi | CC BY 4.0"`.
The credit part starts with "Foto:" (as Indonesian newspapers print it) so a
caption is never taken for a credit.

Whose photo it is follows from the licence. No licence means the office's
own photo, published under the site's reuse terms; its credit defaults to
the site's copyright holder (COPYRIGHT). Any licence from `LICENCES` means
somebody else's photo, and then the credit is required.
"""

import re
from dataclasses import dataclass

from i18n import _

SEPARATOR = "|"
CREDIT_PREFIX = re.compile(r"^\s*foto\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Licence:
    """A licence a photo may carry: its name as printed and where it is read."""

    name: str
    url: str = ""
    # Whether anyone may republish the photo, with the credit, without asking.
    open: bool = True


def _creative_commons():
    found = {}
    for version in ("2.0", "3.0", "4.0"):
        for terms in ("by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd"):
            name = f"CC {terms.upper()} {version}"
            url = f"https://creativecommons.org/licenses/{terms}/{version}/"
            found[name] = Licence(name, url, open="nc" not in terms)
    found["CC0 1.0"] = Licence(
        "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"
    )
    return found


# Every licence an editor may write, by its printed name. Matching ignores
# case, and hyphens or spaces between words ("cc-by-4.0" is "CC BY 4.0").
LICENCES = {
    **_creative_commons(),
    "Domain publik": Licence(
        "Domain publik", "https://creativecommons.org/publicdomain/mark/1.0/"
    ),
    # A photo lent to the office: reuse needs the holder's own permission.
    "Seizin pemilik": Licence("Seizin pemilik", "", open=False),
}
ALIASES = {"CC0": "CC0 1.0", "Public domain": "Domain publik"}


def _key(text):
    return re.sub(r"[\s_-]+", " ", str(text or "")).strip().casefold()


_BY_KEY = {_key(name): licence for name, licence in LICENCES.items()}
_BY_KEY.update({_key(alias): LICENCES[name] for alias, name in ALIASES.items()})


@dataclass(frozen=True)
class Credit:
    """What a figure says about its photo.

    `credit` is the name as written ("" when the office's own photo has
    none); `licence` is None for the office's own photo.
    """

    caption: str = ""
    credit: str = ""
    licence: Licence | None = None

    @property
    def own(self):
        """Whether the photo is the office's own (no licence of another)."""
        return self.licence is None

    def holder(self, site_holder):
        """Return the name to credit: the written one, else the site's."""
        return self.credit or site_holder


def licence_of(value):
    """Return the Licence named by `value`, or None if it names none."""
    return _BY_KEY.get(_key(value))


def licence_hint(value):
    """Return 'did you mean …?' or the list of licences, for an error message."""
    import difflib

    names = list(LICENCES)
    near = difflib.get_close_matches(_key(value), [_key(n) for n in names], n=1)
    if near:
        name = next(n for n in names if _key(n) == near[0])
        return _("did you mean '{name}'?").format(name=name)
    return _("write one of: {licences}").format(
        licences="CC BY 4.0, CC BY-SA 4.0, CC0, Domain publik, Seizin pemilik"
    )


def clean_credit(value):
    """Return a credit without a leading "Foto:" and outer spaces."""
    return CREDIT_PREFIX.sub("", str(value or "")).strip()


def credit_of(caption, credit, licence):
    """Return (Credit, [problem]) from a caption, credit and licence as written.

    Problems are messages in the content model's `problem; fix` form.
    """
    problems = []
    credit = clean_credit(credit)
    found = None
    licence = str(licence or "").strip()
    if licence:
        found = licence_of(licence)
        if found is None:
            problems.append(
                _("licence '{licence}' is not one we know; {hint}").format(
                    licence=licence, hint=licence_hint(licence)
                )
            )
    if found is not None and not credit:
        problems.append(
            _(
                "photo under licence '{licence}' is not the office's own, so it "
                "needs a credit; name the photographer or source (Image_Credit: "
                "Nama, or 'Keterangan | Foto: Nama | Lisensi' in an image title)"
            ).format(licence=found.name)
        )
    return Credit(str(caption or "").strip(), credit, found), problems


def parse_title(title):
    """Return (Credit, [problem]) from an image title in the credit syntax.

    A title without a bar is a caption only, so titles written before this
    syntax keep meaning what they meant.
    """
    parts = [p.strip() for p in str(title or "").split(SEPARATOR)]
    caption, credit, licence = parts[0], "", ""
    if len(parts) == 1 and CREDIT_PREFIX.match(caption):
        caption, parts = "", ["", caption]
    rest = parts[1:]
    problems = []
    if len(rest) > 2:
        return Credit(caption), [
            _(
                "image title '{title}' has {count} parts; write at most three: "
                "'Keterangan | Foto: Nama | Lisensi' (no '|' in a caption)"
            ).format(title=title, count=len(parts))
        ]
    for part in rest:
        if CREDIT_PREFIX.match(part) and not credit and not licence:
            credit = part
        elif not licence and part:
            licence = part
        elif part:
            problems.append(
                _(
                    "image title part '{part}' is neither a credit nor a licence; "
                    "write 'Keterangan | Foto: Nama | Lisensi'"
                ).format(part=part)
            )
    found, more = credit_of(caption, credit, licence)
    return found, problems + more


def format_title(caption="", credit="", licence=""):
    """Return the image title that `parse_title` reads back (for generators)."""
    parts = [caption or ""]
    if credit:
        parts.append(f"Foto: {clean_credit(credit)}")
    if licence:
        parts.append(licence)
    if len(parts) == 1:
        return parts[0]
    return " | ".join(parts).strip()


def terms_page(settings, model):
    """Return the URL path of the page stating the reuse terms, or "".

    That is the media-contact page (MEDIA_CONTACT_PAGE, a page slug) when
    the content has it: a link is never made to a page that is not there.
    """
    slug = str(settings.get("MEDIA_CONTACT_PAGE") or "").strip("/")
    if not slug:
        return ""
    headers = model.headers if model is not None else {}
    for path, header in sorted(headers.items()):
        if not path.startswith("pages/"):
            continue
        name = path.rsplit("/", 1)[-1].removesuffix(".md")
        if (header.get("slug") or name).strip() == slug:
            pattern = settings.get("PAGE_URL", "{slug}/")
            return pattern.format(slug=slug)
    return ""
