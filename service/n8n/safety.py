"""Which n8n URLs the service may call.

The service calls a URL the user typed, from inside our network: without checks that is a way to
reach cloud metadata endpoints and internal services (SSRF). A URL is accepted only with an
http(s) scheme, no user info, and a host whose every resolved address is public - unless the
operator sets ``allow_private_n8n`` (self-hosted setups, tests on loopback). Cloud metadata
addresses are refused even then: no n8n lives there.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit, urlunsplit

from service.n8n.errors import Unreachable, UnsafeUrl

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: metadata services of the big clouds (AWS/GCP/Azure/OpenStack, AWS IPv6, Alibaba)
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
METADATA_HOSTS = frozenset({"metadata", "metadata.google.internal", "metadata.goog"})


def normalise_base_url(url: str) -> str:
    """``https://n8n.example.com/`` or ``.../api/v1`` -> ``https://n8n.example.com`` (no slash).

    Raises :class:`UnsafeUrl` for anything that is not a plain http(s) URL with a host.
    """
    if not isinstance(url, str) or not url.strip():
        raise UnsafeUrl(
            "the n8n URL is empty",
            hint="give the address of your n8n, e.g. https://n8n.example.com",
        )
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise UnsafeUrl(
            f"the n8n URL must start with http:// or https:// (got {parts.scheme or 'no scheme'!r})"
        )
    if not parts.hostname:
        raise UnsafeUrl("the n8n URL has no host name")
    if parts.username or parts.password:
        raise UnsafeUrl(
            "the n8n URL must not contain a user name or password",
            hint="the API key goes in its own field",
        )
    if parts.query or parts.fragment:
        raise UnsafeUrl("the n8n URL must not have a query or fragment")
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise UnsafeUrl("the n8n URL has an invalid port") from None
    path = parts.path.rstrip("/")
    if path.endswith("/api/v1"):
        path = path[: -len("/api/v1")]
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))


def check_url(url: str, *, allow_private: bool) -> str:
    """The normalised base URL, after refusing hosts the service must not call."""
    base = normalise_base_url(url)
    host = urlsplit(base).hostname or ""
    if host.rstrip(".") in METADATA_HOSTS:
        raise UnsafeUrl(f"refusing to call {host}: a cloud metadata service, not an n8n instance")
    for address in resolve(host):
        reason = refusal(address, allow_private=allow_private)
        if reason:
            raise UnsafeUrl(
                f"refusing to call {host} ({address}): {reason}",
                hint=None
                if "metadata" in reason
                else "an operator can allow private n8n addresses (NODEPILOT_ALLOW_PRIVATE_N8N)",
            )
    return base


def resolve(host: str) -> list[IpAddress]:
    """Every address ``host`` resolves to (a literal IP resolves to itself)."""
    try:
        return [_unmapped(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise Unreachable(f"cannot resolve the n8n host {host}: {exc}") from None
    return sorted(
        {_unmapped(ipaddress.ip_address(i[4][0].split("%", 1)[0])) for i in infos}, key=str
    )


def refusal(address: IpAddress, *, allow_private: bool) -> str | None:
    """Why ``address`` may not be called, or None when it may."""
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_multicast or address.is_unspecified:
        return "not a host address"
    if allow_private:
        return None
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private or address.is_reserved or not address.is_global:
        return "a private address"
    return None


def address_refusal(address: str, *, allow_private: bool) -> str | None:
    """:func:`refusal` for an address as text (the peer a connection actually reached)."""
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    return refusal(_unmapped(parsed), allow_private=allow_private)


def _unmapped(address: IpAddress) -> IpAddress:
    """``::ffff:10.0.0.1`` is 10.0.0.1 for every check."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address
