// The extension's settings and their defaults, shared by every part of it.
"use strict";

// eslint-disable-next-line no-unused-vars
const GUARD_DEFAULTS = Object.freeze({
  serverUrl: "http://127.0.0.1:8765",
  token: "",
  // Fail closed: a draft the server could not check is not posted. Off turns it into a warning.
  failOpen: false,
  // Mastodon is self-hosted: every instance the user adds gets the content script at run time.
  instances: [],
  debounceMs: 300,
});
