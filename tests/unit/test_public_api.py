import dataclasses
import os
import sys
from pathlib import Path

import pytest

import unspun
from tests.conftest import python_output


def test_public_surface_is_pinned() -> None:
    assert unspun.__all__ == sorted(unspun.__all__)
    assert set(unspun.__all__) >= {"Document", "Report", "check", "read", "restore_and_explain"}
    for name in unspun.__all__:
        assert hasattr(unspun, name), name


def test_import_stays_light() -> None:
    code = (
        "import sys, unspun; heavy = ['torch', 'transformers', 'pyspark', 'fastapi', 'uvicorn', 'nltk', "
        "'trafilatura', 'warcio', 'numpy', 'sklearn', 'rich', 'pocketsphinx', 'charset_normalizer', 'pypdfium2', 'fsspec']; "
        "print([m for m in heavy if m in sys.modules])"
    )
    assert python_output(code).strip() == "[]"


def test_errors_form_one_tree() -> None:
    for name in ("InputError", "NotTextError", "EmptyInputError", "TooLargeError", "DecodeError",
                 "DamagedArchiveError", "MissingExtraError"):
        assert issubclass(getattr(unspun, name), unspun.UnspunError)


def test_missing_extra_names_the_pip_line() -> None:
    error = unspun.MissingExtraError("deep", "torch==2.13.0 transformers")
    assert "pip install torch==2.13.0 transformers" in str(error) and "pip install '.[deep]'" in str(error)


def test_the_bench_extra_holds_every_package_the_benchmarks_ask_for() -> None:
    # `unspun bench detect` read Wikipedia through gensim, which only the dev extra installed:
    # a run with the bench extra failed minutes in (an audit, session 63).
    import re
    import tomllib

    from tests.conftest import ROOT
    from unspun.cli.bench import _DETECT_NEEDS, _TRACE_NEEDS

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    bench = {re.split(r"[<>=\[ ]", requirement)[0] for requirement in extras["bench"]}
    assert {package for _, package in _DETECT_NEEDS + _TRACE_NEEDS} <= bench
    assert "gensim" in {package for _, package in _DETECT_NEEDS}


def test_a_benchmark_names_its_missing_packages_before_any_work() -> None:
    from unspun.cli.bench import require_bench_extra

    require_bench_extra((("json", "json"),))  # present: nothing raised
    with pytest.raises(unspun.MissingExtraError) as raised:
        require_bench_extra((("json", "json"), ("no_such_module_here", "no-such-package"), ("nor_this", "nor-this")))
    assert "pip install no-such-package nor-this (or, in unspun's source folder: pip install '.[bench]')" in str(
        raised.value)


def test_the_package_ships_its_licence_and_type_marker() -> None:
    root = Path(unspun.__file__).parent
    assert (root / "py.typed").is_file()  # annotations are part of the API (PEP 561)
    licence = Path(__file__).parents[2] / "LICENSE"
    assert "Apache License" in licence.read_text("utf-8") and "Version 2.0" in licence.read_text("utf-8")


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
    assert python_output(code).split() == ["True", "True", "False", "True"]


@pytest.mark.parametrize("config", [None, {"suspect": True}, unspun.ReadConfig()])
def test_check_wants_a_check_config(config: object) -> None:
    with pytest.raises(TypeError, match=f"config must be a CheckConfig, not {type(config).__name__}"):
        unspun.check("The irregular woodland beat the baseline.", config)  # type: ignore[arg-type]


@pytest.mark.parametrize("deep", ["no", 0, None])
def test_deep_must_be_true_or_false(deep: object) -> None:
    # "no" is a true string: it ran deep mode.
    with pytest.raises(TypeError, match="deep must be True or False"):
        unspun.check("The irregular woodland beat the baseline.", deep=deep)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "message"), [(b"text", "not bytes"), (None, "not NoneType")])
def test_check_wants_text(text: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        unspun.check(text)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Document whose text is a str, not NoneType"):
        unspun.check(unspun.Document(id="d", title="", text=None))  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "at", "escaped"), [("x \ud800", 2, r"\\ud800"), ("\udfff and more", 0, r"\\udfff")])
def test_check_refuses_a_lone_surrogate(text: str, at: int, escaped: str) -> None:
    # The report of such a text could not be written as UTF-8 JSON later.
    with pytest.raises(unspun.InputError, match=rf"lone surrogate \({escaped}\) at character {at}: not valid Unicode"):
        unspun.check(text)
    with pytest.raises(unspun.InputError, match=r"^page\.txt: the text holds a lone surrogate"):
        unspun.check(unspun.Document(id="page.txt", title="", text=text))


def test_a_surrogate_pair_spelled_right_is_text() -> None:
    assert unspun.check("A smile \U0001f600 for the baseline.").verdict in ("clean", "uncertain", "spun")


def test_check_refuses_a_text_over_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from unspun import pipeline
    from unspun.config import MAX_CHECK_CHARS

    assert MAX_CHECK_CHARS == 1_000_000
    with pytest.raises(unspun.TooLargeError, match=r"1,000,001 characters long, over the limit of 1,000,000 .* split it"):
        unspun.check("x" * (MAX_CHECK_CHARS + 1))
    # Right at the limit is checked (a small limit keeps the check fast).
    monkeypatch.setattr(pipeline, "MAX_CHECK_CHARS", 42)
    text = "The irregular woodland beat the baseline."
    assert len(text) == 41
    assert unspun.check(text + " ").findings
    with pytest.raises(unspun.TooLargeError, match="43 characters long"):
        unspun.check(text + "  ")
    with pytest.raises(unspun.TooLargeError, match="43 characters long"):
        unspun.restore_and_explain(text + "  ")  # its own check is bounded too


def test_trace_checks_its_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unspun import pipeline
    from unspun.config import TraceConfig

    text = "The irregular woodland beat the baseline."
    with pytest.raises(TypeError, match=r"trace\(\) takes an Index, not NoneType$"):
        unspun.trace(text, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"takes an Index, not str: open one with unspun.Index.open\(path\)"):
        unspun.trace(text, "path.db")  # type: ignore[arg-type]
    with unspun.Index.create(tmp_path / "index.db") as index:
        with pytest.raises(TypeError, match="config must be a TraceConfig, not NoneType"):
            unspun.trace(text, index, None)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="check_config must be a CheckConfig, not TraceConfig"):
            unspun.trace(text, index, TraceConfig(), TraceConfig())  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"trace\(\) takes a str or a Document, not bytes"):
            unspun.trace(text.encode(), index)  # type: ignore[arg-type]
        with pytest.raises(unspun.InputError, match=r"lone surrogate \(\\ud800\) at character 4"):
            unspun.trace("The \ud800 woodland", index)
        monkeypatch.setattr(pipeline, "MAX_CHECK_CHARS", 10)
        with pytest.raises(unspun.TooLargeError, match="41 characters long, over the limit of 10"):
            unspun.trace(text, index)


def test_align_stays_the_function_whatever_was_imported_before() -> None:
    # The module was once named unspun.align too: importing it (trace() does) replaced the
    # package's function with the module.
    import unspun
    import unspun.alignment
    from unspun.index import Index  # noqa: F401

    assert callable(unspun.align) and unspun.align is unspun.alignment.align
    assert [s.spun for s in unspun.align("the leaked documents", "the dripped documents").substitutions] == ["dripped"]


def test_the_verdict_follows_the_score_the_report_shows() -> None:
    # Scored 0.99998..., shown as 1.0: at a spun bar of 1.0 it was "uncertain" beside a 1.0.
    text = "irregular woodland " * 4 + ("Stress between Russia and the West have actually reached degrees "
                                    "not seen because the end of the Cold War.")
    report = unspun.check(text, unspun.CheckConfig(spun_threshold=1.0))
    assert report.to_dict()["score"] == report.score == 1.0
    assert report.verdict == "spun"


@pytest.mark.parametrize("text", ["", " \n\t", "\u200b\u2060"])
def test_a_text_with_nothing_to_read_is_an_input_error(text: str) -> None:
    # It was a "clean" report at score 0: a verdict on nothing, where the command line refuses.
    with pytest.raises(unspun.EmptyInputError, match="nothing to check"):
        unspun.check(text)
    with pytest.raises(unspun.EmptyInputError, match="doc-7: empty text"):
        unspun.check(unspun.Document("doc-7", "", text))


@pytest.mark.parametrize("field", ["id", "title", "source"])
def test_a_document_whose_fields_cannot_be_written_is_refused(field: str) -> None:
    # The report was made and could not be written (UnicodeEncodeError, TypeError in json.dumps).
    from unspun.errors import MalformedInputError

    good = unspun.Document(id="d", title="t", text="The council met on Monday to approve the budget.")
    with pytest.raises(MalformedInputError, match=f"document's {field} holds"):
        unspun.check(dataclasses.replace(good, **{field: "bad \udc80"}))
    with pytest.raises(TypeError, match=f"whose {field} is a str"):
        unspun.check(dataclasses.replace(good, **{field: None}))


def test_every_error_a_caller_may_catch_is_exported_and_dir_lists_the_lazy_names() -> None:
    # check() documents MalformedInputError, Index.add raises UsageError, check_many WorkerError:
    # none was importable from unspun; dir(unspun) left out Index and align.
    import inspect

    from unspun import errors

    public = {name for name, value in vars(errors).items()
              if inspect.isclass(value) and issubclass(value, errors.UnspunError)}
    assert public <= set(unspun.__all__)
    assert {"Index", "align"} <= set(dir(unspun))


def test_callbacks_that_cannot_be_called_are_refused_before_any_work(tmp_path: Path) -> None:
    # They failed where first called: at the first bad document, or after a batch was committed.
    from unspun import Document, Index

    with pytest.raises(TypeError, match="on_error must be a function or None"):
        unspun.check_many(["The council met."], on_error=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="on_error must be a function or None"):
        list(unspun.read([str(tmp_path)], on_error="log"))  # type: ignore[arg-type]
    with Index.create(tmp_path / "originals.idx") as index:
        with pytest.raises(TypeError, match="progress must be a function or None"):
            index.add([Document(id=f"d{n}", title="", text="The council met on Monday.") for n in range(3)],
                      batch_size=1, progress=5)  # type: ignore[arg-type]
        assert len(index) == 0
    with pytest.raises(TypeError, match="not one bytes"):
        unspun.check_many(b"The council met.")  # type: ignore[arg-type]


def test_type_checkers_see_the_lazy_names_as_what_they_are(tmp_path: Path) -> None:
    # unspun.Index and unspun.align come from the module's __getattr__, typed "object": a
    # type checker refused unspun.Index.open(path), the call the errors recommend (an audit,
    # session 62).
    mypy = pytest.importorskip("mypy.api")
    script = tmp_path / "typed_use.py"
    script.write_text("import unspun\nfrom unspun import Index\n"
                      "index: Index = unspun.Index.open('originals.db', readonly=True)\n"
                      "coverage: float = unspun.align('Random forests won.', 'Irregular woodlands won.').coverage\n")
    out, err, status = mypy.run(["--strict", "--follow-imports=silent", "--no-incremental", "--cache-dir", os.devnull,
                                 "--python-executable", sys.executable, str(script)])
    assert status == 0, out + err
