"""Source-free evidence: find spun phrases in a text alone.

The pieces, in the order the :class:`~unspun.detect.engine.Engine` runs them:

- ``context``: tokens, sentences, which words a spinner would leave alone;
- candidate generators: ``swaps`` (the thesaurus's reverse view), ``habits`` (filler such as
  "and also"), ``known_phrases`` (a list of tortured phrases, matched exactly);
- scorers (``scorers``; ``neural`` in deep mode) that add evidence as named features;
- ``model``: learned models that turn the features into a ranked suggestion per span, a
  confidence per span and a calibrated probability per document.
"""
