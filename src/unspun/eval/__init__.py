"""Evaluation: the benchmark spinner, data sets, metrics and the ``unspun bench`` commands."""
