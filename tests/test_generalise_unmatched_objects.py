"""The object asked of an app matches none of its node's resources or operations: the app's API
through an HTTP Request with the app's credential, never an unrelated operation (issue 17).

Our own cases for the syntactic shapes a held-out request introduces such an object in - each
object and app checked against ``nodepilot catalog show``:

- "create it as a <object> in <App>" (Stripe products, Linear projects, Asana goals);
- "leave/post/add a <object> on that <record>", the record the trigger's (a Notion page's
  comment, a Linear issue's reaction, a comment on a GitLab merge request);
- "<compound objects> from <App>" ("bank transactions", "journal entries", "tax rates");
- "the current/active <object> for/of our <team/board/repo> in <App>" (cycles, sprints,
  milestones, iterations, goals);
- "use <App> <Product> to ..." (Twilio Lookup, Stripe Sigma);
- "(<App>'s <objects>)" glosses and possessives (HubSpot's owners, Pipedrive's goals);
- "schedule/duplicate that <thing>": a thing the node has, an action none of its operations
  offers (Mailchimp has no schedule, Trello no copy of a board);
- "a <thing> on/in our <App> server/repo/project" (scheduled events, branches, tags, labels).

Negative cases keep the node, with the resource that names the object under another name or
on the record at hand (a lead in HubSpot is a contact, a comment on a Trello card is a
cardComment, "duplicate that campaign" is Mailchimp's replicate).

Every workflow passes the strict validator with no quality warning; the same workflows were
checked with n8n's own code (../shared/tools/n8n-oracle): valid.
"""

from __future__ import annotations

import pytest
from node_choice_support import B, api_calls, generate, of_type

from engine.offline.operations import choose_operation

#: (request, credential, URL part, method, other app nodes that must stay)
UNMATCHED = [
    # "create it as a <object> in <App>"
    (
        "When a row is added to Google Sheets, create it as a product in Stripe",
        "stripeApi",
        "/products",
        "POST",
        [],
    ),
    (
        "When a Typeform is submitted, add the buyer as a subscription in Stripe",
        "stripeApi",
        "/subscriptions",
        "POST",
        [],
    ),
    (
        "When a HubSpot deal is won, create it as a project in Linear",
        "linearApi",
        "projects",
        "POST",
        [],
    ),
    (
        "When a new Airtable record is created, add it as a milestone in GitHub",
        "githubApi",
        "milestones",
        "POST",
        [],
    ),
    (
        "When a Google Form is submitted, create them as a cycle in Linear",
        "linearApi",
        "cycles",
        "POST",
        [],
    ),
    (
        "When a Jira issue is created, add it as a section in Asana",
        "asanaApi",
        "/sections",
        "POST",
        [],
    ),
    (
        "When a new Stripe customer is created, add them as a company in Freshdesk",
        "freshdeskApi",
        "companies",
        "POST",
        [],
    ),
    (
        "When a Shopify order is paid, create it as an expense in Clockify",
        "clockifyApi",
        "/expenses",
        "POST",
        [],
    ),
    (
        "When a Typeform is submitted, create it as a webinar in Zoom",
        "zoomApi",
        "/webinars",
        "POST",
        [],
    ),
    (
        "When a new Trello card is created, add it as a goal in Asana",
        "asanaApi",
        "/goals",
        "POST",
        [],
    ),
    # "leave/post/add a <object> on that <record>"
    (
        "When a new Notion page is created, leave a comment on that page",
        "notionApi",
        "/comments",
        "POST",
        [],
    ),
    (
        "When a new Linear issue is created, add a reaction to that issue",
        "linearApi",
        "reactions",
        "POST",
        [],
    ),
    (
        "When a new Asana task is created, attach a file to that task",
        "asanaApi",
        "/files",
        "POST",
        [],
    ),
    (
        "When a Zendesk ticket is created, leave a comment on that ticket",
        "zendeskApi",
        "comments",
        "POST",
        [],
    ),
    (
        "When a Zendesk ticket is created, add a comment on that ticket",
        "zendeskApi",
        "comments",
        "POST",
        [],
    ),
    (
        "When a GitLab merge request is opened, post a comment on that merge request",
        "gitlabApi",
        "comments",
        "POST",
        [],
    ),
    # "<compound objects> from <App>"
    (
        "Every day get bank transactions from Xero and add them to Google Sheets",
        "xeroOAuth2Api",
        "bank_transactions",
        "GET",
        ["googleSheets"],
    ),
    (
        "Every Monday pull journal entries from QuickBooks into Airtable",
        "quickBooksOAuth2Api",
        "journal_entries",
        "GET",
        ["airtable"],
    ),
    (
        "Every Friday export purchase orders from Xero to Google Sheets",
        "xeroOAuth2Api",
        "purchase_orders",
        "GET",
        ["googleSheets"],
    ),
    (
        "Every morning fetch credit notes from QuickBooks and email them to me with Gmail",
        "quickBooksOAuth2Api",
        "credit_notes",
        "GET",
        ["gmail"],
    ),
    (
        "Each week pull payment intents from Stripe into Airtable",
        "stripeApi",
        "/payment_intents",
        "GET",
        ["airtable"],
    ),
    (
        "Every night fetch tax rates from Stripe and save them to Google Sheets",
        "stripeApi",
        "rates",
        "GET",
        ["googleSheets"],
    ),
    (
        "Every hour get satisfaction ratings from Zendesk and post them in Slack",
        "zendeskApi",
        "satisfaction_ratings",
        "GET",
        ["slack"],
    ),
    (
        "Every day pull gift cards from Shopify into Airtable",
        "shopifyApi",
        "gift_cards",
        "GET",
        ["airtable"],
    ),
    # "the current/active <object> for/of our <place> in <App>"
    (
        "Every Monday get the current cycle for our team in Linear and post it in Slack",
        "linearApi",
        "cycles",
        "GET",
        ["slack"],
    ),
    (
        "Every morning fetch the active sprint of our board in Jira and email it to me with Gmail",
        "jiraSoftwareCloudApi",
        "sprints",
        "GET",
        ["gmail"],
    ),
    (
        "Each week get the current milestone of our repo in GitHub and post it to Slack",
        "githubApi",
        "milestones",
        "GET",
        ["slack"],
    ),
    (
        "Every Friday get the active iteration for our project in GitLab and post it to Slack",
        "gitlabApi",
        "iterations",
        "GET",
        ["slack"],
    ),
    (
        "Every morning get the open milestones of our project in GitLab and email them with Gmail",
        "gitlabApi",
        "milestones",
        "GET",
        ["gmail"],
    ),
    (
        "Every day get the active goals for our team in Asana and post them to Slack",
        "asanaApi",
        "/goals",
        "GET",
        ["slack"],
    ),
    # "use <App> <Product> to ..."
    (
        "When a Typeform is submitted, use Twilio Lookup to verify the phone number and log it "
        "in Google Sheets",
        "twilioApi",
        "lookups",
        "GET",
        ["googleSheets"],
    ),
    (
        "Every day use Stripe Sigma to pull the revenue figures and email them to me with Gmail",
        "stripeApi",
        "sigma",
        "GET",
        ["gmail"],
    ),
    # "(<App>'s <objects>)" and possessives
    (
        "When a HubSpot deal is created, find out who owns it (HubSpot's owners) and message "
        "them on Slack",
        "hubspotApi",
        "/owners",
        "GET",
        ["slack"],
    ),
    (
        "Every morning look up Zendesk's SLA policies and post them in Slack",
        "zendeskApi",
        "policies",
        "GET",
        ["slack"],
    ),
    (
        "Every Monday read Pipedrive's goals and post them to Slack",
        "pipedriveApi",
        "/goals",
        "GET",
        ["slack"],
    ),
    (
        "Every Monday list GitHub's deployments and email them to me with Gmail",
        "githubApi",
        "deployments",
        "GET",
        ["gmail"],
    ),
    (
        "When a Shopify order is created, find out where it ships from (Shopify's locations) "
        "and post it in Slack",
        "shopifyApi",
        "locations",
        "GET",
        ["slack"],
    ),
    # "schedule/duplicate that <thing>": an action the node does not offer
    (
        "When a Mailchimp campaign is created, schedule that campaign for tomorrow at 9am",
        "mailchimpApi",
        "campaigns",
        "POST",
        [],
    ),
    (
        "When a new Trello card is added, duplicate that board in Trello",
        "trelloApi",
        "/boards",
        "POST",
        [],
    ),
    (
        "Every Friday schedule the draft campaign in Mailchimp for Monday 9am",
        "mailchimpApi",
        "campaigns",
        "POST",
        [],
    ),
    ("When a Trello card is created, duplicate that card", "trelloApi", "/cards", "POST", []),
    (
        "When a new Linear issue is created, duplicate that issue in Linear",
        "linearApi",
        "issues",
        "POST",
        [],
    ),
    # "a <thing> on/in our <App> server/repo/project"
    (
        "When a Google Form is submitted, create a scheduled event on our Discord server",
        "discordBotApi",
        "/scheduled_events",
        "POST",
        [],
    ),
    (
        "When a Jira issue is created, create a branch in our GitLab repo",
        "gitlabApi",
        "/branches",
        "POST",
        [],
    ),
    (
        "When a Jira issue is created, create a tag in our GitLab repo",
        "gitlabApi",
        "/tags",
        "POST",
        [],
    ),
    (
        "When a Jira issue is created, create a webhook on our GitHub repo",
        "githubApi",
        "webhooks",
        "POST",
        [],
    ),
    (
        "When a Jira issue is created, create a branch in our GitHub repo",
        "githubApi",
        "/branches",
        "POST",
        [],
    ),
    (
        "When a form is submitted, add a label in our GitLab project",
        "gitlabApi",
        "/labels",
        "POST",
        [],
    ),
    (
        "When a Jira issue is created, create a version in our Jira project",
        "jiraSoftwareCloudApi",
        "versions",
        "POST",
        [],
    ),
    (
        "When a form is submitted, create a webhook on our Shopify store",
        "shopifyApi",
        "webhooks",
        "POST",
        [],
    ),
]

UNMATCHED += [
    (
        "When a new Notion page is created, add a comment to it in Notion",
        "notionApi",
        "/comments",
        "POST",
        [],
    ),
    (
        "When a new Shopify order arrives, create it as a sales receipt in QuickBooks",
        "quickBooksOAuth2Api",
        "sales_receipts",
        "POST",
        [],
    ),
    (
        "When a HubSpot deal closes, find the owner of each deal (HubSpot owners) and email "
        "them with Gmail",
        "hubspotApi",
        "/owners",
        "GET",
        ["gmail"],
    ),
]

UNMATCHED += [
    (
        "Every Monday get the current sprint in Jira and post it to Slack",
        "jiraSoftwareCloudApi",
        "/sprints",
        "GET",
        ["slack"],
    ),
    (
        "Every Monday get the active cycle in Linear and post it to Slack",
        "linearApi",
        "/cycles",
        "GET",
        ["slack"],
    ),
    (
        "Every morning list the open merge requests for our project in GitLab and post them "
        "to Slack",
        "gitlabApi",
        "/merge_requests",
        "GET",
        ["slack"],
    ),
]

UNMATCHED += [
    (
        "When a Jira issue is done, log the time as a worklog on that issue",
        "jiraSoftwareCloudApi",
        "/worklogs",
        "POST",
        [],
    ),
    (
        "Every morning check Shopify's abandoned checkouts and email them with Gmail",
        "shopifyApi",
        "checkouts",
        "GET",
        ["gmail"],
    ),
    (
        "When a new Typeform response arrives, create it as a bill in Xero",
        "xeroOAuth2Api",
        "/bills",
        "POST",
        [],
    ),
]

UNMATCHED += [
    (
        "When a new HubSpot contact is created, enroll them in a HubSpot sequence",
        "hubspotApi",
        "sequences",
        "POST",
        [],
    ),
    (
        "When a Typeform is submitted, add the contact to a Mailchimp segment",
        "mailchimpApi",
        "segments",
        "POST",
        [],
    ),
    ("When a Typeform is submitted, add them to a Zoom webinar", "zoomApi", "webinars", "POST", []),
    (
        "When a Typeform is submitted, add them to an ActiveCampaign automation",
        "activeCampaignApi",
        "automations",
        "POST",
        [],
    ),
]

#: (request, node short type, resource, operation or None): the node does it.
KEPT = [
    (
        "When a new Shopify order comes in, create them as a customer in Stripe",
        "stripe",
        "customer",
        "create",
    ),
    ("When a Typeform is submitted, add them as a contact in HubSpot", "hubspot", "contact", None),
    (
        "When a Typeform is submitted, add them as a lead in Pipedrive",
        "pipedrive",
        "lead",
        "create",
    ),
    ("When a Typeform is submitted, add them as a lead in HubSpot", "hubspot", "contact", None),
    ("When a form is submitted, add it as a row in Google Sheets", "googleSheets", None, "append"),
    ("When a new Airtable record appears, send a DM on Slack to @anna", "slack", "message", None),
    ("When a form is submitted, create a task in Todoist", "todoist", "task", "create"),
    ("When a form is submitted, create a draft in Gmail", "gmail", "draft", "create"),
    (
        "When a GitHub issue is opened, leave a comment on that issue",
        "github",
        "issue",
        "createComment",
    ),
    ("When a Jira issue is created, post a comment on that issue", "jira", "issueComment", "add"),
    (
        "When a Trello card is created, add a comment to that card",
        "trello",
        "cardComment",
        "create",
    ),
    (
        "When a new Asana task is created, leave a comment on that task",
        "asana",
        "taskComment",
        "add",
    ),
    ("When a ClickUp task is created, add a comment to that task", "clickUp", "comment", "create"),
    ("When a Pipedrive deal is won, add a note to that deal", "pipedrive", "note", "create"),
    (
        "Every Monday fetch the current release of our repo in GitLab and post it to Slack",
        "gitlab",
        "release",
        None,
    ),
    (
        # repository/getIssues in the catalog, not the issue resource (no read of many there):
        # the operation is the operation reader's; here only the node stays
        "Every morning get the open issues of our repo in GitHub and post them to Slack",
        "github",
        None,
        None,
    ),
    (
        "When a form is submitted, create a channel on our Discord server",
        "discord",
        "channel",
        "create",
    ),
    (
        "When a form is submitted, create a folder in our Dropbox account",
        "dropbox",
        "folder",
        "create",
    ),
    (
        "When a form is submitted, create a project in our Clockify workspace",
        "clockify",
        "project",
        "create",
    ),
    (
        "When a Mailchimp campaign is sent, duplicate that campaign in Mailchimp",
        "mailchimp",
        "campaign",
        "replicate",
    ),
    ("When a form is submitted, schedule a meeting in Zoom", "zoom", "meeting", "create"),
    ("When a form is submitted, publish the post on WordPress", "wordpress", "post", None),
    (
        "When a Typeform is submitted, create them as an organization in Zendesk",
        "zendesk",
        "organization",
        "create",
    ),
    (
        "When a Typeform is submitted, add the buyer as a customer in WooCommerce",
        "wooCommerce",
        "customer",
        "create",
    ),
    (
        "When a HubSpot deal is won, create it as an opportunity in Salesforce",
        "salesforce",
        "opportunity",
        "create",
    ),
    ("When a Typeform is submitted, add it as a deal in Pipedrive", "pipedrive", "deal", "create"),
    (
        "When a Typeform is submitted, create them as a person in Copper",
        "copper",
        "person",
        "create",
    ),
    (
        "When a form is submitted, log it as a time entry in Clockify",
        "clockify",
        "timeEntry",
        "create",
    ),
    (
        "Every morning get the active incidents for our team in PagerDuty and post them to Slack",
        "pagerDuty",
        "incident",
        "getAll",
    ),
    (
        "Every Monday get the current tasks of our project in Asana and post them to Slack",
        "asana",
        "task",
        "getAll",
    ),
    ("When a form is submitted, use Zoom Meetings to book a call", "zoom", "meeting", "create"),
]

KEPT += [
    (
        "When a GitHub issue is labeled bug, add it as a card in Trello and add a comment to "
        "that issue",
        "github",
        "issue",
        "createComment",
    ),
    (
        "When a GitHub issue is labeled bug, add it as a card in Trello and add a comment to "
        "that issue",
        "trello",
        "card",
        "create",
    ),
    (
        "Every morning grab the current sprint's issues for our board in Jira and post them "
        "to Slack",
        "jira",
        "issue",
        "getAll",
    ),
]

KEPT += [
    (
        "When a Typeform is submitted, create them as a customer in Zendesk",
        "zendesk",
        "user",
        "create",
    ),
    ("When a form is submitted, add the customer to Intercom", "intercom", "user", "create"),
    (
        "Every Friday get the latest release in GitHub and post it to Slack",
        "github",
        "release",
        None,
    ),
]

KEPT += [
    (
        "When a new HubSpot deal is created, create it as an invoice in Xero",
        "xero",
        "invoice",
        "create",
    ),
    (
        "When a ClickUp task is completed, create it as a goal in ClickUp",
        "clickUp",
        "goal",
        "create",
    ),
    (
        "When a new Linear issue is created, leave a comment on that issue",
        "linear",
        "comment",
        None,
    ),
    (
        "When a Jira issue is created, add them to the sheet in Google Sheets",
        "googleSheets",
        None,
        None,
    ),
]

KEPT += [
    ("When a Typeform is submitted, add them to a Mailchimp audience", "mailchimp", "member", None),
    (
        "When a form is submitted, subscribe them to our Mailchimp newsletter list",
        "mailchimp",
        "member",
        None,
    ),
    (
        "When a Typeform is submitted, add the deal to a Pipedrive pipeline",
        "pipedrive",
        "deal",
        None,
    ),
    ("When a Typeform is submitted, add the row to a Google Sheet", "googleSheets", None, "append"),
]

#: Kept aside while the rules were written, measured once at the end (see the commit).
UNMATCHED_ASIDE = [
    (
        "When a Typeform is submitted, create it as a price in Stripe",
        "stripeApi",
        "/prices",
        "POST",
        [],
    ),
    ("When a Jira issue is created, add it as an epic in Linear", "linearApi", "epics", "POST", []),
    (
        "When a new Zendesk ticket is created, leave an internal note on that ticket",
        "zendeskApi",
        "notes",
        "POST",
        [],
    ),
    (
        "Every Monday pull expense claims from Xero into Google Sheets",
        "xeroOAuth2Api",
        "claims",
        "GET",
        ["googleSheets"],
    ),
    (
        "Every day fetch payment links from Stripe and post them to Slack",
        "stripeApi",
        "/payment_links",
        "GET",
        ["slack"],
    ),
    (
        "Each Monday get the current iteration of our board in Jira and post it to Slack",
        "jiraSoftwareCloudApi",
        "iterations",
        "GET",
        ["slack"],
    ),
    (
        "Every morning find out who is on call (PagerDuty's schedules) and post it in Slack",
        "pagerDutyOAuth2Api",
        "schedules",
        "GET",
        ["slack"],
    ),
    (
        "Every day list Zoom's webinars and add them to Google Sheets",
        "zoomApi",
        "/webinars",
        "GET",
        ["googleSheets"],
    ),
    (
        "When a Typeform is submitted, use Stripe Checkout to create a payment page and email "
        "the link with Gmail",
        "stripeApi",
        "checkout",
        "POST",
        ["gmail"],
    ),
    (
        "When a new Asana task is created, duplicate that task in Asana",
        "asanaApi",
        "/tasks",
        "POST",
        [],
    ),
    (
        "When a form is submitted, create a release branch in our GitHub repo",
        "githubApi",
        "branches",
        "POST",
        [],
    ),
    (
        "When a form is submitted, create a thread on our Discord server",
        "discordBotApi",
        "/threads",
        "POST",
        [],
    ),
    (
        "When a form is submitted, create a milestone in our GitLab project",
        "gitlabApi",
        "/milestones",
        "POST",
        [],
    ),
]

KEPT_ASIDE = [
    (
        "When a new Linear issue is created, attach a link to that issue",
        "linear",
        "issue",
        "addLink",
    ),
    (
        "When a form is submitted, add them as a subscriber in Mailchimp",
        "mailchimp",
        "member",
        None,
    ),
    (
        "When a form is submitted, create a release in our GitHub repo",
        "github",
        "release",
        "create",
    ),
    ("When a Typeform is submitted, add it as a card in Trello", "trello", "card", "create"),
    ("When a new Asana task is created, add a subtask to that task", "asana", "subtask", "create"),
    (
        "When a HubSpot deal is won, add it as an invoice in QuickBooks",
        "quickbooks",
        "invoice",
        "create",
    ),
]


#: Credential types not named after their node.
NODE_OF = {"jiraSoftwareCloudApi": "jira", "discordBotApi": "discord"}


def check_unmatched(
    text: str, credential: str, url_part: str, method: str, kept: list[str]
) -> None:
    wf = generate(text)
    calls = [n for n in api_calls(wf) if n["parameters"].get("nodeCredentialType") == credential]
    assert calls, [n["type"] for n in wf["nodes"]]
    params = calls[0]["parameters"]
    assert url_part in params["url"], params["url"]
    assert params.get("method", "GET") == method
    app = NODE_OF.get(credential) or credential.removesuffix("OAuth2Api").removesuffix("Api")
    app_nodes = [n for n in wf["nodes"] if n["type"].lower() == (B + app).lower()]
    assert not app_nodes, "the node stayed beside its API call for an object it lacks"
    for other in kept:
        assert of_type(wf, B + other), other


def check_kept(text: str, node: str, resource: str | None, operation: str | None) -> None:
    wf = generate(text)
    nodes = of_type(wf, B + node)
    assert nodes, [n["type"] for n in wf["nodes"]]
    params = nodes[0]["parameters"]
    if resource is not None:
        assert params.get("resource", resource) == resource, params
    if operation is not None:
        assert params.get("operation") == operation, params
    assert not api_calls(wf), "an API call where the node does it"


@pytest.mark.parametrize(("text", "credential", "url_part", "method", "kept"), UNMATCHED)
def test_an_object_no_resource_names_is_the_apis(
    text: str, credential: str, url_part: str, method: str, kept: list[str]
) -> None:
    check_unmatched(text, credential, url_part, method, kept)


@pytest.mark.parametrize(("text", "node", "resource", "operation"), KEPT)
def test_an_object_the_node_names_keeps_the_node(
    text: str, node: str, resource: str | None, operation: str | None
) -> None:
    check_kept(text, node, resource, operation)


@pytest.mark.parametrize(("text", "credential", "url_part", "method", "kept"), UNMATCHED_ASIDE)
def test_held_out_objects_are_the_apis(
    text: str, credential: str, url_part: str, method: str, kept: list[str]
) -> None:
    check_unmatched(text, credential, url_part, method, kept)


@pytest.mark.parametrize(("text", "node", "resource", "operation"), KEPT_ASIDE)
def test_held_out_objects_keep_the_node(
    text: str, node: str, resource: str | None, operation: str | None
) -> None:
    check_kept(text, node, resource, operation)


@pytest.mark.parametrize(
    ("app", "before", "expected"),
    [
        ("pagerDuty", "get the active incidents for our team in ", ("incident", "getAll")),
        ("asana", "list the open tasks of our project in ", ("task", "getAll")),
        ("clockify", "create a project in our ", ("project", "create")),
    ],
)
def test_where_the_object_lives_reads_as_its_source(
    app: str, before: str, expected: tuple[str, str]
) -> None:
    """ "the incidents for our team in <App>" is read as "the incidents from <App>"."""
    assert choose_operation(B + app, before, "") == expected


def test_an_action_word_elsewhere_in_the_clause_is_no_write() -> None:
    """ "To publish our report pull Stripe payouts ...": "publish" does nothing to a payout -
    only an action on "that/the <thing>" makes the call a POST."""
    wf = generate("To publish our report pull Stripe payouts into Google Sheets every Monday")
    calls = api_calls(wf)
    assert calls and calls[0]["parameters"].get("method", "GET") == "GET"


# --- Guards against false API calls (the benchmark requests 758da00 moved, in new phrasings) ---

#: Credentials of no app: a utility node accepting one has no API to stand in for.
GENERIC = {
    "httpHeaderAuth",
    "httpBearerAuth",
    "httpBasicAuth",
    "httpQueryAuth",
    "httpDigestAuth",
    "httpCustomAuth",
    "oAuth1Api",
    "oAuth2Api",
    "mcpOAuth2Api",
    "httpMultipleHeadersAuth",
    "httpSslAuth",
}


def generic_calls(wf: dict) -> list[str]:
    """Names of API stand-ins authenticated with a generic credential."""
    return [
        n["name"] for n in api_calls(wf) if n["parameters"].get("nodeCredentialType") in GENERIC
    ]


@pytest.mark.parametrize(
    ("node", "own"),
    [
        ("n8n-nodes-base.wait", None),
        ("n8n-nodes-base.webhook", None),
        ("n8n-nodes-base.graphql", None),
        ("@n8n/n8n-nodes-langchain.mcpClientTool", None),
        ("@n8n/n8n-nodes-langchain.mcpTrigger", None),
        ("n8n-nodes-base.linear", "linearApi"),
        ("n8n-nodes-base.notion", "notionApi"),
        ("n8n-nodes-base.wordpress", "wordpressApi"),
    ],
)
def test_only_an_apps_own_credential_makes_a_stand_in(node: str, own: str | None) -> None:
    """Wait's resume webhook or an MCP client takes a header/bearer login; that is no API."""
    from engine.offline.coverage import proxy_credential

    assert proxy_credential(node) == own


@pytest.mark.parametrize(
    "text",
    [
        "Manual run: send each row to an image API over HTTP, wait until it is done, write the "
        "link back to the sheet in Google Sheets",
        "When a webhook is called, wait 5 minutes, then write the result back to the row in "
        "Google Sheets",
        "An AI agent on OpenAI uses the GitHub MCP server (MCP client tool) to list open pull "
        "requests and posts them to Slack",
        "When a form is submitted, wait a day and check the status until it is approved, then "
        "write the note back to the sheet in Google Sheets",
        "A webhook chatbot API: an AI agent on OpenAI answers the posted question and the answer "
        "goes back in the webhook response",
    ],
)
def test_a_utility_node_gets_no_api_call(text: str) -> None:
    assert not generic_calls(generate(text))


#: (request, app whose API must not be called): the object names another app, lowercase too.
ANOTHER_APPS_OBJECT = [
    (
        "When a new issue is created in linear, make a notion page for it and tell #eng in slack",
        "linearApi",
    ),
    ("When a jira issue is created, create a trello card for it", "jiraSoftwareCloudApi"),
    ("When a github issue is opened, add a clickup task for it", "githubApi"),
    ("When a new stripe customer is created, make a hubspot contact for it", "stripeApi"),
    ("When a shopify order comes in, create an airtable record for it", "shopifyApi"),
]


@pytest.mark.parametrize(("text", "credential"), ANOTHER_APPS_OBJECT)
def test_an_object_naming_another_app_is_not_this_apps(text: str, credential: str) -> None:
    wf = generate(text)
    assert not [n for n in api_calls(wf) if n["parameters"]["nodeCredentialType"] == credential]
    assert len([n for n in wf["nodes"] if "Trigger" not in n["type"]]) >= 1


@pytest.mark.parametrize(
    ("text", "credential", "url_part"),
    [
        ("When a new Notion page is added, post a comment on that page", "notionApi", "comments"),
        (
            "When a new Zendesk ticket is created, leave an internal note on that ticket",
            "zendeskApi",
            "notes",
        ),
    ],
)
def test_a_thing_of_the_apps_own_record_still_is_its_api(
    text: str, credential: str, url_part: str
) -> None:
    check_unmatched(text, credential, url_part, "POST", [])


@pytest.mark.parametrize(
    ("clause", "drops"),
    [
        ("we dont need the notion page anymore", True),
        ("we don't need the cycles from ", True),
        ("skip the Slack part", True),
        ("get rid of the email step", True),
        ("remove the Linear step", True),
        ("no longer create the tickets in ", True),
        ("remove the member from the ", False),
        ("delete the card in ", False),
        ("get the cycles from ", False),
        ("drop the file into ", False),
        ("need the current sprint from ", False),
    ],
)
def test_a_clause_that_drops_something_is_recognised(clause: str, drops: bool) -> None:
    from engine.offline.coverage import drops_something

    assert drops_something(clause) is drops


@pytest.mark.parametrize(
    ("app", "before", "after", "asked"),
    [
        ("linear", "we don't need the cycles from ", " anymore", None),
        ("linear", "get the cycles from ", "", "cycle"),
        ("jira", "we no longer want the sprints from ", "", None),
        ("jira", "get the current sprint from ", "", "sprint"),
        ("stripe", "skip pulling the payment links from ", "", None),
        ("stripe", "pull the payment links from ", "", "link"),
    ],
)
def test_a_removal_asks_the_app_for_nothing(
    app: str, before: str, after: str, asked: str | None
) -> None:
    from engine.offline.coverage import missing_operation

    found = missing_operation(B + app, before, after)
    assert (found is None) if asked is None else (found is not None and asked in found)


@pytest.mark.parametrize(
    ("app", "part", "other"),
    [
        ("linkedIn", " OpenAI writes a personal note for each", True),
        ("hubspot", " Claude drafts a welcome note for them", True),
        ("linkedIn", " the AI writes a short intro for each", True),
        ("linear", " make a notion page for it", True),
        ("jira", " post a slack message for it", True),
        ("linear", " leave a comment on that issue", False),
        ("mailchimp", " schedule that campaign for tomorrow at 9am", False),
        ("linear", " add a linear comment on that issue", False),
        ("zendesk", " wait a day and leave a note on that ticket", False),
        ("notion", " post a comment on that page", False),
    ],
)
def test_the_subject_or_object_names_another_actor(app: str, part: str, other: bool) -> None:
    """ "OpenAI writes a personal note": an AI step's output, not an object of the app."""
    from engine.offline.coverage import another_actor

    assert another_actor(B + app, part) is other


@pytest.mark.parametrize(
    "text",
    [
        "When a form is submitted, OpenAI writes a personal note for each and add them to "
        "Google Sheets",
        "When a new HubSpot contact is created, Claude drafts a welcome note for them, then "
        "email it with Gmail",
        "LinkedIn outreach form: OpenAI builds a LinkedIn search URL, the AI writes a short "
        "intro for each, add them to Google Sheets",
    ],
)
def test_what_an_ai_writes_is_no_apps_object(text: str) -> None:
    assert not api_calls(generate(text))


@pytest.mark.parametrize(
    ("text", "credential", "url_part"),
    [
        (
            "pull all tags from my wordpress site REST api (http request), and post them to Slack",
            "wordpressApi",
            "tags",
        ),
        (
            "every day get all the products from our shopify store REST API and add them to "
            "Google Sheets",
            "shopifyApi",
            "products",
        ),
        (
            "fetch the open incidents from our pagerduty account REST api and post them to slack",
            "pagerDutyOAuth2Api",
            "incidents",
        ),
        (
            "each morning pull the categories from the WordPress REST API and email them with "
            "Gmail",
            "wordpressApi",
            "categories",
        ),
    ],
)
def test_the_rest_api_named_after_the_apps_site_is_only_that_call(
    text: str, credential: str, url_part: str
) -> None:
    """ "from my wordpress site REST api": the call, with no unrelated getAll of the node."""
    check_unmatched(text, credential, url_part, "GET", [])


def test_the_apps_site_without_its_api_keeps_the_node() -> None:
    check_kept(
        "every monday pull the posts from my wordpress site and post them to slack",
        "wordpress",
        "post",
        "getAll",
    )


@pytest.mark.parametrize(
    ("text", "node"),
    [
        (
            "send a weekly report to the team on Gmail with the new leads from our Google Sheet",
            "gmail",
        ),
        ("send the daily digest to the channel on Slack", "slack"),
        ("send a monthly summary to the board via Gmail", "gmail"),
    ],
)
def test_a_message_sent_to_people_on_an_app_is_the_nodes(text: str, node: str) -> None:
    """ "send a weekly report to the team on Gmail": a message Gmail sends, no "reports" API."""
    wf = generate(text)
    assert of_type(wf, B + node) and not api_calls(wf)
