"""Words of a query found in a result, marked: always escaped first, then marked.

Both engines hand back plain text (the database engine its stored text, Elasticsearch its
fragments with private-use characters around each match); nothing from either is trusted as
HTML. Matching here is forgiving in the way the engines are: accents and case are ignored and
common English and French endings are cut, so "theatre" marks "Théâtres".
"""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from community.searching import MATCH_CLOSE, MATCH_OPEN

WORD_RE = re.compile(r"\w+", re.UNICODE)
TOKEN_RE = re.compile(r"\w+|\W+", re.UNICODE)
MAX_TERMS = 12
MAX_TERM_LENGTH = 40
# Elasticsearch is asked to put these around each match; they are private-use characters that
# no text in the index carries (`community.searching.Entry` removes them).
OPEN, CLOSE = MATCH_OPEN, MATCH_CLOSE
_SENTINELS_RE = re.compile(f"[{OPEN}{CLOSE}]")
_MARKED_RE = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})
_ENDINGS = (
    "ations",
    "ation",
    "ements",
    "ement",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "es",
    "ed",
    "er",
    "s",
    "e",
    "x",
)


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower case without accents: "Théâtre" → "theatre". Words repeat, so folds are kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def query_terms(text: str) -> list[str]:
    """The words of a query, each once, at most MAX_TERMS of them, none absurdly long."""
    terms = []
    for word in WORD_RE.findall(text or ""):
        word = word[:MAX_TERM_LENGTH]
        if word.casefold() not in (t.casefold() for t in terms):
            terms.append(word)
        if len(terms) == MAX_TERMS:
            break
    return terms


def _stem(word: str) -> str:
    folded = fold(word)
    for ending in _ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            return folded[: -len(ending)]
    return folded


def _matcher(terms):
    stems = {_stem(term) for term in terms}
    short = {stem for stem in stems if len(stem) < 3}
    long = tuple(stem for stem in stems if len(stem) >= 3)

    def matches(word: str) -> bool:
        folded = fold(word)
        return folded in short or (bool(long) and folded.startswith(long))

    return matches


def highlight(text: str, terms) -> SafeString:
    """`text` escaped, with the words that match `terms` in <mark>."""
    matches = _matcher(terms)
    out = []
    for token in TOKEN_RE.findall(text or ""):
        if token[0].isalnum() or token[0] == "_":
            out.append(f"<mark>{escape(token)}</mark>" if matches(token) else escape(token))
        else:
            out.append(escape(token))
    return mark_safe("".join(out))


def excerpt(text: str, terms, *, size: int = 240) -> SafeString:
    """About `size` characters of `text` around the first match, marked, with ellipses where
    it was cut; the beginning of the text when no word matches."""
    text = " ".join((text or "").split())
    if len(text) <= size:
        return highlight(text, terms)
    matches = _matcher(terms)
    start = 0
    for found in WORD_RE.finditer(text):
        if matches(found.group()):
            start = max(0, found.start() - size // 4)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + size // 2 else end
    marked = highlight(text[start:end], terms)
    return mark_safe(("… " if start else "") + marked + (" …" if end < len(text) else ""))


def from_engine(fragment: str) -> SafeString:
    """An Elasticsearch fragment (matches between OPEN and CLOSE) as safe HTML."""
    escaped = escape(fragment or "")
    marked = _MARKED_RE.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(_SENTINELS_RE.sub("", marked))
