"""End to end in a real headless Chromium against a real ``nodepilot serve`` (offline provider):
sign in, watch the stages stream, read the picture from the DOM, download and validate the
JSON, modify, reload and reopen the conversation, run out of credits, and the error states.
Screenshots of each state are saved under the test's tmp dir and runs/web-screenshots/."""

from __future__ import annotations

import base64
import json
from uuid import UUID

import httpx

from engine.validation import validate_workflow
from service import ledger
from tests.llm_server import Reply, running_llm_server
from tests.web_support import (  # noqa: F401 - fixtures
    STAGE_RECORDER,
    TRIAL_CREDITS,
    chromium_browser,
    sign_in,
    start_server,
    stop_server,
    watch,
    web_page,
    web_server,
)

REQUEST = (
    "Every Monday at 9am pull last week's Stripe refunds into a Google Sheet and post a "
    "summary to #finance on Slack"
)
MODIFY = "also email the summary to me with Gmail"
AGENT_REQUEST = (
    "When a chat message arrives, an AI agent with an OpenAI model, memory and a Google Sheets "
    "tool answers the question"
)


def send(page, text: str) -> None:
    page.locator("#composer-input").fill(text)
    page.locator("#composer-input").press("Enter")


def wait_for_version(page, index: int) -> None:
    """Wait for the index-th workflow card, failing at once (with its text) on an error."""
    alerts = page.locator("#thread .alert")
    page.locator(".wf-card").nth(index).or_(alerts).first.wait_for()
    assert alerts.count() == 0, alerts.first.text_content()


def shown_workflow(page) -> dict:
    return json.loads(page.locator("#json-view").text_content())


def count_links(workflow: dict) -> int:
    return sum(
        len(targets)
        for by_type in workflow["connections"].values()
        for outputs in by_type.values()
        for targets in outputs
    )


def api_get(page, path: str) -> dict:
    """A GET with the page's own token, so the test can compare with the stored data."""
    return page.evaluate(
        """async (path) => {
          const r = await fetch(path, {headers: {Authorization:
            'Bearer ' + localStorage.getItem('nodepilot.token')}});
          return r.json();
        }""",
        path,
    )


def assert_picture_matches(page, workflow: dict) -> None:
    canvas = page.locator("#canvas svg.np-canvas")
    assert canvas.locator(".np-node").count() == len(workflow["nodes"])
    assert canvas.locator(".np-edge").count() == count_links(workflow)
    drawn = set(canvas.locator(".np-node").evaluate_all("ns => ns.map(n => n.dataset.nodeName)"))
    assert drawn == {n["name"] for n in workflow["nodes"]}


def test_request_stream_picture_download_modify_reload(web_server, web_page, tmp_path) -> None:  # noqa: F811
    page = web_page.page
    page.add_init_script(STAGE_RECORDER)
    sign_in(page, web_server.base_url, "e2e@example.com")
    web_page.shot("01-signed-in")

    send(page, REQUEST)
    page.locator(".stage[data-state=done]").first.wait_for()
    web_page.shot("02-stages-streaming")
    wait_for_version(page, 0)
    events = page.evaluate("window.__npEvents")
    card_at = next(t for what, t in events if what == "card")
    marked = {what.split(":")[1]: t for what, t in events if what.startswith("stage:")}
    assert {"intent", "optimize", "retrieval", "generation", "validation"} <= set(marked), events
    # the early stages were on screen while the rest still ran (stored and charged after
    # validation, so the last stages may land in the same read as the result)
    assert marked["intent"] < card_at and marked["retrieval"] < card_at, events

    first = shown_workflow(page)
    assert_picture_matches(page, first)
    stored = api_get(page, "/api/workflows?limit=5")["items"][0]["workflow"]
    assert stored["nodes"] == first["nodes"] and stored["connections"] == first["connections"]
    page.locator("#credits-count").filter(has_text=str(TRIAL_CREDITS - 1)).wait_for()
    web_page.shot("03-workflow-picture")

    node = page.locator("#canvas .np-node").nth(1)
    node.focus()
    page.keyboard.press("Enter")
    assert page.locator("#details-name").text_content() == node.get_attribute("data-node-name")
    assert page.locator("#node-details").is_visible()
    web_page.shot("04-node-parameters")
    page.keyboard.press("Escape")

    page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=web_server.base_url
    )
    page.locator("#tab-picture").focus()
    page.keyboard.press("ArrowRight")  # tabs follow the ARIA keyboard pattern
    assert page.locator("#tab-json").get_attribute("aria-selected") == "true"
    assert page.locator("#view-json").is_visible() and page.locator("#view-picture").is_hidden()
    page.locator("#copy-json").click()
    page.locator("#copy-status").filter(has_text="Copied").wait_for()
    assert json.loads(page.evaluate("navigator.clipboard.readText()")) == first
    with page.expect_download() as download_info:
        page.locator("#download-json").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    downloaded = json.loads(target.read_text())
    assert downloaded == first
    report = validate_workflow(downloaded)
    assert report.valid, [f.to_dict() for f in report.errors]
    web_page.shot("05-json-tab")
    page.locator("#tab-picture").click()

    send(page, MODIFY)
    wait_for_version(page, 1)
    second = shown_workflow(page)
    assert {n["name"] for n in second["nodes"]} != {n["name"] for n in first["nodes"]}
    assert_picture_matches(page, second)
    assert "version 2" in page.locator("#workflow-title").text_content()
    page.locator("#credits-count").filter(has_text=str(TRIAL_CREDITS - 2)).wait_for()
    web_page.shot("06-modified")

    page.locator(".wf-card").nth(0).get_by_role("button").click()
    assert "version 1" in page.locator("#workflow-title").text_content()
    assert_picture_matches(page, first)

    page.reload()
    item = page.locator("#conversation-list .conv").first
    item.wait_for()
    assert item.locator(".conv-title").text_content().strip()
    assert item.locator("time").get_attribute("datetime")
    item.locator(".conv-open").click()
    page.locator(".wf-card").nth(1).wait_for()
    assert page.locator(".wf-card").count() == 2
    assert page.locator("#thread .msg-user").count() == 2
    assert_picture_matches(page, second)
    web_page.shot("07-reloaded-conversation")
    page.locator("#new-chat").click()
    assert page.locator("#thread .msg").count() == 0
    assert page.locator("#workflow-panel").is_hidden() and page.locator("#welcome").is_visible()
    assert page.locator("#conversation-list .conv").count() == 1
    assert web_page.own_errors() == []


def test_agent_sub_nodes_and_delete_conversation(web_server, web_page) -> None:  # noqa: F811
    page = web_page.page
    sign_in(page, web_server.base_url, "agent@example.com")
    send(page, AGENT_REQUEST)
    wait_for_version(page, 0)
    workflow = shown_workflow(page)
    assert_picture_matches(page, workflow)
    ai_links = [
        t
        for by_type in workflow["connections"].values()
        for k in by_type
        if k.startswith("ai_")
        for t in by_type[k]
    ]
    assert ai_links, "the offline generator gave the agent no sub-nodes"
    assert page.locator("#canvas .np-edge-ai").count() == sum(len(t) for t in ai_links)
    assert page.locator("#canvas .np-sub").count() >= 1
    web_page.shot("08-agent-with-sub-nodes")

    conv = page.locator("#conversation-list .conv").first
    conv.locator(".conv-delete").click()
    conv.locator(".conv-delete[data-confirm]").click()
    page.locator("#conversation-empty").wait_for(state="visible")
    assert page.locator("#conversation-list .conv").count() == 0
    assert page.locator("#workflow-panel").is_hidden()
    assert web_page.own_errors() == []


def test_out_of_credits(web_server, web_page, db_conn) -> None:  # noqa: F811
    page = web_page.page
    sign_in(page, web_server.base_url, "broke@example.com")
    user_id = UUID(api_get(page, "/api/users/me")["id"])
    taken, _ = ledger.debit_up_to(db_conn, user_id, TRIAL_CREDITS, "adjustment", "test: spend all")
    db_conn.commit()
    assert taken == TRIAL_CREDITS

    send(page, REQUEST)
    alert = page.locator(".alert-credits")
    alert.wait_for()
    assert "out of credits" in alert.text_content()
    assert alert.get_attribute("data-code") == "insufficient_credits"
    page.locator("#credits-count").filter(has_text="0").wait_for()
    assert "credits-empty" in page.locator("#credits").get_attribute("class")
    web_page.shot("09-out-of-credits")
    assert web_page.own_errors(allowed_statuses=(402,)) == []


def test_invalid_input_from_the_service(web_server, web_page) -> None:  # noqa: F811
    """A real 422: a message holding a lone surrogate (pasted binary junk) is refused by the
    service; the page says the message cannot be sent and what to do, and no credit goes."""
    page = web_page.page
    sign_in(page, web_server.base_url, "junk@example.com")
    page.evaluate("""() => { document.getElementById('composer-input').value =
                             'sync \\ud800 rows to sheets'; }""")
    page.locator("#composer-input").press("Enter")
    alert = page.locator(".alert[data-code=invalid_input]")
    alert.wait_for()
    assert "can't be sent" in alert.text_content()
    assert "Shorten or rephrase it" in alert.text_content()
    assert "rows to sheets" in page.locator("#composer-input").input_value()  # back to edit
    page.wait_for_load_state("networkidle")
    assert page.locator("#credits-count").text_content() == str(TRIAL_CREDITS)
    web_page.shot("19-invalid-input")
    assert web_page.own_errors(allowed_statuses=(422,)) == []


ERRORS = {
    422: (
        {"code": "invalid_input", "message": "invalid input — message: too long", "hint": None},
        {},
        "can't be sent",
    ),
    503: (
        {
            "code": "provider_unavailable",
            "message": "the offline provider is not responding",
            "hint": "try again",
        },
        {},
        "provider is unavailable",
    ),
    429: (
        {"code": "rate_limited", "message": "rate limit exceeded", "hint": "wait before retrying"},
        {"Retry-After": "30"},
        "Too many requests",
    ),
}


def error_answer(status: int, error: dict, headers: dict):
    body = json.dumps({"error": {**error, "request_id": "test"}})

    def answer(route, request) -> None:
        route.fulfill(status=status, body=body, content_type="application/json", headers=headers)

    return answer


def test_error_states_say_what_to_do(web_server, web_page) -> None:  # noqa: F811
    """The service's error shapes (from the contract) for rate limits, bad input and a provider
    outage, answered for the chat call only, so the page's handling of each is visible."""
    page = web_page.page
    sign_in(page, web_server.base_url, "errors@example.com")
    for status, (error, headers, said) in ERRORS.items():
        page.route("**/api/chat/message", error_answer(status, error, headers))
        send(page, f"request that gets HTTP {status}")
        alert = page.locator(f".alert[data-code={error['code']}]")
        alert.wait_for()
        assert said in alert.text_content()
        if status == 429:
            assert "30 s" in alert.text_content()
            assert page.locator("#send").is_disabled()
        web_page.shot(f"10-error-{status}")
        page.unroute("**/api/chat/message")
    assert page.locator("#credits-count").text_content() == str(TRIAL_CREDITS)
    assert web_page.own_errors(allowed_statuses=tuple(ERRORS)) == []


def test_phone_width_and_dark_mode(web_server, chromium_browser, tmp_path) -> None:  # noqa: F811
    context = chromium_browser.new_context(
        viewport={"width": 390, "height": 844},
        color_scheme="dark",
        is_mobile=True,
        has_touch=True,
        reduced_motion="reduce",  # no drawer slide mid-screenshot
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    (tmp_path / "shots").mkdir()
    watched = watch(page, tmp_path / "shots")
    try:
        sign_in(page, web_server.base_url, "phone@example.com")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(20, 20, 27)"
        send(page, REQUEST)
        wait_for_version(page, 0)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        canvas = page.locator("#canvas svg").bounding_box()
        assert canvas["width"] <= 390 and canvas["height"] >= 300
        watched.shot("11-phone-dark")
        page.locator("#toggle-conversations").click()
        page.locator("#conversation-list .conv").first.wait_for()
        assert page.locator("#toggle-conversations").get_attribute("aria-expanded") == "true"
        watched.shot("12-phone-conversations")
        assert watched.own_errors() == []
    finally:
        context.close()


def sse(events: list[tuple[str, dict]]) -> str:
    return ": ping\r\n\r\n" + "".join(
        f"event: {name}\r\ndata: {json.dumps(data)}\r\n\r\n" for name, data in events
    )


def edit_page(replacements: dict[str, str]):
    """Serve the real page with its inline public configuration changed (billing or Clerk
    configured), as the service renders it when those settings are present."""

    def answer(route, request) -> None:
        response = route.fetch()
        body = response.text()
        for old, new in replacements.items():
            assert old in body, old
            body = body.replace(old, new)
        route.fulfill(response=response, body=body)

    return answer


def fulfil_json(data: dict, status: int = 200):
    def answer(route, request) -> None:
        route.fulfill(status=status, json=data)

    return answer


CHECKED = {
    "name": "Checked",
    "nodes": [
        {
            "name": "Start",
            "type": "n8n-nodes-base.manualTrigger",
            "typeVersion": 1,
            "position": [0, 0],
            "parameters": {},
        },
        {
            "name": "Check",
            "type": "n8n-nodes-base.if",
            "typeVersion": 2.2,
            "position": [200, 0],
            "parameters": {"conditions": {}},
        },
        {
            "name": "Done",
            "type": "n8n-nodes-base.noOp",
            "typeVersion": 1,
            "position": [400, 0],
            "parameters": {},
        },
    ],
    "connections": {
        "Start": {"main": [[{"node": "Check", "type": "main", "index": 0}]]},
        "Check": {"main": [[], [{"node": "Done", "type": "main", "index": 0}]]},
    },
}


def test_findings_fix_notes_and_checkout(web_server, web_page) -> None:  # noqa: F811
    """A streamed result carrying findings and repairs (served to the page in the service's SSE
    format), then the out-of-credits state when billing is configured, whose button starts a
    checkout with the first purchasable pack."""
    page = web_page.page
    billing_on = edit_page({'data-billing="false"': 'data-billing="true"'})
    page.route(web_server.base_url + "/", billing_on)
    sign_in(page, web_server.base_url, "checkout@example.com")
    done = {
        "conversation_id": "00000000-0000-4000-8000-000000000001",
        "message_id": "00000000-0000-4000-8000-000000000002",
        "intent": "workflow_request",
        "status": "succeeded",
        "answer": None,
        "workflow": CHECKED,
        "workflow_id": "00000000-0000-4000-8000-000000000003",
        "findings": [
            {
                "code": "W1",
                "severity": "warning",
                "node": "Check",
                "message": "the true output leads nowhere",
            }
        ],
        "fixes": [{"code": "F1", "node": "Check", "message": "set typeVersion to 2.2"}],
        "credits_left": 7,
        "timings_ms": {},
    }
    stream = sse(
        [
            ("stage", {"stage": "intent", "ms": 3}),
            ("stage", {"stage": "repair", "ms": 2}),
            ("done", done),
        ]
    )
    page.route(
        "**/api/chat/message",
        lambda route, request: route.fulfill(
            status=200, body=stream, headers={"Content-Type": "text/event-stream"}
        ),
    )
    send(page, "check something")
    page.locator(".wf-card").first.wait_for()
    assert page.locator("#credits-count").text_content() == "7"
    assert [s.get_attribute("data-stage") for s in page.locator(".stage").all()] == [
        "intent",
        "repair",
    ]
    badge = page.locator('#canvas .np-node[data-node-name="Check"] .np-badge-warning')
    assert badge.locator("text").text_content() == "1"
    assert page.locator("#canvas .np-edge-label").all_text_contents() == ["false"]
    page.locator('#canvas .np-node[data-node-name="Check"]').click()
    assert "leads nowhere" in page.locator("#details-findings").text_content()
    page.locator("#details-close").click()
    page.locator("#tab-json").click()
    assert "set typeVersion to 2.2" in page.locator("#fix-notes").text_content()
    web_page.shot("13-findings-and-fix-notes")

    page.unroute("**/api/chat/message")
    page.route(
        "**/api/chat/message",
        fulfil_json(
            {
                "error": {
                    "code": "insufficient_credits",
                    "message": "you have no credits left for this request",
                    "hint": "buy credits or choose a plan at /api/billing/checkout",
                    "request_id": "t",
                    "checkout_url": "/api/billing/checkout",
                }
            },
            status=402,
        ),
    )
    page.route(
        "**/api/billing/plans",
        fulfil_json(
            {
                "billing": True,
                "plans": [],
                "packs": [
                    {
                        "key": "payg_100",
                        "name": "100 credits",
                        "price_usd": 10,
                        "credits": 100,
                        "purchasable": True,
                    }
                ],
            }
        ),
    )
    asked: list[dict] = []

    def checkout(route, request) -> None:
        asked.append(json.loads(request.post_data))
        route.fulfill(json={"url": web_server.base_url + "/checkout-page"})

    page.route("**/api/billing/checkout", checkout)
    page.route(
        "**/checkout-page",
        lambda route, request: route.fulfill(
            body="<!doctype html><title>checkout</title>", content_type="text/html"
        ),
    )
    send(page, "one more")
    buy = page.locator(".alert-credits button.buy")
    buy.wait_for()
    web_page.shot("14-out-of-credits-with-checkout")
    buy.click()
    page.wait_for_url("**/checkout-page")
    assert asked == [{"pack": "payg_100"}]
    assert web_page.own_errors(allowed_statuses=(402,)) == []


FRONTEND_API = "example-app.clerk.accounts.dev"
CLERK_KEY = "pk_test_" + base64.b64encode(f"{FRONTEND_API}$".encode()).decode()
CLERK_JS = f"https://{FRONTEND_API}/npm/@clerk/clerk-js@5/dist/clerk.browser.js"
# A stand-in for clerk-js with the members the page uses (load, user, session.getToken,
# redirectToSignIn, signOut): no network here, so the real script cannot be fetched.
FAKE_CLERK = """
window.Clerk = {
  user: window.__clerkToken ? { primaryEmailAddress: { emailAddress: 'clerk@example.com' } } : null,
  session: { getToken: async () => window.__clerkToken },
  load: async () => undefined,
  signOut: async () => undefined,
  redirectToSignIn: (options) => { window.__clerkRedirect = options; },
};
"""


CLERK_CONFIG = {
    'data-auth="dev"': 'data-auth="clerk"',
    'data-clerk-key=""': f'data-clerk-key="{CLERK_KEY}"',
}


def test_clerk_hosted_sign_in(web_server, web_page) -> None:  # noqa: F811
    """With a publishable key the page loads clerk-js from the key's Frontend API, sends a
    signed-out visitor to Clerk's hosted sign-in, and uses the session's token once signed in."""
    page = web_page.page
    asked: list[str] = []

    def clerk_script(route, request) -> None:
        asked.append(request.url)
        route.fulfill(
            body=FAKE_CLERK,
            content_type="text/javascript",
            headers={"Access-Control-Allow-Origin": "*"},
        )

    page.route(web_server.base_url + "/", edit_page(CLERK_CONFIG))
    page.route(f"https://{FRONTEND_API}/**", clerk_script)
    page.goto(web_server.base_url + "/")
    page.locator("#clerk-button").click()
    assert asked == [CLERK_JS]
    assert page.evaluate("window.__clerkRedirect")["signInForceRedirectUrl"].startswith(
        web_server.base_url
    )
    assert page.locator("#dev-sign-in").is_hidden()
    web_page.shot("15-clerk-sign-in")

    token = httpx.post(
        web_server.base_url + "/api/dev/token", json={"email": "clerk@example.com"}
    ).json()["token"]
    page.add_init_script(f"window.__clerkToken = {json.dumps(token)};")
    page.reload()
    page.locator("#credits-count").filter(has_text=str(TRIAL_CREDITS)).wait_for()
    assert page.locator("#user-email").text_content() == "clerk@example.com"
    assert web_page.own_errors() == []


def contrast(fg: list[float], bg: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


COLOURS_JS = """(selectors) => selectors.map((sel) => {
  const el = document.querySelector(sel);
  if (!el) return [sel, null, null];
  const rgb = (s) => s.match(/[\\d.]+/g).map(Number);
  let bgEl = el, bg = 'rgba(0, 0, 0, 0)';
  while (bgEl && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
    bg = getComputedStyle(bgEl).backgroundColor;
    bgEl = bgEl.parentElement;
  }
  return [sel, rgb(getComputedStyle(el).color), rgb(bg)];
})"""
TEXT_SELECTORS = [
    "#composer-help",
    ".msg-user .bubble",
    "#send",
    ".stage-name",
    ".wf-card p",
    ".conv-open time",
    ".credits-label",
    "#tab-picture",
    "#tab-json",
    ".section-title",
]


def test_text_contrast_light_and_dark(web_server, web_page) -> None:  # noqa: F811
    """WCAG AA (4.5:1) for the page's text in both colour schemes."""
    page = web_page.page
    page.route(
        "**/api/chat/message",
        lambda route, request: route.fulfill(
            status=200,
            body=sse(
                [
                    ("stage", {"stage": "intent", "ms": 1}),
                    (
                        "done",
                        {
                            "conversation_id": "00000000-0000-4000-8000-000000000009",
                            "message_id": "00000000-0000-4000-8000-00000000000a",
                            "intent": "workflow_request",
                            "status": "succeeded",
                            "answer": None,
                            "workflow": CHECKED,
                            "workflow_id": None,
                            "findings": [],
                            "fixes": [],
                            "credits_left": 3,
                            "timings_ms": {},
                        },
                    ),
                ]
            ),
            headers={"Content-Type": "text/event-stream"},
        ),
    )
    sign_in(page, web_server.base_url, "contrast@example.com")
    send(page, "anything")
    page.locator(".wf-card").first.wait_for()
    page.wait_for_load_state("networkidle")  # the conversation list refresh has landed
    page.evaluate("""() => { const li = document.createElement('li'); li.className = 'conv';
      li.innerHTML = '<button class="conv-open"><time>today</time></button>';
      document.getElementById('conversation-list').append(li); }""")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for sel, fg, bg in page.evaluate(COLOURS_JS, TEXT_SELECTORS):
            assert fg is not None, f"nothing matches {sel}"
            assert contrast(fg, bg) >= 4.5, (scheme, sel, fg, bg)
    web_page.shot("16-dark-desktop")


def test_provider_down_says_so_and_charges_nothing(indexed, chromium_browser, tmp_path) -> None:  # noqa: F811
    """A real outage: the service's Anthropic provider talks to a local server that answers
    every call with 503; the page says the provider is unavailable and the credit stays."""
    shots = tmp_path / "shots"
    shots.mkdir()
    with running_llm_server() as llm:
        llm.push(*[Reply.error(503, retry_after="0", message="overloaded") for _ in range(40)])
        server = start_server(
            indexed,
            tmp_path,
            {
                "NODEPILOT_PROVIDER": "anthropic",
                "NODEPILOT_ANTHROPIC_API_KEY": "test-key",
                "NODEPILOT_ANTHROPIC_BASE_URL": llm.url,
            },
        )
        context = chromium_browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.set_default_timeout(60_000)
            watched = watch(page, shots)
            sign_in(page, server.base_url, "outage@example.com")
            send(page, REQUEST)
            alert = page.locator("#thread .alert")
            alert.wait_for()
            assert alert.get_attribute("data-code") == "provider_unavailable", alert.text_content()
            assert "provider is unavailable" in alert.text_content()
            assert "No credit was used" in alert.text_content()
            assert llm.requests, "the service never called the provider"
            page.wait_for_load_state("networkidle")
            assert page.locator("#credits-count").text_content() == str(TRIAL_CREDITS)
            watched.shot("17-provider-down")
            assert watched.own_errors() == []
        finally:
            context.close()
            stop_server(server)


def test_rate_limited_says_when_to_retry(indexed, chromium_browser, tmp_path) -> None:  # noqa: F811
    """A real 429: a service allowing 6 requests a minute; the user keeps sending until the
    service refuses, and the page says when to try again and keeps Send off."""
    from service.auth import devtokens

    shots = tmp_path / "shots"
    shots.mkdir()
    # a token made directly: the dev sign-in endpoint counts per address, which this test
    # session's other users share
    token = devtokens.create_token(indexed, "hasty@example.com")
    server = start_server(indexed, tmp_path, {"NODEPILOT_RATE_LIMIT_PER_MINUTE": "6"})
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        watched = watch(page, shots)
        page.goto(server.base_url + "/")
        page.locator("#dev-sign-in").wait_for()
        page.evaluate("t => localStorage.setItem('nodepilot.token', t)", token)
        page.reload()
        page.locator("#credits-count").filter(has_text=str(TRIAL_CREDITS)).wait_for()
        limited = page.locator(".alert[data-code=rate_limited]")
        for attempt in range(6):
            send(page, f"{REQUEST} (attempt {attempt})")
            page.locator("#thread .msg-assistant:not([aria-busy])").nth(attempt).wait_for()
            if limited.count():
                break
        assert limited.count() == 1, page.locator("#thread").text_content()
        assert "Too many requests" in limited.text_content()
        assert "Try again in" in limited.text_content()
        assert page.locator("#send").is_disabled()
        watched.shot("18-rate-limited")
        assert watched.own_errors(allowed_statuses=(429,)) == []
    finally:
        context.close()
        stop_server(server)
