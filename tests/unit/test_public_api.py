import subprocess
import sys

import pytest

import unspun


def test_public_surface_is_pinned() -> None:
    assert unspun.__all__ == sorted(unspun.__all__)
    assert set(unspun.__all__) >= {"Document", "Report", "check", "read", "restore_and_explain"}
    for name in unspun.__all__:
        assert hasattr(unspun, name), name


def test_import_stays_light() -> None:
    code = (
        "import sys, unspun; heavy = ['torch', 'transformers', 'pyspark', 'fastapi', 'uvicorn', 'nltk', "
        "'trafilatura', 'warcio', 'numpy', 'sklearn', 'rich', 'pocketsphinx', 'charset_normalizer']; "
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_errors_form_one_tree() -> None:
    for name in ("InputError", "NotTextError", "EmptyInputError", "TooLargeError", "DecodeError",
                 "DamagedArchiveError", "MissingExtraError"):
        assert issubclass(getattr(unspun, name), unspun.UnspunError)


def test_missing_extra_names_the_pip_line() -> None:
    error = unspun.MissingExtraError("deep", "torch==2.13.0 transformers")
    assert "pip install 'unspun[deep]'" in str(error)


def test_check_config_rejects_shares_outside_zero_to_one() -> None:
    from unspun import CheckConfig

    with pytest.raises(ValueError, match="min_confidence"):
        CheckConfig(min_confidence=1.2)
    with pytest.raises(ValueError, match="spun_threshold"):
        CheckConfig(spun_threshold=-0.1)


def test_the_first_check_reads_the_tables_once_and_keeps_them_out_of_collections() -> None:
    # A fresh process: the default engine reads the lexicon's frequencies and lemminflect's
    # tables while it is built, then freezes them (unspun._gc), before the first text's
    # analysis; nothing the first check reads after that is frozen with them.
    code = (
        "import gc, unspun; from unspun.detect.engine import Engine; "
        "from lemminflect.core.Inflections import Inflections; from lemminflect.core.Lemmatizer import Lemmatizer; "
        "engine = Engine.default(); frozen = gc.get_freeze_count(); "
        "tables = [Lemmatizer().lemma_dict, Inflections().infl_dict]; "
        "scanned = {id(o) for o in gc.get_objects()}; "  # the permanent generation is not listed
        "unspun.check('The irregular woodland beat the baseline.'); "
        "print(engine.lexicon._freq is not None, frozen > 10_000, any(id(t) in scanned for t in tables), "
        "gc.get_freeze_count() == frozen)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True", "False", "True"]
