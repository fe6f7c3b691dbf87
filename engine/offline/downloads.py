"""A file that starts the workflow is downloaded before anything reads it.

A file-storage trigger (Google Drive, OneDrive, Box) hands the workflow the file's metadata - its
id, name, folder - never its content. "When a PDF lands in Google Drive, extract its text" needs
the storage app's own *download* step between the trigger and the step that reads the file, or
the extraction gets nothing. The rule reads the catalog, the same for every app:

1. the trigger's app node (``googleDriveTrigger`` -> ``googleDrive``) has a download operation;
2. a step reads a file's content: extraction, image editing, compression, an AI step on audio,
   images or documents, a vector store's document loader, or an upload to another place;
3. no step of the trigger's app is already there (the request said "download it").
"""

from __future__ import annotations

from engine.offline.operations import candidates
from engine.types import Spec, StepSpec
from indexing.catalog.load import load_catalog
from nodepilot.workflow import BASE, LC

#: Steps that read the content of a file, whatever else they do.
FILE_READERS = frozenset(
    {
        BASE + "extractFromFile",
        BASE + "editImage",
        BASE + "compression",
        BASE + "readPDF",
        BASE + "readBinaryFile",
        LC + "openAi",
        LC + "googleGemini",
        LC + "anthropic",
        LC + "documentDefaultDataLoader",
        LC + "documentBinaryInputLoader",
    }
)
#: Operations that send a file somewhere: the file must be there to send.
_SENDING_FILES = frozenset({"upload", "uploadFile", "copyFile"})


def _download_of(node_type: str) -> tuple[str | None, str] | None:
    """The (resource, operation) of the node's download of a file; None when it has none."""
    found = [c for c in candidates(node_type) if (c.operation or "").lower() == "download"]
    found.sort(key=lambda c: c.resource != "file")  # "file/download" before others
    return (found[0].resource, found[0].operation or "download") if found else None


#: The triggering file's id: where the Google Drive and OneDrive triggers put it (a Box event
#: carries it in `source.id`; the user adjusts that one).
_TRIGGER_FILE_ID = "={{ $json.id }}"


def _file_id(node_type: str) -> dict[str, object]:
    """The download's ``fileId`` set to the triggering file's id, in the shape the node's
    parameter takes (a resource locator by id, or plain text); empty when it has none."""
    nv = load_catalog().get(node_type)
    prop = next((p for p in nv.properties if p.name == "fileId"), None) if nv else None
    if prop is None:
        return {}
    if prop.type == "resourceLocator":
        return {"fileId": {"__rl": True, "mode": "id", "value": _TRIGGER_FILE_ID}}
    return {"fileId": _TRIGGER_FILE_ID}


def _reads_a_file(step: StepSpec) -> bool:
    if step.node_type.startswith(LC + "vectorStore"):
        return step.operation == "insert"  # its document loader reads the file
    return step.node_type in FILE_READERS or (step.operation or "") in _SENDING_FILES


def with_download_step(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with the trigger's app downloading the file first, when the module's rule
    applies; ``steps`` unchanged otherwise."""
    trigger = spec.trigger.node_type or ""
    if not trigger.endswith("Trigger"):
        return steps
    app = trigger.removesuffix("Trigger")
    if not load_catalog().has_type(app) or any(s.node_type == app for s in steps):
        return steps
    download = _download_of(app)
    stores_documents = bool(spec.ai and spec.ai.vector_store)  # its loader reads the file
    if download is None or not (stores_documents or any(_reads_a_file(s) for s in steps)):
        return steps
    resource, operation = download
    step = StepSpec(
        app,
        purpose="Download the file that started the workflow",
        resource=resource,
        operation=operation,
        parameters=_file_id(app),
    )
    return [step, *steps]
