"""Shared fixtures: paths to the bundled examples and a WARC writer over real warcio."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI and the README's test command run every property test on the same examples, so a red
# run can be replayed and a green one means the same thing twice; set
# HYPOTHESIS_PROFILE=explore to draw new examples (and record what they find as cases).
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def example_html() -> Path:
    return EXAMPLES / "spun-news-page.html"


@pytest.fixture(scope="session")
def example_txt() -> Path:
    return EXAMPLES / "spun-news-page.txt"


def write_warc(path: Path, records: list[tuple[str, str, bytes]], gzip: bool = False) -> Path:
    """Write a WARC with warcio: each record is (uri, content type, body) as an HTTP response,
    plus a warcinfo record first and a request record before each response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "unspun tests"}))
        for uri, content_type, body in records:
            request = writer.create_warc_record(
                uri, "request", payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True),
            )
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )
    return path
