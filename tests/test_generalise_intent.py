"""What a turn wants, on requests written for the Part 2 intent family of issue #17 (our own
phrasings, none a benchmark case): an ask outside automation is general conversation, not a
question to answer from n8n knowledge; questions about n8n, its nodes or a named app stay
questions; a request to build stays a request."""

from __future__ import annotations

import pytest

from engine.intent.classifier import classify
from engine.types import Message


@pytest.mark.parametrize(
    "turn",
    [
        "My Python script throws a KeyError on line 12 when I read the dict, can you help "
        "debug it?",
        "Which phone should I buy, the iPhone 16 or the Pixel 9?",
        "Why does my React component re-render twice in development?",
        "How do I center a div in CSS?",
        "Can you recommend a good laptop for video editing under 1500 dollars?",
        "what's the best way to learn rust as a java developer?",
        "is it safe to run my dishwasher overnight?",
        "why is my git rebase saying 'no changes - did you forget to use git add'?",
    ],
)
def test_asks_outside_automation_are_general_conversation(turn: str) -> None:
    assert classify(turn).intent == "general_conversation"


@pytest.mark.parametrize(
    "turn",
    [
        "How do I connect Gmail credentials in n8n?",
        "What does the Merge node do?",
        "why does my expression {{ $json.email }} come out empty?",
        "can the Telegram trigger receive photos?",
        "is there a rate limit when the HTTP Request node calls an API in a loop?",
        "what's the difference between an agent and a chain?",
    ],
)
def test_questions_about_automation_stay_questions(turn: str) -> None:
    assert classify(turn).intent == "question"


def test_a_question_about_the_workflow_just_built_stays_a_question() -> None:
    built = {"nodes": [], "connections": {}}
    convo = (
        Message("user", "every morning post the weather to Slack"),
        Message("assistant", "Done.", workflow=built),
    )
    assert classify("why does it run twice some days?", convo).intent == "question"


@pytest.mark.parametrize(
    "turn",
    [
        "Build a WhatsApp assistant that answers customer questions about our opening hours.",
        "Nightly: export yesterday's Postgres orders to a CSV and upload it to Google Drive.",
    ],
)
def test_requests_to_build_stay_requests(turn: str) -> None:
    assert classify(turn).intent == "workflow_request"


@pytest.mark.parametrize(
    "turn",
    [
        "Build a chatbot for our website that answers questions about pricing.",
        "Make a Slack bot that answers questions about our Notion docs.",
    ],
)
def test_an_order_to_build_a_bot_is_a_request(turn: str) -> None:
    assert classify(turn).intent == "workflow_request"


@pytest.mark.parametrize(
    "turn",
    ["make me a logo for my automation agency", "write me a poem about autumn"],
)
def test_an_order_that_names_no_app_nor_start_stays_conversation(turn: str) -> None:
    assert classify(turn).intent == "general_conversation"


@pytest.mark.parametrize(
    "turn",
    [
        # a question, then the order to build it
        "Is there a way to automatically copy new Stripe customers into HubSpot? Please set it up.",
        "can n8n watch my Gmail for invoices and save them to Drive? build it for me",
        # an order of work that hands its result on, with no build verb
        "Summarise the Jira issues that were resolved this sprint and email the summary to the "
        "team.",
        "Translate new Zendesk tickets to English with DeepL and post them in #support on Slack.",
        "Classify incoming Gmail messages with OpenAI, then add the urgent ones to Trello.",
    ],
)
def test_orders_to_build_said_otherwise_are_requests(turn: str) -> None:
    assert classify(turn).intent == "workflow_request"


@pytest.mark.parametrize(
    "turn",
    [
        "Can the Slack node upload files to a thread?",
        "What's the difference between the Gmail trigger and the IMAP trigger?",
        "Explain how I would summarise Jira issues and email them with n8n.",
        "Which is better for sending email from n8n, Gmail or SendGrid?",
        "does the HubSpot trigger fire on deal stage changes?",
    ],
)
def test_questions_naming_apps_stay_questions(turn: str) -> None:
    assert classify(turn).intent == "question"


@pytest.mark.parametrize(
    "turn",
    [
        "What's a good recipe for banana bread?",
        "Can you help me write a cover letter for a marketing job?",
        "Translate 'good morning' into Japanese please.",
        "Should I buy a Kindle or a Kobo?",
    ],
)
def test_more_asks_outside_automation_are_conversation(turn: str) -> None:
    assert classify(turn).intent == "general_conversation"


@pytest.mark.parametrize(
    ("turn", "intent"),
    [
        ("Can you explain what a Kubernetes pod is?",
         "general_conversation"),
        ("What's the capital of Australia?",
         "general_conversation"),
        ("Help me fix this TypeError: cannot read properties of undefined (reading 'map') in "
         "my Vue app",
         "general_conversation"),
        ("Which is better for a startup, AWS or GCP?",
         "general_conversation"),
        ("Tell me a joke about programmers.",
         "general_conversation"),
        ("Is Python or Go better for writing CLIs?",
         "general_conversation"),
        ("Should I learn Spanish or French first?",
         "general_conversation"),
        ("What's your favourite movie?",
         "general_conversation"),
        ("What does HTTP 429 mean?",
         "question"),
        ("How do I pass data from one node to the next in n8n?",
         "question"),
        ("Does the Gmail trigger fire for emails in the spam folder?",
         "question"),
        ("How can I make a workflow run only on weekdays?",
         "question"),
        ("Is it possible to send WhatsApp messages from n8n without the Business API?",
         "question"),
        ("What is the difference between a Schedule Trigger and a Cron node?",
         "question"),
        ("Hey there! How's your day going?",
         "general_conversation"),
        ("Thanks, that worked perfectly.",
         "general_conversation"),
        ("Create a workflow that backs up my GitHub repos to Google Drive weekly.",
         "workflow_request"),
        ("I need my Shopify orders in a Google Sheet as they come in.",
         "workflow_request"),
        ("what's the weather like in Berlin today?",
         "general_conversation"),
        ("How do I deploy a Django app to Heroku?",
         "general_conversation"),
        ("Automatically add new Calendly bookings to my CRM (Pipedrive).",
         "workflow_request"),
        ("Help me plan a 3-day trip to Lisbon.",
         "general_conversation"),
    ],
)  # fmt: skip
def test_a_session_7_batch_of_turns(turn: str, intent: str) -> None:
    """Session 7's own turns: asks outside automation, questions about n8n, orders."""
    assert classify(turn).intent == intent


@pytest.mark.parametrize(
    ("turn", "intent"),
    [
        ("What's a good name for my cat?",
         "general_conversation"),
        ("Can you help me with my maths homework: what's the derivative of x^3?",
         "general_conversation"),
        ("Which headphones are best for running?",
         "general_conversation"),
        ("How do I loop over items in n8n?",
         "question"),
        ("What credentials do I need for the Google Sheets node?",
         "question"),
        ("Why does my webhook return 404 in production but not in test?",
         "question"),
        ("Could you build me a workflow that posts new Trello cards to Slack?",
         "workflow_request"),
        ("Good morning!",
         "general_conversation"),
        ("write a haiku about the sea",
         "general_conversation"),
    ],
)  # fmt: skip
def test_a_second_session_7_batch_of_turns(turn: str, intent: str) -> None:
    assert classify(turn).intent == intent


@pytest.mark.parametrize(
    ("turn", "intent"),
    [
        ("Why is my iPhone battery draining so fast?",
         "general_conversation"),
        ("Can you recommend a good CRM for a 5-person agency?",
         "general_conversation"),
        ("What's the difference between TCP and UDP?",
         "general_conversation"),
        ("my npm install fails with EACCES permission denied, help",
         "general_conversation"),
        ("how do I write a regex that matches an email address",
         "general_conversation"),
        ("Translate this to German: our office will be closed on Friday.",
         "general_conversation"),
        ("What's the best pizza topping?",
         "general_conversation"),
        ("How do I make the Slack node post as a bot instead of me?",
         "question"),
        ("What happens to running executions when I restart n8n?",
         "question"),
        ("Where do I find my Telegram bot token for the credential?",
         "question"),
        ("Is there a limit on how big a webhook payload can be?",
         "question"),
        ("Does the Schedule Trigger use my timezone or UTC?",
         "question"),
        ("Hi, can you build me a flow that saves Gmail attachments to Dropbox?",
         "workflow_request"),
        ("need something that pings me on Slack when our website goes down",
         "workflow_request"),
        ("How would I build a workflow that posts new Shopify products to Instagram? Just do "
         "it for me.",
         "workflow_request"),
    ],
)  # fmt: skip
def test_a_third_session_7_batch_of_turns(turn: str, intent: str) -> None:
    assert classify(turn).intent == intent


@pytest.mark.parametrize(
    ("turn", "intent"),
    [
        ("Can you summarise this article for me? https://example.com/post",
         "general_conversation"),
        ("Explain the difference between a webhook and polling.",
         "question"),
        ("what's n8n's pricing for the cloud version?",
         "question"),
        ("Who won the World Cup in 2018?",
         "general_conversation"),
        ("how do I fix 'ModuleNotFoundError: No module named requests'?",
         "general_conversation"),
        ("Is the Gmail trigger a polling trigger?",
         "question"),
    ],
)  # fmt: skip
def test_a_fifth_session_7_batch_of_turns(turn: str, intent: str) -> None:
    assert classify(turn).intent == intent


# ------------------------------------------------------------------ session 8 (issue #17, HT2)


@pytest.mark.parametrize(
    "turn",
    [
        # the asker's own code or a developer tool, though an app, "api" or "json" is named
        "My SQL query on Postgres returns every order twice after the JOIN, what am I doing wrong?",
        "getting a TypeError in my python script when I read the json the API sends back, why?",
        "why does my docker container exit immediately with code 137?",
        "My Excel VLOOKUP returns #N/A even though the value is there. Why?",
        "How should I structure a REST API for a todo app in Django?",
        "My Node.js app leaks memory when it reads big CSV files with fs.readFile, any tips?",
        # a text written for the asker: the app is where they will paste it
        "Write a LinkedIn post announcing that I got promoted.",
        "help me draft a tweet about the new coffee place downtown",
    ],
)
def test_own_code_and_writing_asks_are_conversation(turn: str) -> None:
    assert classify(turn).intent == "general_conversation"


@pytest.mark.parametrize(
    ("turn", "intent"),
    [
        # an n8n word keeps a question about code a question
        ("my Code node throws a TypeError when the json has no 'items' key, why?", "question"),
        ("Can I run python inside the n8n Code node?", "question"),
        # the written text is handed on: a workflow
        ("Write a LinkedIn post about our release with GPT and post it to our company page.",
         "workflow_request"),
        # an app event asked as a question, then the order
        ("gsheet row got deleted? ping me on slack", "workflow_request"),
        ("Stripe refund issued? log it to Airtable and tell finance on Teams.",
         "workflow_request"),
    ],
)  # fmt: skip
def test_n8n_words_and_handed_on_texts_and_event_questions(turn: str, intent: str) -> None:
    assert classify(turn).intent == intent


@pytest.mark.parametrize(
    ("turn", "intent"),
    [
        # kept aside while tuning (HT2's own check)
        ("my java program throws NullPointerException when I call list.get(0), why?",
         "general_conversation"),
        ("Is my regex ^\\d{3}-\\d{4}$ right for phone numbers like 555-1234?",
         "general_conversation"),
        ("How do I fix 'CORS policy: No Access-Control-Allow-Origin header' in my Express "
         "server?", "general_conversation"),
        ("Can you write me an email to a customer apologising for the late shipment?",
         "general_conversation"),
        ("trello card archived? add a row to the 'archive' sheet", "workflow_request"),
        ("Does the Postgres node support upserts?", "question"),
    ],
)  # fmt: skip
def test_session_8_aside_turns(turn: str, intent: str) -> None:
    assert classify(turn).intent == intent


@pytest.mark.parametrize(
    ("turn", "intent"),
    [
        # a question about the assistant itself is small talk
        ("Hi, first time here - what is this app for?", "general_conversation"),
        ("what can you do exactly?", "general_conversation"),
        # unless it asks about n8n or the workflow built
        ("What is this node for?", "question"),
    ],
)  # fmt: skip
def test_questions_about_the_assistant_itself(turn: str, intent: str) -> None:
    assert classify(turn).intent == intent


@pytest.mark.parametrize(
    ("turn", "intent"),
    [
        # how to use an app, not how to automate it: no record its n8n node works on
        ("My Slack notifications don't show up on my phone anymore, how do I fix that?",
         "general_conversation"),
        ("Can you recommend a good Notion template for a reading list?", "general_conversation"),
        ("Which is better for a small online store, Shopify or WooCommerce?",
         "general_conversation"),
        ("my wordpress site is really slow, what plugins should I remove?",
         "general_conversation"),
        ("How do I set up an email signature in Gmail?", "general_conversation"),
        # code written for the asker, and ideas for posts
        ("Build a React component for a login form with email and password.",
         "general_conversation"),
        ("Give me 10 ideas for LinkedIn posts about remote work.", "general_conversation"),
        # the app's records, two apps linked, or an n8n word: still about automation
        ("how do I send a slack message?", "question"),
        ("can gmail forward attachments to dropbox by itself?", "question"),
        ("Build a workflow that runs my python script every night over SSH.",
         "workflow_request"),
    ],
)  # fmt: skip
def test_using_an_app_and_code_orders(turn: str, intent: str) -> None:
    assert classify(turn).intent == intent


@pytest.mark.parametrize(
    ("turn", "intent"),
    [
        # kept aside while tuning (HT2's own check)
        ("My Zoom audio echoes in every call, any fix?", "general_conversation"),
        ("Is Mailchimp or ConvertKit better for a newsletter about baking?",
         "general_conversation"),
        ("What should I name my new Discord server for board game fans?",
         "general_conversation"),
        ("Write a bash one-liner to count lines in all .py files.", "general_conversation"),
        ("Does the Discord node let me send embeds?", "question"),
    ],
)  # fmt: skip
def test_session_8_aside_app_usage(turn: str, intent: str) -> None:
    assert classify(turn).intent == intent


@pytest.mark.parametrize(
    ("turn", "intent"),
    [
        # session 9: the asker says it is not about n8n; a text given in quotes to work on
        # (written before the change: 1 of the 18 outside/inside asks and the quoted
        # translation failed)
        (
            "not about n8n: my docker container keeps restarting with exit code 137, what does "
            "that mean?",
            "general_conversation",
        ),
        ("Not about n8n really, but how do I center a div?", "general_conversation"),
        ("unrelated: can you translate hello into german", "general_conversation"),
        (
            "translate 'we will be closed on Friday' into french and spanish please",
            "general_conversation",
        ),
        ("write 'happy friday' in 5 languages", "general_conversation"),
        (
            "off-topic: my python script throws KeyError when reading a dict, how do I fix it?",
            "general_conversation",
        ),
        # still questions about n8n, still requests
        ("Does n8n's Gmail trigger poll or use push notifications?", "question"),
        ("is there a way to retry a failed node automatically in n8n?", "question"),
        ("how do I pass binary data from the Google Drive node to the OpenAI node?", "question"),
        (
            "Write a tweet saying 'new release out Monday' and post it to Twitter every Monday",
            "workflow_request",
        ),
        ("Translate new Zendesk tickets into English and post them to Slack", "workflow_request"),
        (
            "friday thing: which of my github repos got new stars this week? post the list to "
            "discord",
            "workflow_request",
        ),
    ],
)
def test_session_9_not_about_n8n_and_quoted_texts(turn: str, intent: str) -> None:
    assert classify(turn).intent == intent
