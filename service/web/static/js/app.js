/* The chat page: sign-in, sending messages with live stages, workflow versions in the thread,
 * the picture / JSON panel, the conversation list and the credits counter. */
(function () {
  "use strict";

  const { api, views, draw } = window.NP;
  const { h } = views;
  const $ = (id) => document.getElementById(id);
  const state = {
    config: null,
    conversationId: null,
    versions: [],
    shown: null,
    picture: null,
    sending: false,
    blockedUntil: 0,
  };

  // ---- sign-in -------------------------------------------------------------------------

  async function boot() {
    wire();
    try {
      state.config = inlineConfig() ||
        await api.request("GET", "/api/config/public", undefined, { anonymous: true });
    } catch (problem) {
      return showSignIn(`NodePilot is not reachable right now: ${problem.message}.`);
    }
    if (state.config.auth === "clerk" && state.config.clerk_publishable_key) return startClerk();
    if (await api.auth.getToken()) return enterApp();
    return showSignIn(null, "dev");
  }

  /** The public configuration the server put in the page (same as GET /api/config/public). */
  function inlineConfig() {
    const data = document.body.dataset;
    if (!data.auth) return null;
    return { auth: data.auth, clerk_publishable_key: data.clerkKey || null,
      billing: data.billing === "true" };
  }

  function showSignIn(error, mode) {
    $("app").hidden = true;
    $("sign-in").hidden = false;
    $("dev-sign-in").hidden = mode !== "dev";
    $("clerk-sign-in").hidden = mode !== "clerk";
    $("sign-in-error").hidden = !error;
    $("sign-in-error").textContent = error || "";
    if (mode === "dev") $("dev-email").focus();
    if (!performance.getEntriesByName("nodepilot:interactive").length) {
      performance.mark("nodepilot:interactive");
    }
    markReady();
  }

  /** Marks the moment the page is usable (benchmarks/web_load.py reads it). */
  function markReady() {
    if (!performance.getEntriesByName("nodepilot:ready").length) performance.mark("nodepilot:ready");
  }

  function loadScript(src, attrs) {
    return new Promise((resolve, reject) => {
      const s = h("script", { src, crossorigin: "anonymous", ...attrs });
      s.addEventListener("load", resolve);
      s.addEventListener("error", () => reject(new Error(`could not load ${src}`)));
      document.head.append(s);
    });
  }

  /** Clerk's hosted sign-in: load clerk-js from the instance's Frontend API, then either use
   * the session's tokens or send the browser to the hosted sign-in page. */
  async function startClerk() {
    const key = state.config.clerk_publishable_key;
    try {
      const frontendApi = atob(key.split("_")[2] || "").replace(/\$$/, "");
      await loadScript(`https://${frontendApi}/npm/@clerk/clerk-js@5/dist/clerk.browser.js`,
        { "data-clerk-publishable-key": key });
      await window.Clerk.load();
    } catch (err) {
      return showSignIn(`Sign-in is unavailable: ${err.message}.`, "clerk");
    }
    const clerk = window.Clerk;
    if (!clerk.user) return showSignIn(null, "clerk");
    api.auth.getToken = () => clerk.session.getToken();
    api.auth.signOut = () => clerk.signOut();
    api.auth.email = () => clerk.user.primaryEmailAddress && clerk.user.primaryEmailAddress.emailAddress;
    return enterApp();
  }

  async function devSignIn(event) {
    event.preventDefault();
    const email = $("dev-email").value.trim();
    try {
      await api.devSignIn(email);
    } catch (problem) {
      return showSignIn(`Sign-in failed: ${problem.message}.`, "dev");
    }
    return enterApp();
  }

  async function signOut() {
    await api.auth.signOut();
    location.reload();
  }

  async function enterApp() {
    $("sign-in").hidden = true;
    $("app").hidden = false;
    $("sign-out").hidden = false;
    $("user-email").textContent = api.auth.email() || "";
    $("composer-input").focus();
    performance.mark("nodepilot:interactive");
    await Promise.all([refreshCredits(), refreshConversations()]);
    markReady();
  }

  /** A 401 anywhere means the token is gone or expired: sign in again. */
  function checkAuth(problem) {
    if (problem && problem.status === 401) {
      api.auth.signOut().then(() => showSignIn("Your session ended; please sign in again.",
        state.config.auth === "clerk" ? "clerk" : "dev"));
      return false;
    }
    return true;
  }

  // ---- credits and conversations -----------------------------------------------------------

  function setCredits(balance) {
    $("credits").hidden = false;
    $("credits-count").textContent = String(balance);
    $("credits").classList.toggle("credits-empty", balance <= 0);
  }

  async function refreshCredits() {
    try {
      setCredits((await api.request("GET", "/api/credits")).balance);
    } catch (problem) {
      checkAuth(problem);
    }
  }

  async function refreshConversations() {
    let page;
    try {
      page = await api.request("GET", "/api/conversations?limit=50");
    } catch (problem) {
      return checkAuth(problem);
    }
    const list = $("conversation-list");
    list.textContent = "";
    const handlers = { open: openConversation, remove: removeConversation };
    for (const conv of page.items) {
      list.append(views.conversationItem(conv, conv.id === state.conversationId, handlers));
    }
    $("conversation-empty").hidden = page.items.length > 0;
    return true;
  }

  async function openConversation(conv) {
    if (state.sending) return false; // the reply in flight belongs to the open thread
    let page;
    try {
      page = await api.request("GET", `/api/conversations/${conv.id}/messages`);
    } catch (problem) {
      return checkAuth(problem) && notice(problem);
    }
    resetThread(conv.id);
    for (const m of page.items) {
      if (m.role === "user") $("thread").append(views.userMessage(m.content));
      else $("thread").append(replyItem(m));
    }
    showLatest();
    toggleConversations(false);
    return refreshConversations();
  }

  async function removeConversation(conv) {
    try {
      await api.request("DELETE", `/api/conversations/${conv.id}`);
    } catch (problem) {
      return checkAuth(problem) && notice(problem);
    }
    if (conv.id === state.conversationId) newChat();
    return refreshConversations();
  }

  function resetThread(conversationId) {
    state.conversationId = conversationId;
    state.versions = [];
    state.shown = null;
    $("thread").textContent = "";
    $("welcome").hidden = Boolean(conversationId);
    $("workflow-panel").hidden = true;
    $("app").classList.remove("has-workflow");
  }

  function newChat() {
    if (state.sending) return;
    resetThread(null);
    refreshConversations();
    $("composer-input").focus();
  }

  // ---- the thread ---------------------------------------------------------------------------

  /** The assistant's part of a turn: its answer text and/or a new workflow version. */
  function replyItem(result, item) {
    const li = item || h("li", { class: "msg msg-assistant" });
    const answer = result.answer || (result.workflow ? null : result.content);
    if (answer) li.append(h("div", { class: "bubble" }, answer));
    if (result.workflow) {
      const version = {
        number: state.versions.length + 1,
        workflow: result.workflow,
        findings: result.findings || [],
        fixes: result.fixes || [],
        workflowId: result.workflow_id,
      };
      state.versions.push(version);
      li.append(views.workflowCard(version, showVersion));
    } else if (!answer) {
      li.append(h("div", { class: "bubble muted" }, "No workflow came out of this request."));
    }
    return li;
  }

  function notice(problem) {
    const li = h("li", { class: "msg msg-assistant" },
      views.problemView(problem, state.config, buyCredits));
    $("thread").append(li);
    li.scrollIntoView({ block: "end" });
    return false;
  }

  async function sendMessage(text) {
    if (state.sending) return;
    state.sending = true;
    setBusy(true);
    $("welcome").hidden = true;
    $("thread").append(views.userMessage(text));
    const reply = h("li", { class: "msg msg-assistant", "aria-busy": "true" });
    const stages = views.stageList(true);
    reply.append(stages.list);
    $("thread").append(reply);
    reply.scrollIntoView({ block: "end" });
    const body = { message: text };
    if (state.conversationId) body.conversation_id = state.conversationId;
    try {
      const result = await api.chat(body, (s) => stages.mark(s.stage, s.ms));
      stages.settle();
      state.conversationId = result.conversation_id;
      replyItem(result, reply);
      setCredits(result.credits_left);
      if (result.workflow) showVersion(state.versions[state.versions.length - 1]);
      refreshConversations();
    } catch (problem) {
      stages.settle();
      if (checkAuth(problem)) reply.append(views.problemView(problem, state.config, buyCredits));
      if (problem.code === "rate_limited") block(problem.retryAfter || 60);
      if (problem.code === "insufficient_credits") setCredits(0);
      if (!$("composer-input").value) $("composer-input").value = text; // to edit or resend
      refreshCredits();
    } finally {
      reply.removeAttribute("aria-busy");
      reply.scrollIntoView({ block: "end" });
      state.sending = false;
      setBusy(false);
    }
  }

  function setBusy(busy) {
    $("send").disabled = busy || Date.now() < state.blockedUntil;
    $("send").textContent = busy ? "Working…" : "Send";
    $("composer").setAttribute("aria-busy", busy ? "true" : "false");
  }

  /** After a 429, keep Send off until the service says we may try again. */
  function block(seconds) {
    state.blockedUntil = Date.now() + seconds * 1000;
    $("send").disabled = true;
    setTimeout(() => setBusy(state.sending), seconds * 1000);
  }

  async function buyCredits() {
    try {
      const plans = await api.request("GET", "/api/billing/plans", undefined, { anonymous: true });
      const pack = (plans.packs || []).find((p) => p.purchasable);
      const plan = (plans.plans || []).find((p) => p.purchasable);
      if (!pack && !plan) throw new api.ApiProblem(503, { code: "billing", message: "nothing can be bought right now" });
      const choice = pack ? { pack: pack.key } : { plan: plan.key };
      const out = await api.request("POST", "/api/billing/checkout", choice);
      location.assign(out.url);
    } catch (problem) {
      notice(problem);
    }
  }

  // ---- the workflow panel ----------------------------------------------------------------------

  function showLatest() {
    if (state.versions.length) showVersion(state.versions[state.versions.length - 1]);
  }

  function showVersion(version) {
    state.shown = version;
    const wf = version.workflow;
    $("workflow-panel").hidden = false;
    $("app").classList.add("has-workflow");
    $("workflow-title").textContent = `${wf.name || "Workflow"} · version ${version.number}`;
    document.querySelectorAll(".wf-card").forEach((card) => {
      const current = Number(card.dataset.version) === version.number;
      card.classList.toggle("wf-current", current);
      card.setAttribute("aria-current", current ? "true" : "false");
    });
    $("node-details").hidden = true;
    state.picture = draw.render($("canvas"), wf, version.findings, showNode);
    $("json-view").textContent = JSON.stringify(wf, null, 2);
    const fixes = version.fixes || [];
    $("fix-notes").hidden = fixes.length === 0;
    $("fix-list").textContent = "";
    for (const f of fixes) {
      $("fix-list").append(h("li", {}, f.node ? h("strong", {}, `${f.node}: `) : null, f.message || f.code));
    }
  }

  function showNode(node, findings) {
    $("node-details").hidden = false;
    $("details-name").textContent = node.name;
    $("details-type").textContent = `${node.type} · version ${node.typeVersion ?? "?"}` +
      (node.disabled ? " · disabled" : "");
    $("details-findings").textContent = "";
    for (const f of findings) {
      $("details-findings").append(h("li", { class: `finding finding-${f.severity}` },
        h("strong", {}, `${f.severity}: `), f.message, f.suggestion ? ` — ${f.suggestion}` : ""));
    }
    $("details-params").textContent = JSON.stringify(node.parameters || {}, null, 2);
    $("details-close").focus();
  }

  function selectTab(name) {
    for (const tab of ["picture", "json"]) {
      const on = tab === name;
      $(`tab-${tab}`).setAttribute("aria-selected", on ? "true" : "false");
      $(`tab-${tab}`).tabIndex = on ? 0 : -1;
      $(`view-${tab}`).hidden = !on;
    }
    $(`tab-${name}`).focus();
    if (name === "picture" && state.picture) state.picture.fit();
  }

  function fileName(wf) {
    const slug = String(wf.name || "workflow").toLowerCase().replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
    return `${slug || "workflow"}.json`;
  }

  function downloadJson() {
    const wf = state.shown.workflow;
    const blob = new Blob([JSON.stringify(wf, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: fileName(wf), class: "visually-hidden" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  async function copyJson() {
    const status = $("copy-status");
    try {
      await navigator.clipboard.writeText($("json-view").textContent);
      status.textContent = "Copied to the clipboard.";
    } catch (_) {
      const range = document.createRange();
      range.selectNodeContents($("json-view"));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      status.textContent = "Selected — press Ctrl+C (⌘C) to copy.";
    }
  }

  function toggleConversations(open) {
    const show = open === undefined ? !document.body.classList.contains("drawer-open") : open;
    document.body.classList.toggle("drawer-open", show);
    $("toggle-conversations").setAttribute("aria-expanded", show ? "true" : "false");
  }

  // ---- wiring ---------------------------------------------------------------------------------

  function onComposerKey(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  }

  function onSubmit(event) {
    event.preventDefault();
    const input = $("composer-input");
    const text = input.value.trim();
    if (!text || state.sending || Date.now() < state.blockedUntil) return;
    input.value = "";
    sendMessage(text);
  }

  function onTabKey(event) {
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      selectTab(event.target.id === "tab-picture" ? "json" : "picture");
    }
  }

  function wire() {
    $("dev-sign-in").addEventListener("submit", devSignIn);
    $("clerk-button").addEventListener("click", () =>
      window.Clerk.redirectToSignIn({ signInForceRedirectUrl: location.href }));
    $("sign-out").addEventListener("click", signOut);
    $("composer").addEventListener("submit", onSubmit);
    $("composer-input").addEventListener("keydown", onComposerKey);
    $("new-chat").addEventListener("click", newChat);
    $("toggle-conversations").addEventListener("click", () => toggleConversations());
    $("tab-picture").addEventListener("click", () => selectTab("picture"));
    $("tab-json").addEventListener("click", () => selectTab("json"));
    $("tab-picture").addEventListener("keydown", onTabKey);
    $("tab-json").addEventListener("keydown", onTabKey);
    $("zoom-in").addEventListener("click", () => state.picture && state.picture.zoom(1 / 1.25));
    $("zoom-out").addEventListener("click", () => state.picture && state.picture.zoom(1.25));
    $("zoom-fit").addEventListener("click", () => state.picture && state.picture.fit());
    $("zoom-all").addEventListener("click", () => state.picture && state.picture.fitAll());
    $("details-close").addEventListener("click", () => { $("node-details").hidden = true; });
    $("copy-json").addEventListener("click", copyJson);
    $("download-json").addEventListener("click", downloadJson);
    document.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      $("node-details").hidden = true;
      toggleConversations(false);
    });
    new ResizeObserver(() => state.picture && state.picture.fit()).observe($("canvas"));
  }

  boot();
})();
