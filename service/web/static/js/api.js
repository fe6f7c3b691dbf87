/* Talking to the NodePilot service: sign-in tokens, JSON calls, and the chat stream.
 *
 * EventSource cannot POST, so the chat's server-sent events are read from a fetch() body
 * stream and parsed here. Every failure becomes an ApiProblem carrying the service's error
 * shape ({code, message, hint}) plus the HTTP status and Retry-After, so the page can say
 * clearly what happened and what to do.
 */
(function () {
  "use strict";

  const TOKEN_KEY = "nodepilot.token";
  const EMAIL_KEY = "nodepilot.email";

  class ApiProblem extends Error {
    constructor(status, error, retryAfter) {
      super((error && error.message) || `request failed (HTTP ${status})`);
      this.status = status;
      this.code = (error && error.code) || (status === 0 ? "network" : "error");
      this.hint = (error && error.hint) || null;
      this.checkoutUrl = (error && error.checkout_url) || null;
      this.retryAfter = retryAfter;
    }
  }

  const auth = {
    /** Returns the bearer token to send, or null when signed out (replaced for Clerk). */
    getToken: async () => localStorage.getItem(TOKEN_KEY),
    signOut: async () => {
      localStorage.removeItem(TOKEN_KEY);
      localStorage.removeItem(EMAIL_KEY);
    },
    email: () => localStorage.getItem(EMAIL_KEY),
  };

  async function devSignIn(email) {
    const data = await request("POST", "/api/dev/token", { email }, { anonymous: true });
    localStorage.setItem(TOKEN_KEY, data.token);
    localStorage.setItem(EMAIL_KEY, email);
    return data.token;
  }

  async function headers(extra, anonymous) {
    const h = { ...extra };
    if (!anonymous) {
      const token = await auth.getToken();
      if (token) h.Authorization = `Bearer ${token}`;
    }
    return h;
  }

  async function problemOf(response) {
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      body = null;
    }
    const retry = Number(response.headers.get("Retry-After"));
    return new ApiProblem(response.status, body && body.error, Number.isFinite(retry) ? retry : null);
  }

  async function send(method, path, body, accept, anonymous) {
    const init = { method, headers: await headers({ Accept: accept }, anonymous) };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    try {
      return await fetch(path, init);
    } catch (_) {
      throw new ApiProblem(0, { code: "network", message: "the service could not be reached" });
    }
  }

  /** One JSON call; resolves to the parsed body (null for 204), rejects with ApiProblem. */
  async function request(method, path, body, options) {
    const anonymous = Boolean(options && options.anonymous);
    const response = await send(method, path, body, "application/json", anonymous);
    if (!response.ok) throw await problemOf(response);
    return response.status === 204 ? null : response.json();
  }

  /** Split an SSE byte stream into {event, data} records (comments and pings skipped). */
  async function* sseEvents(stream) {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const keep = buffer.endsWith("\r") ? 1 : 0; // a CR may be half of a CRLF
      buffer = buffer.slice(0, buffer.length - keep).replace(/\r\n?/g, "\n") +
        buffer.slice(buffer.length - keep);
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const record = parseRecord(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (record) yield record;
      }
    }
  }

  function parseRecord(block) {
    let event = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    return data.length ? { event, data: data.join("\n") } : null;
  }

  /** Send a chat message and stream its stages; resolves to the final result. */
  async function chat(body, onStage) {
    const response = await send("POST", "/api/chat/message", body, "text/event-stream", false);
    if (!response.ok) throw await problemOf(response);
    if (!response.body || !(response.headers.get("Content-Type") || "").includes("event-stream")) {
      return response.json();
    }
    for await (const record of sseEvents(response.body)) {
      const data = JSON.parse(record.data);
      if (record.event === "stage") onStage(data);
      else if (record.event === "done") return data;
      else if (record.event === "error") throw new ApiProblem(data.status || 502, data.error, null);
    }
    throw new ApiProblem(502, {
      code: "stream_ended", message: "the answer stream ended before the result arrived",
      hint: "send the message again",
    });
  }

  window.NP = window.NP || {};
  window.NP.api = { ApiProblem, auth, devSignIn, request, chat, sseEvents, parseRecord };
})();
