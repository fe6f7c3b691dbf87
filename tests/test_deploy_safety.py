"""URL safety, redirects, timeouts and error wording of the n8n client (no n8n needed)."""

from __future__ import annotations

import base64
import ipaddress
import json
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st
from n8n_support import ScriptedHttp

from service.n8n import errors
from service.n8n.client import N8nClient
from service.n8n.safety import check_url, normalise_base_url, refusal

KEY = "n8n-api-key-secret-0123456789"


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("https://n8n.example.com/", "https://n8n.example.com"),
        ("https://N8N.example.com/api/v1/", "https://n8n.example.com"),
        ("http://host:5678/sub/path/", "http://host:5678/sub/path"),
    ],
)
def test_base_url_is_normalised(url: str, base: str) -> None:
    assert normalise_base_url(url) == base


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("", "empty"),
        ("ftp://n8n.example.com", "http:// or https://"),
        ("n8n.example.com", "http:// or https://"),
        ("https://user:pw@n8n.example.com", "user name or password"),
        ("https://n8n.example.com/?x=1", "query"),
        ("https://n8n.example.com:99999", "invalid port"),
        ("http://", "no host"),
    ],
)
def test_malformed_urls_are_refused_with_a_reason(url: str, needle: str) -> None:
    with pytest.raises(errors.UnsafeUrl, match=needle):
        normalise_base_url(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:5678", "loopback"),
        ("http://localhost:5678", "loopback"),
        ("http://[::1]:5678", "loopback"),
        ("http://10.0.0.7", "private"),
        ("http://192.168.1.20:5678", "private"),
        ("http://[::ffff:172.16.0.1]", "private"),
        ("http://169.254.10.10", "link-local"),
        ("http://[fe80::1]", "link-local"),
        ("http://100.64.0.1", "private"),
    ],
)
def test_private_addresses_need_the_operator_setting(url: str, reason: str) -> None:
    with pytest.raises(errors.UnsafeUrl, match=reason) as exc:
        check_url(url, allow_private=False)
    assert "NODEPILOT_ALLOW_PRIVATE_N8N" in (exc.value.hint or "")
    assert check_url(url, allow_private=True)


@pytest.mark.parametrize(
    "url",
    ["http://169.254.169.254/latest", "http://[fd00:ec2::254]", "http://metadata.google.internal",
     "http://100.100.100.200", "http://0.0.0.0:5678"],
)  # fmt: skip
def test_metadata_and_unspecified_addresses_are_refused_even_when_private_is_allowed(
    url: str,
) -> None:
    with pytest.raises(errors.UnsafeUrl):
        check_url(url, allow_private=True)


def test_public_addresses_pass() -> None:
    assert check_url("https://1.1.1.1/", allow_private=False) == "https://1.1.1.1"
    assert check_url("http://[2606:4700:4700::1111]:5678", allow_private=False)


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_any_ipv4_is_refused_exactly_when_it_is_not_global(value: int) -> None:
    address = ipaddress.IPv4Address(value)
    mapped = ipaddress.IPv6Address(f"::ffff:{address}")
    strict = refusal(address, allow_private=False)
    assert (strict is None) == (address.is_global and not address.is_multicast)
    assert refusal(ipaddress.ip_address(_unmap(mapped)), allow_private=False) == strict
    loose = refusal(address, allow_private=True)
    assert (loose is None) == (
        str(address) not in ("169.254.169.254", "100.100.100.200")
        and not address.is_multicast
        and not address.is_unspecified
    )


def _unmap(address: ipaddress.IPv6Address) -> str:
    return str(address.ipv4_mapped)


def test_redirect_to_another_host_is_not_followed_and_the_key_stays_here() -> None:
    with ScriptedHttp(302, headers={"Location": "http://evil.example/api/v1/workflows"}) as srv:
        with N8nClient(srv.url, KEY, allow_private=True) as client:
            with pytest.raises(errors.Redirected, match="another host") as exc:
                client.check()
    assert KEY not in str(exc.value) and len(srv.seen) == 1


def test_redirect_on_the_same_host_names_the_address_to_use() -> None:
    with ScriptedHttp(301, headers={"Location": "/n8n/api/v1/workflows?limit=1"}) as srv:
        with N8nClient(srv.url, KEY, allow_private=True) as client:
            with pytest.raises(errors.Redirected) as exc:
                client.check()
    assert "/n8n/api/v1/workflows" in str(exc.value) and "use the address" in exc.value.hint


def test_n8n_echoing_the_key_never_reaches_our_message() -> None:
    body = json.dumps({"message": f"bad key {KEY}"}).encode()
    with ScriptedHttp(500, body) as srv:
        with N8nClient(srv.url, KEY, allow_private=True) as client:
            with pytest.raises(errors.ServerError) as exc:
                client.check()
    assert KEY not in str(exc.value) and "bad key ****" in str(exc.value)
    assert srv.seen[0][1]["X-N8N-API-KEY"] == KEY  # it was sent, as n8n wants it


def test_html_instead_of_the_api_is_api_missing() -> None:
    with ScriptedHttp(200, b"<html>login</html>", {"Content-Type": "text/html"}) as srv:
        with N8nClient(srv.url, KEY, allow_private=True) as client:
            with pytest.raises(errors.ApiMissing, match="not n8n's public API"):
                client.check()


def _editor_page(release: str | None) -> bytes:
    """An editor page as n8n serves it: the release sits base64-encoded in a meta tag."""
    if release is None:
        return b"<html><head><title>n8n</title></head></html>"
    config = base64.b64encode(json.dumps({"release": release}).encode()).decode()
    return f'<html><head><meta name="n8n:config:sentry" content="{config}"></head></html>'.encode()


def test_a_version_not_yet_announced_is_read_again_and_then_kept() -> None:
    html = {"Content-Type": "text/html"}
    with ScriptedHttp(200, _editor_page(None), html) as srv:
        with N8nClient(srv.url, KEY, allow_private=True) as client:
            assert client.version() is None  # the page of an n8n still starting
            srv.answer(200, _editor_page("n8n@2.41.1"), html)
            assert client.version() == "2.41.1"
            srv.answer(200, _editor_page("n8n@9.9.9"), html)
            assert client.version() == "2.41.1"  # found once: asked once per client
    assert [path for path, _ in srv.seen] == ["/", "/"]


def test_a_silent_server_times_out_as_unreachable() -> None:
    with socket.socket() as listener:  # accepts connections (backlog) but never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        with N8nClient(url, KEY, allow_private=True, timeout=0.3) as client:
            with pytest.raises(errors.Unreachable, match="did not answer within 0.3 s"):
                client.check()


def test_no_key_is_a_clear_error() -> None:
    with pytest.raises(errors.WrongKey, match="no n8n API key"):
        N8nClient("https://n8n.example.com", "  ")


def test_a_name_that_resolves_elsewhere_on_connect_is_refused(monkeypatch) -> None:
    # DNS rebinding: the check saw a public address, the connection reached loopback
    from service.n8n import safety

    monkeypatch.setattr(safety, "resolve", lambda host: [ipaddress.ip_address("93.184.216.34")])
    with ScriptedHttp(200, b'{"data": [], "nextCursor": null}') as srv:
        url = srv.url.replace("127.0.0.1", "localhost")
        with N8nClient(url, KEY, allow_private=False) as client:
            with pytest.raises(errors.UnsafeUrl, match="refusing the answer from 127.0.0.1"):
                client.check()


def test_an_oversized_answer_is_cut_off(monkeypatch) -> None:
    from service.n8n import client as client_module

    monkeypatch.setattr(client_module, "MAX_ANSWER_BYTES", 1000)
    with ScriptedHttp(200, b'{"data": "' + b"x" * 5000 + b'"}') as srv:
        with N8nClient(srv.url, KEY, allow_private=True) as client:
            with pytest.raises(errors.ServerError, match="more than 1,000 bytes"):
                client.check()


def test_nothing_listening_is_unreachable_with_a_hint() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: connection refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with N8nClient(f"http://127.0.0.1:{port}", KEY, allow_private=True) as client:
        with pytest.raises(errors.Unreachable, match="cannot reach n8n at") as exc:
            client.check()
    assert exc.value.hint == "check the URL and that n8n is running" and KEY not in str(exc.value)
