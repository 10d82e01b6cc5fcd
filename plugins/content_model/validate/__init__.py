"""Content checks: everything `invoke check` and every build verify first.

Pure functions over the text and parsed header (`frontmatter.Header`) of each
content file; `reader.read_model` runs them all and collects `Problem`s, so a
single run lists every problem. Every message reads "problem; fix" and is
printed as `path:line: problem; fix`. No Pelican signals here; the only Pelican
code used is its own slug and date parsing, so that what passes here is what
Pelican can read.

One module per concern, each importing only those before it:

- `shared`: quoting values (`q`), key names, line numbers, Pelican's slugs;
- `paths`: which files Pelican reads, where a local link leads;
- `files`: whole-file checks (size, characters, files outside the kinds);
- `header`: the `Key: value` lines of one file, by its kind;
- `scan`: finding links, tags and images in the text;
- `images`: body images (files, alt text, captions) and the `Image` key;
- `links`: links in the text, and header values naming other items;
- `body`: the text below the header (it runs the link and image checks);
- `collisions`: two items at one URL or slug;
- `report`: problems sorted and printed as `invoke check` prints them.

It imports `model`, `kinds` and the other data modules of `content_model`;
none of them imports it back (`tests/test_imports.py`).
"""

from .body import (  # noqa: F401 (the package's names)
    BACKTICKS,
    BRACKET_LOAD,
    FENCE,
    FORMATTED_KEYS,
    MAX_NESTING,
    MAX_UNCLOSED_TAGS,
    NESTING_MARK,
    NOT_NEWLINE,
    PARAGRAPH_TEXT,
    UNCLOSED_TAG,
    blank,
    check_body,
    check_brackets,
    check_markup,
    check_nesting,
    mask_code,
    mask_code_spans,
    mask_comments,
    nesting_depth,
)
from .collisions import (  # noqa: F401 (the package's names)
    MAX_SLUG_CHARS,
    check_collisions,
    check_slug_length,
    item_url,
)
from .files import (  # noqa: F401 (the package's names)
    BAD_CHARACTER,
    MAX_FILE_BYTES,
    MAX_REPORTED_CHARACTERS,
    READABLE_EXTENSIONS,
    STATIC_FOLDERS,
    check_characters,
    check_size,
    stray_files,
)
from .header import (  # noqa: F401 (the package's names)
    MAX_TITLE_CHARS,
    MAX_VALUE_CHARS,
    PELICAN_DATE_KEYS,
    PELICAN_STATUSES,
    PLAIN_DATE,
    REMOVED_KEYS,
    YEARS,
    check_dates,
    check_header,
    check_names,
    check_url_values,
    pelican_reads_date,
    theme_templates,
)
from .images import (  # noqa: F401 (the package's names)
    check_alt_texts,
    check_image_source,
    check_lead_image,
)
from .links import (  # noqa: F401 (the package's names)
    check_content_link,
    check_links,
    check_references,
    normal_name,
    slug_by_name,
)
from .paths import (  # noqa: F401 (the package's names)
    IGNORED_NAMES,
    is_dir,
    is_file,
    is_ignored,
    nearest_file,
    resolve_local,
)
from .report import (  # noqa: F401 (the package's names)
    LONG_WORD,
    MAX_PROBLEMS_PER_FILE,
    at_most,
    clean_problem,
    format_problem,
    sort_problems,
    totals,
)
from .scan import (  # noqa: F401 (the package's names)
    ATTRIBUTE,
    EMPTY_ALT,
    LINK_START,
    LINK_TITLE,
    REFERENCE,
    TAG,
    URL_ATTRIBUTES,
    link_destination,
    links_of,
)
from .shared import (  # noqa: F401 (the package's names)
    DANGEROUS_SCHEMES,
    PLACEHOLDER,
    PLACEHOLDERS,
    QUOTE_CHARS,
    Lines,
    dangerous_scheme,
    dangerous_url,
    describe_character,
    key_name,
    pelican_list,
    pelican_slug,
    printable,
    q,
)
