"""Shared templates: each theme template is compiled once per build.

Pelican gives every generator a Jinja environment of its own, so every
environment parsed and compiled the same templates again: about 110 compiles
of 40 templates per build, most of a second of CPU on the build's critical
path. Here all environments of a build share one in-memory store of compiled
template code (Jinja's bytecode-cache hook), keyed by the template's name,
file and source checksum and by every environment option that changes what
the compiler writes. The code is the same that each environment would have
compiled, and each environment still runs it with its own filters and
globals, so the pages are byte for byte the same.

Signals: initialized (the store lives in the build's settings dict, so it
lasts one build), generator_init (each environment gets the store).
Settings: none.
"""

from jinja2 import BytecodeCache

from pelican import signals

STORE_KEY = "shared_templates_code"


def compiler_options(environment):
    """Return the environment options that decide a template's compiled code."""
    autoescape = environment.autoescape
    return (
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.is_async,
        tuple(sorted(environment.extensions)),
        # A function decides per template name at runtime: only the same one.
        autoescape if isinstance(autoescape, bool) else id(autoescape),
    )


class CompiledTemplates(BytecodeCache):
    """Compiled template code kept in memory for the environments of one build."""

    def __init__(self):
        self.code = {}

    def __reduce__(self):
        # Pelican's content cache pickles items with the settings they hold;
        # compiled code belongs to one build, so a copy comes back empty.
        return (CompiledTemplates, ())

    def _key(self, bucket):
        return (bucket.key, bucket.checksum, compiler_options(bucket.environment))

    def load_bytecode(self, bucket):
        code = self.code.get(self._key(bucket))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket):
        self.code[self._key(bucket)] = bucket.code


def open_store(pelican):
    # First signal of a build: the store lasts exactly one build.
    pelican.settings[STORE_KEY] = CompiledTemplates()


def share_compiled_templates(generator):
    # Each generator's environment exists here and has loaded no template yet.
    store = generator.settings.get(STORE_KEY)
    if isinstance(store, CompiledTemplates) and generator.env.bytecode_cache is None:
        generator.env.bytecode_cache = store


def register():
    signals.initialized.connect(open_store)
    signals.generator_init.connect(share_compiled_templates)
