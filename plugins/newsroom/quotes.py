"""Quotes: find direct quotations in Indonesian news prose and who said them.

Pure functions behind the JSON Feed ``_newsroom.quotes`` list: no Pelican
imports, no signals, no settings. The newsroom plugin passes a Markdown body
and the people of ``content/people/``; it logs a warning (``path:line``) for
each quote whose ``speaker_id`` is ``None``.

A paragraph is one line of the body; quotes never span paragraphs. A quoted
passage counts only when it is attributed:

- after the closing mark, a speech verb and a name: ``“…,” ujar Dasuki``,
  ``“….” ucap Neni dalam sambutannya``, ``“…”, kata Kadis Kominfo Dasuki``;
- after the closing mark, a continuation form (``lanjutnya``, ``katanya``,
  ``ujar dia``…), which carries the last named speaker;
- before the opening mark: ``Menurut Neni, “…”``, ``Dasuki mengatakan, “…”``,
  ``Kata Dasuki, “…”``, or ``Menurutnya, “…”`` / ``Ia menambahkan, “…”``
  (continuation).

Scare quotes and titles (``aplikasi “Bontang Pintar”``) have no attribution
and are skipped, as is any quote opening mid-clause without a speaker before it.

A quotation mark opened and never closed in its paragraph hides the quote
from the extractor: ``unbalanced_quotes`` finds those paragraphs, so that the
content check can say so.
"""

import html
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from i18n import _

log = logging.getLogger(__name__)

# Part of the key of every cached extraction (with this file's own bytes):
# bump it when what is extracted changes through code outside this file.
EXTRACTOR_VERSION = 1

SPEECH_VERBS = (
    "ujar",
    "kata",
    "ucap",
    "ungkap",
    "jelas",
    "tutur",
    "tegas",
    "terang",
    "papar",
    "sebut",
    "tambah",
    "lanjut",
    "imbuh",
)
ACTIVE_SPEECH_VERBS = (
    "mengatakan",
    "mengungkapkan",
    "menjelaskan",
    "menuturkan",
    "menegaskan",
    "menerangkan",
    "memaparkan",
    "menyebutkan",
    "menambahkan",
    "melanjutkan",
)
# Capitalised words that open a sentence or follow a name but are never part
# of one (openers, pronouns, weekdays); trimmed from both ends of a name.
NOT_NAME_WORDS = frozenset(
    {
        "Adapun",
        "Bahkan",
        "Beliau",
        "Dalam",
        "Di",
        "Dia",
        "Ia",
        "Kemudian",
        "Ketika",
        "Lalu",
        "Menurut",
        "Namun",
        "Pada",
        "Saat",
        "Sedangkan",
        "Selain",
        "Selanjutnya",
        "Sementara",
        "Untuk",
        "Senin",
        "Selasa",
        "Rabu",
        "Kamis",
        "Jumat",
        "Jum'at",
        "Jum’at",
        "Sabtu",
        "Minggu",
    }
)

_VERBS = "|".join(SPEECH_VERBS)
_ACTIVE = "|".join(ACTIVE_SPEECH_VERBS)
_PRONOUN = r"(?:[Ii]a|[Dd]ia|[Bb]eliau)"
_PARTICLE = r"(?:(?:juga|pun|pula|kembali|lalu|kemudian|lantas)\s+)?"
_UPPER = "A-ZÀ-ÖØ-Þ"
# A name token: an honorific abbreviation, an initial, or a capitalised word.
_TOKEN = rf"(?:(?:Prof|Drs|Dra|Hj|Dr|Ir|KH)\.|[{_UPPER}]\.|[{_UPPER}][\w’'-]*)"
# Capitalised tokens; "dan"/"bin"/"binti" may join them ("Komunikasi dan
# Informatika"). Stops at a comma, a lower-case word or a full stop.
_NAME = rf"{_TOKEN}(?:\s+(?:(?:dan|bin|binti)\s+)?{_TOKEN})*"

NAME_RE = re.compile(_NAME)
# Curly or straight double quotes, mixed freely; never crossing another mark.
QUOTE_RE = re.compile(r"[“\"](?P<body>[^“”\"]*)[”\"]")
# After the closing mark: `,” ujar Dasuki`, `”, kata Neni`, `.” lanjutnya`.
AFTER_RE = re.compile(
    rf"\s*[,.!?]?\s*(?:demikian\s+)?(?:{_VERBS})(?P<nya>nya)?\b"
    rf"(?:\s+(?:(?P<pronoun>{_PRONOUN})\b|(?P<name>{_NAME})"
    rf"(?:\s*,\s*(?P<appos>{_NAME}))?))?"
)
# Before the opening mark, matched against the text up to it.
MENURUT_RE = re.compile(rf"\b[Mm]enurut\s+(?P<name>{_NAME})\s*[,:]?\s*\Z")
VERB_FIRST_RE = re.compile(rf"(?<!\w)(?i:{_VERBS})\s+(?P<name>{_NAME})\s*[,:]\s*\Z")
NAME_FIRST_RE = re.compile(
    rf"(?P<name>{_NAME})\s+{_PARTICLE}(?:{_ACTIVE})\b"
    rf"(?:\s+bahwa|[^.!?“”\"]*[,:])?\s*\Z"
)
PRONOUN_FIRST_RE = re.compile(
    rf"(?:\b[Mm]enurut(?:nya|\s+{_PRONOUN})"
    rf"|(?<!\w){_PRONOUN}\s+{_PARTICLE}(?:{_ACTIVE})\b)"
    rf"(?:\s+bahwa|[^.!?“”\"]*[,:])?\s*\Z"
)
# Indirect speech in prose names a speaker for later continuation forms.
ACTIVE_VERB_NEXT_RE = re.compile(rf"\s+{_PARTICLE}(?:{_ACTIVE})\b")
CLAUSE_START_RE = re.compile(r"(?:\A|[.!?:;,(])\s*\Z")
SENTENCE_END_RE = re.compile(r"[.!?](?=\s|\Z)|(?=[“\"])")
# Every quotation mark, opening or closing (see unbalanced_quotes).
QUOTE_MARK_RE = re.compile(r"[“”\"]")
# Only this much text before an opening mark is searched for its speaker.
BEFORE_WINDOW = 300

# Markdown and HTML that is not prose, removed line by line.
FENCE_RE = re.compile(r"^\s{0,3}(?:```|~~~)")
BLOCK_MARKER_RE = re.compile(r"^\s{0,3}(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s+)?")
IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK_RE = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
TAG_RE = re.compile(r"<[^>\n]+>")
CODE_RE = re.compile(r"`([^`]*)`")
EMPHASIS_RE = re.compile(r"(?<!\w)(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
LINE_BREAK_RE = re.compile(r"[\r\n\u2028\u2029]")


@dataclass(frozen=True)
class Person:
    """A speaker quotes can be attributed to."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""


@dataclass(frozen=True)
class Quote:
    """A direct quotation and its speaker, as found in a text."""

    text: str
    speaker: str
    speaker_id: str | None
    line: int

    def as_dict(self) -> dict:
        """Return the JSON Feed ``_newsroom.quotes`` item for this quote."""
        return {
            "speaker_id": self.speaker_id,
            "speaker": self.speaker,
            "text": self.text,
        }


@dataclass(frozen=True)
class _Attribution:
    """Who a quote is attributed to, and where its attribution ends."""

    name: str  # written name; "" for a continuation form
    end: int  # in the paragraph, where the attribution's words end


def normalise_name(name):
    """Return the lookup key of a name: case-folded, single-spaced."""
    return " ".join(name.replace("’", "'").casefold().split())


class NameIndex(dict):
    """Normalised name -> person id, knowing its longest name in words.

    It also remembers what each written phrase resolved to: prose repeats the
    same capitalised phrases ("Pemerintah Kota Bontang") in every item, and an
    index lives for one build, so the answers stay right.
    """

    @property
    def longest(self):
        if "_longest" not in self.__dict__:
            self._longest = max((key.count(" ") + 1 for key in self), default=0)
        return self._longest

    @property
    def resolved(self):
        """Return the memo of `resolve_name`: phrase -> its answer."""
        if "_resolved" not in self.__dict__:
            self._resolved = {}
        return self._resolved


def build_name_index(people: Iterable[Person]) -> NameIndex:
    """Map each person's full name and aliases, normalised, to the person id.

    A name shared by two people resolves to nobody: it is left out and logged.
    """
    owners: dict[str, dict[str, None]] = {}
    for person in people:
        for name in (person.name, *person.aliases):
            if key := normalise_name(name):
                owners.setdefault(key, {})[person.id] = None
    index = NameIndex()
    for key, ids in owners.items():
        if len(ids) == 1:
            index[key] = next(iter(ids))
        else:
            log.warning(
                _(
                    "newsroom: name %r is shared by %s; quotes under it stay "
                    "unattributed"
                ),
                key,
                ", ".join(ids),
            )
    return index


def resolve_name(phrase, index: Mapping[str, str]):
    """Return ``(matched words, person id)`` for a written name, or ``None``.

    The longest run of words that is a known name or alias wins, so titles
    around it ("Kepala Dinas Kominfo Dasuki", "Bunda Neni") need no list; among
    equally long runs the rightmost wins, since titles precede names.
    """
    if isinstance(index, NameIndex):
        memo = index.resolved
        if phrase not in memo:
            memo[phrase] = _resolve(phrase, index, index.longest)
        return memo[phrase]
    longest = max((key.count(" ") + 1 for key in index), default=0)
    return _resolve(phrase, index, longest)


def _resolve(phrase, index, longest):
    words = phrase.split()
    # Each word normalised once: normalise_name of a run is the join of its
    # normalised words (case-folding never makes a space).
    keys = [word.replace("’", "'").casefold() for word in words]
    # Runs longer than the longest known name cannot match; skipping them keeps
    # a long capitalised heading from costing quadratic time.
    for length in range(min(len(words), longest), 0, -1):
        for start in range(len(words) - length, -1, -1):
            person_id = index.get(" ".join(keys[start : start + length]))
            if person_id is not None:
                return " ".join(words[start : start + length]), person_id
    return None


def trim_name(phrase):
    """Drop sentence openers and weekdays from both ends of a captured name."""
    words = phrase.split()
    while words and words[0] in NOT_NAME_WORDS:
        words.pop(0)
    while words and words[-1] in NOT_NAME_WORDS:
        words.pop()
    return " ".join(words)


def clean_line(line):
    """Return a Markdown line as plain prose: no markup, entities decoded."""
    return _clean(line, BLOCK_MARKER_RE.match(line).end())


def _clean(line, marker_end):
    """`clean_line` of a line whose block marker ends at ``marker_end``.

    Each pattern needs a character that most prose lines lack; testing for it
    first skips the regex, never changes the result.
    """
    line = line[marker_end:]
    if "![" in line:
        line = IMAGE_RE.sub("", line)
    if "[" in line:
        line = LINK_RE.sub(r"\1", line)
    if "<" in line:
        line = TAG_RE.sub("", line)
    if "`" in line:
        line = CODE_RE.sub(r"\1", line)
    if "*" in line or "_" in line:
        line = EMPHASIS_RE.sub(r"\2", line)
    # Decoding may yield a line break (&#10;); a paragraph stays one line.
    return LINE_BREAK_RE.sub(" ", html.unescape(line))


def paragraphs(text):
    """Yield ``(line starts, plain prose)`` for each Markdown paragraph.

    Consecutive lines form one paragraph (authors may hard-wrap); a blank line,
    a code fence, or a line opening a block (list item, heading, quote) starts
    a new one. ``line starts`` lists ``(offset in prose, line number)`` for
    each source line, so a quote's line can be found from its offset.
    """
    in_fence = False
    starts, parts, length = [], [], 0
    for number, line in enumerate(text.splitlines(), start=1):
        fence = FENCE_RE.match(line)
        if fence:
            in_fence = not in_fence
        skipped = not line.strip() or in_fence or fence
        marker_end = 0 if skipped else BLOCK_MARKER_RE.match(line).end()
        if skipped or line[:marker_end].strip():
            if parts:
                yield starts, " ".join(parts)
            starts, parts, length = [], [], 0
            if skipped:
                continue
        prose = _clean(line, marker_end).strip()
        if prose:
            starts.append((length, number))
            parts.append(prose)
            length += len(prose) + 1
    if parts:
        yield starts, " ".join(parts)


def line_at(starts, offset):
    """Return the source line of ``offset`` in a paragraph's prose."""
    return max((line for start, line in starts if start <= offset), default=0)


def quote_text(body):
    """Return the words of a quote: trimmed, a final comma dropped."""
    body = body.strip()
    return body[:-1].rstrip() if body.endswith(",") else body


def attribution_before(before):
    """Return the speaker named before a quote ("" for "Menurutnya"), or ``None``."""
    for pattern in (MENURUT_RE, VERB_FIRST_RE, NAME_FIRST_RE):
        match = pattern.search(before)
        if match and trim_name(match["name"]):
            return trim_name(match["name"])
    if PRONOUN_FIRST_RE.search(before):
        return ""
    return None


def attribution_after(paragraph, pos, index):
    """Return the attribution that follows a quote ending at ``pos``, or ``None``."""
    match = AFTER_RE.match(paragraph, pos)
    if match is None:
        return None
    if match["nya"] or match["pronoun"]:
        return _Attribution("", match.end())
    name = trim_name(match["name"] or "")
    if not name:
        return None
    if match["appos"] and resolve_name(name, index) is None:
        appos = trim_name(match["appos"])
        if appos and resolve_name(appos, index) is not None:
            return _Attribution(f"{name}, {appos}", match.end("appos"))
    return _Attribution(name, match.end("name"))


def attribute(paragraph, span, previous_end, index):
    """Return the attribution of the quote at ``span``, or ``None``.

    A named speaker after the quote wins over one before it, which wins over a
    continuation form. A quote opening mid-clause ("aplikasi “Bontang
    Pintar”") needs a speaker right before it.
    """
    before = paragraph[max(previous_end, span.start() - BEFORE_WINDOW) : span.start()]
    introduced = attribution_before(before)
    if introduced is None and not CLAUSE_START_RE.search(before):
        return None
    following = attribution_after(paragraph, span.end(), index)
    if following is not None and following.name:
        return following
    if introduced is not None:
        return _Attribution(introduced, span.end())
    return following


def last_speaker(prose, index, last):
    """Return the last person named in prose, or ``last`` if nobody is.

    A known name or alias counts anywhere; an unknown name counts when it says
    something ("Budi mengatakan …", "Menurut Budi …").
    """
    for match in NAME_RE.finditer(prose):
        found = resolve_name(match[0], index)
        if found is not None:
            last = found
            continue
        name = trim_name(match[0])
        speaks = (
            ACTIVE_VERB_NEXT_RE.match(prose, match.end())
            or match[0].startswith("Menurut ")
            or prose.endswith("menurut ", 0, match.start())
        )
        if name and speaks:
            last = (name, None)
    return last


class _LastSpeaker:
    """The last speaker named so far, worked out only when a quote needs it.

    Only a continuation form ("lanjutnya") reads the last speaker, and a named
    attribution replaces it, so most prose never has to be searched for names:
    it is kept, in reading order, until a continuation asks.
    """

    def __init__(self, index):
        self.index = index
        self.known: tuple[str, str | None] = ("", None)
        self.unread: list[str] = []  # prose after `known` was set, in order

    def read(self, prose):
        """Note prose that may name a later speaker."""
        if prose:
            self.unread.append(prose)

    def set(self, speaker):
        """Make ``(name, person id or None)`` the last speaker."""
        self.known = speaker
        self.unread.clear()

    def get(self):
        """Return ``(name, person id or None)`` of the last speaker."""
        for prose in self.unread:
            self.known = last_speaker(prose, self.index, self.known)
        self.unread.clear()
        return self.known


def paragraph_quotes(paragraph, starts, index, last):
    """Return the quotes of one paragraph; ``last`` (a _LastSpeaker) follows it."""
    quotes = []
    scanned = previous_end = 0
    for span in QUOTE_RE.finditer(paragraph):
        last.read(paragraph[scanned : span.start()])
        found = attribute(paragraph, span, previous_end, index)
        scanned = previous_end = span.end()
        text = quote_text(span["body"])
        if found is None or not text:
            continue
        if found.name:
            resolved = resolve_name(found.name, index)
            last.set((found.name, resolved[1] if resolved else None))
        speaker, speaker_id = last.get()
        quotes.append(Quote(text, speaker, speaker_id, line_at(starts, span.start())))
        # The rest of the attribution's sentence belongs to it, not to a new
        # speaker: "ujar Dasuki kepada Neni" keeps Dasuki for "lanjutnya".
        end = SENTENCE_END_RE.search(paragraph, found.end)
        scanned = end.start() if end else len(paragraph)
    last.read(paragraph[scanned:])
    return quotes


def extract_quotes(
    text: str, people: Iterable[Person] = (), index: NameIndex | None = None
) -> list[Quote]:
    """Return the attributed quotes of a Markdown body, in reading order.

    ``Quote.line`` is the 1-based line of the quote in ``text``; a speaker not
    among ``people`` keeps the written name with ``speaker_id=None``, and a
    continuation form with no earlier speaker has ``speaker=""``. ``index``,
    from ``build_name_index(people)``, replaces ``people``: a build that reads
    many items builds it once.
    """
    if index is None:
        index = build_name_index(people)
    quotes: list[Quote] = []
    last = _LastSpeaker(index)
    for starts, paragraph in paragraphs(text):
        quotes.extend(paragraph_quotes(paragraph, starts, index, last))
    return quotes


def unbalanced_quotes(text):
    """Return the first line of each paragraph whose quotation mark is left open.

    An opening “ (or a straight ") with no closing ” or " after it in the same
    paragraph; a second “ before the first is closed counts as left open too.
    """
    found = []
    if '"' not in text and "“" not in text:
        return found
    for starts, paragraph in paragraphs(text):
        if '"' not in paragraph and "“" not in paragraph:
            continue
        is_open = unbalanced = False
        for char in QUOTE_MARK_RE.findall(paragraph):
            if char == "“":
                unbalanced = unbalanced or is_open
                is_open = True
            elif char == "”":
                is_open = False
            elif char == '"':
                is_open = not is_open
        if unbalanced or is_open:
            found.append(starts[0][1])
    return found
