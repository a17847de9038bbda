"""Input errors in a batch go to the standard error of the moment (a helper's audit, session 63)."""

from __future__ import annotations

import contextlib
import io

from unspun.cli._common import ErrorLog
from unspun.errors import InputError


def test_an_error_goes_to_the_stream_standing_in_for_stderr_when_it_comes() -> None:
    # A progress bar puts its own stream in sys.stderr while it runs, which prints a line
    # above the bar; the stream kept from before the bar wrote the error onto its last drawing.
    errors = ErrorLog()
    above_the_bar = io.StringIO()
    with contextlib.redirect_stderr(above_the_bar):
        errors(InputError("empty.txt: empty input, nothing to read"))
    assert above_the_bar.getvalue() == "unspun: error: empty.txt: empty input, nothing to read\n"
    assert errors.count == 1
