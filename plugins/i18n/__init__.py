"""Messages in the editor's language: Indonesian by default, English on request.

Every message an editor reads (content problems, `invoke check`, `invoke
new`, build summaries, the livereload problem page) is written in English in
the code as one format string with named placeholders and passed through `_`
or `ngettext` when it is made (`N_` marks a module constant, translated by
`_` where it is used):

    _("{path} is not a folder; give the content folder").format(path=path)

`invoke i18n-extract` collects these strings with Babel (babel.cfg),
`invoke i18n-update` merges them into locale/id/LC_MESSAGES/messages.po, where
the Indonesian is written, and `invoke i18n-compile` writes the messages.mo
read here. Both files are committed; a test fails when the .mo is stale, when
a marked message has no translation, or when a translation's placeholders
differ from the English.

The language: the MESSAGES_LANGUAGE setting when it is set ("id" or "en");
otherwise the environment, as gettext reads it (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG: the first that names a language we have, so
LANG=en_US.UTF-8 gives English); otherwise Indonesian. Chosen when Pelican
starts (each build and each `invoke check`) and, for commands that build
nothing, by tasks.py from pelicanconf.py.

Signals: initialized.
Settings:
    MESSAGES_LANGUAGE  "id", "en", or None to follow the environment  (None)
"""

from .language import (
    DEFAULT,
    LANGUAGES,
    LOCALE_DIR,
    N_,
    _,
    activate,
    chosen_language,
    current,
    ngettext,
    register,
)

__all__ = [
    "DEFAULT",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "_",
    "activate",
    "chosen_language",
    "current",
    "ngettext",
    "register",
]
