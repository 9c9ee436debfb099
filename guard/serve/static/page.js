// The check page of `guard serve`: checks the draft as the user types (debounced) and
// underlines the findings on a backdrop behind the textarea, so the typed text, the caret and
// the undo history are never touched. The draft goes only to the server that served the page.
"use strict";

(() => {
  const DEBOUNCE_MS = 180;
  const TOKEN_KEY = "guard-token";
  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const backdrop = $("backdrop");
  const tooltip = $("tooltip");
  const verdictBox = $("verdict");
  const count = $("count");
  const ringFill = $("ring-fill");
  const fixButton = $("fix");
  const fixStatus = $("fix-status");
  const list = $("findings");
  const platform = $("platform");
  const tokenForm = $("token-form");

  let timer = null;
  let sequence = 0;
  // The spans shown, in UTF-16 units of `spansText` (the server speaks code points).
  let spans = [];
  let spansText = "";

  class AuthNeeded extends Error {}

  async function api(path, body) {
    const headers = { "content-type": "application/json" };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
    if (response.status === 401) {
      askToken(token ? "That token was refused; enter the server's token." : "");
      throw new AuthNeeded("the server needs its token");
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(data?.error?.message || `the server answered ${response.status}`);
    }
    return data;
  }

  function askToken(problem) {
    tokenForm.hidden = false;
    $("token-error").textContent = problem;
    $("token").focus();
  }

  tokenForm.addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    $("token").value = "";
    tokenForm.hidden = true;
    draft.focus();
    check();
  });

  // Code-point offsets (the server's) -> UTF-16 offsets (the textarea's).
  function utf16Offsets(text) {
    const out = [0];
    let at = 0;
    for (const ch of text) {
      at += ch.length;
      out.push(at);
    }
    return out;
  }

  // A thread is written in one box, its posts separated by a line of "---". Each post that is
  // not blank goes to the server as one of `posts`, with where it starts in the box.
  const SEPARATOR = /(?:^|\n)[ \t]*---[ \t]*(?=\n|$)/g;

  function postsOf(text) {
    const out = [];
    let at = 0;
    const take = (end) => {
      // The separator's line break before "---" is its own; the one after it is skipped here.
      const skip = at > 0 && text[at] === "\n" ? 1 : 0;
      const body = text.slice(at + skip, end);
      if (body.trim()) out.push({ text: body, start: at + skip });
    };
    for (const match of text.matchAll(SEPARATOR)) {
      take(match.index);
      at = match.index + match[0].length;
    }
    take(text.length);
    return out;
  }

  function spansOf(report, text, posts) {
    const parts = posts || [{ text, start: 0 }];
    const maps = parts.map((p) => utf16Offsets(p.text));
    const place = (post, offset) => {
      const map = maps[post] || maps[0];
      return (parts[post] || parts[0]).start + map[Math.min(offset, map.length - 1)];
    };
    return report.findings.map((finding, index) => {
      const post = finding.post ?? 0;
      return { start: place(post, finding.start), end: place(finding.end_post ?? post, finding.end),
               finding, index };
    });
  }

  // Keep the underlines in place while the user types: a span before the edit stays, a span
  // after it moves with the text, a span the edit touches goes until the next check answers.
  function shiftSpans(oldText, newText) {
    let head = 0;
    const shortest = Math.min(oldText.length, newText.length);
    while (head < shortest && oldText[head] === newText[head]) head++;
    let tail = 0;
    while (tail < shortest - head
           && oldText[oldText.length - 1 - tail] === newText[newText.length - 1 - tail]) tail++;
    const delta = newText.length - oldText.length;
    const changedEnd = oldText.length - tail;
    spans = spans.flatMap((s) => {
      if (s.end <= head) return [s];
      if (s.start >= changedEnd) return [{ ...s, start: s.start + delta, end: s.end + delta }];
      return [];
    });
    spansText = newText;
  }

  function severityClass(finding) {
    return finding.category === "length" ? "overflow" : `sev-${finding.severity}`;
  }

  function paintBackdrop() {
    const text = draft.value;
    const nodes = [];
    let at = 0;
    const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
    for (const s of ordered) {
      if (s.start < at) continue; // nested in a span already drawn
      nodes.push(document.createTextNode(text.slice(at, s.start)));
      const mark = document.createElement("mark");
      mark.className = severityClass(s.finding);
      mark.dataset.index = String(s.index);
      mark.textContent = text.slice(s.start, s.end);
      nodes.push(mark);
      at = s.end;
    }
    // A trailing newline needs a character after it to take up its line, as in the textarea.
    nodes.push(document.createTextNode(text.slice(at) + (text.endsWith("\n") ? " " : "")));
    backdrop.replaceChildren(...nodes);
    backdrop.scrollTop = draft.scrollTop;
  }

  function showVerdict(kind, words) {
    verdictBox.className = `verdict verdict-${kind}`;
    verdictBox.textContent = words;
  }

  function showLength(length, posts) {
    const box = count.parentElement;
    const ratio = length.limit ? length.weighted / length.limit : 0;
    ringFill.setAttribute("stroke-dasharray", `${Math.min(100, ratio * 100).toFixed(1)} 100`);
    // A thread shows its longest post, or the first that does not fit (as the server says).
    count.textContent = `${length.weighted} / ${length.limit}${posts > 1 ? ` · ${posts} posts` : ""}`;
    const over = length.weighted - length.limit;
    count.setAttribute("aria-label", over > 0
      ? `${length.weighted} of ${length.limit} characters on ${length.platform}: ${over} over`
      : `${length.weighted} of ${length.limit} characters on ${length.platform}`);
    box.classList.toggle("over", !length.fits);
    box.classList.toggle("near", length.fits && ratio >= 0.9);
  }

  function describe(finding) {
    return finding.suggestion ? `${finding.message}. Suggestion: ${finding.suggestion}`
      : finding.message;
  }

  function showFindings(report) {
    const items = report.findings.map((finding, index) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = severityClass(finding);
      button.dataset.index = String(index);
      const what = document.createElement("span");
      what.className = "what";
      what.textContent = `${finding.severity.toUpperCase()} ${finding.rule}: “${finding.text}” `;
      const message = document.createElement("span");
      message.textContent = finding.message;
      const suggestion = document.createElement("span");
      suggestion.className = "suggestion";
      suggestion.textContent = finding.suggestion ? `Suggestion: ${finding.suggestion}` : "";
      button.append(what, message, suggestion);
      button.setAttribute("aria-label", `${finding.severity} ${finding.rule}, “${finding.text}”: `
        + describe(finding));
      for (const type of ["focus", "mouseenter"]) {
        button.addEventListener(type, () => highlight(index, true));
      }
      for (const type of ["blur", "mouseleave"]) {
        button.addEventListener(type, () => highlight(index, false));
      }
      button.addEventListener("click", () => {
        const span = spans.find((s) => s.index === index);
        if (!span) return;
        draft.focus();
        draft.setSelectionRange(span.start, span.end);
      });
      li.append(button);
      return li;
    });
    list.replaceChildren(...items);
  }

  function highlight(index, on) {
    const mark = backdrop.querySelector(`mark[data-index="${index}"]`);
    if (!mark) return;
    mark.classList.toggle("active", on);
    if (on) showTooltip(spans.find((s) => s.index === index)?.finding, mark.getClientRects()[0]);
    else hideTooltip();
  }

  function render(report, text, posts) {
    spans = spansOf(report, text, posts);
    spansText = text;
    paintBackdrop();
    const content = report.findings.filter((f) => f.category !== "length").length;
    const noun = content === 1 ? "finding" : "findings";
    showVerdict(report.verdict,
      `${report.verdict.toUpperCase()} · risk score ${report.score} · ${content} ${noun}`);
    showLength(report.length, posts ? posts.length : 1);
    showFindings(report);
    fixButton.disabled = report.findings.length === 0;
  }

  function clear() {
    spans = [];
    spansText = "";
    paintBackdrop();
    showVerdict("none", "Type a draft to check it.");
    list.replaceChildren();
    fixButton.disabled = true;
  }

  async function check() {
    clearTimeout(timer);
    const text = draft.value;
    const mine = ++sequence;
    if (!text.trim()) {
      clear();
      return;
    }
    try {
      const posts = postsOf(text);
      const thread = posts.length > 1 ? posts : null;
      const body = thread ? { posts: thread.map((p) => p.text) } : { text };
      const report = await api("/v1/check", { ...body, platform: platform.value || undefined });
      // An answer about an older draft is dropped: a newer check is on its way.
      if (mine === sequence && draft.value === text) render(report, text, thread);
    } catch (error) {
      if (mine !== sequence) return;
      // Fail closed: a draft the server did not check is not shown as allowed.
      showVerdict("error", `NOT CHECKED · ${error.message}: do not post it yet`);
      fixButton.disabled = true;
    }
  }

  function showTooltip(finding, rect) {
    if (!finding || !rect) return;
    tooltip.replaceChildren();
    const title = document.createElement("strong");
    title.textContent = `${finding.severity.toUpperCase()} · ${finding.rule}`;
    const body = document.createElement("span");
    body.textContent = describe(finding);
    tooltip.append(title, body);
    tooltip.hidden = false;
    tooltip.style.left = `${rect.left + window.scrollX}px`;
    tooltip.style.top = `${rect.bottom + window.scrollY + 6}px`;
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  function spanAtPoint(x, y) {
    for (const mark of backdrop.querySelectorAll("mark")) {
      for (const rect of mark.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) {
          return [spans.find((s) => String(s.index) === mark.dataset.index), rect];
        }
      }
    }
    return [null, null];
  }

  function spanAtCaret() {
    const at = draft.selectionStart;
    if (at !== draft.selectionEnd) return null;
    return spans.find((s) => s.start <= at && at <= s.end && s.start < s.end) || null;
  }

  draft.addEventListener("input", () => {
    shiftSpans(spansText, draft.value);
    paintBackdrop();
    hideTooltip();
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  });
  draft.addEventListener("scroll", () => { backdrop.scrollTop = draft.scrollTop; });
  draft.addEventListener("mousemove", (event) => {
    const [span, rect] = spanAtPoint(event.clientX, event.clientY);
    if (span) showTooltip(span.finding, rect);
    else hideTooltip();
  });
  draft.addEventListener("mouseleave", hideTooltip);
  // Keyboard users get the same note when the caret enters an underlined span.
  for (const type of ["keyup", "click"]) {
    draft.addEventListener(type, () => {
      const span = spanAtCaret();
      const mark = span && backdrop.querySelector(`mark[data-index="${span.index}"]`);
      if (span && mark) showTooltip(span.finding, mark.getClientRects()[0]);
    });
  }
  platform.addEventListener("change", check);
  new ResizeObserver(() => { backdrop.scrollTop = draft.scrollTop; }).observe(draft);

  fixButton.addEventListener("click", async () => {
    const text = draft.value;
    fixButton.disabled = true;
    try {
      const result = await api("/v1/fix", { text, platform: platform.value || undefined });
      if (draft.value !== text) return; // the user went on typing: their text wins
      if (result.changed) {
        // insertText keeps the browser's undo history: Ctrl+Z brings the draft back.
        draft.focus();
        draft.select();
        if (!document.execCommand("insertText", false, result.text)) draft.value = result.text;
      }
      clearTimeout(timer);
      sequence++;
      // A thread was fixed as one text (the separators are left alone): check it as a thread.
      if (postsOf(result.text).length > 1) await check();
      else render(result.report, result.text);
      const fixed = result.fixes.length;
      const left = result.unfixed.filter((f) => f.category !== "length").length;
      const parts = [fixed ? `Fixed ${fixed} span${fixed === 1 ? "" : "s"}.` : "Nothing to fix."];
      if (left) parts.push(`${left} left to rewrite by hand: ${result.unfixed[0].reason}.`);
      if (!result.report.length.fits) parts.push("Still too long: shorten it.");
      fixStatus.textContent = parts.join(" ");
    } catch (error) {
      fixStatus.textContent = `Not fixed: ${error.message}`;
    } finally {
      fixButton.disabled = spans.length === 0;
    }
  });

  paintBackdrop();
})();
