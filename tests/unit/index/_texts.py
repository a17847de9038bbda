"""Made-up news-like texts and a tiny spinner for the index tests (no corpus text)."""

from __future__ import annotations

import random

from unspun.models import Document


def _words(text: str) -> list[str]:
    return text.split()


NAMES = _words(
    "Alice Mbeki Carlos Dubois Elena Fischer Gareth Holm Ines Jansen Kofi Larsen Maria Novak "
    "Oscar Petrov Quentin Rossi Sara Tanaka Umar Varga Wendy Xu Yusuf Zeller Acme Borealis "
    "Corvex Dunmore Everly Foxbridge Glenrock Harwick Ironvale Juniper"
)
PLACES = _words("Leeds Lyon Porto Malmo Graz Turin Ghent Cork Bergen Split Bilbao Tampere")
DAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _words("January February March April May June July August September October November December")

# word -> synonyms, used both to write texts and to spin them.
SYNONYMS = {
    "said": ["stated", "declared", "remarked"],
    "company": ["firm", "business", "enterprise"],
    "profits": ["earnings", "gains", "returns"],
    "rose": ["climbed", "increased", "grew"],
    "fell": ["dropped", "declined", "slid"],
    "plans": ["proposals", "schemes", "designs"],
    "announced": ["revealed", "disclosed", "unveiled"],
    "workers": ["employees", "staff", "labourers"],
    "government": ["administration", "authorities", "state"],
    "new": ["fresh", "novel", "recent"],
    "large": ["big", "huge", "sizeable"],
    "team": ["squad", "side", "group"],
    "match": ["game", "fixture", "contest"],
    "won": ["secured", "claimed", "captured"],
    "market": ["marketplace", "exchange", "trade"],
    "shares": ["stocks", "equities", "holdings"],
    "report": ["study", "review", "account"],
    "expected": ["anticipated", "predicted", "forecast"],
    "strong": ["robust", "solid", "powerful"],
    "deal": ["agreement", "pact", "arrangement"],
    "leader": ["chief", "head", "boss"],
    "price": ["cost", "charge", "rate"],
    "growth": ["expansion", "increase", "rise"],
    "people": ["individuals", "persons", "citizens"],
    "city": ["town", "metropolis", "municipality"],
}
WORDS = sorted(SYNONYMS)

TEMPLATES = (
    "{N1} {N2} {said} on {D} that the {company} would {rose} its {profits} by {n}% in {M}.",
    "The {new} {plans} were {announced} in {P} after {n} {workers} had {fell} out with the {government}.",
    "{P} {team} {won} the {match} {n}-{m} at home, and {N1} {said} it was not {expected}.",
    "It is the {n}th time this year that {N1} has {announced} a {deal} with {N2} of {P}.",
    "According to a {report} by {N1}, {profits} at the {company} {rose} to {n} million in {M}.",
    "The {leader} of the {company}, {N1} {N2}, {said} that {shares} had {fell} by {n}% since {D}.",
    "Some {n} {people} in {P} were {expected} to vote on the {new} {deal} before {M} {m}.",
    "{N1} {said} the {market} was {strong} but {growth} would be slower than the {price} of {n} pounds suggested.",
    "In {P}, {N1} and {N2} {announced} that their {team} would play {n} {match}es on {D}.",
    "The {government} {said} it had no {plans} to change the {price}, which {rose} {n} times in {M}.",
)


def sentence(rng: random.Random) -> str:
    template = rng.choice(TEMPLATES)
    values = {w: w for w in WORDS}
    values.update(
        N1=rng.choice(NAMES),
        N2=rng.choice(NAMES),
        P=rng.choice(PLACES),
        D=rng.choice(DAYS),
        M=rng.choice(MONTHS),
        n=str(rng.randint(2, 999)),
        m=str(rng.randint(1, 30)),
    )
    return template.format(**values)


def make_text(seed: int, paragraphs: int = 4, per_paragraph: int = 4) -> str:
    """A deterministic made-up article of ``paragraphs`` paragraphs."""
    rng = random.Random(seed)
    return "\n\n".join(" ".join(sentence(rng) for _ in range(per_paragraph)) for _ in range(paragraphs))


def make_documents(count: int, start: int = 0, **kwargs: int) -> list[Document]:
    return [Document(f"doc-{i:05d}", f"Story {i}", make_text(i, **kwargs), source="test") for i in range(start, start + count)]


def spin(text: str, rate: float, seed: int = 0, fillers: float = 0.1) -> str:
    """Swap ``rate`` of the known content words for synonyms and add spinner fillers."""
    rng = random.Random(seed)
    out = []
    for word in text.split(" "):
        core = word.rstrip(".,%")
        tail = word[len(core) :]
        if core in SYNONYMS and rng.random() < rate:
            word = rng.choice(SYNONYMS[core]) + tail
        elif core == "and" and rng.random() < fillers * 3:
            word = "as well as"
        if rng.random() < fillers / 3 and core.islower():
            word = rng.choice(["actually", "also", "really"]) + " " + word
        out.append(word)
    return " ".join(out)
