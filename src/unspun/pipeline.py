"""The stages wired together: ``check(text)`` finds, scores and restores."""

from __future__ import annotations

import math
import time

from .config import CheckConfig
from .detect import default_detectors
from .models import Document, Finding, Report, Verdict
from .restore import restore_and_explain
from .text import tokenize


def as_document(text_or_document: str | Document) -> Document:
    """Wrap a plain string as a document with id ``"text"``."""
    if isinstance(text_or_document, Document):
        return text_or_document
    if not isinstance(text_or_document, str):
        raise TypeError(f"check() takes a str or a Document, not {type(text_or_document).__name__}")
    return Document(id="text", title="", text=text_or_document, source="text")


def find(text: str) -> list[Finding]:
    """Every finding of the default detectors in ``text``, in reading order."""
    tokens = tokenize(text)
    findings: list[Finding] = []
    for detector in default_detectors():
        findings.extend(detector.find(text, tokens))
    return sorted(findings, key=lambda f: (f.start, -f.end))


def document_score(findings: list[Finding]) -> float:
    """Probability that the text is machine-spun, from independent finding confidences."""
    return 1.0 - math.prod(1.0 - f.confidence for f in findings)


def verdict_for(score: float, config: CheckConfig) -> Verdict:
    """Cut a score into a verdict with the documented thresholds."""
    if score >= config.spun_threshold:
        return "spun"
    if score < config.clean_threshold:
        return "clean"
    return "uncertain"


def check(text_or_document: str | Document, config: CheckConfig = CheckConfig()) -> Report:
    """Check one text for machine spinning.

    >>> report = check("The irregular woodland beat the baseline.")
    >>> report.verdict, report.findings[0].suggestion
    ('spun', 'random forest')
    """
    began = time.perf_counter()
    document = as_document(text_or_document)
    findings = find(document.text)
    score = document_score(findings)
    restored, steps = restore_and_explain(document.text, findings, config.restore_confidence)
    words = sum(1 for t in tokenize(document.text) if t.kind != "punct")
    return Report(
        id=document.id,
        title=document.title,
        text=document.text,
        verdict=verdict_for(score, config),
        score=score,
        findings=tuple(findings),
        restored=restored,
        steps=tuple(steps),
        stats={"words": words, "seconds": round(time.perf_counter() - began, 4), "source": document.source},
    )
