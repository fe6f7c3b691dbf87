"""The HTTP Request node in place of an app's node: which credential of the app it can use.

n8n's HTTP Request node authenticates with an app's own credential ("predefined credential
type") when that credential defines how to authenticate a request or is OAuth. That is what
makes a call to the app's API a fair stand-in for an operation its node lacks: the same
account, any endpoint. This module reads those catalog facts and shapes the call's hints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexing.catalog.load import load_catalog
from indexing.catalog.params import ParameterResolutionError, display_parameter, resolve_parameters
from nodepilot.workflow import BASE

HTTP_REQUEST = BASE + "httpRequest"


@dataclass(frozen=True)
class ApiCall:
    """An HTTP Request to the app's own API in place of its node: ``app`` the node type whose
    credential it uses, ``credential`` that credential type, ``object`` what it reads or makes
    (the request's noun, plural), ``write`` whether it creates/changes something (POST)."""

    app: str
    credential: str
    object: str
    write: bool = False


def call_hints(call: ApiCall, write: bool) -> dict[str, object]:
    """The hints of a step that calls ``call``'s API: ``@api`` the app node, ``@credential``
    its credential type, ``@object`` the path asked for, ``@write`` whether it is a POST."""
    return {
        "@api": call.app,
        "@credential": call.credential,
        "@object": call.object,
        "@write": write,
    }


def _accepted_by_http_request(name: str) -> bool:
    """The HTTP Request node's "predefined credential type" list takes ``name``: it defines
    ``authenticate`` or extends OAuth (n8n's filter ``extends:oAuth2Api``, ``extends:oAuth1Api``,
    ``has:authenticate``)."""
    cat = load_catalog()
    seen: set[str] = set()
    todo = [name]
    while todo:
        ctype = cat.credential_type(todo.pop())
        if ctype is None or ctype.name in seen:
            continue
        seen.add(ctype.name)
        if ctype.authenticates or {"oAuth2Api", "oAuth1Api"} & set(ctype.extends):
            return True
        todo.extend(ctype.extends)
    return False


#: Credentials of no app: a header, a token, a login any HTTP service takes. A utility node
#: that accepts one (Wait's resume webhook, an MCP client, a Webhook, GraphQL) has no API of
#: its own behind it, so it never stands in for an app's API call.
GENERIC_CREDENTIALS = frozenset(
    """httpHeaderAuth httpBearerAuth httpBasicAuth httpQueryAuth httpDigestAuth httpCustomAuth
    httpMultipleHeadersAuth httpSslAuth oAuth1Api oAuth2Api jwtAuth mcpOAuth2Api""".split()
)


@lru_cache(maxsize=2048)
def proxy_credential(node_type: str) -> str | None:
    """The credential type the HTTP Request node can use in place of ``node_type``: the one
    the node asks for with its default parameters when the HTTP Request node accepts it, else
    the first of its others it accepts; None for a node without one, and for a node whose
    only such credentials are generic ones (``GENERIC_CREDENTIALS``)."""
    cat = load_catalog()
    version = cat.default_version(node_type)
    nv = cat.get(node_type, version) if version is not None else None
    if nv is None or version is None:
        return None
    try:
        shown = resolve_parameters(nv, {}, version, type_name=node_type)
    except ParameterResolutionError:
        shown = {}
    usable = [
        c
        for c in nv.credentials
        if c.name not in GENERIC_CREDENTIALS and _accepted_by_http_request(c.name)
    ]
    for c in usable:
        if not c.display_options or display_parameter(
            shown, {"displayOptions": c.display_options}, version, type_name=node_type, root=shown
        ):
            return c.name
    return usable[0].name if usable else None


def api_base_url(credential: str) -> str:
    """The API's base URL for ``credential``: the catalog's, with each account-specific part
    (``{{$credentials.shopSubdomain}}``) as a marked placeholder (``REPLACE_WITH_SHOPSUBDOMAIN``);
    without a usable one, a placeholder host naming the app."""
    ctype = load_catalog().credential_type(credential)
    base = (ctype.base_url or "") if ctype else ""
    base = base.removeprefix("=")
    base = re.sub(
        r"\{\{\s*\$credentials\??\.(\w+)\s*\}\}",
        lambda m: "REPLACE_WITH_" + m.group(1).upper(),
        base,
    )
    if re.fullmatch(r"https://[A-Za-z0-9_.-]+(/[\w.-]+)*/?", base):
        return base.rstrip("/")
    if credential in PUBLIC_BASE_URLS:
        return PUBLIC_BASE_URLS[credential]
    if re.fullmatch(r"REPLACE_WITH_\w+(/[\w.-]+)+/?", base):  # "{{$credentials.url}}/wp-json/wp/v2"
        return "https://" + base.rstrip("/")
    app = re.sub(r"(OAuth2?|Api|Token|AccessToken)+$", "", credential) or credential
    return f"https://REPLACE_WITH_{app.upper()}_API_URL"


_GRAPH = "https://graph.microsoft.com/v1.0"
#: The public API host of credentials whose catalog entry has none, or only one an account
#: fills in (GitHub's ``server`` defaults to api.github.com): the hosts n8n's own credential
#: defaults and the APIs' references name. Accounts on a host of their own (WordPress,
#: Supabase, Jira) keep a marked placeholder instead.
PUBLIC_BASE_URLS = {
    "githubApi": "https://api.github.com",
    "githubOAuth2Api": "https://api.github.com",
    "gitlabApi": "https://gitlab.com/api/v4",
    "gitlabOAuth2Api": "https://gitlab.com/api/v4",
    "youTubeOAuth2Api": "https://www.googleapis.com/youtube/v3",
    "gmailOAuth2": "https://gmail.googleapis.com/gmail/v1",
    "googleDriveOAuth2Api": "https://www.googleapis.com/drive/v3",
    "googleDocsOAuth2Api": "https://docs.googleapis.com/v1",
    "googleSheetsOAuth2Api": "https://sheets.googleapis.com/v4",
    "googleCalendarOAuth2Api": "https://www.googleapis.com/calendar/v3",
    "spotifyOAuth2Api": "https://api.spotify.com/v1",
    "bitlyOAuth2Api": "https://api-ssl.bitly.com/v4",
    "keapOAuth2Api": "https://api.infusionsoft.com/crm/rest/v1",
    "boxOAuth2Api": "https://api.box.com/2.0",
    "linearApi": "https://api.linear.app",
    "linearOAuth2Api": "https://api.linear.app",
    "mondayComApi": "https://api.monday.com/v2",
    "mondayComOAuth2Api": "https://api.monday.com/v2",
    "airtableTokenApi": "https://api.airtable.com/v0",
    "airtableOAuth2Api": "https://api.airtable.com/v0",
    "redditOAuth2Api": "https://oauth.reddit.com",
    "stravaOAuth2Api": "https://www.strava.com/api/v3",
    "helpScoutOAuth2Api": "https://api.helpscout.net/v2",
    "pagerDutyApi": "https://api.pagerduty.com",
    "pagerDutyOAuth2Api": "https://api.pagerduty.com",
    "quickBooksOAuth2Api": "https://quickbooks.api.intuit.com/v3",
    "xeroOAuth2Api": "https://api.xero.com/api.xro/2.0",
    "harvestApi": "https://api.harvestapp.com/v2",
    "harvestOAuth2Api": "https://api.harvestapp.com/v2",
    "webflowApi": "https://api.webflow.com/v2",
    "webflowOAuth2Api": "https://api.webflow.com/v2",
    "twilioApi": "https://api.twilio.com/2010-04-01",
    "zohoOAuth2Api": "https://www.zohoapis.com/crm/v2",
    "mailerLiteApi": "https://connect.mailerlite.com/api",
    "convertKitApi": "https://api.convertkit.com/v3",
    "linkedInOAuth2Api": "https://api.linkedin.com/v2",
    "openAiApi": "https://api.openai.com/v1",
    "mailchimpApi": "https://REPLACE_WITH_DC.api.mailchimp.com/3.0",
    "jiraSoftwareCloudApi": "https://REPLACE_WITH_DOMAIN.atlassian.net/rest/api/3",
    "ghostContentApi": "https://REPLACE_WITH_URL/ghost/api/content",
    "ghostAdminApi": "https://REPLACE_WITH_URL/ghost/api/admin",
    "microsoftOAuth2Api": _GRAPH,
    "microsoftToDoOAuth2Api": _GRAPH,
    "microsoftOutlookOAuth2Api": _GRAPH,
    "microsoftOneDriveOAuth2Api": _GRAPH,
    "microsoftExcelOAuth2Api": _GRAPH,
    "microsoftTeamsOAuth2Api": _GRAPH,
    "microsoftSharePointOAuth2Api": _GRAPH,
}


def api_call(node_type: str, noun: str, write: bool) -> ApiCall | None:
    """The HTTP Request stand-in for ``node_type`` asked for ``noun``."""
    credential = proxy_credential(node_type)
    if credential is None:
        return None
    return ApiCall(node_type, credential, plural_of(noun), write)


def plural_of(noun: str) -> str:
    """The plural an API path names a collection by: "branch" -> "branches", "entry" ->
    "entries"; a word already ending in "s" is taken as plural."""
    if noun.endswith("s"):
        return noun
    if noun.endswith(("x", "ch", "sh", "z")):
        return noun + "es"
    if len(noun) > 2 and noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"
