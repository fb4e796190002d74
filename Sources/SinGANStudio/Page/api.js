// The studio's JSON API (Docs/http-api.md): every call carries the token when the page was opened with ?token=.
"use strict";
const Api = (() => {
  const token = new URLSearchParams(location.search).get("token");
  const headers = token ? { Authorization: "Bearer " + token } : {};
  async function parse(response) {
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (_) { body = { error: text }; }
    if (!response.ok) throw new Error((body && body.error) || response.statusText);
    return body;
  }
  return {
    get: (path) => fetch(path, { headers }).then(parse),
    post: (path, form) => fetch(path, { method: "POST", headers, body: form }).then(parse),
    del: (path) => fetch(path, { method: "DELETE", headers }).then(parse),
    // An URL for <img> and EventSource, which cannot send headers.
    url: (path) => token ? path + (path.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token) : path,
  };
})();
