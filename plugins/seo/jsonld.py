"""JSON-LD (schema.org) for every page type, and its safe embedding in HTML.

Pure functions: objects and values in, dicts out. Each page gets one
`<script type="application/ld+json">` holding an `@graph` with the page's
main node and a `BreadcrumbList` (the home page adds a `WebSite` with a
`SearchAction`).

| page            | main node                                              |
| --------------- | ------------------------------------------------------ |
| release         | NewsArticle; AdvertiserContentArticle with `sponsor`   |
| remarks         | Article, speaker as `author` Person, occasion `about`  |
| agency (OPD)    | GovernmentOrganization                                 |
| person (tokoh)  | Person with `jobTitle`                                 |
| program         | GovernmentService provided by its agency               |
| event (agenda)  | Event with dates, Place, organizer, status and mode    |
| page            | WebPage (AboutPage, ContactPage for the known pages)   |
| listing         | CollectionPage                                         |

An organisation or person that appears more than once on a page (Diskominfo
as publisher, author, subject and sponsor; a speaker quoted three times) is
written in full once, with an `@id` (its own page's URL plus `#opd` or
`#tokoh`, as on that page), and every later mention is `{"@id": ...}`:
the same graph in fewer bytes (the page-weight budget).

A corrected item carries each correction as a `CorrectionComment` (text and
`datePublished`) in `correction`, and its `dateModified` is the latest
notice; a withdrawn item's withdrawal is a `CorrectionComment` too, its text
starting with "Dicabut:". `dateModified` is `modified`, which the newsroom
plugin moves to the latest notice.

Dates: a value written without a time (a release's `Date: 2020-03-13`, an
all-day event) is a schema.org Date, `"2020-03-13"`, never midnight WITA
(which is the day before west of WITA). An all-day event's `endDate` is its
last day, so a one-day event has `startDate` = `endDate`, one whole day.

The publisher (`publisher(site)`) carries the site's own mark as `logo`
(SEO_LOGO, the 512x512 "B" tile of the feeds and favicon); no agency or
city emblem is drawn or assumed.
"""

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from common.urls import absolute_url
from content_model import DIMENSIONS
from content_model.credits import parse_title
from content_model.dates import DateError, as_wita, iso, written_with_time
from content_model.kinds import BY_NAME

from .text import squeeze, title_text

CONTEXT = "https://schema.org"
SCHEDULED = "https://schema.org/EventScheduled"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"
# What JSON may hold but an HTML <script> must not: "</script>", "<!--", and
# the line separators older parsers choke on. Escapes keep the JSON equal.
SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@dataclass(frozen=True)
class Site:
    """The site-wide facts every node draws on."""

    url: str
    name: str
    lang: str = "id"
    organisation: str = ""
    parent: str = ""
    publisher_url: str = ""
    publisher_acronym: str = ""
    address: dict = field(default_factory=dict)
    search_url: str = ""
    default_image: dict | None = None
    logo: dict | None = None  # {url, width, height} of the site's mark
    about_page: str = ""
    contact_page: str = ""

    @property
    def home(self):
        return f"{self.url.rstrip('/')}/"


def script_json(data):
    r"""Return `data` as JSON that is safe verbatim inside an HTML <script>.

    `<`, `>` and `&` appear in JSON only inside strings, where their
    `\\uXXXX` escapes mean the same characters: json.loads gives `data` back.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def graph(nodes):
    """Wrap nodes in one schema.org document, each repeated node written once."""
    return {"@context": CONTEXT, "@graph": link_repeats([n for n in nodes if n])}


def link_repeats(value, seen=None):
    """Return `value` with each repeat of an `@id` node as a `{"@id": ...}` ref.

    The first occurrence (in document order) stays whole. A later node with
    the same `@id` becomes a reference only when it says exactly the same, so
    no property is lost or moved between nodes.
    """
    seen = {} if seen is None else seen
    if isinstance(value, list):
        return [link_repeats(item, seen) for item in value]
    if not isinstance(value, dict):
        return value
    ref = value.get("@id")
    if ref and len(value) > 1:
        if seen.get(ref) == value:
            return {"@id": ref}
        seen.setdefault(ref, value)
    return {key: link_repeats(item, seen) for key, item in value.items()}


def compact(node):
    """Drop keys whose value is empty, so no property is present but blank."""
    return {k: v for k, v in node.items() if v not in (None, "", [], {})}


def _get(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _meta(record, key):
    meta = _get(record, "meta") or {}
    return squeeze(str(meta.get(key) or ""))


def iso_or_empty(moment):
    """Return `moment` in ISO 8601 with the WITA offset, or "" if it has none."""
    if not moment:
        return ""
    try:
        return iso(moment)
    except (DateError, TypeError, ValueError):
        return ""


def date_value(moment, has_time=True):
    """Return an ISO 8601 date-time with offset, or a date alone for a day.

    "" when `moment` is empty or unreadable.
    """
    if not moment:
        return ""
    if has_time:
        return iso_or_empty(moment)
    try:
        return as_wita(moment).date().isoformat()
    except (DateError, TypeError, ValueError):
        return ""


def item_dates(item):
    """Return (published, modified) of a release or remarks as JSON-LD values.

    Without `Modified` the modified date is the published one.
    """
    date = _get(item, "date")
    published = date_value(date, written_with_time(item, "date"))
    modified = _get(item, "modified")
    if not modified:
        return published, published
    return published, date_value(modified, written_with_time(item, "modified"))


def logo_object(site):
    """Return the ImageObject of the site's mark, or None."""
    if not site.logo or not _get(site.logo, "url"):
        return None
    return compact(
        {
            "@type": "ImageObject",
            "url": absolute_url(site.url, _get(site.logo, "url")),
            "width": _get(site.logo, "width"),
            "height": _get(site.logo, "height"),
        }
    )


def postal_address(site, street=""):
    """Return a PostalAddress in the site's city."""
    return compact(
        {"@type": "PostalAddress", "streetAddress": squeeze(street), **site.address}
    )


def node_id(url, fragment):
    """Return the `@id` of the thing a page is about: its URL and a fragment."""
    return f"{url}#{fragment}" if url else ""


def parent_organisation(site):
    return compact({"@type": "GovernmentOrganization", "name": site.parent})


def publisher(site):
    """Return the publishing agency: a GovernmentOrganization under the city."""
    return compact(
        {
            "@type": "GovernmentOrganization",
            "@id": node_id(site.publisher_url, "opd"),
            "name": site.organisation,
            "alternateName": site.publisher_acronym,
            "url": site.publisher_url or site.home,
            "logo": logo_object(site),
            "parentOrganization": parent_organisation(site),
        }
    )


def site_logo_of(url, site):
    """Return the logo of the agency at `url` if it publishes the site, else None.

    The mark is the site's: only the publishing agency carries it, wherever it
    is named, so each mention of it says the same.
    """
    if site.publisher_url and url == site.publisher_url:
        return logo_object(site)
    return None


def _agency_names(agency, site, url):
    """Return what every GovernmentOrganization of an agency begins with."""
    return {
        "@type": "GovernmentOrganization",
        "@id": node_id(url, "opd"),
        "name": title_text(_get(agency, "title")),
        "alternateName": _meta(agency, "acronym"),
        "url": url,
        "logo": site_logo_of(url, site),
    }


def agency_ref(agency, site):
    """Return a short GovernmentOrganization naming an agency and its page."""
    url = absolute_url(site.url, _get(agency, "url"))
    return compact(
        {
            **_agency_names(agency, site, url),
            "parentOrganization": parent_organisation(site),
        }
    )


def person_ref(person, site, name=""):
    """Return a short Person: name, and role and page when the person is known."""
    if person is None:
        return compact({"@type": "Person", "name": squeeze(name)})
    url = absolute_url(site.url, _get(person, "url"))
    return compact(
        {
            "@type": "Person",
            "@id": node_id(url, "tokoh"),
            "name": title_text(_get(person, "title")) or squeeze(name),
            "jobTitle": _meta(person, "role"),
            "url": url,
        }
    )


def image_objects(images, site):
    """Return ImageObjects for the given image dicts, else the site default.

    Search engines ask for large images in several shapes: the 1200x630
    sharing image and the lead image (largest rendition) are both given.
    """
    found = [i for i in images or [] if i and _get(i, "url")]
    if not found and site.default_image:
        found = [site.default_image]
    nodes, seen = [], set()
    for image in found:
        url = absolute_url(site.url, _get(image, "url"))
        if url in seen:
            continue
        seen.add(url)
        nodes.append(
            compact(
                {
                    "@type": "ImageObject",
                    "url": url,
                    "width": _get(image, "width"),
                    "height": _get(image, "height"),
                    **image_rights(image),
                }
            )
        )
    return nodes


def image_rights(image):
    """Return an image's credit and licence as ImageObject properties.

    The images plugin gives every published image a credit (the office's
    for its own photos) and the URLs of its licence and of where to ask.
    """
    credit = squeeze(str(_get(image, "credit") or ""))
    if not credit:
        return {}
    licence = squeeze(str(_get(image, "license_name") or ""))
    notice = f"© {credit}" + (f", {licence}" if licence else "")
    return compact(
        {
            "creditText": credit,
            "copyrightNotice": notice,
            "license": _get(image, "license_url"),
            "acquireLicensePage": _get(image, "acquire_url"),
        }
    )


def author_node(author, site, people_by_name):
    """Return an author from `Authors`: a known person, a team, or a writer."""
    name = squeeze(str(author))
    person = people_by_name.get(name.casefold())
    if person is not None:
        return person_ref(person, site)
    # "Tim Humas Diskominfo" is a team, not a person.
    kind = "Organization" if name.casefold().startswith("tim ") else "Person"
    return compact(
        {
            "@type": kind,
            "name": name,
            "url": absolute_url(site.url, _get(author, "url")),
        }
    )


def quotation_nodes(quotes, site, people):
    """Attributed quotes as Quotation nodes with their speaker as `creator`."""
    nodes = []
    for quote in quotes or []:
        text, speaker = squeeze(_get(quote, "text")), squeeze(_get(quote, "speaker"))
        if not text or not speaker:
            continue
        person = people.get(_get(quote, "speaker_id") or "")
        nodes.append(
            {
                "@type": "Quotation",
                "text": text,
                "creator": person_ref(person, site, speaker),
            }
        )
    return nodes


def correction_nodes(article):
    """Return the item's corrections and withdrawal as CorrectionComments."""
    notices = [(notice, notice.text) for notice in article.view.corrections]
    withdrawn = article.view.withdrawn
    if withdrawn:
        notices.insert(0, (withdrawn, f"Dicabut: {withdrawn.text}"))
    return [
        {
            "@type": "CorrectionComment",
            "text": squeeze(text),
            "datePublished": iso_or_empty(notice.when),
        }
        for notice, text in notices
    ]


def article_node(article, site, url, description, people):
    """Return a release (NewsArticle, AdvertiserContentArticle) or remarks."""
    people = people or {}
    people_by_name = {
        title_text(_get(p, "title")).casefold(): p for p in people.values()
    }
    view = article.view
    agencies = [agency_ref(a, site) for a in view.agencies]
    item_kind = BY_NAME[view.kind]
    advertorial = view.advertorial
    # The newsroom plugin moves `modified` to an item's latest correction.
    published, modified = item_dates(article)
    if advertorial:
        kind = "AdvertiserContentArticle"
    else:
        kind = item_kind.jsonld
    node = {
        "@type": kind,
        "@id": f"{url}#artikel",
        "mainEntityOfPage": url,
        "url": url,
        "headline": title_text(_get(article, "title")),
        "description": description,
        "inLanguage": site.lang,
        "datePublished": published,
        "dateModified": modified,
        "articleSection": title_text(_get(article, "category")),
        "keywords": [title_text(t) for t in _get(article, "tags") or []],
        "publisher": publisher(site),
        "image": image_objects(
            [_get(article, "share_image"), _get(article, "lead_image")], site
        ),
        "about": agencies,
        "isAccessibleForFree": True,
    }
    authors = [
        author_node(a, site, people_by_name) for a in _get(article, "authors") or []
    ]
    if "speaker" in item_kind.keys:
        speaker = view.speaker
        occasion = squeeze(view.occasion or "")
        location = squeeze(view.location or "")
        node["author"] = [person_ref(speaker, site)] if speaker is not None else authors
        node["articleSection"] = node["articleSection"] or "Sambutan"
        if occasion:
            node["about"] = [
                compact(
                    {
                        "@type": "Event",
                        "name": occasion,
                        "startDate": published,
                        "location": compact(
                            {
                                "@type": "Place",
                                "name": location,
                                "address": postal_address(site, location),
                            }
                        ),
                    }
                ),
                *agencies,
            ]
    else:
        node["author"] = authors or [publisher(site)]
    if advertorial:
        node["sponsor"] = agencies or [publisher(site)]
    node["hasPart"] = quotation_nodes(view.quotes, site, people)
    node["correction"] = correction_nodes(article)
    if not node["author"]:
        node["author"] = [publisher(site)]
    return compact(node)


def agency_node(agency, site, url, description, head=None):
    """Return an agency page's GovernmentOrganization in full."""
    website = _meta(agency, "website")
    return compact(
        {
            **_agency_names(agency, site, url),
            "description": description,
            "address": postal_address(site, _meta(agency, "address")),
            "email": _meta(agency, "email"),
            "telephone": _meta(agency, "phone"),
            "sameAs": [website] if website else [],
            "parentOrganization": parent_organisation(site),
            "employee": [person_ref(head, site)] if head is not None else [],
        }
    )


def person_node(person, site, url, description, agencies):
    """Return a Person with `jobTitle` and the agencies they serve."""
    return compact(
        {
            "@type": "Person",
            "@id": node_id(url, "tokoh"),
            "name": title_text(_get(person, "title")),
            "alternateName": [squeeze(a) for a in _meta(person, "aliases").split(",")]
            if _meta(person, "aliases")
            else [],
            "jobTitle": _meta(person, "role"),
            "description": description,
            "url": url,
            "worksFor": [agency_ref(a, site) for a in agencies],
        }
    )


def program_node(program, site, url, description, agencies):
    """Return a Smart City program as a GovernmentService of its agency."""
    dimension = _meta(program, "dimension").lower()
    links = [_meta(program, "website"), _meta(program, "app")]
    return compact(
        {
            "@type": "GovernmentService",
            "@id": f"{url}#program",
            "name": title_text(_get(program, "title")),
            "description": description,
            "url": url,
            "serviceType": DIMENSIONS.get(dimension, ""),
            "category": DIMENSIONS.get(dimension, ""),
            "provider": [agency_ref(a, site) for a in agencies] or publisher(site),
            "areaServed": compact(
                {"@type": "City", "name": site.address.get("addressLocality", "")}
            ),
            "sameAs": [link for link in links if link],
        }
    )


# A body image in Markdown with a title: ![alt](src "title"). The title says
# "Keterangan | Foto: Nama | Lisensi", read by content_model.credits.
MARKDOWN_IMAGE = re.compile(r'!\[[^\]]*\]\(\s*<?[^\s)>]+>?\s+"([^"]*)"\s*\)')


class _Images(HTMLParser):
    """Collect the attributes of every <img> of an HTML fragment, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def photo_titles(markdown):
    """Return (caption, credit, licence) of each titled image of a Markdown body.

    The title is read as the images plugin reads it for the figure
    (`credits.parse_title`); the content check reported any problem in it.
    """
    found = []
    for title in MARKDOWN_IMAGE.findall(markdown or ""):
        credit = parse_title(title)[0]
        licence = credit.licence.name if credit.licence is not None else ""
        found.append((squeeze(credit.caption), squeeze(credit.credit), licence))
    return found


def _pixels(value):
    return int(value) if str(value or "").isdigit() else None


def gallery_node(gallery, site, url, description, agencies):
    """Return an ImageGallery whose ImageObjects carry their creditText.

    The photos are the <img> of the published body (the images plugin's
    largest rendition, with width and height); caption and credit come from
    each image's Markdown title, in the same order.
    """
    parser = _Images()
    parser.feed(_get(gallery, "content") or "")
    parser.close()
    titles = photo_titles(_get(gallery, "body"))
    photos = []
    for number, image in enumerate(parser.images):
        caption, credit, licence = (
            titles[number] if number < len(titles) else ("", "", "")
        )
        photos.append(
            compact(
                {
                    "@type": "ImageObject",
                    "contentUrl": absolute_url(site.url, image.get("src", "")),
                    "width": _pixels(image.get("width")),
                    "height": _pixels(image.get("height")),
                    "description": squeeze(image.get("alt", "")),
                    "caption": caption,
                    "creditText": credit or site.parent,
                    "copyrightNotice": licence,
                }
            )
        )
    date = _get(gallery, "date")
    return compact(
        {
            "@type": BY_NAME["gallery"].jsonld,
            "@id": f"{url}#galeri",
            "name": title_text(_get(gallery, "title")),
            "description": description,
            "url": url,
            "datePublished": iso_or_empty(date),
            "about": [agency_ref(a, site) for a in agencies],
            "publisher": publisher(site),
            "image": photos,
        }
    )


def event_node(event, site, url, description, agencies, images=()):
    """Return an Event: dates with offset, Place with address, organizer."""
    location = _meta(event, "location")
    start = _get(event, "start") or _meta(event, "start")
    end = _get(event, "end") or _meta(event, "end")
    # An all-day event is days: its last day is the end, not 00:00 of it.
    timed = not _get(event, "all_day", False)
    return compact(
        {
            "@type": "Event",
            "@id": f"{url}#agenda",
            "name": title_text(_get(event, "title")),
            "description": description,
            "url": url,
            "startDate": date_value(start, timed),
            "endDate": date_value(end, timed),
            "eventStatus": SCHEDULED,
            "eventAttendanceMode": OFFLINE,
            "location": compact(
                {
                    "@type": "Place",
                    "name": location,
                    "address": postal_address(
                        site, _meta(event, "address") or location
                    ),
                }
            ),
            "organizer": [agency_ref(a, site) for a in agencies] or publisher(site),
            "image": image_objects(images, site),
            "inLanguage": site.lang,
        }
    )


def page_node(page, site, url, description):
    """Return a WebPage; the festival page is an AboutPage, contact a ContactPage."""
    slug = _get(page, "slug")
    kind = {site.about_page: "AboutPage", site.contact_page: "ContactPage"}.get(
        slug, "WebPage"
    )
    return webpage_node(kind, title_text(_get(page, "title")), site, url, description)


def webpage_node(kind, name, site, url, description):
    """Return a WebPage (or subtype) that is part of the site."""
    return compact(
        {
            "@type": kind,
            "@id": f"{url}#halaman",
            "name": name,
            "url": url,
            "description": description,
            "inLanguage": site.lang,
            "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.home},
        }
    )


def website_node(site, description):
    """Return the WebSite, with a SearchAction when it has a search page."""
    node = {
        "@type": "WebSite",
        "@id": f"{site.home}#situs",
        "name": site.name,
        "url": site.home,
        "description": description,
        "inLanguage": site.lang,
        "publisher": publisher(site),
    }
    if site.search_url:
        node["potentialAction"] = {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{site.search_url}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        }
    return compact(node)


def breadcrumb_node(trail, site, url, name):
    """Return a BreadcrumbList from the visible trail: (label, href) pairs.

    The trail starts at "Beranda"; a page with no visible trail gets the home
    page and itself.
    """
    items = [(squeeze(label), absolute_url(site.url, href)) for label, href in trail]
    items = [(label, href) for label, href in items if label and href]
    if not items:
        items = [("Beranda", site.home)]
        if url.rstrip("/") != site.home.rstrip("/"):
            items.append((name or url, url))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": label, "item": href}
            for number, (label, href) in enumerate(items, start=1)
        ],
    }
