"""The active language and the gettext catalog that translates into it."""

import gettext
import os
from pathlib import Path

# The catalogs: <LOCALE_DIR>/<language>/LC_MESSAGES/messages.mo.
LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
DOMAIN = "messages"
DEFAULT = "id"
# The languages messages come in; English is the text in the code itself.
LANGUAGES = ("id", "en")
# Where gettext looks for the user's language, in its order.
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# The one piece of process state: the translations of the language chosen by
# the last `activate` (each Pelican run calls it), so a build or a test that
# chose another language never leaks into the next one.
_active = {}


def language_code(value):
    """Return the language of a locale name: "en_US.UTF-8" -> "en"."""
    code = str(value or "").split(".")[0].split("@")[0].replace("-", "_")
    return code.split("_")[0].lower()


def chosen_language(settings=None, environ=None):
    """Return the language of messages: the setting, else the environment, else id.

    `settings` may name it (MESSAGES_LANGUAGE); the environment's LANGUAGE
    (a colon-separated list), LC_ALL, LC_MESSAGES and LANG are read in that
    order, and the first language among LANGUAGES wins ("C" and "POSIX" name
    none). Old Indonesian locales say "in" for "id".
    """
    wanted = (settings or {}).get("MESSAGES_LANGUAGE")
    if wanted:
        code = language_code(wanted)
        if code not in LANGUAGES:
            raise ValueError(
                f"MESSAGES_LANGUAGE is {wanted!r}; use one of {', '.join(LANGUAGES)}"
            )
        return code
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        for entry in str(environ.get(name) or "").split(":"):
            code = language_code(entry)
            code = "id" if code == "in" else code
            if code in LANGUAGES:
                return code
    return DEFAULT


def translations(language, locale_dir=LOCALE_DIR):
    """Return the gettext translations into `language` (English: the msgids)."""
    if language == "en":
        return gettext.NullTranslations()
    # A missing catalog is an error, not a silent switch to English.
    try:
        return gettext.translation(DOMAIN, str(locale_dir), languages=[language])
    except FileNotFoundError:
        mo = Path(locale_dir) / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        raise FileNotFoundError(
            f"{mo} is missing; run `invoke i18n-compile` (or set "
            "MESSAGES_LANGUAGE = 'en')"
        ) from None


def activate(settings=None, environ=None):
    """Choose the language of every message made from now on; return it."""
    language = chosen_language(settings, environ)
    _active["language"] = language
    _active["translations"] = translations(language)
    return language


def current():
    """Return the active language (chosen from the environment if none was)."""
    if "language" not in _active:
        activate()
    return _active["language"]


def _(message):
    """Return `message` (English, a format string) in the active language."""
    current()
    return _active["translations"].gettext(message)


def N_(message):
    """Mark `message` for extraction only; translate it with `_` when used.

    For messages kept in module constants, made before any language is chosen.
    """
    return message


def ngettext(singular, plural, n):
    """Return the singular or plural form for `n`, in the active language."""
    current()
    return _active["translations"].ngettext(singular, plural, n)


def choose_language(pelican):
    # First signal of every build and every `invoke check`: the settings are
    # read and no message has been made yet.
    activate(pelican.settings)


def register():
    # Imported here: messages are made by pure modules that need no Pelican.
    from pelican import signals

    signals.initialized.connect(choose_language)
