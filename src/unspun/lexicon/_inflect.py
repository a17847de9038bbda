"""Inflection both ways: lemmatise what a text says, re-inflect what the lexicon suggests.

Thesauri list base forms ("spill", "document"); texts say "spilled", "documents". These helpers
wrap lemminflect, which is imported (0.1 s) and reads its tables on first use, not when unspun
is imported (the default engine reads them when it is built, from a copy in the cache folder:
``_inflection_tables``). Results are cached, so repeated words cost a dictionary lookup.

Multi-word phrases inflect at their head: the first word of a verb phrase ("got ready"), the
last word of any other ("leaked documents").

>>> lemmas("spilled")
(('spill', 'VERB'),)
>>> inflect("get ready", penn_tag_guess("getting ready", "get ready", "VERB"))
'getting ready'
"""

from __future__ import annotations

from functools import lru_cache

UPOS = ("NOUN", "VERB", "ADJ", "ADV")
# lemminflect's UPOS for auxiliaries and proper nouns fold into the four open classes.
_FOLD_UPOS = {"NOUN": "NOUN", "PROPN": "NOUN", "VERB": "VERB", "AUX": "VERB", "ADJ": "ADJ", "ADV": "ADV"}
# Penn tags per part of speech, in the order a surface form is matched against them: for a
# regular verb VBD and VBN share a form, and VBD comes first.
_TAGS = {
    "NOUN": ("NN", "NNS"),
    "VERB": ("VB", "VBD", "VBN", "VBZ", "VBG", "VBP"),
    "ADJ": ("JJ", "JJR", "JJS"),
    "ADV": ("RB", "RBR", "RBS"),
}
_TAG_POS = {tag: pos for pos, tags in _TAGS.items() for tag in tags}
_BASE_TAGS = frozenset({"NN", "VB", "VBP", "JJ", "RB"})


def _key(word: str) -> str:
    return " ".join(word.lower().replace("’", "'").split())


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> tuple[tuple[str, str], ...]:
    """The ``(lemma, UPOS)`` readings of a surface word or phrase, most plausible first.

    Readings that change the word come before those that keep it ("left" is "leave" before it
    is the adjective); UPOS is one of NOUN, VERB, ADJ, ADV. A word lemminflect does not know
    gets guesses from its suffix. A phrase gets a verb reading from its first word and a noun
    reading from its head: its last word, or the word before "of", "in"... ("points of view").

    >>> lemmas("papers")
    (('paper', 'NOUN'), ('paper', 'VERB'))
    >>> lemmas("Left")[0], lemmas("getting ready")
    (('leave', 'VERB'), (('get ready', 'VERB'), ('getting ready', 'ADJ')))
    """
    key = _key(word)
    if not key:
        return ()
    words = key.split(" ")
    if len(words) == 1:
        return _word_lemmas(key)
    # The words' own readings come from the cache of single words: phrase windows are
    # mostly new, their words are not, and lemminflect copies its tables on every lookup.
    readings: dict[tuple[str, str], None] = {}
    for lemma, pos in lemmas(words[0]):
        if pos == "VERB":
            readings[(" ".join([lemma, *words[1:]]), "VERB")] = None
    at = _head(words, "NOUN")
    if at < len(words) - 1:  # "points of view": its head comes before "of", as inflect has it
        for lemma, pos in lemmas(words[at]):
            if pos == "NOUN":
                readings[(" ".join([*words[:at], lemma, *words[at + 1 :]]), "NOUN")] = None
    for lemma, pos in lemmas(words[-1]):
        if pos != "VERB":
            head = lemma if pos == "NOUN" else words[-1]
            readings[(" ".join([*words[:-1], head]), pos)] = None
    return tuple(readings) or ((key, "NOUN"),)


def _word_lemmas(word: str) -> tuple[tuple[str, str], ...]:
    changed: dict[tuple[str, str], None] = {}
    same: dict[tuple[str, str], None] = {}
    for upos, forms in all_lemmas(word).items():
        pos = _FOLD_UPOS.get(upos)
        if pos is None:
            continue
        for lemma in forms:
            (same if lemma == word else changed)[(lemma, pos)] = None
    readings = [*changed, *(r for r in same if r not in changed)]
    return tuple(readings) or _guess_lemmas(word)


def all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's ``getAllLemmas`` of a lower-case ``word``, read from its tables without
    the deep copies it makes of them for each lookup (six times the time of the lookup: a
    tenth of a cold start's keying of the listed phrases, session 68). Where lemminflect's
    internals are not as expected, its own function answers."""
    import lemminflect
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()
    try:
        found = {**lemmatizer._getLemmaDict().get(word, {}), **lemmatizer._getOverridesDict().get(word, {})}
    except AttributeError:
        return dict(lemminflect.getAllLemmas(word))
    if word != word.lower() or not all(isinstance(forms, tuple) for forms in found.values()):
        return dict(lemminflect.getAllLemmas(word))
    # lemminflect writes the lemmas in the word's case ("Cyclops" of "cyclops" lower-cased).
    return {upos: tuple(form.lower() for form in forms) for upos, forms in found.items()}


def _guess_lemmas(word: str) -> tuple[tuple[str, str], ...]:
    """Readings of a word lemminflect does not know, from its suffix."""
    import lemminflect

    def oov(pos: str) -> str:
        return str(lemminflect.getAllLemmasOOV(word, pos).get(pos, (word,))[0])

    if word.endswith(("ed", "ing")):
        guesses = [(oov("VERB"), "VERB"), (word, "ADJ"), (word, "NOUN")]
    elif word.endswith("s") and not word.endswith("ss"):
        guesses = [(oov("NOUN"), "NOUN"), (oov("VERB"), "VERB")]
    elif word.endswith("ly"):
        guesses = [(word, "ADV")]
    else:
        guesses = [(word, "NOUN")]
    return tuple(dict.fromkeys(guesses))


# A noun phrase's head comes before these: "point of view", "mother in law", "state of the
# art" inflect their first word ("points of view"), where the last one ("point of views") was.
_POSTMODIFIERS = frozenset({"of", "in", "at", "on", "for", "to", "by", "from", "with"})
# Words that head no noun phrase before a preposition or at its end: a thesaurus's noun phrase
# whose head would be one of them ("out of doors", "up to date", "in front of") has no number,
# where it became "outs of doors". Alone, some are nouns ("overs", "backs").
PARTICLES = _POSTMODIFIERS | frozenset(
    "about across ahead along apart around aside away back down into off onto out over through under up".split())


def _head(words: list[str], pos: str) -> int:
    if pos == "VERB":
        return 0
    if pos == "NOUN":
        for index, word in enumerate(words[1:-1], start=1):
            if word in _POSTMODIFIERS:
                return index - 1
    return len(words) - 1


@lru_cache(maxsize=200_000)
def penn_tag_guess(word: str, lemma: str, pos: str) -> str:
    """The Penn tag that turns ``lemma`` (as ``pos``) into ``word``, to re-inflect a substitute.

    >>> penn_tag_guess("papers", "paper", "NOUN"), penn_tag_guess("written", "write", "VERB")
    ('NNS', 'VBN')
    >>> penn_tag_guess("spilled", "spill", "VERB"), penn_tag_guess("got ready", "get ready", "VERB")
    ('VBD', 'VBD')
    """
    if pos not in _TAGS:
        raise ValueError(f"pos must be one of {', '.join(UPOS)}, not {pos!r}")
    surface, base = _key(word).split(" "), _key(lemma).split(" ")
    if len(surface) == len(base):
        index = _head(base, pos)
        surface_head, lemma_head = surface[index], base[index]
    else:
        surface_head, lemma_head = surface[_head(surface, pos)], base[_head(base, pos)]
    if surface_head == lemma_head:
        return _TAGS[pos][0]
    forms = _inflections(lemma_head, pos)
    for tag in _TAGS[pos]:
        if surface_head in forms.get(tag, ()):
            return tag
    return _suffix_tag(surface_head, pos)


def verb_tag_in_context(word: str, lemma: str, tag: str, after: str) -> str:
    """The Penn ``tag`` of a verb ``word`` (of ``lemma``) as its context reads it, where the
    spelling alone leaves two: ``after`` is "perfect" after a form of "have" or "be" (a
    participle: "was led", "have identified", whose options were "went", "saw"), "base"
    after "to", a modal or "do", else "". A verb spelt alike in its base form and its past
    ("read", "put", "set") is read as a past tense but after "to", a modal or "do": its
    options were all base forms ("Mr Marr read on Wednesday" -> "study"), where news tells
    of the past.

    >>> verb_tag_in_context("led", "lead", "VBD", "perfect"), verb_tag_in_context("put", "put", "VB", "")
    ('VBN', 'VBD')
    >>> verb_tag_in_context("put", "put", "VB", "base"), verb_tag_in_context("walked", "walk", "VBD", "")
    ('VB', 'VBD')
    >>> verb_tag_in_context("identified", "identify", "VBD", "perfect")
    'VBN'
    """
    wanted = "VBN" if after == "perfect" else "VBD" if after == "" else None
    if wanted is None or tag == wanted or tag not in ("VB", "VBP", "VBD"):
        return tag
    if after == "" and tag == "VBD":
        return tag
    surface, base = _key(word).split(" "), _key(lemma).split(" ")
    if len(surface) != len(base):
        return tag
    head = _head(base, "VERB")
    forms = _inflections(base[head], "VERB")
    # lemminflect's table leaves out a participle spelt as the past ("identified").
    spelt = forms.get(wanted) or (forms.get("VBD", ()) if wanted == "VBN" else ())
    return wanted if surface[head] in spelt else tag


# The two lookups below are cached by the head word alone: the phrases around one head ("get
# ready", "get going") are mostly new, the head is not, and lemminflect deep-copies its table
# entry on every call (about 6% of a profile of the fast path on unseen text before these
# caches; the measured gain in throughput is within the machine's noise: docs/status.md).
@lru_cache(maxsize=100_000)
def _inflections(lemma: str, pos: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's inflections of ``lemma`` as ``pos`` by Penn tag (guessed when unknown);
    shared between callers, so never changed."""
    import lemminflect

    forms = lemminflect.getAllInflections(lemma, upos=pos) or lemminflect.getAllInflectionsOOV(lemma, pos)
    return {tag: tuple(words) for tag, words in forms.items()}


@lru_cache(maxsize=100_000)
def _inflected_word(word: str, tag: str) -> str:
    """One word inflected for the Penn ``tag`` (guessed when lemminflect does not know it).
    A word that is already an inflected form is inflected from its lemma: thesauri list
    some ("papers", "sales", "bigger"), and their endings doubled ("paperses", "biggerer")."""
    import lemminflect

    pos = _TAG_POS[tag]
    known = lemminflect.getAllLemmas(word, upos=pos).get(pos, ())
    if known and word not in known:  # "saw", "data", "glasses" are lemmas of their own too
        word = known[0]
    elif not known and word.endswith(_INFLECTED_ENDINGS.get(tag, ())) and not word.endswith(("ss", "us")):
        return word  # "thanks", "arms": no plural of their own that lemminflect knows
    forms = lemminflect.getInflection(word, tag, inflect_oov=True)
    return str(forms[0]) if forms else word


# The endings of a word lemminflect does not know as the tag's part of speech that show it
# inflected already; "ss" and "us" end base forms ("glass", "bus").
_INFLECTED_ENDINGS = {"NNS": ("s",), "VBZ": ("s",), "VBD": ("ed",), "VBN": ("ed",), "VBG": ("ing",)}


def _suffix_tag(word: str, pos: str) -> str:
    suffixes = {
        "NOUN": (("s", "NNS"),),
        "VERB": (("ed", "VBD"), ("en", "VBN"), ("ing", "VBG"), ("s", "VBZ")),
        "ADJ": (("er", "JJR"), ("est", "JJS")),
        "ADV": (("er", "RBR"), ("est", "RBS")),
    }
    for suffix, tag in suffixes[pos]:
        if word.endswith(suffix):
            return tag
    return _TAGS[pos][0]


@lru_cache(maxsize=200_000)
def inflect(lemma: str, tag: str) -> str:
    """``lemma`` (lower case, possibly multi-word) inflected for the Penn ``tag``.

    >>> inflect("document", "NNS"), inflect("get ready", "VBD"), inflect("leak", "VBN")
    ('documents', 'got ready', 'leaked')
    >>> inflect("random forest", "NNS"), inflect("good", "JJR"), inflect("beautiful", "JJR")
    ('random forests', 'better', 'more beautiful')
    """
    pos = _TAG_POS.get(tag)
    if pos is None:
        raise ValueError(f"not a Penn tag of a noun, verb, adjective or adverb: {tag!r}")
    if not isinstance(lemma, str) or not lemma.strip():
        raise ValueError(f"inflect needs a word or phrase, not {lemma!r}")  # "" gave "s"
    words = _key(lemma).split(" ")
    if tag in _BASE_TAGS and not (tag == "VBP" and words[0] == "be"):
        return " ".join(words)
    index = _head(words, pos)
    if tag in _DEGREE_WORDS:
        compared = _compared(words[index], pos, tag) if len(words) == 1 else None
        if compared is None:  # "more beautiful", "more well known": not "beautifuler"
            return f"{_DEGREE_WORDS[tag]} {' '.join(words)}"
        words[index] = compared
        return " ".join(words)
    if pos == "NOUN" and len(words) > 1 and words[index] in PARTICLES and (
            index < len(words) - 1 or words[index] in _POSTMODIFIERS):
        return " ".join(words)  # "out of doors", "in front of": no noun to inflect ("overs", "backs" are)
    words[index] = _inflected_word(words[index], tag)
    return " ".join(words)


_DEGREE_WORDS = {"JJR": "more", "RBR": "more", "JJS": "most", "RBS": "most"}
_ADJECTIVE_TAGS = {"RBR": "JJR", "RBS": "JJS"}
# Adverbs spelt as their adjective that compare as it does ("arrived later", "dig deeper").
_FLAT_ADVERBS = frozenset(
    "cheap clean close deep early fair fast fine firm flat hard high late long loud low near quick "
    "quiet rough sharp short slow soft straight tight wide".split())


@lru_cache(maxsize=20_000)
def _compared(word: str, pos: str, tag: str) -> str | None:
    """The comparative or superlative (``tag``) of an adjective or adverb in one word, or None
    where English says "more"/"most": a word lemminflect knows without that form
    ("beautiful", "quickly"). Its rules made every adjective compare with -er ("powerfuler"
    among the options of "stronger"); they still guess for words it does not know at all,
    but not for a word it knows as another part of speech ("lots", "go", "surely", "found":
    "lotser", "goest", "sureliest" were offered)."""
    import lemminflect

    known = lemminflect.getAllInflections(word, upos=pos)
    if not known and word not in _FLAT_ADVERBS:  # a flat adverb compares as its adjective, below
        if pos not in lemminflect.getAllLemmas(word) and (
                lemminflect.getAllLemmas(word) or lemminflect.getAllInflections(word)):
            return None
        return _inflected_word(word, tag)  # a form of its own ("bigger"), or a word it does not know
    forms = known.get(tag)
    if not forms and word in _FLAT_ADVERBS:
        # A flat adverb compares as its adjective ("late", "later"), where lemminflect knows
        # the adverb's base form alone: it was "most late". Not every adverb with an
        # adjective's spelling does ("often", "pretty", "still": not "oftener").
        forms = lemminflect.getAllInflections(word, upos="ADJ").get(_ADJECTIVE_TAGS[tag])
    if not forms:
        return None
    form = str(forms[0])
    if word.endswith("e") and form in (word + "er", word + "est"):
        form = word + form[len(word) + 1 :]  # its table has "freeer", "trueer"
    return form
