"""The keys our plugins put into Pelican's shared generator context: one place.

Every plugin reads and writes these through the names here, never as string
literals. A key read by templates is also the template variable's name, so
changing a value here means changing the templates that read it.

The comment above each key says which plugin sets it and what it holds.
"""

# content_model: the Model (agencies, people, programs, events, galleries as
# Records; every header) and the kind registry by name (kinds.BY_NAME).
MODEL_KEY = "content_model"
KINDS_KEY = "kinds"

# newsroom: {source: release moment} of every item held under embargo; the
# held agencies, programs, people and events; the flag that records were held.
HELD_KEY = "newsroom_held"
HELD_RECORDS_KEY = "newsroom_held_records"
RECORDS_HELD_KEY = "newsroom_records_held"
# newsroom: the home page's newest items.
LATEST_ITEMS_KEY = "latest_items"
# newsroom (corrections.py): withdrawn items that would otherwise be
# published (the feeds keep their entries), and every notice with its item.
WITHDRAWN_KEY = "withdrawn_articles"
CORRECTIONS_LOG_KEY = "corrections_log"

# images: the publishing store of this build; the site's default share card.
IMAGES_STORE_KEY = "images_store"
SITE_SHARE_IMAGE_KEY = "site_share_image"

# agencies, people, events: their Records in display order.
AGENCIES_KEY = "agencies"
PROGRAMS_KEY = "programs"
PEOPLE_KEY = "people"
EVENTS_KEY = "events"

# feeds: every FeedInfo; the site feeds by format; each agency's feed.
FEEDS_KEY = "feeds"
SITE_FEEDS_KEY = "site_feeds"
AGENCY_FEEDS_KEY = "agency_feeds"

# seo: the pages written in this build (for the sitemap); the memo of the
# newest date of shared lists.
SEO_PAGES_KEY = "seo_pages"
SEO_LASTMOD_MEMO_KEY = "seo_lastmod_memo"
