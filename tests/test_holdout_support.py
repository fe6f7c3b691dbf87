"""The held-out sets' label check for HTTP Request credentials follows n8n's filter.

HTTP Request's "predefined credential type" list holds credentials that define ``authenticate``
or descend from OAuth. Google's, Microsoft's and Atlassian's app credentials reach ``oAuth2Api``
only through a vendor parent; a check that read one level rejected labels n8n accepts, so no
held-out case could use those apps.
"""

from __future__ import annotations

import pytest
from holdout_support import usable_by_http_request

from indexing.catalog.load import load_catalog


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize(
    "name",
    ["googleSheetsOAuth2Api", "microsoftTeamsOAuth2Api", "jiraSoftwareCloudOAuth2Api", "stripeApi"],
)
def test_oauth_descendants_and_authenticating_credentials_are_accepted(catalog, name):
    assert usable_by_http_request(catalog, name)


@pytest.mark.parametrize("name", ["acuitySchedulingApi", "amqp", "no-such-credential"])
def test_credentials_that_cannot_sign_a_request_are_refused(catalog, name):
    assert not usable_by_http_request(catalog, name)
