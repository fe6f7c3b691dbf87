"""A mail trigger whose attachment is read next downloads it (engine/offline/mail_attachments).

Without ``downloadAttachments`` n8n's Gmail, IMAP and Outlook triggers hand on no binary data,
so the Extract From File step after them reads nothing and the workflow fails on its first
e-mail while looking valid. Requests are our own; outputs must pass the strict validator.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run

from engine.offline.mail_attachments import download_attachments, reads_an_attachment

EXTRACT = BASE + "extractFromFile"


def _node(workflow: dict, node_type: str) -> dict:
    return next(n for n in workflow["nodes"] if n["type"] == node_type)


def _params(workflow: dict, short_type: str) -> dict:
    found = [n for n in workflow["nodes"] if n["type"] == BASE + short_type]
    return found[0]["parameters"] if found else {}


@pytest.mark.parametrize(
    ("request_text", "trigger", "switched_on"),
    [
        (
            "when an email with a PDF invoice arrives in Gmail, extract the text of the "
            "attachment and summarise it with OpenAI, then post the summary to Slack",
            BASE + "gmailTrigger",
            lambda w: (
                _params(w, "gmailTrigger").get("simple") is False
                and _params(w, "gmailTrigger")["options"]["downloadAttachments"] is True
            ),
        ),
        (
            "Each new mail in our IMAP inbox with a PDF attached: pull the text out of the PDF "
            "and have Claude write a two-line summary into Notion",
            BASE + "emailReadImap",
            lambda w: _params(w, "emailReadImap")["downloadAttachments"] is True,
        ),
        (
            "whenever a supplier mails a PDF to our Outlook inbox, read the attached PDF's text "
            "and let GPT pick out the total, then add a row to Google Sheets",
            BASE + "microsoftOutlookTrigger",
            # the Outlook node's attachment download comes first instead: either is fine
            lambda w: (
                _params(w, "microsoftOutlookTrigger").get("options", {}).get("downloadAttachments")
                is True
                or _params(w, "microsoftOutlook").get("operation") == "download"
            ),
        ),
    ],
)
def test_a_read_attachment_is_downloaded_by_its_mail_trigger(
    request_text: str, trigger: str, switched_on
) -> None:
    out = run(request_text)
    assert out.workflow is not None and trigger in out.types and EXTRACT in out.types
    assert switched_on(out.workflow)
    assert out.strict_errors() == []


def test_a_mail_trigger_whose_attachments_nobody_reads_is_left_alone() -> None:
    out = run("when a new email arrives in Gmail from our CEO, forward its subject to Telegram")
    assert out.workflow is not None and EXTRACT not in out.types
    params = _node(out.workflow, BASE + "gmailTrigger")["parameters"]
    assert "downloadAttachments" not in str(params)


def test_only_attachment_reads_count_and_other_triggers_are_untouched() -> None:
    from_data = [{"type": EXTRACT, "parameters": {"binaryPropertyName": "data"}}]
    from_mail = [{"type": EXTRACT, "parameters": {"binaryPropertyName": "attachment_0"}}]
    assert not reads_an_attachment(from_data) and reads_an_attachment(from_mail)
    webhook = {"type": BASE + "webhook", "parameters": {"path": "x"}}
    download_attachments(webhook)
    assert webhook["parameters"] == {"path": "x"}
