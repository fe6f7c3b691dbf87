"""Apps named the way people write them (issue #17 Part 2, session 13): every family depends on
recognising the app a request names, and a missed name loses the app's node and, in a trigger
clause, the app's trigger. Requests of our own, in forms the catalog's display names do not
spell: abbreviations and nicknames ("SFDC", "HS", "gcal", "FB", "YT"), a name in parentheses
("by e-mail (outlook)") or before a modifier ("o365 shared mailbox"), spacing, casing and hyphen
variants ("Hub Spot", "Click Up", "Trello-card"), a vendor's product names ("Outlook 365",
"MS Excel", "Google Workspace mail", "Dynamics 365", "Hotmail"), community forms ("r/homelab",
"on X"), possessives and typos on long distinctive names ("Hubpsot", "Google calender").

And the other side, which must not move: everyday words that are also app names stay words
("our teams meet", "on Monday", "a linear regression", "in a box", "the SF office").
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run


def _types(request: str) -> set[str]:
    out = run(request)
    assert out.intent == "workflow_request", (out.intent, request)
    assert not out.strict_errors(), out.strict_errors()
    return set(out.types)


@pytest.mark.parametrize(
    ("request_text", "node"),
    [
        # abbreviations and nicknames
        ("When an opp closes in SFDC, post the amount to Slack", "salesforceTrigger"),
        ("When a deal is won in HS, email the owner a thank-you note", "hubspotTrigger"),
        ("Every morning read my gcal events and text the list to me on Telegram", "googleCalendar"),
        (
            "Each new lead from our FB lead ads should become a HubSpot contact",
            "facebookLeadAdsTrigger",
        ),
        ("When a new YT video goes up on our channel, announce it in Discord", "youTube"),
        ("Every Friday post our best IG post of the week to Slack", "facebookGraphApi"),
        ("Append every Jotform answer to GSheets", "googleSheets"),
        # spacing, casing, hyphens
        ("Sync new Hub Spot contacts into Mail chimp every night", "mailchimp"),
        ("When a task is finished in Click Up, tell the team in Discord", "clickUpTrigger"),
        ("When a Trello-card is moved to Done, notify #ops on Slack", "trelloTrigger"),
        ("When a Notion-page is added to the Roadmap database, post it to Slack", "notionTrigger"),
        ("When a new item is created on our Monday board, post it to Slack", "mondayCom"),
        # vendor product forms
        ("New email in Outlook 365 -> create a Todoist task with the subject", "todoist"),
        (
            "When a new email hits my Hotmail inbox, save the sender to Google Sheets",
            "microsoftOutlookTrigger",
        ),
        (
            "When a new Google Workspace mail arrives, summarise it with OpenAI and post to Slack",
            "gmailTrigger",
        ),
        ("Create a Dynamics 365 contact for every new Shopify customer", "microsoftDynamicsCrm"),
        ("Every Monday write last week's Stripe payouts into MS Excel", "microsoftExcel"),
        (
            "When a message arrives on WhatsApp Business, answer it with an OpenAI agent",
            "whatsAppTrigger",
        ),
        (
            "When a ticket is created in Jira Service Management, alert the on-call channel on "
            "Slack",
            "jiraTrigger",
        ),
        # a name in parentheses, a modifier between name and noun
        ("Supplier invoices come in by e-mail (outlook); save each PDF to Dropbox", "dropbox"),
        (
            "Bugs reported in the support form should become tasks (linear), assigned to triage",
            "linear",
        ),
        (
            "o365 shared mailbox: when a new mail arrives, log the sender in Airtable",
            "microsoftOutlook",
        ),
        (
            "When a file lands in the box team folder 'Legal', post its name to #legal on Slack",
            "boxTrigger",
        ),
        # community forms
        ("Every hour check r/homelab for new posts and send them to Discord", "reddit"),
        (
            "Each morning pull the top 5 posts of the subreddit selfhosted into a Notion page",
            "reddit",
        ),
        ("Whenever we publish a new WordPress post, share it on X", "twitter"),
        ("Post each new Ghost article to X (formerly Twitter) and LinkedIn", "twitter"),
        # possessives and typos
        ("When Hubspot's deal stage changes, update the deal in Pipedrive", "pipedrive"),
        ("When a contact is created in Hubpsot, send a Slakc message to #sales", "hubspotTrigger"),
        ("When I get an email in Gmial, save the attachment to Dropbox", "dropbox"),
        ("Add each new Stripe customer's renewal date to the Google calender", "googleCalendar"),
        ("Forward every new Zendsk ticket to Microsft Teams", "microsoftTeams"),
        ("Copy new Airtabel records into Postgress every hour", "airtable"),
        ("When a new order comes in on Shopfiy, add a row to the Orders sheet", "shopifyTrigger"),
    ],
)
def test_app_named_in_a_written_form(request_text: str, node: str) -> None:
    """The app is found: as a step, or as the trigger its event starts (a named event of the
    app, such as new mail in an "o365 shared mailbox", starts from the app's trigger)."""
    types = _types(request_text)
    assert BASE + node in types or BASE + node + "Trigger" in types, (request_text, types)


@pytest.mark.parametrize(
    ("request_text", "node"),
    [
        ("Our teams meet on monday; every friday email a report from Airtable", "microsoftTeams"),
        ("Our teams meet on monday; every friday email a report from Airtable", "mondayCom"),
        ("Every Monday at 9 send a Slack summary of the Asana tasks due this week", "mondayCom"),
        (
            "Pack each order in a box: when Shopify gets an order, email the warehouse via Gmail",
            "box",
        ),
        (
            "Our teams review the Typeform answers on Mondays; add each one to Airtable",
            "microsoftTeams",
        ),
        ("hourly: grab the r/selfhosted RSS feed and push the new posts to our Discord", "reddit"),
        ("Every monday board members get a summary email of new HubSpot deals", "mondayCom"),
        ("Set the status to X when the row is done in Google Sheets", "twitter"),
        ("Sort the leads (linear order by score) and email the top 10 every morning", "linear"),
        ("Make a linear regression of Stripe revenue every week and email it to me", "linear"),
        ("Send the SF office updates to Slack each morning", "salesforce"),
        ("When the signal from our sensor webhook arrives, store it in Postgres", "signal"),
        ("Use notion of urgency: every evening summarise new Asana tasks and email me", "notion"),
        ("Each day post the X and Y values from our API to a Google Sheet", "twitter"),
        ("When a new row is added to Google Sheets, send an email to the hs office", "hubspot"),
        (
            "Every Monday post the list of new Reddit-style feedback from Typeform to Slack",
            "mondayCom",
        ),
    ],
)
def test_everyday_word_stays_a_word(request_text: str, node: str) -> None:
    assert BASE + node not in _types(request_text), request_text
