"""A document the workflow makes, shared with someone afterwards.

"Create a Google Doc from the answers and share it with the respondent", "copy the template in
Google Drive and share the copy with the email they gave": the spec made the document and
stopped. Sharing is a step of its own - the file storage app's "share" operation (n8n's catalog
lists one for Google Drive, OneDrive, Box, Nextcloud); a Google Docs, Sheets or Slides file is
shared through Google Drive, whose file it is. The share gives the person named (an address
written in the request, else the ``email`` field of the item) read access, or write access when
the request says they may edit.

Only a request that says to share what it made ("share it with", "give <someone> access to
the doc") and has a step that makes a file gets it; a request that only shares a link in a
message ("share the link in Slack") does not.
"""

from __future__ import annotations

import re
from typing import Any

from engine.lexicon import EDIT_ACCESS, SHARE_ASK
from engine.offline.operations import candidates
from engine.types import Spec, StepSpec
from nodepilot.workflow import BASE

DRIVE = BASE + "googleDrive"
#: Google's editors keep their files in Drive, which shares them.
_IN_DRIVE = frozenset(BASE + t for t in ("googleDocs", "googleSheets", "googleSlides"))
#: Operations that make the file shared afterwards.
_MAKES = frozenset({"create", "copy", "upload", "createFromText", "duplicate"})

#: The field holding the made file's id, by the node that made it (n8n hands on the Google
#: API's answer: a Doc's ``documentId``, a Sheet's ``spreadsheetId``, a deck's
#: ``presentationId``; a Drive file's ``id``).
_ID_FIELD = {
    BASE + "googleDocs": "documentId",
    BASE + "googleSheets": "spreadsheetId",
    BASE + "googleSlides": "presentationId",
}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _share_operation(node_type: str) -> str | None:
    """The node that shares a file made by ``node_type``: itself when the catalog gives it
    a file "share" operation, Google Drive for Google's editors, else None."""
    if any(c.resource == "file" and c.operation == "share" for c in candidates(node_type)):
        return node_type
    return DRIVE if node_type in _IN_DRIVE else None


def _maker(steps: list[StepSpec]) -> int | None:
    """The last step that makes a file something can share."""
    made = [
        i
        for i, s in enumerate(steps)
        if (s.operation in _MAKES or s.operation is None) and _share_operation(s.node_type)
    ]
    return made[-1] if made else None


def _share_parameters(request: str, clause: str, maker: str) -> dict[str, Any]:
    address = _EMAIL.search(clause) or _EMAIL.search(request)
    permission = {
        "role": "writer" if EDIT_ACCESS.search(clause) else "reader",
        "type": "user",
        "emailAddress": address.group(0) if address else "={{ $json.email }}",
    }
    field = _ID_FIELD.get(maker, "id")
    file_id = {"__rl": True, "mode": "id", "value": "={{ $json." + field + " }}"}
    return {"fileId": file_id, "permissionsUi": {"permissionsValues": permission}}


def with_share_step(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with the made file shared right after the step that makes it (see the
    module docstring); unchanged when nothing makes a file, nothing asks to share it, or a
    step shares it already."""
    asked = SHARE_ASK.search(spec.request)
    at = _maker(steps) if asked else None
    if asked is None or at is None or any(s.operation == "share" for s in steps):
        return steps
    sharer = _share_operation(steps[at].node_type)
    if sharer is None:
        return steps
    clause = spec.request[asked.start() : asked.start() + 120]
    share = StepSpec(
        sharer,
        purpose=clause[:80],
        resource="file",
        operation="share",
        parameters=_share_parameters(spec.request, clause, steps[at].node_type),
        branch=steps[at].branch,
    )
    return [*steps[: at + 1], share, *steps[at + 1 :]]
