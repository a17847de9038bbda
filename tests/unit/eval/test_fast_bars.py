"""The fast training's bars that follow the verdict: texts called spun out of fold."""

from __future__ import annotations

import random

from unspun.eval.train import _called_spun_out_of_fold


def test_each_held_out_text_is_called_by_a_model_that_never_saw_it() -> None:
    rng = random.Random(0)
    # A feature that tells spun from clean, with noise; the last 40 rows are clean texts only.
    targets = [i % 2 == 0 for i in range(60)] + [False] * 40
    rows = [{"filler_rate": (3.0 if spun else 0.0) + rng.gauss(0, 0.5)} for spun in targets]
    called = _called_spun_out_of_fold(rows, targets, held_out=60, seed=0)
    assert len(called) == 60
    assert called == targets[:60]

