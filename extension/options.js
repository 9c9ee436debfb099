// The options page: server URL, token, Mastodon instances, fail-open switch.
"use strict";

const $ = (id) => document.getElementById(id);
const status = (text) => { $("status").textContent = text; };

function hosts(text) {
  return [...new Set(text.split(/\s+/).map((line) => line.trim().toLowerCase()
    .replace(/^https?:\/\//, "").replace(/\/.*$/, "")).filter(Boolean))];
}

async function load() {
  const config = { ...GUARD_DEFAULTS,
                   ...(await chrome.storage.local.get(Object.keys(GUARD_DEFAULTS))) };
  $("serverUrl").value = config.serverUrl;
  $("token").value = config.token;
  $("instances").value = config.instances.join("\n");
  $("failOpen").checked = config.failOpen;
  $("origin").textContent = new URL(chrome.runtime.getURL("")).origin;
}

$("options").addEventListener("submit", async (event) => {
  event.preventDefault();
  let serverUrl;
  try {
    serverUrl = new URL($("serverUrl").value.trim());
  } catch {
    status("The server URL is not a URL: write it as http://127.0.0.1:8765");
    return;
  }
  const instances = hosts($("instances").value);
  // Asked here, in the click that saves: the browser lets an extension ask only on a gesture.
  const origins = [`${serverUrl.origin}/*`, ...instances.map((h) => `https://${h}/*`)];
  const granted = await chrome.permissions.request({ origins }).catch(() => false);
  await chrome.storage.local.set({
    serverUrl: serverUrl.origin, token: $("token").value.trim(),
    instances, failOpen: $("failOpen").checked,
  });
  await chrome.runtime.sendMessage({ type: "instances-changed" });
  status(granted ? "Saved." : "Saved; the browser did not grant access to every site, so "
    + "the extension cannot check drafts there.");
});

$("test").addEventListener("click", async () => {
  const answer = await chrome.runtime.sendMessage({ type: "check", text: "hello" });
  status(answer.ok ? `Connected: policy ${answer.data.policy.name}.` : `Not connected: ${answer.error}.`);
});

load();
