"""An app whose trigger node is named for a product said in the singular (issue #17 Part 2,
session 10, HT5): "our Facebook lead ad" is Facebook Lead Ads (its trigger), not a schedule and
the Graph API. The catalog's names of two or more words ending in a plural also answer to the
singular, unless that names something else. Must not change: a plain word that is a one-word
app name in the plural ("current" is not Currents)."""

from __future__ import annotations

import pytest
from generalise_support import BASE, run


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("whenever a new lead fills in our Facebook lead ad, add them to HubSpot",
         "facebookLeadAdsTrigger"),
        ("Each time someone answers our Facebook lead ad, put their details in Airtable.",
         "facebookLeadAdsTrigger"),
    ],
)  # fmt: skip
def test_a_product_named_trigger_node_is_found(request_text: str, trigger: str) -> None:
    out = run(request_text)
    assert out.triggers == {BASE + trigger}, (out.triggers, request_text)


def test_a_one_word_plural_name_gets_no_singular() -> None:
    out = run("Every morning at 7 post the current weather in Berlin to Slack.")
    assert out.triggers == {BASE + "scheduleTrigger"}, out.triggers
    assert not any("currents" in t.lower() for t in out.types), out.types
