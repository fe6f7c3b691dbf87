"""A mail trigger passes its attachments on only when asked to.

n8n's Gmail Trigger, Email Trigger (IMAP) and Outlook Trigger hand on the message's fields but
no binary data unless ``downloadAttachments`` is on (and, for Gmail, the simplified output is
off, since the options are hidden while it is on). An Extract From File step reading
``attachment_0`` right after such a trigger would therefore find nothing at run time; the
workflow imports and validates, and fails on its first e-mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nodepilot.workflow import BASE

EXTRACT_FROM_FILE = BASE + "extractFromFile"
#: The binary property prefix the three mail triggers give attachments by default.
ATTACHMENT_PREFIX = "attachment_"


def reads_an_attachment(nodes: Iterable[dict[str, Any]]) -> bool:
    """Some Extract From File step reads a binary property named like a mail attachment."""
    return any(
        node.get("type") == EXTRACT_FROM_FILE
        and str((node.get("parameters") or {}).get("binaryPropertyName", "")).startswith(
            ATTACHMENT_PREFIX
        )
        for node in nodes
    )


def download_attachments(trigger: dict[str, Any]) -> None:
    """Turn on the trigger's attachment download (in place); other triggers are left alone."""
    params = trigger.setdefault("parameters", {})
    kind = trigger.get("type")
    if kind == BASE + "gmailTrigger":
        params["simple"] = False
        params.setdefault("options", {})["downloadAttachments"] = True
    elif kind == BASE + "emailReadImap":
        params["downloadAttachments"] = True
    elif kind == BASE + "microsoftOutlookTrigger":
        params.setdefault("options", {})["downloadAttachments"] = True
