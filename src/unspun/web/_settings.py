"""What a server serves: its index, its mode and the settings of every check it runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import CheckConfig, ReadConfig, TraceConfig, require_flag, require_instance


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """How ``unspun serve`` checks what it is sent.

    ``index_path`` names the index of originals that ``/api/trace`` searches (opened
    read-only: ``unspun index add`` may add to it while the server runs); without one, trace
    requests are answered 404. ``deep`` checks with the language model's evidence (the
    ``deep`` extra). ``check_config`` and ``trace_config`` are the defaults of every request
    (a request may ask for ``suspect`` and ``min_confidence`` of its own); ``read_config``'s
    ``max_bytes`` bounds one document, sent as text or as a file.
    """

    index_path: Path | None = None
    deep: bool = False
    check_config: CheckConfig = field(default_factory=CheckConfig)
    trace_config: TraceConfig = field(default_factory=TraceConfig)
    read_config: ReadConfig = field(default_factory=ReadConfig)

    def __post_init__(self) -> None:
        if self.index_path is not None:
            require_instance("index_path", self.index_path, Path)
        require_flag("deep", self.deep)
        require_instance("check_config", self.check_config, CheckConfig)
        require_instance("trace_config", self.trace_config, TraceConfig)
        require_instance("read_config", self.read_config, ReadConfig)
