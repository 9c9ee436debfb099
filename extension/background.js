// The extension's background: the only part that talks to guard serve (with the token), and the
// one that registers the content script on the Mastodon instances the user added.
"use strict";

if (typeof GUARD_DEFAULTS === "undefined" && typeof importScripts === "function") {
  importScripts("defaults.js"); // Chromium's service worker; Firefox lists it in the manifest
}

const INSTANCE_SCRIPT = "guard-mastodon-instances";

async function settings() {
  return { ...GUARD_DEFAULTS, ...(await chrome.storage.local.get(Object.keys(GUARD_DEFAULTS))) };
}

async function callServer(path, body) {
  const config = await settings();
  const headers = { "content-type": "application/json" };
  if (config.token) headers.authorization = `Bearer ${config.token}`;
  const url = config.serverUrl.replace(/\/+$/, "") + path;
  let response;
  try {
    response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body),
                                  credentials: "omit", cache: "no-store" });
  } catch (error) {
    return { ok: false, unreachable: true, failOpen: config.failOpen,
             error: `guard serve at ${config.serverUrl} cannot be reached` };
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const why = data?.error?.message || `the server answered ${response.status}`;
    // A refused or failed check is not a verdict: the draft stays unchecked (fail closed).
    return { ok: false, unreachable: false, failOpen: config.failOpen,
             error: response.status === 401 ? `the token was refused: ${why}` : why };
  }
  return { ok: true, data };
}

async function registerInstances() {
  const { instances = [] } = await chrome.storage.local.get("instances");
  const granted = [];
  for (const host of instances) {
    const origin = `https://${host}/*`;
    if (await chrome.permissions.contains({ origins: [origin] })) granted.push(origin);
  }
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [INSTANCE_SCRIPT] });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [INSTANCE_SCRIPT] });
  if (!granted.length) return;
  await chrome.scripting.registerContentScripts([{
    id: INSTANCE_SCRIPT, matches: granted, js: ["defaults.js", "content.js"],
    css: ["content.css"], runAt: "document_idle", persistAcrossSessions: true,
  }]);
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (message?.type === "check" || message?.type === "fix") {
    const path = message.type === "check" ? "/v1/check" : "/v1/fix";
    callServer(path, { text: message.text, platform: message.platform }).then(reply);
    return true; // the answer comes asynchronously
  }
  if (message?.type === "instances-changed") {
    registerInstances().then(() => reply({ ok: true }),
                             (error) => reply({ ok: false, error: String(error) }));
    return true;
  }
  return false;
});

chrome.runtime.onInstalled.addListener(() => { registerInstances().catch(() => {}); });
