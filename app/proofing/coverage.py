"""Which paragraphs address each scheme commitment, and which commitments nothing addresses.

A plain TF-IDF model over the draft's paragraphs, in pure Python: words are lower-cased,
common words dropped and endings trimmed ("consulted", "consultation" → "consult"), each
paragraph and each commitment (title, text, and its keywords counted twice) becomes a
weighted word vector, and paragraphs are ranked by cosine similarity to the commitment.
Matches below `MIN_SCORE`, or sharing fewer than `MIN_SHARED` words with the commitment,
do not count: a commitment with none is unaddressed.

An inverted index means scoring costs only the words paragraphs and commitments share.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from app.proofing.document import Document
from app.proofing.scheme import Commitment, Scheme

MIN_SCORE = 0.12
MIN_SHARED = 2
TOP = 5
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_STOPWORDS = frozenset("""
a about above after again all also am an and any are as at be been before being below
between both but by can could did do does doing down during each few for from further had
has have having he her here hers him his how i if in into is it its itself just may me
more most must my no nor not now of off on once only or other our ours out over own same
she should so some such than that the their theirs them then there these they this those
through to too under until up very was we were what when where which while who whom why
will with would you your yours us per via within without across every shall
""".split())  # noqa: SIM905 - a word list reads best as text
_SUFFIXES = (("ations", ""), ("ation", ""), ("ments", ""), ("ment", ""), ("ities", ""),
             ("ity", ""), ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"), ("ness", ""),
             ("ates", ""), ("ate", ""), ("ers", ""), ("er", ""), ("ed", ""), ("es", ""),
             ("ly", ""), ("s", ""))


def stem(word: str) -> str:
    """A light stemmer: enough to join a word's common forms, never a dictionary."""
    word = word.removesuffix("'s").replace("'", "")
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + replacement
    return word


def terms(text: str) -> list[str]:
    """The text's words as indexed: lower case, common words dropped, endings trimmed."""
    return [_stemmed(word) for word in _WORD.findall(text.lower()) if word not in _STOPWORDS]


def _stemmed(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = stem(word)
    return found


def _counted(text: str) -> dict[str, int]:
    """Term counts of one text; counting raw words first (in C) keeps this fast."""
    counted: dict[str, int] = {}
    mapped = _TERMS
    for word, number in Counter(_WORD.findall(text.lower())).items():
        term = mapped.get(word)
        if term is None:
            term = mapped[word] = "" if word in _STOPWORDS else _stemmed(word)
        if term:
            counted[term] = counted.get(term, 0) + number
    return counted


_STEMS: dict[str, str] = {}
_TERMS: dict[str, str] = {}  # raw word -> its term, or "" for a common word
_LOG = [0.0] + [1 + math.log(n) for n in range(1, 64)]  # 1 + log(tf), looked up
_LOG2 = [w * w for w in _LOG]


def _tf(number: int) -> float:
    return _LOG[number] if number < 64 else 1 + math.log(number)


def _tf2(number: int) -> float:
    return _LOG2[number] if number < 64 else (1 + math.log(number)) ** 2


@dataclass(frozen=True)
class Match:
    paragraph: int  # Paragraph.index
    score: float  # cosine similarity, 0-1


@dataclass(frozen=True)
class CommitmentCoverage:
    commitment: Commitment
    matches: tuple[Match, ...]  # best first, at most TOP, each at least MIN_SCORE

    @property
    def addressed(self) -> bool:
        return bool(self.matches)


@dataclass(frozen=True)
class Coverage:
    scheme: Scheme
    commitments: tuple[CommitmentCoverage, ...]

    @property
    def unaddressed(self) -> tuple[Commitment, ...]:
        return tuple(c.commitment for c in self.commitments if not c.addressed)


def coverage(document: Document, scheme: Scheme, *, min_score: float = MIN_SCORE,
             top: int = TOP) -> Coverage:
    """For each commitment, the paragraphs that address it, best first."""
    paragraph_terms = [_counted(p.text) for p in document.paragraphs]
    count = len(paragraph_terms)
    frequency: Counter[str] = Counter()
    for counted in paragraph_terms:
        frequency.update(counted.keys())
    idf = {term: math.log((count + 1) / (df + 1)) + 1.0 for term, df in frequency.items()}
    idf2 = {term: weight * weight for term, weight in idf.items()}
    unseen = math.log(count + 1) + 1.0
    wanted_by: list[tuple[Commitment, dict[str, float]]] = []
    for commitment in scheme.commitments:
        counted = Counter(terms(f"{commitment.title}\n{commitment.text}"))
        for keyword in commitment.keywords:
            for term in terms(keyword):
                counted[term] += 2
        wanted = {t: _tf(n) * idf.get(t, unseen) for t, n in counted.items()}
        norm = math.sqrt(sum(w * w for w in wanted.values())) or 1.0
        wanted_by.append((commitment, {t: w / norm for t, w in wanted.items()}))
    vocabulary = {term for _, wanted in wanted_by for term in wanted}
    # Only the commitments' words need indexing; every word counts towards a paragraph's norm.
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for position, counted in enumerate(paragraph_terms):
        shared_terms = [t for t in counted if t in vocabulary]
        if not shared_terms:
            continue
        norm = math.sqrt(sum(_tf2(n) * idf2[t] for t, n in counted.items())) or 1.0
        for term in shared_terms:
            index[term].append((position, _tf(counted[term]) * idf[term] / norm))
    results = []
    for commitment, wanted in wanted_by:
        scores: dict[int, float] = defaultdict(float)
        shared: dict[int, int] = defaultdict(int)
        for term, weight in wanted.items():
            for position, paragraph_weight in index.get(term, ()):
                scores[position] += weight * paragraph_weight
                shared[position] += 1
        # One word in common (say "Black" in an organisation's name) is not addressing a
        # commitment: a match shares at least two of its words, unless it has only one.
        needed = min(MIN_SHARED, len(wanted))
        ranked = sorted(((s, p) for p, s in scores.items()
                         if s >= min_score and shared[p] >= needed), reverse=True)
        matches = tuple(Match(document.paragraphs[p].index, round(s, 4))
                        for s, p in ranked[:top])
        results.append(CommitmentCoverage(commitment, matches))
    return Coverage(scheme, tuple(results))
