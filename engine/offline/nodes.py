"""Hand-shaped parameters for the nodes whose structure the catalog alone cannot guess.

Triggers (schedule rules, webhook paths, form fields), flow control (IF/Switch conditions in
n8n's filter format, Set assignments), Code, HTTP Request and the AI roots need values that make
the workflow *do* something, not just pass validation. Shapes follow our canonical templates in
``seeds/templates/``. Everything else goes through the generic catalog filler in ``params``.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from engine.lexicon import (
    API_OR_SENDING_STEP,
    CLAUSE_BEFORE_URL,
    COMPARISON_OPERATORS,
    CONTAINS_CONDITION,
    FAILURE_CONDITION_WORDS,
    FORM_FIELD_WORDS,
    FORM_NAME_WORDS,
    METHOD_BEFORE_URL,
    NUMERIC_COMPARISON,
    PAGE_READ_WITHOUT_URL,
    QUOTED_EQUALS_CONDITION,
    SCHEDULE_WEEKDAY_NUMBERS,
    SLUG_STOP_WORDS,
    TAGGED_CONDITION,
    URL_VERB_METHODS,
    WEB_ADDRESS,
)
from engine.offline.params import placeholder
from nodepilot.workflow import BASE, LC

_NS = uuid.UUID("3b0e7f5e-8d5a-4d0c-9f53-6a1c2b9e0d41")

#: Which JSON field holds the main text a node outputs (for expressions in the next node).
OUTPUT_FIELD: dict[str, str] = {
    LC + "agent": "output",
    LC + "chainLlm": "text",
    LC + "chainSummarization": "output.text",
    LC + "chainRetrievalQa": "response",
    LC + "informationExtractor": "output",
    LC + "chatTrigger": "chatInput",
    LC + "openAi": "message.content",
    LC + "anthropic": "content[0].text",
    LC + "googleGemini": "content.parts[0].text",
    BASE + "httpRequest": "data",
    BASE + "gmailTrigger": "snippet",
    BASE + "telegramTrigger": "message.text",
    BASE + "code": "summary",
    # a PDF's text; a text file's too, read into "text" (``engine.offline.summary``)
    BASE + "extractFromFile": "text",
}


def stable_id(*parts: str) -> str:
    """Deterministic UUID for ids inside parameters (conditions, assignments)."""
    return str(uuid.uuid5(_NS, "\x1f".join(parts)))


def text_expression(prev_type: str | None, prev_name: str | None) -> str:
    """An expression for "the text the previous step produced"."""
    if prev_type is None:
        return "={{ JSON.stringify($json) }}"
    field = OUTPUT_FIELD.get(prev_type)
    if field:
        return "={{ $json." + field + " }}"
    return "={{ JSON.stringify($json) }}"


# ------------------------------------------------------------------ triggers


def _int(v: Any, default: int) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def _weekday(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v % 7
    if isinstance(v, str):
        key = v.strip().lower()
        for name, num in SCHEDULE_WEEKDAY_NUMBERS.items():
            if name.startswith(key[:3]) and len(key) >= 3:
                return num
        if key.isdigit():
            return int(key) % 7
    return None


def schedule_rule(schedule: dict[str, Any] | None) -> dict[str, Any]:
    """``scheduleTrigger`` parameters from a parsed schedule.

    Accepts ``interval`` (minutes/hours/days/weeks/months, singular or plural), ``every``,
    ``hour``, ``minute``, ``weekday`` (name, number or list), ``weekdays_only`` / ``weekdays``
    and ``cron``; unknown shapes fall back to daily at 09:00.
    """
    s = dict(schedule or {})
    cron = s.get("cron") or s.get("expression")
    hour = _int(s.get("hour", s.get("at_hour", 9)), 9) % 24
    minute = _int(s.get("minute", 0), 0) % 60
    interval = str(s.get("interval") or s.get("unit") or s.get("field") or "days").lower()
    interval = (
        interval.rstrip("s") + "s"
        if interval.rstrip("s")
        in (
            "minute",
            "hour",
            "day",
            "week",
            "month",
        )
        else interval
    )
    every = max(1, _int(s.get("every", s.get("value", 1)), 1))
    weekday = s.get("weekday", s.get("weekdays", s.get("day_of_week")))
    if s.get("weekdays_only") or (
        isinstance(weekday, str)
        and weekday.lower()
        in (
            "weekdays",
            "mon-fri",
            "workdays",
        )
    ):
        cron = cron or f"{minute} {hour} * * 1-5"
    if isinstance(cron, str) and cron.strip():
        return {"rule": {"interval": [{"field": "cronExpression", "expression": cron.strip()}]}}
    if interval in ("minutes",):
        return {"rule": {"interval": [{"field": "minutes", "minutesInterval": every}]}}
    if interval in ("hours",):
        item: dict[str, Any] = {"field": "hours", "hoursInterval": every}
        if minute:
            item["triggerAtMinute"] = minute
        return {"rule": {"interval": [item]}}
    if interval in ("weeks",):
        days = weekday if isinstance(weekday, list) else [weekday]
        nums = sorted({d for d in (_weekday(x) for x in days) if d is not None}) or [1]
        item = {"field": "weeks", "weeksInterval": every, "triggerAtDay": nums}
        item["triggerAtHour"] = hour
        if minute:
            item["triggerAtMinute"] = minute
        return {"rule": {"interval": [item]}}
    if interval in ("months",):
        item = {
            "field": "months",
            "monthsInterval": every,
            "triggerAtDayOfMonth": max(1, min(31, _int(s.get("day_of_month", s.get("day", 1)), 1))),
            "triggerAtHour": hour,
        }
        if minute:
            item["triggerAtMinute"] = minute
        return {"rule": {"interval": [item]}}
    if (
        weekday is not None
        and _weekday(weekday if not isinstance(weekday, list) else None) is not None
    ):
        item = {"field": "weeks", "weeksInterval": 1, "triggerAtDay": [_weekday(weekday)]}
        item["triggerAtHour"] = hour
        if minute:
            item["triggerAtMinute"] = minute
        return {"rule": {"interval": [item]}}
    item = {"field": "days", "daysInterval": every, "triggerAtHour": hour}
    if minute:
        item["triggerAtMinute"] = minute
    return {"rule": {"interval": [item]}}


def slug(text: str, limit: int = 40) -> str:
    """A URL path segment from free text."""
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in SLUG_STOP_WORDS]
    out: list[str] = []
    for w in words:
        if len("-".join([*out, w])) > limit:
            break
        out.append(w)
    return "-".join(out[:5]) or "incoming"


def webhook_params(request: str, respond_node: bool) -> dict[str, Any]:
    params: dict[str, Any] = {"httpMethod": "POST", "path": slug(request, 30), "options": {}}
    if respond_node:
        params["responseMode"] = "responseNode"
    return params


def form_params(request: str) -> dict[str, Any]:
    """Form Trigger with fields named in the request (name/email as the usual minimum)."""
    low = request.lower()
    fields: list[dict[str, Any]] = []
    seen: set[str] = set()
    for word, label, ftype in FORM_FIELD_WORDS:
        if word in low and label not in seen:
            seen.add(label)
            f: dict[str, Any] = {"fieldLabel": label}
            if ftype != "text":
                f["fieldType"] = ftype
            if label in ("Name", "Email"):
                f["requiredField"] = True
            fields.append(f)
    if not fields:
        fields = [
            {"fieldLabel": "Name", "requiredField": True},
            {"fieldLabel": "Email", "fieldType": "email", "requiredField": True},
        ]
    title = _title(request)
    return {"formTitle": title, "formFields": {"values": fields}, "options": {}}


def _title(request: str) -> str:
    """ "our demo request form" -> "Demo request"; otherwise a neutral title."""
    m = FORM_NAME_WORDS.search(request.lower())
    if m:
        words = [
            w for w in m.group(1).split() if w not in SLUG_STOP_WORDS and w not in ("n8n", "web")
        ]
        if words:
            title = " ".join(words[-3:])
            return title[:1].upper() + title[1:]
    return "Submit your details"


# ------------------------------------------------------------------ flow control


def _condition(
    key: str, left: str, op_type: str, operation: str, right: Any = None
) -> dict[str, Any]:
    cond: dict[str, Any] = {
        "id": stable_id(key, left, operation),
        "leftValue": left,
        "operator": {"type": op_type, "operation": operation},
    }
    if operation in ("exists", "notExists", "empty", "notEmpty", "true", "false"):
        cond["operator"]["singleValue"] = True
        cond["rightValue"] = ""
    else:
        cond["rightValue"] = right if right is not None else ""
    return cond


def _filter(conditions: list[dict[str, Any]], case_sensitive: bool = True) -> dict[str, Any]:
    return {
        "options": {
            "caseSensitive": case_sensitive,
            "leftValue": "",
            "typeValidation": "loose",
            "version": 3,
        },
        "conditions": conditions,
        "combinator": "and",
    }


def condition_from_text(text: str, key: str) -> dict[str, Any]:
    """An n8n filter condition read from "if X > 60" style text, else a field-exists check."""
    m = NUMERIC_COMPARISON.search(text or "")
    if m:
        field = re.sub(r"\W+", "_", m.group("field").strip().split(" ")[-1]) or "value"
        num = float(m.group("num"))
        right: float | int = int(num) if num.is_integer() else num
        op = COMPARISON_OPERATORS.get(m.group("op").lower(), "gt")
        return _condition(key, "={{ $json." + field + " }}", "number", op, right)
    low = (text or "").lower()
    tag = TAGGED_CONDITION.search(low)
    if tag:
        left = "={{ JSON.stringify($json.tags ?? $json.labels ?? '') }}"
        return _condition(key, left, "string", "contains", tag.group(1))
    has = CONTAINS_CONDITION.search(low)
    if has and has.group(1) not in SLUG_STOP_WORDS:
        return _condition(
            key, "={{ $json." + has.group(1) + " }}", "string", "contains", has.group(2)
        )
    quoted = QUOTED_EQUALS_CONDITION.search(low)
    if quoted and quoted.group(1) not in SLUG_STOP_WORDS:
        return _condition(
            key, "={{ $json." + quoted.group(1) + " }}", "string", "equals", quoted.group(2)
        )
    words = re.findall(r"[a-z]+", low)
    if any(w in FAILURE_CONDITION_WORDS for w in words):
        # "if it's down / fails": the previous step reported an error
        return _condition(key, "={{ $json.error }}", "string", "exists")
    field = next(
        (
            w
            for w in words
            if len(w) > 2
            and w not in SLUG_STOP_WORDS
            and w not in ("if", "otherwise", "else", "only")
        ),
        "status",
    )
    return _condition(key, "={{ $json." + field + " }}", "string", "notEmpty")


def if_params(condition_text: str, key: str) -> dict[str, Any]:
    return {
        "conditions": _filter([condition_from_text(condition_text, key)]),
        "looseTypeValidation": True,
        "options": {},
    }


def filter_params(condition_text: str, key: str) -> dict[str, Any]:
    return {"conditions": _filter([condition_from_text(condition_text, key)]), "options": {}}


def switch_params(labels: list[str], key: str, field: str = "category") -> dict[str, Any]:
    """Switch (rules mode) with one output per label, renamed to the label."""
    values = []
    for label in labels:
        cond = _condition(key + label, "={{ $json." + field + " }}", "string", "equals", label)
        values.append(
            {
                "conditions": _filter([cond], case_sensitive=False),
                "renameOutput": True,
                "outputKey": label[:40],
            }
        )
    return {"rules": {"values": values}, "options": {}}


def set_params(fields: list[tuple[str, str]], key: str) -> dict[str, Any]:
    return {
        "assignments": {
            "assignments": [
                {"id": stable_id(key, name), "name": name, "value": value, "type": "string"}
                for name, value in fields
            ]
        },
        "options": {},
    }


def code_params(purpose: str) -> dict[str, Any]:
    comment = re.sub(r"[\r\n*/]+", " ", purpose or "Transform the incoming items")[:120]
    code = (
        f"// {comment}\n"
        "const results = [];\n"
        "for (const item of $input.all()) {\n"
        "  results.push({ json: { ...item.json } });\n"
        "}\n"
        "return results;"
    )
    return {"jsCode": code}


def http_params(request: str, purpose: str) -> dict[str, Any]:
    """An HTTP Request's URL and method: the URL the request writes (whole, though the step's
    purpose may cut it), the method it names ("GET https://..."), else the one its verb
    means (``url_method``)."""
    m = WEB_ADDRESS.search(purpose or "") or WEB_ADDRESS.search(request or "")
    url = m.group(0).rstrip(".,;") if m else "https://api.example.com/REPLACE_WITH_ENDPOINT"
    whole = [u.rstrip(".,;") for u in WEB_ADDRESS.findall(request or "") if u.startswith(url)]
    url = max(whole, key=len) if whole else url
    low = (purpose or "").lower()
    params: dict[str, Any] = {"url": url, "options": {}}
    named = METHOD_BEFORE_URL.search(request or "")
    if named:  # said, even GET: else the mined typical configuration (POST) is taken
        params["method"] = named.group(1)
        return params
    at = low.find(url.lower()[:30]) if m else -1
    method = url_method(low[:at]) if at >= 0 else _page_read(low)
    if method is None and any(w in low for w in ("post ", "send ", "submit", "create", "upload")):
        method = "POST"
    if method is None:
        return params  # nothing says: the mined typical configuration decides
    params["method"] = method  # said, even GET, so the mined typical (POST) is not taken
    if method in ("POST", "PATCH", "PUT"):
        params["sendBody"] = True
        params["specifyBody"] = "json"
        params["jsonBody"] = "={{ JSON.stringify($json) }}"
    return params


def _page_read(purpose: str) -> str | None:
    """GET when the step reads a web page it names without a URL (``PAGE_READ_WITHOUT_URL``)
    and calls no API it names (Firecrawl, Bright Data: their methods are their own)."""
    if API_OR_SENDING_STEP.search(purpose):
        return None  # a call to a named API, or one that sends: not a page read
    return "GET" if PAGE_READ_WITHOUT_URL.search(purpose) else None


def url_method(before_url: str) -> str | None:
    """The method meant by the last verb of ``before_url`` (the clause up to a URL), within
    its last clause; None when no verb there says one."""
    clause = CLAUSE_BEFORE_URL.split(before_url)[-1]
    found = [(m.end(), method) for rx, method in URL_VERB_METHODS for m in rx.finditer(clause)]
    return max(found)[1] if found else None


def api_call_params(
    base_url: str, obj: str, credential: str, write: bool, method: str = ""
) -> dict[str, Any]:
    """An HTTP Request to an app's own API with the app's n8n credential ("predefined
    credential type"): what n8n suggests when the app's node has no operation for the job.
    The path is the object's name under the API's base URL: a guess, which the user checks
    against the API's reference (the base URL is the catalog's, or a marked placeholder).
    ``method`` (the clause's verb: DELETE, PATCH ...) wins over ``write``'s POST/GET."""
    path = re.sub(r"[^a-z0-9_-]+", "_", obj.lower()).strip("_") or "REPLACE_WITH_PATH"
    method = method or ("POST" if write else "GET")
    write = method in ("POST", "PATCH", "PUT")
    params: dict[str, Any] = {
        "method": method,
        "url": f"{base_url}/{path}",
        "authentication": "predefinedCredentialType",
        "nodeCredentialType": credential,
        "options": {},
    }
    if write:
        params["sendBody"] = True
        params["specifyBody"] = "json"
        params["jsonBody"] = "={{ JSON.stringify($json) }}"
    else:
        # a read sends no body; said explicitly so the mined typical HTTP configuration
        # (mostly POSTs with a body) does not switch one on
        params["sendBody"] = False
    return params


def respond_params(prev_type: str | None) -> dict[str, Any]:
    return {
        "respondWith": "json",
        "responseBody": "={{ JSON.stringify($json) }}",
        "options": {},
    }


# ------------------------------------------------------------------ AI


def agent_params(chat_input: bool, prompt: str, text_expr: str) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if not chat_input:
        params["promptType"] = "define"
        params["text"] = text_expr
    params["options"] = {"systemMessage": prompt or "You are a helpful assistant."}
    return params


def chain_params(chat_input: bool, prompt: str, text_expr: str) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if not chat_input:
        params["promptType"] = "define"
        params["text"] = "=" + (prompt + "\n\n" if prompt else "") + "{{ " + text_expr[4:-3] + " }}"
    return params


def memory_params(chat_input: bool) -> dict[str, Any]:
    params: dict[str, Any] = {"contextWindowLength": 10}
    if not chat_input:
        params["sessionIdType"] = "customKey"
        params["sessionKey"] = "={{ $execution.id }}"
    return params


def output_parser_params() -> dict[str, Any]:
    return {
        "jsonSchemaExample": '{\n  "summary": "one sentence",\n  "category": "general",\n'
        '  "priority": "low"\n}'
    }


def tool_description(app: str, purpose: str) -> str:
    return (purpose or f"Use {app} when the request needs it.")[:200]


def placeholder_text(name: str) -> str:
    return placeholder(name)
