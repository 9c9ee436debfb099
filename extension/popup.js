// The popup: checks the text selected on the page (or typed here) with guard serve.
"use strict";

const $ = (id) => document.getElementById(id);

async function selection() {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (!tab?.id) return "";
  try {
    const [result] = await chrome.scripting.executeScript({
      target: { tabId: tab.id }, func: () => String(getSelection() || ""),
    });
    return result?.result || "";
  } catch {
    return ""; // a page the extension may not read (the browser's own pages)
  }
}

async function check() {
  const text = $("text").value;
  if (!text.trim()) {
    $("verdict").textContent = "Select some text on the page or type it above.";
    return;
  }
  const answer = await chrome.runtime.sendMessage({ type: "check", text });
  const items = [];
  if (!answer.ok) {
    $("verdict").className = "error";
    $("verdict").textContent = `NOT CHECKED: ${answer.error}`;
  } else {
    const report = answer.data;
    $("verdict").className = report.verdict;
    $("verdict").textContent = `${report.verdict.toUpperCase()} · risk score ${report.score}`;
    for (const f of report.findings) {
      const li = document.createElement("li");
      li.textContent = `${f.severity} ${f.rule}: ${f.message}`
        + (f.suggestion ? ` (${f.suggestion})` : "");
      items.push(li);
    }
  }
  $("findings").replaceChildren(...items);
}

$("check").addEventListener("click", check);
selection().then((text) => {
  $("text").value = text;
  if (text.trim()) check();
});
