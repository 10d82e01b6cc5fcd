"""Plain-text feed fields stay plain text, even where a CMS reads them as HTML.

Titles (RSS, Atom, JSON Feed), the JSON Feed `summary` and the `_newsroom`
quotes are text, escaped as the format needs. But many CMSs that republish
our feeds insert these fields into their pages as HTML, so a title written
`<img src=x onerror=alert(1)>` would run there once the XML or JSON escaping
is decoded. `plain_field` neutralises every '<' that could open a tag, a
comment or a declaration (a '<' followed by a letter, '/', '!' or '?'), also
when it is written as an entity (`&lt;`, `&#60;`, `&#x3c;`) that a second
decoding would turn into one: it becomes '＜' (U+FF1C, FULLWIDTH LESS-THAN
SIGN), which reads the same and starts no markup. Any other text is kept as
it is, so `Tarif <5 ribu & "gratis"` or `A < B` stay readable and unchanged.
"""

import re

# '<' itself or an entity for it, before what would open markup.
TAG_OPENER = re.compile(r"(?:<|&(?:lt|#0*60|#[xX]0*3[cC]);?)(?=[A-Za-z/!?])")
LOOKALIKE = "\uff1c"
# Markdown's autolinks (<https://...>, <mailto:...>) open no tag in any reader.
AUTOLINK = re.compile(r"(<(?:https?://|mailto:)[^\s<>]*>)")


def plain_field(text, markdown=False):
    """Return `text` with every '<' that could open markup made harmless.

    With `markdown`, Markdown autolinks stay as they are.
    """
    if not text:
        return text
    if not markdown:
        return TAG_OPENER.sub(LOOKALIKE, str(text))
    return "".join(
        TAG_OPENER.sub(LOOKALIKE, part) if n % 2 == 0 else part
        for n, part in enumerate(AUTOLINK.split(str(text)))
    )
