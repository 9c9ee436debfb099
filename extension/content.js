// tweet-guard in the compose box: checks the draft as it is typed, underlines the findings in an
// overlay (never in the site's editor: the typed text, the caret and the site's own state are
// left alone), shows the verdict on a badge next to the Post button, and stops the Post button
// and Ctrl/Cmd+Enter while the draft is blocked or could not be checked.
"use strict";

(() => {
  if (window.__tweetGuard) return; // injected twice (manifest + registered script): run once
  window.__tweetGuard = true;

  const SITES = [
    { name: "x", platform: "x", hosts: ["x.com", "twitter.com", "mobile.x.com"],
      editor: '[data-testid^="tweetTextarea_"][contenteditable="true"], '
        + '[data-testid^="tweetTextarea_"] [contenteditable="true"]',
      button: '[data-testid="tweetButton"], [data-testid="tweetButtonInline"]' },
    { name: "bluesky", platform: "bluesky", hosts: ["bsky.app"],
      editor: '.ProseMirror[contenteditable="true"], [data-testid="composerTextInput"] '
        + '[contenteditable="true"]',
      button: '[data-testid="composerPublishBtn"], button[aria-label="Publish post"]' },
    // Any other host got this script because the user added it as a Mastodon instance.
    { name: "mastodon", platform: "mastodon", hosts: [],
      editor: ".compose-form textarea, textarea.autosuggest-textarea__textarea",
      button: ".compose-form button[type=submit], .compose-form__publish button" },
  ];
  const site = SITES.find((s) => s.hosts.includes(location.hostname)) || SITES[2];

  let config = { ...GUARD_DEFAULTS };
  chrome.storage.local.get(Object.keys(GUARD_DEFAULTS)).then((stored) => {
    config = { ...config, ...stored };
  });
  chrome.storage.onChanged.addListener((changes) => {
    for (const [key, { newValue }] of Object.entries(changes)) config[key] = newValue;
  });

  const layer = document.createElement("div");
  layer.className = "tg-layer";
  const lines = document.createElement("div");
  const badge = document.createElement("button");
  badge.type = "button";
  badge.className = "tg-badge";
  badge.setAttribute("aria-live", "polite");
  badge.setAttribute("aria-expanded", "false");
  badge.hidden = true;
  const panel = document.createElement("div");
  panel.className = "tg-panel";
  panel.setAttribute("role", "alert");
  panel.hidden = true;
  layer.append(lines, badge, panel);
  document.documentElement.append(layer);
  badge.addEventListener("click", () => {
    panel.hidden = !panel.hidden;
    badge.setAttribute("aria-expanded", String(!panel.hidden));
    place();
  });

  // One state for the compose box in use: the last text checked and what the server said.
  const state = { editor: null, checked: null, answer: null, pending: null, timer: null };
  let bypass = false; // set while we re-click Post for a draft that passed its check

  // ---- the draft's text, and where its characters are on screen ----

  const BLOCKS = new Set(["P", "DIV", "LI", "H1", "H2", "H3", "BLOCKQUOTE", "PRE"]);

  // The text of a contenteditable and, for each text node, where it starts in that text.
  function editableText(root) {
    const pieces = [];
    const nodes = [];
    let length = 0;
    const push = (s) => { pieces.push(s); length += s.length; };
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          nodes.push({ node: child, start: length });
          push(child.data);
        } else if (child.nodeName === "BR") {
          if (child.nextSibling || !BLOCKS.has(node.nodeName)) push("\n");
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const block = BLOCKS.has(child.nodeName);
          if (block && length && !pieces[pieces.length - 1].endsWith("\n")) push("\n");
          walk(child);
        }
      }
    };
    walk(root);
    return { text: pieces.join(""), nodes };
  }

  function draftOf(editor) {
    return editor instanceof HTMLTextAreaElement ? editor.value : editableText(editor).text;
  }

  function utf16Offsets(text) {
    const out = [0];
    let at = 0;
    for (const ch of text) {
      at += ch.length;
      out.push(at);
    }
    return out;
  }

  function rangeRects(editor, start, end) {
    const { nodes } = editableText(editor);
    const locate = (offset) => {
      for (let i = nodes.length - 1; i >= 0; i--) {
        if (nodes[i].start <= offset) {
          return [nodes[i].node, Math.min(offset - nodes[i].start, nodes[i].node.data.length)];
        }
      }
      return null;
    };
    const from = locate(start);
    const to = locate(end);
    if (!from || !to) return [];
    const range = document.createRange();
    range.setStart(...from);
    range.setEnd(...to);
    return [...range.getClientRects()];
  }

  // A textarea has no ranges: lay its text out again in a hidden mirror with the same metrics.
  function textareaRects(area, spans) {
    const style = getComputedStyle(area);
    const mirror = document.createElement("div");
    for (const prop of ["boxSizing", "width", "paddingTop", "paddingRight", "paddingBottom",
      "paddingLeft", "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth",
      "fontFamily", "fontSize", "fontWeight", "fontStyle", "letterSpacing", "lineHeight",
      "textTransform", "wordSpacing", "textIndent", "tabSize"]) {
      mirror.style[prop] = style[prop];
    }
    const box = area.getBoundingClientRect();
    Object.assign(mirror.style, {
      position: "fixed", left: `${box.left}px`, top: `${box.top}px`, height: `${box.height}px`,
      visibility: "hidden", whiteSpace: "pre-wrap", overflowWrap: "break-word",
      overflow: "hidden", borderStyle: "solid", margin: "0",
    });
    const text = area.value;
    const marks = [];
    let at = 0;
    for (const s of spans) {
      if (s.start < at) continue;
      mirror.append(document.createTextNode(text.slice(at, s.start)));
      const mark = document.createElement("span");
      mark.textContent = text.slice(s.start, s.end);
      mirror.append(mark);
      marks.push([s, mark]);
      at = s.end;
    }
    mirror.append(document.createTextNode(text.slice(at) + " "));
    layer.append(mirror);
    mirror.scrollTop = area.scrollTop;
    const out = marks.map(([s, mark]) => [s, [...mark.getClientRects()]]);
    mirror.remove();
    return out;
  }

  function spansOf(report, text) {
    const at = utf16Offsets(text);
    const pick = (i) => at[Math.min(i, at.length - 1)];
    return report.findings.map((f) => ({ start: pick(f.start), end: pick(f.end), finding: f }))
      .sort((a, b) => a.start - b.start);
  }

  // ---- drawing: underlines, the badge and its panel ----

  function drawUnderlines() {
    lines.replaceChildren();
    const editor = state.editor;
    const report = state.answer?.ok ? state.answer.data : null;
    if (!editor || !report || draftOf(editor) !== state.checked || !editor.isConnected) return;
    const spans = spansOf(report, state.checked);
    const placed = editor instanceof HTMLTextAreaElement ? textareaRects(editor, spans)
      : spans.map((s) => [s, rangeRects(editor, s.start, s.end)]);
    const clip = editor.getBoundingClientRect();
    for (const [span, rects] of placed) {
      for (const r of rects) {
        if (r.width < 1 || r.bottom < clip.top || r.top > clip.bottom) continue;
        const bar = document.createElement("div");
        const overflow = span.finding.category === "length";
        bar.className = `tg-underline ${overflow ? "tg-overflow" : `tg-${span.finding.severity}`}`;
        bar.dataset.rule = span.finding.rule;
        bar.style.left = `${r.left + scrollX}px`;
        bar.style.width = `${r.width}px`;
        bar.style.top = overflow ? `${r.top + scrollY}px` : `${r.bottom + scrollY - 2}px`;
        lines.append(bar);
      }
    }
  }

  function postButton(editor) {
    const scope = editor?.closest("form, [role=dialog], [aria-modal=true]") || document;
    return scope.querySelector(site.button) || document.querySelector(site.button);
  }

  function verdictWords() {
    const answer = state.answer;
    if (state.pending || (state.editor && draftOf(state.editor) !== state.checked && state.timer)) {
      return ["pending", "guard: checking…", []];
    }
    if (!answer) return ["pending", "guard", []];
    if (!answer.ok) {
      const kind = answer.failOpen ? "warn" : "error";
      return [kind, "guard: NOT CHECKED", [`${answer.error}.`, answer.failOpen
        ? "Posting is allowed (fail-open is on in the options): check the draft yourself."
        : "Posting is stopped until the draft can be checked."]];
    }
    const report = answer.data;
    const reasons = report.findings.map((f) => `${f.severity.toUpperCase()} ${f.rule}: `
      + `${f.message}${f.suggestion ? ` (${f.suggestion})` : ""}`);
    return [report.verdict, `guard: ${report.verdict.toUpperCase()} ${report.score}`, reasons];
  }

  function showBadge() {
    const [kind, words, reasons] = verdictWords();
    badge.hidden = !state.editor;
    badge.className = `tg-badge tg-${kind}`;
    badge.textContent = words;
    badge.dataset.verdict = kind;
    const title = document.createElement("div");
    title.className = "tg-why";
    title.textContent = kind === "block" ? "Blocked by tweet-guard: this draft would leak."
      : kind === "error" ? "Not posted: tweet-guard could not check this draft." : words;
    const items = document.createElement("ul");
    for (const reason of reasons) {
      const li = document.createElement("li");
      li.textContent = reason;
      items.append(li);
    }
    panel.replaceChildren(title, items);
    place();
  }

  function place() {
    const button = postButton(state.editor);
    const anchor = (button || state.editor)?.getBoundingClientRect();
    if (!anchor) return;
    const width = badge.offsetWidth || 110;
    badge.style.left = `${Math.max(4, anchor.left + scrollX - width - 8)}px`;
    badge.style.top = `${anchor.top + scrollY + (anchor.height - (badge.offsetHeight || 22)) / 2}px`;
    panel.style.left = `${Math.max(4, anchor.right + scrollX - 320)}px`;
    panel.style.top = `${anchor.bottom + scrollY + 8}px`;
  }

  function redraw() {
    showBadge();
    drawUnderlines();
  }

  // ---- checking ----

  async function check() {
    clearTimeout(state.timer);
    state.timer = null;
    const editor = state.editor;
    const text = draftOf(editor);
    if (!text.trim()) {
      state.checked = text;
      state.answer = { ok: true, data: { verdict: "allow", score: 0, findings: [] } };
      redraw();
      return state.answer;
    }
    const run = chrome.runtime.sendMessage({ type: "check", text, platform: site.platform })
      .catch((error) => ({ ok: false, unreachable: true, failOpen: config.failOpen,
                           error: `the extension could not ask the server (${error.message})` }));
    state.pending = run;
    redraw();
    const answer = await run;
    if (state.pending === run) state.pending = null;
    if (draftOf(editor) === text) {
      state.checked = text;
      state.answer = answer;
    }
    redraw();
    return answer;
  }

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(check, config.debounceMs);
    lines.replaceChildren(); // underlines of an older text would point at the wrong words
    showBadge();
  }

  function editorOf(target) {
    return target instanceof Element ? target.closest(site.editor) : null;
  }

  document.addEventListener("input", (event) => {
    const editor = editorOf(event.target);
    if (!editor) return;
    state.editor = editor;
    schedule();
  }, true);
  document.addEventListener("focusin", (event) => {
    const editor = editorOf(event.target);
    if (editor && editor !== state.editor) {
      state.editor = editor;
      state.checked = null;
      state.answer = null;
      schedule();
    }
  }, true);
  addEventListener("scroll", () => requestAnimationFrame(redraw), true);
  addEventListener("resize", () => requestAnimationFrame(redraw));

  // ---- the gate in front of Post ----

  function allowed(answer) {
    if (!answer.ok) return answer.failOpen;
    return answer.data.verdict !== "block";
  }

  function stop(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  async function gate(event, button) {
    const editor = state.editor && state.editor.isConnected ? state.editor
      : document.querySelector(site.editor);
    if (!editor) return;
    state.editor = editor;
    const current = draftOf(editor);
    const fresh = state.answer && state.checked === current && !state.pending;
    if (fresh && allowed(state.answer)) return; // checked and fine: the site posts as usual
    stop(event);
    const answer = fresh ? state.answer : await check();
    if (allowed(answer) && draftOf(editor) === current) {
      bypass = true; // checked just now and fine: post it as the user asked
      try { button.click(); } finally { bypass = false; }
      return;
    }
    panel.hidden = false;
    badge.setAttribute("aria-expanded", "true");
    showBadge();
  }

  addEventListener("click", (event) => {
    if (bypass || !(event.target instanceof Element)) return;
    const button = event.target.closest(site.button);
    if (button) gate(event, button);
  }, true);
  addEventListener("keydown", (event) => {
    if (bypass || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    if (!editorOf(event.target)) return;
    const button = postButton(editorOf(event.target));
    if (button) gate(event, button);
  }, true);
})();
