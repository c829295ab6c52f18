"""How much a title being typed says what an item already written says: the scoring behind the
similar questions and ideas suggested while someone types (`community.similar`).

The engines find the candidates with their own text search (the database's full-text index,
Elasticsearch's English and French analysers); this module decides, the same way for every
engine, which of them are the same thing said another way:

- A title is cut into words; the words that carry no meaning of their own are left out: the
  stop words of its language (Snowball's English and French lists, the ones PostgreSQL's
  `english` and `french` configurations use, with a few more) and, in any form, the words
  questions and ideas are built with ("possible", "add", "option", "making"). The language is
  the one whose stop words the title uses most; when it uses none, both lists apply.
- Each word is reduced to its English and French stems (Snowball, accents folded), so that
  "descaling" meets "descale", "reminder" meets "remind" and "détartrage" meets "détartrer". Two
  words also meet when the stem of one begins the stem of the other and is at least
  MIN_PREFIX letters long ("noise" and "noisy").
- Each word of the title weighs by how rare it is among the items of that kind (inverse
  document frequency, sharpened): a product's name found in every item tells little, "limescale"
  tells much.
- An item's score is the share of that weight its title matches, a word found only in its text
  counting BODY_WEIGHT. Items under THRESHOLD are noise, and so are items far behind the best
  (under RELATIVE times its score): nothing is suggested rather than something unrelated.

The threshold was set on the labelled set in tests/search/similar_cases.py, which the tests
measure on every engine they can run.
"""

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

# Words: letters and digits (an apostrophe, hyphen or underscore ends a word).
WORD_RE = re.compile(r"[^\W_]+")
# Longest title read, and most words looked for: a title being typed is short.
MAX_CHARS = 300
MAX_TERMS = 12
# The beginning of an item's text read to score it (the rest is searched by the engine).
BODY_CHARS = 400
BODY_WEIGHT = 0.5
# Stems at least this long find the words they begin ("noise" finds "noisy").
MIN_PREFIX = 5
# Rare words weigh more than BM25 says (Lucene's classic similarity squares it).
IDF_POWER = 1.5
# Word counts are read as if among at least this many items (see `weights`).
MIN_DOCUMENTS = 50
# The share of a title's weight an item must match to be suggested, and the share of the best
# item's score the others must reach.
THRESHOLD = 0.28
RELATIVE = 0.5

# Snowball's stop words (PostgreSQL's english.stop and french.stop), with the pieces of English
# contractions and the words titles of questions and ideas are built with.
_ENGLISH_SNOWBALL = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing a an the and
but if or because as until while of at by for with about against between into through during
before after above below to from up down in out on off over under again further then once here
there when where why how all any both each few more most other some such no nor not only own
same so than too very s t can will just don should now
"""
_ENGLISH_MORE = """
won isn aren wasn weren doesn didn hasn haven hadn couldn shouldn wouldn ll ve re d m o y
would could also still even really anyone ok okay
"""
# Words that questions and ideas are built with, whatever they are about ("how can I get",
# "please add an option"), left out in every form (by their stem).
_ENGLISH_FILLERS = (
    "get make use need want way possible please add option help thanks problem issue let like"
)
_FRENCH_SNOWBALL = """
au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes moi
mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une
vos votre vous c d j l à m n s t y été étée étées étés étant étante étants étantes suis es est
sommes êtes sont serai seras sera serons serez seront serais serait serions seriez seraient
étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez soient fusse
fusses fût fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez
ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait
avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse eusses eût
eussions eussiez eussent
"""
_FRENCH_MORE = """
peut peux faut svp comment quand quel quelle quels quelles pourquoi combien si plus moins très
tout tous toute toutes cela ça ceci cet cette ils elles leurs dont où rien sans sous chez vers
entre aussi encore déjà bien peu avoir être
"""
_FRENCH_FILLERS = "faire pouvoir possible ajouter option problème merci bonjour"
STOP_WORDS = {
    "en": frozenset((_ENGLISH_SNOWBALL + _ENGLISH_MORE).split()),
    "fr": frozenset((_FRENCH_SNOWBALL + _FRENCH_MORE).split()),
}
_EITHER = STOP_WORDS["en"] | STOP_WORDS["fr"]
_STEMMERS = {"en": Stemmer.Stemmer("english"), "fr": Stemmer.Stemmer("french")}
FILLERS = {
    "en": frozenset(_STEMMERS["en"].stemWords(_ENGLISH_FILLERS.split())),
    "fr": frozenset(_STEMMERS["fr"].stemWords(_FRENCH_FILLERS.split())),
}


def fold(text: str) -> str:
    """Lower case, without accents ("Détartrage" → "detartrage")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def language_of(words) -> str:
    """The language ("en" or "fr") whose stop words the words use most; "" for a tie."""
    english = sum(word in STOP_WORDS["en"] for word in words)
    french = sum(word in STOP_WORDS["fr"] for word in words)
    if english == french:
        return ""
    return "en" if english > french else "fr"


def content_words(text: str) -> list[str]:
    """The words of `text` that carry its meaning, lower case, in their order."""
    words = WORD_RE.findall((text or "")[:MAX_CHARS].lower())
    language = language_of(words)
    languages = [language] if language else list(STOP_WORDS)
    stop = STOP_WORDS[language] if language else _EITHER
    return [
        word
        for word in words
        if word not in stop
        and (len(word) > 1 or word.isdigit())
        and not any(_STEMMERS[name].stemWord(word) in FILLERS[name] for name in languages)
    ]


@lru_cache(maxsize=20_000)
def stems(word: str) -> frozenset[str]:
    """The English and French stems of a word, accents folded."""
    return frozenset(fold(stemmer.stemWord(word)) for stemmer in _STEMMERS.values())


def meet(these: frozenset[str], those: frozenset[str]) -> bool:
    """Whether two words, by their stems, are the same word."""
    if these & those:
        return True
    for one in these:
        for other in those:
            short, long = (one, other) if len(one) <= len(other) else (other, one)
            if len(short) >= MIN_PREFIX and long.startswith(short):
                return True
    return False


@dataclass(frozen=True)
class Term:
    """A word of the title being typed: as typed (lower case), and by its stems."""

    word: str
    stems: frozenset[str]

    @property
    def lookups(self) -> list[tuple[str, bool]]:
        """What an index is asked for: each stem, the shortest first (one that a shorter one
        begins is left out: it finds nothing more), and whether the words that begin with it
        count too (for stems long enough not to find unrelated words)."""
        kept = []
        for stem in sorted(self.stems, key=lambda stem: (len(stem), stem)):
            if not any(len(shorter) >= MIN_PREFIX and stem.startswith(shorter) for shorter in kept):
                kept.append(stem)
        return [(stem, len(stem) >= MIN_PREFIX) for stem in kept]

    @property
    def is_prefix(self) -> bool:
        """Whether the words that begin with the word's shortest stem count (for an engine
        that stems the word itself)."""
        return min(len(stem) for stem in self.stems) >= MIN_PREFIX


def terms_of(text: str) -> list[Term]:
    """The words of a title worth looking for, each once, at most MAX_TERMS."""
    terms = []
    for word in content_words(text):
        term = Term(word, stems(word))
        if not any(meet(term.stems, other.stems) for other in terms):
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    return terms


def weights(frequencies, total: int) -> list[float]:
    """The weight of each term from the number of items of the kind that have it (out of
    `total`): BM25's inverse document frequency, raised to IDF_POWER. A young community says
    little about which words are common: its counts are read as if among at least
    MIN_DOCUMENTS items (with one idea, its words would otherwise weigh nothing)."""
    total = max(total, *frequencies, MIN_DOCUMENTS)
    return [
        math.log(1 + (total - found + 0.5) / (found + 0.5)) ** IDF_POWER for found in frequencies
    ]


def _stems_of(text: str) -> list[frozenset[str]]:
    return [stems(word) for word in content_words(text)]


def score(terms, term_weights, title: str, body: str = "") -> float:
    """The share of the terms' weight that an item's title (and the beginning of its text,
    at BODY_WEIGHT) matches: 0 (nothing) to 1 (every word of the title being typed)."""
    total = sum(term_weights)
    if not total:
        return 0.0
    in_title = _stems_of(title)
    in_body = None
    matched = 0.0
    for term, weight in zip(terms, term_weights, strict=True):
        if any(meet(term.stems, word) for word in in_title):
            matched += weight
            continue
        if in_body is None:
            in_body = _stems_of(body[:BODY_CHARS])
        if any(meet(term.stems, word) for word in in_body):
            matched += weight * BODY_WEIGHT
    return matched / total


def ranked(terms, term_weights, candidates) -> list[tuple]:
    """Of `candidates` (key, title, text), those like the title being typed, as (key, score),
    best first: none under THRESHOLD. The candidates' order (the engine's) settles ties."""
    scored = []
    for position, (key, title, body) in enumerate(candidates):
        value = score(terms, term_weights, title, body or "")
        if value >= THRESHOLD:
            scored.append((-value, position, key))
    scored.sort()
    return [(key, -value) for value, _, key in scored]


def within_reach(scored, *, limit: int) -> list:
    """The first `limit` items of `scored` (item, score), best first, less those far behind
    the best: beside a close match, a loose one is noise."""
    if not scored:
        return []
    floor = scored[0][1] * RELATIVE
    return [key for key, value in scored if value >= floor][:limit]


def closest(queryset, terms, frequencies, total: int, candidates, *, limit: int) -> list:
    """What an engine answers: of its candidates (object id, title, text), the objects of
    `queryset` like the title being typed, best first, in one query. `frequencies` are the
    numbers of documents that have each term, out of `total` documents of the kind.

    Candidates that `queryset` leaves out (the question being edited, a merged idea) are left
    out before the best is chosen, so that they cut nothing."""
    scored = ranked(terms, weights(frequencies, total), candidates)
    if not scored:
        return []
    found = queryset.in_bulk([key for key, _ in scored])
    visible = [(found[key], value) for key, value in scored if key in found]
    return within_reach(visible, limit=limit)
