"""French text analysis shared by indexing, querying and highlighting.

The same chain runs on what is written to the index and on what visitors type, so that
« laïcité » and « laicite », « discrimination » and « discriminations », « l'école » and
« école » meet on one stem. Order matters: accents are stripped BEFORE stemming, otherwise
Snowball stems « laïcité » to « laïqu » but « laicite » to « laicit ».
"""

import functools
import html
import re
import threading
import unicodedata
from collections.abc import Iterator

import snowballstemmer

ELIDED_PREFIXES = ("jusqu", "lorsqu", "puisqu", "qu", "l", "d", "j", "n", "s", "c", "m", "t")

# Snowball's French stopword list, written without accents (it is matched after folding).
STOPWORDS = frozenset(
    """
    a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions
    aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce
    ceci cela ces cet cette d dans de des du elle en es est et etaient etais etait etant ete
    etee etees etes etiez etions eu eue eues eumes eurent eus eusse eussent eusses eussiez
    eussions eut eutes eux fumes furent fus fusse fussent fusses fussiez fussions fut futes
    il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne nos notre nous
    on ont ou par pas pour qu que qui s sa se sera serai seraient serais serait seras serez
    seriez serions serons seront ses soi soient sois soit sommes son sont soyez soyons suis
    sur t ta te tes toi ton tu un une vos votre vous y
    """.split()  # noqa: SIM905 - one readable block
)

# A word: letters and digits, with inner apostrophes or hyphens kept for elision handling.
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_APOSTROPHES = "'’"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")


_local = threading.local()


def _stemmer():
    """One stemmer per thread: a snowball stemmer keeps its state in the instance, so two
    threads sharing one (gunicorn's threaded workers) corrupt each other's words."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("french")
    return stemmer


def fold(text: str) -> str:
    """Lowercase and strip accents (« Œuvre Été » → « oeuvre ete »)."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_fold_cached = functools.lru_cache(maxsize=50_000)(fold)


def _is_number(word: str) -> bool:
    """Numbers, the one open-ended vocabulary, stay out of the word caches."""
    return word.isascii() and word.isdigit()


def _fold_word(word: str) -> str:
    return word if _is_number(word) else _fold_cached(word)


def _has_apostrophe(text: str) -> bool:
    return any(apostrophe in text for apostrophe in _APOSTROPHES)


def strip_elision(word: str) -> str:
    """Drop an elided article or pronoun: « l'école » → « école », « jusqu'ici » → « ici »."""
    for apostrophe in _APOSTROPHES:
        if apostrophe in word:
            head, _, tail = word.partition(apostrophe)
            if fold(head) in ELIDED_PREFIXES and tail:
                return tail
    return word


def _word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for each word of `text`, elision removed, positions in `text`."""
    if not _has_apostrophe(text):  # no elision to handle: most titles and snippets
        for match in _WORD_RE.finditer(text):
            yield match.start(), match.end(), match.group()
        return
    for match in _WORD_RE.finditer(text):
        word = match.group()
        bare = strip_elision(word)
        start = match.start() + (len(word) - len(bare))
        # A word left with inner apostrophes (« aujourd'hui ») is split into its parts.
        if not _has_apostrophe(bare):
            yield start, start + len(bare), bare
            continue
        offset = start
        for part in _APOSTROPHE_RE.split(bare):
            if part:
                yield offset, offset + len(part), part
            offset += len(part) + 1


def stem(word: str) -> str:
    """The stem of one already-folded word."""
    return _stemmer().stemWord(word)


def analyze_word(word: str) -> str | None:
    """The index term for one word, or None for a stopword."""
    return word if _is_number(word) else _analyze_text_word(word)


@functools.lru_cache(maxsize=50_000)
def _analyze_text_word(word: str) -> str | None:
    """Remembered: a bulk import analyses the same few thousand words over and over (folding
    and stemming were a third of its indexing time); bounded, and safe across threads."""
    folded = fold(word)
    if not folded or folded in STOPWORDS:
        return None
    return stem(folded)


def _words(text: str) -> list[str]:
    """The words of `text`, as `_word_spans` gives them, without positions."""
    if _has_apostrophe(text):
        return [word for _start, _end, word in _word_spans(text)]
    return _WORD_RE.findall(text)  # no apostrophe: no elision to handle


def analyze(text: str) -> list[str]:
    """Index terms of `text`, in order: folded, elision and stopwords removed, stemmed."""
    terms = []
    for word in _words(text):
        term = analyze_word(word)
        if term:
            terms.append(term)
    return terms


def fold_words(text: str) -> list[str]:
    """Folded words without stemming, for prefix matching (suggestions as one types)."""
    return [folded for word in _words(text) if (folded := _fold_word(word))]


def highlight(text: str, terms: set[str], max_length: int = 240) -> str:
    """An HTML-safe excerpt of `text` around the first matched word, matches wrapped in <mark>.

    A word matches when its analysed form is one of `terms` (the analysed query), so
    « discrimination » highlights « discriminations » and « laicite » highlights « laïcité ».
    Words are analysed up to the end of the excerpt only: a long body is not read to its end.
    """
    if not text:
        return ""
    spans = _word_spans(text)
    first = next(((s, e) for s, e, word in spans if analyze_word(word) in terms), None)
    if first is not None and len(text) > max_length:
        start = max(0, first[0] - max_length // 3)
        # Start the window at a word boundary.
        if start > 0:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space != -1 else start
    else:
        start = 0
    end = min(len(text), start + max_length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    matches = [] if first is None else [first]
    if first is not None:
        for match_start, match_end, word in spans:
            if match_start >= end:
                break
            if analyze_word(word) in terms:
                matches.append((match_start, match_end))
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for match_start, match_end in matches:
        if match_start < start or match_end > end:
            continue
        pieces.append(html.escape(text[cursor:match_start]))
        pieces.append(f"<mark>{html.escape(text[match_start:match_end])}</mark>")
        cursor = match_end
    pieces.append(html.escape(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return "".join(pieces)
