"""The generic writer of record kinds that no plugin of their own writes.

For each Kind with `written_by == "content_model"` (kinds.py): every record
gets `url` and `save_as` from the Kind, `date` (aware, WITA) from its Date,
`related[<key>]` the records its relation keys name (a list), and each record
it names gets it in `related[<kind folder>]` (so an event's page lists its
galleries as `event.record.related["galleries"]`). Then one page per record
with the Kind's template (the record as `context_key`) and the Kind's index
(`index_template` at `index`, the records newest first as `items`).
"""

from pelican.generators import Generator

from .dates import DateError, parse_date
from .frontmatter import split_list
from .kinds import BY_NAME, KIND_LIST
from .model import MODEL_KEY, write_records


def generic_kinds():
    """Return the Kinds whose pages this module writes."""
    return [kind for kind in KIND_LIST if kind.written_by == "content_model"]


def sort_key(record):
    """Newest first, then by slug; an unreadable date sorts last."""
    date = record.date  # set by `prepare`
    return (date is None, -(date.timestamp()) if date else 0, record.slug)


def prepare(kind, records, model):
    """Set url, save_as, date and relations of one kind's records; return them."""
    for record in records:
        record.url = kind.url_of(record.slug)
        record.save_as = f"{record.url}index.html"
        try:
            record.date = parse_date(record.meta.get("date", ""))[0]
        except DateError:
            record.date = None
        for field in kind.fields:
            if field.type != "relation":
                continue
            folder = BY_NAME[field.target].folder
            slugs = split_list(record.meta.get(field.name))
            named = [model.get(folder, slug) for slug in slugs]
            named = [other for other in named if other is not None]
            record.related[field.name] = named
            for other in named:
                other.related.setdefault(kind.folder, []).append(record)
    return sorted(records, key=sort_key)


class RecordPagesGenerator(Generator):
    """Write the pages of the generic record kinds (see the module docstring)."""

    def generate_context(self):
        model = self.context.get(MODEL_KEY)
        self.kinds = []
        for kind in generic_kinds():
            records = list(model.records.get(kind.folder, {}).values())
            self.kinds.append((kind, prepare(kind, records, model)))
        # Records that others list come newest first there too.
        for kind, _records in self.kinds:
            for records in model.records.values():
                for record in records.values():
                    listed = record.related.get(kind.folder)
                    if listed:
                        listed.sort(key=sort_key)

    def generate_output(self, writer):
        for kind, records in self.kinds:
            index = (kind.section or kind.label, kind.index)
            writer.write_file(
                f"{kind.index}index.html",
                self.get_template(kind.index_template),
                self.context,
                items=records,
                page_name=kind.segment,
                url=kind.index,
                breadcrumbs=[index],
            )
            write_records(
                writer,
                self.get_template(kind.template),
                self.context,
                records,
                kind.context_key,
                [index],
                page_name=kind.segment,
            )


def get_generators(pelican):
    return RecordPagesGenerator
