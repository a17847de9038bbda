"""Swap candidates from the thesaurus's reverse view.

For each word a spinner could have written (not a name, number, quotation or function word),
and for each two- or three-word phrase the lexicon knows, the candidates are the lemmas whose
thesaurus entry lists it, re-inflected like the word seen: "woodlands" -> "forests", "timbers",
"trickled"... Which of them, if any, was the original is for the evidence to decide.
"""

from __future__ import annotations

import re
from contextlib import suppress

from .._memo import remember
from ..lexicon import PARTICLES, Lexicon, inflect, lemmas, penn_tag_guess, spelt_otherwise, verb_tag_in_context
from ..lexicon import Source as LinkSource
from .candidates import Candidate, Option
from .context import CUTS_COMPOUND, FUNCTION_WORDS, SWAPPABLE_CONNECTIVES, TextContext, WordInfo, cuts_compound

# Function words, and the Roman numerals the thesauri list beside number words ("iv" of
# "four", "ii" of "two": an audit), which no spinner writes for a word.
_ROMAN_NUMERALS = frozenset(
    "ii iii iv vi vii viii ix xi xii xiii xiv xv xvi xvii xviii xix xx xxx xl lx xc cd cm".split())
_NEVER_SUGGESTED = (FUNCTION_WORDS - SWAPPABLE_CONNECTIVES) | _ROMAN_NUMERALS

# How many originals per reading to consider: the lexicon sorts them by a prior (frequency and
# link strength), and the language model rarely prefers one ranked lower than this.
OPTIONS_PER_READING = 8
MIN_WORD_LENGTH = 3
# Plain ints: IntFlag arithmetic costs microseconds per test, and this runs per option.
_LINK_FEATURES = (
    (int(LinkSource.WORDNET), "link_wordnet"),
    (int(LinkSource.WORDNET_SIMILAR), "link_wordnet_similar"),
    (int(LinkSource.MOBY_LISTS), "link_moby_lists"),
    (int(LinkSource.MOBY_LISTED_BY), "link_moby_listed_by"),
)
_OPTION_CACHE_SIZE = 30_000  # words; ~60 small objects each, so a crawl process stays under a gigabyte
# The features an option has before it meets a text, in this order.
_STATIC_FEATURES = (
    "zipf_option", "option_rank", "option_strength", "option_second_reading", "option_words",
    *(name for _, name in _LINK_FEATURES),
)


def find_swap_candidates(context: TextContext, lexicon: Lexicon, per_reading: int = OPTIONS_PER_READING) -> list[Candidate]:
    """Candidates for single words and for known two- and three-word phrases."""
    candidates: list[Candidate] = []
    tokens = context.tokens
    for sentence in context.sentences:
        run: list[int] = []  # consecutive word tokens without punctuation between them
        for index in range(sentence.first_token, sentence.last_token + 1):
            info = context.words.get(index) if index < sentence.last_token else None
            if info is None:
                _phrases(context, lexicon, run, per_reading, candidates)
                run = []
                continue
            run.append(index)
            if not info.protected and info.key.isalpha() and len(info.key) >= MIN_WORD_LENGTH:
                surface = tokens[index].text
                candidate = _candidate(context, lexicon, index, index + 1, surface.lower(), per_reading)
                if candidate is not None:
                    candidates.append(candidate)
    return candidates


def _phrases(context: TextContext, lexicon: Lexicon, run: list[int], per_reading: int, out: list[Candidate]) -> None:
    """Candidates for the lexicon's multi-word entries inside one run of words."""
    if len(run) < 2:
        return
    infos = [context.words[i] for i in run]
    keys = [info.key for info in infos]
    # A window may hold function words, but no quotation, name or number, and not only
    # function words; judged once per word rather than once per window.
    usable = [not (info.in_quote or (info.protected and info.key not in FUNCTION_WORDS)) for info in infos]
    content = [key not in FUNCTION_WORDS for key in keys]
    for size in (2, 3):
        for at in range(len(run) - size + 1):
            end = at + size
            if not all(usable[at:end]) or not any(content[at:end]):
                continue
            phrase = " ".join(keys[at:end])
            if not lexicon.readings(phrase):
                continue
            candidate = _candidate(context, lexicon, run[at], run[end - 1] + 1, phrase, per_reading)
            if candidate is not None:
                out.append(candidate)


def wide_candidate(context: TextContext, lexicon: Lexicon, first: int, last: int, per_reading: int) -> Candidate | None:
    """A swap candidate for tokens ``first``..``last`` with ``per_reading`` originals per
    reading, over every kind of thesaurus link (deep mode widens its findings' options so)."""
    seen = " ".join(context.words[i].key for i in range(first, last) if i in context.words)
    return _candidate(context, lexicon, first, last, seen, per_reading, int(LinkSource.ALL))


def _candidate(
    context: TextContext, lexicon: Lexicon, first: int, last: int, seen: str, per_reading: int,
    sources: int = int(LinkSource.ORIGINALS),
) -> Candidate | None:
    auxiliary = _auxiliary(context, first)
    key = _auxiliary_key(auxiliary)
    after = "base" if _after_causative(context, auxiliary) else _verb_context(key)
    found = _options_for(lexicon, seen, per_reading, sources, after)
    if found is None:
        return None
    prototypes, readings = found
    tokens = context.tokens
    start, end = tokens[first].start, tokens[last - 1].end
    features = {
        "kind_swap": 1.0,
        "span_words": float(last - first),
        "n_options": float(len(prototypes)),
        "n_readings": float(readings),
    }
    if cuts_compound(context, first, last - 1):
        # "escalate" of "de-escalate": spinners swap whole words, so this is no finding
        # (engine.may_be_finding); the span models learned it as a feature (session 12).
        features[CUTS_COMPOUND] = 1.0
    names = _STATIC_FEATURES
    options = [Option(text, words, dict(zip(names, static, strict=True))) for text, words, static in prototypes]
    return Candidate(start, end, first, last, "swap", options, features,
                     evidence=["thesaurus", "ngram"], note="a thesaurus synonym of a likelier word",
                     verb_slot=auxiliary is not None and _after_modal(auxiliary, key))


# Words that may stand between an auxiliary and its verb ("has actually identified": the
# spinner's own filler among them), and the auxiliaries whose verb is a participle ("have",
# "be", "get") or in its base form ("to", modals, "do").
_SKIPPED_BEFORE_VERB = frozenset(
    "actually also already just not never recently now ever finally even still always often really".split())
_BEFORE_PARTICIPLE = frozenset(
    "have has had having 've is are was were be been being am 're 's get gets got getting".split())  # 's: is or has
_BEFORE_BASE_FORM = frozenset(
    "to will would can could may might must shall should do does did don't doesn't didn't won't wouldn't "
    "can't cannot couldn't shouldn't mustn't 'll".split())
_MODALS = _BEFORE_BASE_FORM - {"to", "do", "does", "did"}
# Verbs whose object a bare infinitive follows ("made them leave", "let us go", "saw him
# fall"), the object pronouns read as such an object, and "help", which takes a bare
# infinitive without an object too ("helped set the agenda").
_HELP = frozenset("help helps helped helping".split())
_CAUSATIVES = _HELP | frozenset(
    "make makes made making let lets letting have has had having see sees saw seen seeing watch watches "
    "watched watching hear hears heard hearing".split())
_OBJECT_PRONOUNS = frozenset("me us him her them".split())


def _auxiliary(context: TextContext, first: int) -> WordInfo | None:
    """The word before token ``first`` that would govern a verb there, past up to two
    adverbs (the listed ones and any ending in "-ly"); None where punctuation or the text's
    start comes first."""
    index = first - 1
    for _ in range(3):
        info = context.words.get(index)
        if info is None:
            return None
        if info.key not in _SKIPPED_BEFORE_VERB and not info.key.endswith("ly"):
            return info
        index -= 1
    return None


def _after_causative(context: TextContext, before: WordInfo | None) -> bool:
    """Whether a verb after ``before`` (an :func:`_auxiliary`) takes its base form as the object
    of a causative or a verb of perception: "help set about", "make them set about", "let
    us set about". Its options were base forms there, not the past tense a verb spelt alike in
    both ("set", "put") is read as by default ("make them got": an audit). Only an object
    pronoun is read as the object: "saw the team set records" leaves "set" a past tense."""
    if before is None:
        return False
    if before.key in _HELP:
        return True
    if before.key not in _OBJECT_PRONOUNS:
        return False
    verb = context.words.get(before.index - 1)
    return verb is not None and verb.key in _CAUSATIVES


def _auxiliary_key(auxiliary: WordInfo | None) -> str:
    """An :func:`_auxiliary` in lower case, a contraction by what follows its apostrophe
    ("'ve" of "we've": one token); "" for none."""
    if auxiliary is None:
        return ""
    key = auxiliary.key
    return key[key.rfind("'"):] if "'" in key and not key.endswith("n't") else key


def _after_modal(auxiliary: WordInfo, key: str) -> bool:
    """Whether a verb stands after ``auxiliary`` (its :func:`_auxiliary_key` ``key``): a modal
    inside its sentence, in lower case. Not after "to" or "do", which also come before nouns
    ("went to school", "did research"), nor a modal that opens a question ("Can companies
    afford it?") or is a name ("In May")."""
    return key in _MODALS and auxiliary.position > 0 and not auxiliary.capitalised


def _verb_context(auxiliary: str) -> str:
    """What an :func:`_auxiliary` makes of a verb after it: "perfect" after "have", "be" or
    "get", "base" after "to", a modal or "do", else ""."""
    return "perfect" if auxiliary in _BEFORE_PARTICIPLE else "base" if auxiliary in _BEFORE_BASE_FORM else ""


# An option before it meets a text: its text, its words and its static features (values in
# _STATIC_FEATURES order). Memoised options are tuples of strings and floats only, which the
# garbage collector stops tracking (a dict inside would keep every entry tracked, and
# rescanned at every full collection for as long as the memo lives), and values without
# their names take a third of the memory of (name, value) pairs.
_Prototype = tuple[str, tuple[str, ...], tuple[float, ...]]
_option_cache: dict[tuple[int, str, int, int, str], tuple[tuple[_Prototype, ...], int] | None] = {}


def clear_option_cache() -> None:
    """Forget the memoised options (for measurements on unseen text)."""
    _option_cache.clear()


def _options_for(lexicon: Lexicon, seen: str, per_reading: int,
                 sources: int = int(LinkSource.ORIGINALS), after: str = "") -> tuple[tuple[_Prototype, ...], int] | None:
    """The options for a word or phrase as seen (``after`` what: :func:`_verb_context`),
    memoised: words recur across a corpus."""
    key = (id(lexicon), seen, per_reading, sources, after)
    # One read, not "in" then "[]": another thread's remember() may empty the memo between.
    # (None is an entry too: a word without options.)
    with suppress(KeyError):
        return _option_cache[key]
    readings = lexicon.readings(seen)
    prototypes = _prototypes(lexicon, seen, readings, per_reading, sources, after) if readings else {}
    result = (tuple(prototypes.values()), len(readings)) if prototypes else None
    return remember(_option_cache, key, result, _OPTION_CACHE_SIZE)


def _prototypes(
    lexicon: Lexicon, seen: str, readings: tuple[tuple[str, str | None], ...], per_reading: int, sources: int,
    after: str = "",
) -> dict[str, _Prototype]:
    """The originals of the first two readings of ``seen``, inflected like it (a verb as
    what it comes ``after`` reads it: :func:`verb_tag_in_context`), by surface."""
    options: dict[str, _Prototype] = {}
    for rank_of_reading, (lemma, pos) in enumerate(readings[:2]):
        tag = penn_tag_guess(seen, lemma, pos) if pos else _phrase_tag(seen, lemma)
        if pos == "VERB":
            tag = verb_tag_in_context(seen, lemma, tag, after)
        head = _particle_verb_head(lemma)
        for rank, link in enumerate(lexicon.originals(lemma, pos, limit=per_reading, sources=sources)):
            original = link.lemma
            if (original in (lemma, head) or original in _NEVER_SUGGESTED or _no_word(original)
                    or spelt_otherwise(original, lemma)):
                continue
            surface = inflect(original, tag) if tag else original
            if tag in _JUDGED_TAGS and _unwritten(lexicon, original, surface, tag):
                if tag != "NNS" or not _read_as_noun(original):
                    # "rightest", "funnest": lemminflect's tables have them, no writer does;
                    # an unwritten plural of "raw" or "first" is no mass noun ("tenders")
                    continue
                surface = original  # a mass noun stands for its plural ("information")
            if surface == seen or surface in options:
                continue
            if surface.count(" ") > original.count(" "):
                # "more powerful" for "stronger": the options were "powerfuler" and its like
                # when the models learned. Offered, such phrases gave 1,594 false findings
                # against 1,582 without them, for 3 more true ones, in 120 validation articles
                # spun with WordNet at 0.2 (session 51; with "powerfuler": 1,579 and 1 fewer).
                continue
            words = tuple(surface.split())
            flags = link.flags
            options[surface] = (surface, words, (
                lexicon.zipf(surface), float(rank), link.strength, float(rank_of_reading), float(len(words)),
                *[1.0 if flags & flag else 0.0 for flag, _ in _LINK_FEATURES],
            ))
    return options


# An inflected form counts as one nobody writes when it is this rare in English (Zipf value,
# by tag) and this much rarer than its base form. Chosen by reading wordfreq's words, not on
# any benchmark's figures: the nouns of its 30,000 most frequent words whose plural the bar
# of 3 turns away ("trainings", "knowledges", "informations", "safeties", "demographicses"),
# while a plural that is merely rare ("histories", "wells", "highs") stays; superlatives are
# rare as a class ("surest" 2.6, "cleverest" 2.4), so theirs is 2 ("rightest" 1.1, "wronger"
# 1.6).
_RARE_FORM_ZIPF = {"NNS": 3.0, "JJR": 2.0, "JJS": 2.0, "RBR": 2.0, "RBS": 2.0}
_RARER_FORM_GAP = 2.0
# The tags whose forms are judged so: plurals, and comparatives and superlatives.
_JUDGED_TAGS = frozenset(_RARE_FORM_ZIPF)


def _no_word(original: str) -> bool:
    """Whether a thesaurus entry is a digit or a letter rather than a word: "4" of "four",
    "v" of "five", "r" of "radius" (an audit of deep mode's suggestions: never the original,
    no spinner writes a figure for a word)."""
    return len(original) < 2 or any(character.isdigit() for character in original)


def _read_as_noun(original: str) -> bool:
    """Whether an original's likeliest reading is a noun, so that its plural nobody writes
    makes it a mass noun ("information", "spending") rather than another part of speech
    ("raw", "first", offered for the plural "tenders" and "chiefs": an audit)."""
    readings = lemmas(original)
    # a gerund reads first as its verb, but "spending", "housing", "training" are mass nouns
    return bool(readings) and (readings[0][1] == "NOUN" or original.endswith("ing"))


def _unwritten(lexicon: Lexicon, lemma: str, inflected: str, tag: str) -> bool:
    """Whether ``inflected``, the form lemminflect gives ``lemma``, is one English does not
    write: a mass noun's plural ("offspring" -> "offsprings", "equipment" -> "equipments",
    offered for the plural "their offspring"), a comparative its tables list ("rightest").
    Judged on the one word the inflection changed ("vocational trainings")."""
    changed = [(old, new) for old, new in zip(lemma.split(" "), inflected.split(" "), strict=False) if old != new]
    if len(changed) != 1:
        return False
    base, form = changed[0]
    rarity = lexicon.zipf(form)
    return rarity < _RARE_FORM_ZIPF[tag] and lexicon.zipf(base) - rarity >= _RARER_FORM_GAP


def shown_options(seen: str, candidate: Candidate) -> list[Option]:
    """The options of a candidate a reader is shown, best first: for a swap of one word, none
    that is the word itself in another form ("looking" for "look", "opened" for "open") or a
    phrasal verb of it ("make up" for "making"). The thesauri link a word with its own
    forms, and such an option was never the original (an audit: 0 of 58 on true swaps, in
    121 findings of 80 articles); the models still read them, for a spinner's wrong
    inflection is evidence ("have identify" wants "identified"): left out of the options,
    3% of the true findings at MyThes 0.2 went with them (150 validation articles). Nor is a
    phrase holding the word ("political party" for "party": 0 of 9 in an audit). A phrase
    keeps its own words among its options: a spinner may write a word out as a compound
    that holds it ("turnover" -> "employee turnover"). No swap shows a form nobody writes,
    nor, after a modal, an option that cannot be a verb (:func:`_after_modal`)."""
    if candidate.kind != "swap":
        return candidate.options
    # A form wordfreq never met ("leaguing" for "including", "thirster" for "longer",
    # "utterers"): no writer's original (0 of 3,477 swapped words at MyThes and Moby 0.2 in
    # 100 validation articles were so rare; 0.3% of the options offered).
    written = [option for option in candidate.options if _written(option)]
    if candidate.verb_slot:
        # After a modal stands a verb: "should console suspicion" was offered "cabinet",
        # "will mean" "great" and "tight" (the word's other readings; an audit)
        written = [option for option in written if _can_be_verb(option.text)] or written
    if candidate.last - candidate.first != 1:
        return written
    word = seen.lower()
    own = frozenset([word, *(lemma for lemma, _ in lemmas(word))])
    return [option for option in written if not _one_of(option.text, own)]


def _written(option: Option) -> bool:
    """Whether wordfreq knows an option's form (``zipf_option`` above 0). A hyphenated word
    that is no lemma reads 0 there ("strong-arming", "e-mails"): it is taken as written."""
    return option.features.get("zipf_option", 1.0) > 0.0 or "-" in option.text


def _can_be_verb(original: str) -> bool:
    """Whether an option may be read as a verb (a phrase by its first word)."""
    return any(pos == "VERB" for _, pos in lemmas(original.split(" ")[0]))


def _one_of(original: str, own: frozenset[str]) -> bool:
    """Whether ``original`` is one of ``own`` words, a form of one, or a phrase holding one
    ("make up" of "making", "political party" of "party")."""
    if original in own:
        return True
    if " " in original or "-" in original:
        # a phrase holding the word, or a form of it: "make up" for "making", "political
        # party" for "party", "wished well" for "wished" (never the original in an audit)
        return any(_one_of(word, own) for word in _COMPOUND_PARTS_RE.split(original) if word)
    return any(lemma in own for lemma, _ in lemmas(original))


_COMPOUND_PARTS_RE = re.compile(r"[ -]")


def _phrase_tag(seen: str, lemma: str) -> str:
    """The Penn tag that turns a phrase's lemma into the phrase seen, where the lexicon's
    reading names no part of speech (its phrases): "little tots" of "little tot" is a plural
    ("NNS"), "withdrawn the charge" a participle ("VBN"). Its options were offered in their
    base form ("several high-profile legal cases" -> "case"). "" when the phrase is its
    lemma, or neither a noun's nor a verb's inflection makes it."""
    if seen == lemma:
        return ""
    for pos in ("NOUN", "VERB"):
        tag = penn_tag_guess(seen, lemma, pos)
        if inflect(lemma, tag) == seen:
            return tag
    return ""


def _particle_verb_head(lemma: str) -> str | None:
    """The verb of a phrasal verb ("make" of "make up", "keep" of "keep back"), which the
    thesauri list among the phrase's own synonyms: offered as its original, it cut the
    phrase to its verb ("makes up 45% of its loans" -> "makes 45%"), never rightly in 38
    restorations of 40 spun articles (an audit, session 53)."""
    words = lemma.split(" ")
    if len(words) >= 2 and all(word in PARTICLES for word in words[1:]):
        return words[0]
    return None
