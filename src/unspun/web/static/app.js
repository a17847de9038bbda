// unspun's web page: sends a text or a file to the JSON API and shows the report it answers
// (the object `unspun check --format json` prints: docs/report.md). Everything a report holds
// came from a page someone else wrote, so it is written into the page as text, never as markup.
"use strict";

const GUESS_BELOW = 0.5; // a suggestion under this confidence is shown with "?", as the CLI does
const DROPPED = "∅"; // a phrase the spinner most likely inserted: the restoration drops it
// Characters that reorder what a browser shows ("Trojan Source") are written out everywhere,
// and the invisible ones a disguise hides inside a word are written out in its mark.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
// The same characters as unspun.disguise.INVISIBLE (a test holds the two equal).
const INVISIBLE = /[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{110bd}\u{110cd}\u{13430}-\u{1343f}\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0001}\u{e0020}-\u{e007f}\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;
// White space as Python's str.isspace() has it (JavaScript's \s also takes U+FEFF, which a
// disguise hides inside a word).
const TRAILING_SPACE = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u;

// Line ends a pre-wrap box does not break at (a lone CR shows as a space, NEL as a box,
// U+2028 and U+2029 as nothing) where the text's readers keep them: shown as the HTML
// report's body shows them, as new lines (an audit, session 64).
const LINE_END = /[\r\x0b\x0c\x85\u2028\u2029]/u;

const $ = (id) => document.getElementById(id);
let lastReportUrl = null;
let hasIndex = false; // what /api/health said: the Trace button follows it, whatever a request in flight does

// Written out as the command line's reports write them: \u202e, and \U000e0020 beyond U+FFFF.
function written(text, pattern) {
  return text.replace(pattern, (c) => {
    const code = c.codePointAt(0);
    return code > 0xffff ? "\\U" + code.toString(16).padStart(8, "0") : "\\u" + code.toString(16).padStart(4, "0");
  });
}
const shown = (text) => written(text, BIDI);
const shownWithInvisible = (text) => written(text, INVISIBLE);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

// Offsets count code points, as Python indexes a str; JavaScript strings count UTF-16 units,
// so the text is cut as an array of code points.
function cut(points, start, end) {
  return points.slice(start, end).join("");
}

// The text's code points as the page shows them: each line end a new line, a CRLF's CR
// nothing. One entry a code point still, so the report's offsets cut it where they cut the text.
function shownPoints(text) {
  const points = Array.from(text);
  return points.map((c, i) => {
    if (c === "\r" && points[i + 1] === "\n") return "";
    return LINE_END.test(c) ? "\n" : c;
  });
}

// A piece of the text (cut from its own code points, not shownPoints) as the page shows it.
const withLineEnds = (text) => shownPoints(text).join("");

function suggestionShown(finding) {
  if (finding.suggestion === null || finding.suggestion === undefined) return "unknown";
  return finding.suggestion === "" ? DROPPED : finding.suggestion;
}

function isGuess(finding) {
  return finding.suggestion_confidence !== null && finding.suggestion_confidence !== undefined
    && finding.suggestion_confidence < GUESS_BELOW;
}

// Whether the restored text puts a finding's suggestion in place (as the HTML report decides):
// a step covers its words. A trace's findings come from the source and are all restored.
function restoredBy(report) {
  if (!report.steps || (report.matches && report.matches.length)) return () => true;
  const spans = report.steps.map((step) => [step.start, step.end]);
  return (finding) => finding.suggestion === null
    || spans.some(([start, end]) => start <= finding.start && finding.end <= end);
}

function tipOf(finding, restored) {
  const suggestion = finding.suggestion;
  let tip;
  if ((finding.evidence || []).includes("source")) {
    tip = suggestion === "" ? "the source has nothing here" : `the source has: ${suggestion}`;
  } else if (suggestion && !restored) {
    tip = `perhaps: ${suggestion}, left out of the restored text`;
  } else if (suggestion) {
    tip = `was ${isGuess(finding) ? "perhaps" : "probably"}: ${suggestion}`;
  } else {
    tip = suggestion === null ? "original unknown" : "most likely inserted by the spinner: drop it";
  }
  if (finding.suggestion_confidence !== null && finding.suggestion_confidence !== undefined) {
    tip += ` (suggestion confidence ${shownScore(finding.suggestion_confidence)})`;
  }
  if (finding.alternatives && finding.alternatives.length) tip += ` (or: ${finding.alternatives.join(", ")})`;
  tip += `; confidence ${shownScore(finding.confidence)}; evidence: ${(finding.evidence || []).join(", ")}`;
  if (finding.note) tip += `; ${finding.note}`;
  return shown(tip);
}

function focusRow(index) {
  for (const row of document.querySelectorAll("#findings tr.focused")) row.classList.remove("focused");
  const row = $(`finding-${index}`);
  if (row) {
    row.classList.add("focused");
    row.scrollIntoView({ block: "nearest" });
  }
}

function showMarked(report) {
  const container = $("marked");
  container.replaceChildren();
  const points = shownPoints(report.text);
  const restores = restoredBy(report);
  let position = 0;
  report.findings.forEach((finding, index) => {
    if (finding.start < position) return; // overlapping findings are listed, not marked twice
    container.append(shown(cut(points, position, finding.start)));
    // A word the spinner inserted is found with the space after it: the suggestion is shown
    // before that space, beside the word.
    const piece = cut(points, finding.start, finding.end);
    const marked = piece.replace(TRAILING_SPACE, "") || piece;
    const mark = element("mark", shownWithInvisible(marked), "finding");
    const restored = restores(finding);
    mark.tabIndex = 0;
    mark.title = tipOf(finding, restored);
    mark.dataset.finding = String(index);
    mark.addEventListener("click", () => focusRow(index));
    mark.addEventListener("keydown", (event) => { if (event.key === "Enter") focusRow(index); });
    container.append(mark);
    if (finding.suggestion !== null && finding.suggestion !== undefined) {
      const was = element("span", ` ${restored ? "→" : "or"} ${shown(suggestionShown(finding))}`, "was");
      if (isGuess(finding)) was.classList.add("guess");
      container.append(was);
    }
    container.append(piece.slice(marked.length));
    position = finding.end;
  });
  container.append(shown(cut(points, position, points.length)));
}

function showFindings(report) {
  const body = $("findings").tBodies[0];
  body.replaceChildren();
  $("no-findings").hidden = report.findings.length > 0;
  $("findings").hidden = report.findings.length === 0;
  report.findings.forEach((finding, index) => {
    const row = element("tr");
    row.id = `finding-${index}`;
    const phrase = element("td", shownWithInvisible(finding.text));
    const original = element("td", shown(suggestionShown(finding)) + (isGuess(finding) ? "?" : ""));
    const others = element("td", shown((finding.alternatives || []).join(", ")));
    const confidence = element("td", shownScore(finding.confidence));
    const evidence = element("td", (finding.evidence || []).join(", "));
    evidence.title = shown(finding.note || "");
    row.append(phrase, original, others, confidence, evidence);
    body.append(row);
  });
}

// The restored text rebuilt from the steps, each change marked: replaying the steps must give
// the report's `restored` exactly, else the plain restored text is shown.
function showRestored(report) {
  const container = $("restored");
  container.replaceChildren();
  const points = Array.from(report.text);
  const steps = [...(report.steps || [])].sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces = [];
  let position = 0;
  for (const step of steps) {
    if (step.start < position) return container.append(shown(withLineEnds(report.restored)));
    pieces.push(cut(points, position, step.start));
    const change = step.after === "" ? element("del", shownWithInvisible(step.before))
      : element("ins", shown(step.after));
    change.title = shown(`was: ${step.before}; ${step.reason} (confidence ${shownScore(step.confidence)})`);
    pieces.push({ node: change, text: step.after });
    position = step.end;
  }
  pieces.push(cut(points, position, points.length));
  const replayed = pieces.map((piece) => (typeof piece === "string" ? piece : piece.text)).join("");
  if (replayed !== report.restored) return container.append(shown(withLineEnds(report.restored)));
  for (const piece of pieces) container.append(typeof piece === "string" ? shown(withLineEnds(piece)) : piece.node);
  return undefined;
}

function showMatches(report) {
  const section = $("sources");
  const container = $("matches");
  container.replaceChildren();
  const matches = report.matches || [];
  section.hidden = matches.length === 0;
  for (const match of matches) {
    const box = element("div", undefined, "match");
    const heading = element("h4", shown(match.title ? `${match.title} (${match.id})` : match.id));
    const facts = element("p", `score ${match.score.toFixed(2)}, covers ${Math.round(match.coverage * 100)}% of the `
      + `text, ${match.substitutions.length} substitution${match.substitutions.length === 1 ? "" : "s"}`, "muted");
    box.append(heading, facts);
    if (match.substitutions.length) {
      const table = element("table");
      const head = element("tr");
      head.append(element("th", "The source has"), element("th", "The text has"));
      table.append(head);
      for (const substitution of match.substitutions) {
        const row = element("tr");
        row.append(element("td", shown(substitution.source) || "(nothing)"),
          element("td", shown(substitution.spun) || "(nothing)"));
        table.append(row);
      }
      box.append(table);
    }
    container.append(box);
  }
}

function showReport(report, body) {
  $("error").hidden = true;
  $("result").hidden = false;
  const verdict = $("verdict");
  verdict.textContent = report.verdict;
  verdict.className = report.verdict;
  $("score").textContent = `(score ${shownScore(report.score)})`;
  const words = report.stats ? report.stats.words : 0;
  const count = report.findings.length;
  $("summary").textContent = shown(`${report.title ? `${report.title}: ` : ""}${count} finding${count === 1 ? "" : "s"} `
    + `in ${words} word${words === 1 ? "" : "s"}, read in ${report.stats.mode} mode in ${report.stats.seconds} s.`);
  const traceVerdict = $("trace-verdict");
  traceVerdict.hidden = !report.trace_verdict;
  traceVerdict.textContent = report.trace_verdict ? `Trace: ${report.trace_verdict}.` : "";
  showMarked(report);
  showFindings(report);
  showRestored(report);
  showMatches(report);
  if (lastReportUrl) URL.revokeObjectURL(lastReportUrl);
  // The body as the API wrote it: JSON.stringify wrote U+2028 and U+202E raw, which the API
  // escapes so that no reader acts on them, and 0.0 as 0 (an audit, session 64).
  lastReportUrl = URL.createObjectURL(new Blob([body], { type: "application/json" }));
  $("download").href = lastReportUrl;
}

// Cut, not rounded, as the command line shows it: rounded, 0.6951 read "uncertain (score 0.70)"
// beside the verdict's bar of 0.7, and a finding's "0.70" was left out by a bar of 0.7.
function shownScore(score) {
  return (Math.floor(score * 100 + 1e-9) / 100).toFixed(2);
}

function showError(message) {
  $("result").hidden = true;
  const error = $("error");
  error.textContent = shown(message);
  error.hidden = false;
}

function request(action) {
  const file = $("file").files[0];
  const suspect = $("suspect").checked;
  const minConfidence = Number($("min-confidence").value || 0);
  if (file) {
    const body = new FormData();
    body.append("file", file);
    body.append("suspect", String(suspect));
    body.append("min_confidence", String(minConfidence));
    return fetch(`/api/${action}/file`, { method: "POST", body });
  }
  const format = document.querySelector('input[name="format"]:checked').value;
  const body = JSON.stringify({ text: $("text").value, format, suspect, min_confidence: minConfidence });
  return fetch(`/api/${action}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
}

// The answer's JSON and its body as sent; an answer that is no JSON, or an error without its
// line, says its status.
async function answerOf(response) {
  let body = "";
  let answer;
  try {
    body = await response.text();
    answer = JSON.parse(body);
  } catch {
    answer = {};
  }
  if (!response.ok && (answer === null || typeof answer !== "object" || typeof answer.error !== "string")) {
    answer = { error: `the server answered ${response.status} ${response.statusText}`.trim() };
  }
  return { answer, body };
}

async function submit(event) {
  event.preventDefault();
  const action = event.submitter && event.submitter.value === "trace" ? "trace" : "check";
  $("check").disabled = true;
  $("trace").disabled = true;
  $("status").textContent = action === "trace" ? "Tracing…" : "Checking…";
  // The last answer goes while the next is made: left on the page, it read as the new one's.
  $("result").hidden = true;
  $("error").hidden = true;
  try {
    const response = await request(action);
    const { answer, body } = await answerOf(response);
    if (response.ok) showReport(answer, body);
    else showError(answer.error);
    $("status").textContent = response.ok ? "Done." : "";
  } catch (error) {
    showError(`no answer from the server (${error.message})`);
    $("status").textContent = "";
  } finally {
    $("check").disabled = false;
    $("trace").disabled = !hasIndex;
  }
}

async function describeServer() {
  try {
    const response = await fetch("/api/health");
    const health = (await answerOf(response)).answer;
    if (!response.ok) {
      // A damaged index (500) or a refused Host (403) read "checks in undefined mode; it has
      // no index" (an audit, session 64): the server's own line says what is wrong.
      $("server").textContent = shown(`The server cannot say what it checks with: ${health.error}`);
      return;
    }
    const index = health.index;
    $("server").textContent = `This server checks in ${health.mode} mode`
      + (health.language_model ? ` (${health.language_model})` : "")
      + (index ? `, and traces to the ${index.documents} documents of its index.`
        : "; it has no index of originals to trace to (start it with --index).");
    hasIndex = Boolean(index);
    $("trace").disabled = !hasIndex || $("check").disabled; // a check in flight enables it when done
    // The server's own options (--suspect, --min-confidence) are where the form starts.
    if (health.defaults) {
      $("suspect").checked = Boolean(health.defaults.suspect);
      $("min-confidence").value = String(health.defaults.min_confidence);
    }
  } catch (error) {
    $("server").textContent = `The server does not answer (${error.message}).`;
  }
}

function watchFile() {
  const file = $("file");
  const clear = $("clear-file");
  file.addEventListener("change", () => { clear.hidden = file.files.length === 0; });
  clear.addEventListener("click", () => {
    file.value = "";
    clear.hidden = true;
  });
}

$("input-form").addEventListener("submit", submit);
watchFile();
describeServer();
