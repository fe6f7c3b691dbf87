/* Pieces of the page built from data: thread messages, live stages, workflow cards, the
 * conversation list and the error states (each one saying what happened and what to do). */
(function () {
  "use strict";

  const STAGES = {
    intent: "Understanding the request",
    optimize: "Sharpening the request",
    retrieval: "Finding matching nodes",
    generation: "Building the workflow",
    validation: "Checking it like n8n does",
    repair: "Repairing what was wrong",
    cache: "Looking for an earlier result",
  };
  const PLANNED = ["intent", "optimize", "retrieval", "generation", "validation"];

  /** A DOM element: h("p", {class: "x"}, "text", child, ...); attributes "on*" are listeners. */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined && c !== false) {
        node.append(c instanceof Node ? c : document.createTextNode(String(c)));
      }
    }
    return node;
  }

  let dateFormat = null; // made on first use: building it costs the page's first paint
  function when(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return "";
    dateFormat = dateFormat ||
      new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
    return dateFormat.format(d);
  }

  function userMessage(text) {
    return h("li", { class: "msg msg-user" }, h("div", { class: "bubble" }, text));
  }

  /** The stage list of one reply; stages tick off as the stream reports them. */
  function stageList(live) {
    const list = h("ol", { class: "stages", "aria-label": "Progress" });
    const items = new Map();
    const add = (stage) => {
      const item = h("li", { class: "stage", "data-stage": stage, "data-state": "pending" },
        h("span", { class: "stage-name" }, STAGES[stage] || stage), h("span", { class: "stage-ms" }));
      items.set(stage, item);
      list.append(item);
      return item;
    };
    if (live) PLANNED.forEach(add);
    if (live) items.get(PLANNED[0]).dataset.state = "running";
    return {
      list,
      mark(stage, ms) {
        const item = items.get(stage) || add(stage);
        item.dataset.state = "done";
        item.querySelector(".stage-ms").textContent = `${Math.round(ms)} ms`;
        const next = [...items.values()].find((i) => i.dataset.state === "pending");
        if (next) next.dataset.state = "running";
      },
      settle() {
        for (const item of items.values()) if (item.dataset.state !== "done") item.remove();
        list.classList.add("stages-settled");
      },
    };
  }

  function countLinks(workflow) {
    return window.NP.graph.edgesOf(workflow).length;
  }

  /** The card of one workflow version in the thread: name, size, and a button to show it. */
  function workflowCard(version, onView) {
    const wf = version.workflow;
    const errors = (version.findings || []).filter((f) => f.severity === "error").length;
    const warnings = (version.findings || []).length - errors;
    return h("div", { class: "wf-card", "data-version": version.number },
      h("div", { class: "wf-card-title" },
        h("span", { class: "wf-version" }, `Version ${version.number}`), " ",
        h("strong", {}, wf.name || "Workflow")),
      h("p", { class: "muted" },
        `${(wf.nodes || []).length} nodes · ${countLinks(wf)} connections` +
        (warnings ? ` · ${warnings} warning${warnings > 1 ? "s" : ""}` : "") +
        (errors ? ` · ${errors} error${errors > 1 ? "s" : ""}` : "") +
        ((version.fixes || []).length ? ` · ${version.fixes.length} repaired` : "")),
      h("button", { type: "button", class: "wf-view", onclick: () => onView(version) },
        "View this version"));
  }

  /** What the page says for each kind of failure, and what the reader can do about it. */
  function describe(problem, config) {
    const retry = problem.retryAfter ? ` Try again in ${problem.retryAfter} s.` : "";
    switch (problem.code) {
      case "insufficient_credits":
        return { kind: "credits", title: "You're out of credits",
          text: config && config.billing
            ? "Buy a credit pack or choose a plan to keep building workflows."
            : "Ask the person who runs this NodePilot service to add credits to your account." };
      case "rate_limited":
        return { kind: "rate", title: "Too many requests",
          text: `You're sending messages faster than allowed.${retry || " Wait a minute and try again."}` };
      case "invalid_input":
      case "body_too_large":
        return { kind: "input", title: "That message can't be sent",
          text: `${problem.message}. Shorten or rephrase it, then send it again.` };
      case "provider_unavailable":
      case "stream_ended":
        return { kind: "provider", title: "The AI provider is unavailable",
          text: `${problem.message}. No credit was used. Try again in a minute.` };
      case "not_ready":
      case "database_unavailable":
        return { kind: "provider", title: "The service is not ready",
          text: `${problem.message}. No credit was used. Try again shortly.` };
      case "network":
        return { kind: "provider", title: "Can't reach NodePilot",
          text: "Check your connection, then send the message again." };
      default:
        return { kind: "other", title: "Something went wrong", text: problem.message };
    }
  }

  function problemView(problem, config, onBuy) {
    const said = describe(problem, config);
    const box = h("div", { class: `alert alert-${said.kind}`, role: "alert",
      "data-code": problem.code },
      h("strong", {}, said.title), h("p", {}, said.text));
    // the service's hints for these name API paths or repeat what the text already says
    const restated = ["provider", "rate", "credits"].includes(said.kind);
    if (problem.hint && !restated) box.append(h("p", { class: "hint" }, problem.hint));
    if (said.kind === "credits" && config && config.billing) {
      box.append(h("button", { type: "button", class: "primary buy", onclick: onBuy },
        "Buy credits"));
    }
    return box;
  }

  /** One row of the conversation list, with a two-step delete (Delete, then Confirm). */
  function conversationItem(conv, current, handlers) {
    const del = h("button", { type: "button", class: "conv-delete",
      "aria-label": `Delete conversation “${conv.title || "Untitled"}”` }, "Delete");
    del.addEventListener("click", () => {
      if (del.dataset.confirm) return handlers.remove(conv);
      del.dataset.confirm = "1";
      del.textContent = "Confirm";
      del.setAttribute("aria-label", `Confirm deleting “${conv.title || "Untitled"}”`);
    });
    del.addEventListener("blur", () => {
      delete del.dataset.confirm;
      del.textContent = "Delete";
    });
    return h("li", { class: "conv", "data-id": conv.id },
      h("button", { type: "button", class: "conv-open", "aria-current": current ? "true" : null,
        onclick: () => handlers.open(conv) },
        h("span", { class: "conv-title" }, conv.title || "Untitled"),
        h("time", { datetime: conv.updated_at || conv.created_at },
          when(conv.updated_at || conv.created_at))),
      del);
  }

  window.NP.views = {
    h, when, userMessage, stageList, workflowCard, problemView, conversationItem, describe,
  };
})();
