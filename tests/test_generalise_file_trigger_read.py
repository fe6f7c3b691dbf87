"""A file-store trigger's event is a file, whatever the request calls it: "meeting notes
dropped into our Drive folder", "transcripts uploaded to OneDrive". When an AI step works on
it, the file is downloaded and its text extracted first (engine/offline/summary.py
``_triggering_file``, engine/offline/downloads.py).

Before, the rule waited for a file word (PDF, document, file ...), so "podcast transcripts
(.txt) get uploaded to our OneDrive folder -> Claude turns each into show notes" handed the AI
the trigger's metadata. A photo or a recording is no text to extract, and a new folder is no
file. Requests are our own.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run

EXTRACT = BASE + "extractFromFile"


@pytest.mark.parametrize(
    ("text", "store"),
    [
        (
            "Whenever meeting notes are dropped into our Google Drive 'Notes' folder, have "
            "Claude summarise them and post the summary in Slack",
            "googleDrive",
        ),
        (
            "when a new transcript lands in OneDrive, let GPT write a blog draft from it and "
            "save it in WordPress",
            "microsoftOneDrive",
        ),
        (
            "interview write-ups get uploaded to our Drive folder; Gemini scores each candidate "
            "and the score goes into Airtable",
            "googleDrive",
        ),
    ],
)
def test_the_ai_reads_the_text_of_what_landed_in_the_store(text: str, store: str) -> None:
    out = run(text)
    assert out.workflow is not None
    order = [n["type"] for n in out.workflow["nodes"]]
    assert BASE + store in order and EXTRACT in order, order
    assert out.strict_errors() == []


@pytest.mark.parametrize(
    "text",
    [
        "when a product photo is added to our Google Drive folder, have OpenAI write an alt "
        "text and save it to Airtable",
        "when a new folder is created in Google Drive, post its name to Slack",
    ],
)
def test_no_text_extraction_for_photos_or_folders(text: str) -> None:
    out = run(text)
    assert out.workflow is not None and EXTRACT not in out.types
