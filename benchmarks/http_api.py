"""The HTTP API under load: ``unspun serve`` as deployed, asked by one client and by several.

    .venv/bin/python benchmarks/http_api.py [--documents 100] [--clients 4] [--seed 1]

BBC test articles, clean and spun (MyThes, rate 0.2), are sent to a real ``unspun serve``
process (uvicorn, fast mode, on a free port of this machine) by httpx clients: first one
client, each text after the last answer (what a person at the page or a script gets), then
``--clients`` clients at once (what a shared server gets: the checks take turns behind one
lock, so throughput stays one core's and the wait grows). The same texts are checked in this
process with ``unspun.check``, to say what HTTP adds, and every answer is compared with the
library's report (verdict and findings). Also: the time from the command to the first answer
(the models load before the server listens), and the server's resident memory. Each way of
asking is timed on a second pass over the texts, after a first that loads the tables and
fills the word memos. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

import unspun
from unspun.eval.corpus import bbc_split
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource

TIMEOUT_S = 300


def start_server() -> tuple[subprocess.Popen[str], str, float]:
    """A fresh ``unspun serve`` on a free port, its address, and the seconds until it answered."""
    began = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "unspun", "serve", "--port", "0", "--log-level", "warning"],
                              stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    line = server.stderr.readline()
    found = re.search(r"serving (http://\S+/)", line)
    if not found:
        server.kill()
        raise SystemExit(f"the server did not start: {line}{server.stderr.read()}")
    address = found.group(1)
    httpx.get(address + "api/health", timeout=TIMEOUT_S).raise_for_status()
    return server, address, time.perf_counter() - began


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident memory now and at its peak (VmRSS, VmHWM), in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def same_report(answer: dict, expected: unspun.Report) -> bool:
    wanted = expected.to_dict()
    return answer["verdict"] == wanted["verdict"] and answer["findings"] == wanted["findings"]


def ask(client: httpx.Client, address: str, text: str) -> tuple[float, dict]:
    began = time.perf_counter()
    response = client.post(address + "api/check", json={"text": text}, timeout=TIMEOUT_S)
    response.raise_for_status()
    return time.perf_counter() - began, response.json()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    _, test = bbc_split()
    articles = [d.text for d in test[: args.documents]]
    spinner = Spinner(MyThesSource(), rate=0.2, seed=args.seed)
    texts = articles + [spinner.spin(text).text for text in articles]
    words = sum(len(text.split()) for text in texts)

    # Each way of asking is timed on its second pass over the texts: the first loads the
    # tables and fills the word memos, in this process as in the server's.
    expected = [unspun.check(text) for text in texts]
    began = time.perf_counter()
    expected = [unspun.check(text) for text in texts]
    in_process = time.perf_counter() - began

    server, address, start_seconds = start_server()
    try:
        with httpx.Client() as client:
            for text in texts:  # one connection kept open, as a script's client does
                ask(client, address, text)
            began = time.perf_counter()
            one_client = [ask(client, address, text) for text in texts]
            one_client_seconds = time.perf_counter() - began

        answers: dict[int, tuple[float, dict]] = {}
        queue = list(enumerate(texts))
        lock = threading.Lock()

        def work() -> None:
            with httpx.Client() as client:
                while True:
                    with lock:
                        if not queue:
                            return
                        number, text = queue.pop(0)
                    answers[number] = ask(client, address, text)

        workers = [threading.Thread(target=work) for _ in range(args.clients)]
        began = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        many_seconds = time.perf_counter() - began
        rss, peak = memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)

    equal_one = sum(same_report(answer, report) for (_, answer), report in zip(one_client, expected, strict=True))
    equal_many = sum(same_report(answers[number][1], report) for number, report in enumerate(expected))
    count = len(texts)
    print(f"{count} texts ({args.documents} BBC test articles clean and spun with MyThes at 0.2, seed "
          f"{args.seed}), {words:,} words; `unspun serve`, fast mode; httpx clients on the same machine")
    print()
    print("| asked by | texts/s | words/s | latency p50 (ms) | p95 (ms) | answers equal to the library's |")
    print("|---|---|---|---|---|---|")
    print(f"| `unspun.check` in process (no HTTP) | {count / in_process:.1f} | {words / in_process:,.0f} | "
          f"{1000 * in_process / count:.0f} (mean) | - | - |")
    latencies = [seconds for seconds, _ in one_client]
    print(f"| 1 client | {count / one_client_seconds:.1f} | {words / one_client_seconds:,.0f} | "
          f"{1000 * statistics.median(latencies):.0f} | {1000 * percentile(latencies, 0.95):.0f} | "
          f"{equal_one} / {count} |")
    checking = [answer["stats"]["seconds"] for _, answer in one_client]
    print(f"| (1 client: the check alone, as the server timed it) | - | - | {1000 * statistics.median(checking):.0f} | "
          f"{1000 * percentile(checking, 0.95):.0f} | - |")
    latencies = [seconds for seconds, _ in answers.values()]
    print(f"| {args.clients} clients at once | {count / many_seconds:.1f} | {words / many_seconds:,.0f} | "
          f"{1000 * statistics.median(latencies):.0f} | {1000 * percentile(latencies, 0.95):.0f} | "
          f"{equal_many} / {count} |")
    print()
    print(f"From `unspun serve` to its first answer: {start_seconds:.1f} s. Server memory after the run: "
          f"{rss:.0f} MB resident, {peak:.0f} MB at its peak.")


if __name__ == "__main__":
    main()
