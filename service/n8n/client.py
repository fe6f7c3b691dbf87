"""A small client for n8n's public API (``/api/v1``, header ``X-N8N-API-KEY``).

Why not a generic HTTP call at each site: every call needs the same timeouts, the same refusal
to follow redirects to other hosts (the key would go with them), and the same translation of
n8n's answers into typed errors with n8n's own words - and none of them may ever repeat the key.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from service.n8n import errors
from service.n8n.safety import address_refusal, check_url, normalise_base_url

API_PREFIX = "/api/v1"
#: the largest answer read (n8n 2.41's OpenAPI document is 0.75 MB)
MAX_ANSWER_BYTES = 32 * 1024 * 1024
#: n8n answers a delete right after an unpublish with 409 "still being unpublished" for a while
_DELETE_PATIENCE_S = 45.0

_SPEC_CACHE: dict[str, dict[str, Any] | None] = {}
_SPEC_LOCK = threading.Lock()
_RELEASE = re.compile(r'<meta name="n8n:config:sentry" content="([A-Za-z0-9+/=]+)"')


class N8nClient:
    """One n8n instance: base URL + API key. Use as a context manager (closes the connection pool).

    ``allow_private`` lets loopback/private hosts through (the operator setting
    ``allow_private_n8n``); ``transport`` is for tests that speak HTTP in-process.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        allow_private: bool = False,
        timeout: float = 20.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not api_key or not api_key.strip():
            raise errors.WrongKey("no n8n API key given", hint=_KEY_HINT)
        self.base_url = check_url(base_url, allow_private=allow_private)
        self._key = api_key.strip()
        self._allow_private = allow_private
        self._timeout = timeout
        self._http = httpx.Client(
            base_url=self.base_url + API_PREFIX,
            headers={"X-N8N-API-KEY": self._key, "Accept": "application/json"},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            follow_redirects=False,
            trust_env=False,
            transport=transport,
        )

    def __enter__(self) -> N8nClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # ------------------------------------------------------------------ plumbing
    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict | None = None,
        resource: bool = False,
    ) -> Any:
        """JSON answer of one call; raises a typed :mod:`errors` exception otherwise.

        ``resource`` says the path names one object, so a 404 means "no such object" rather
        than "no public API here".
        """
        try:
            resp = self._send(method, path, json=body, params=params)
        except httpx.TimeoutException:
            raise errors.Unreachable(
                f"n8n at {self.base_url} did not answer within {self._timeout:g} s"
            ) from None
        except httpx.HTTPError as exc:
            raise errors.Unreachable(
                f"cannot reach n8n at {self.base_url}: {self._scrub(_reason(exc))}",
                hint="check the URL and that n8n is running",
            ) from None
        return self._answer(resp, resource=resource)

    def _send(self, method: str, url: str, **kw: Any) -> httpx.Response:
        """One exchange, refused when the connection reached an address the URL check would
        refuse (a name that resolves differently the second time), and read up to
        ``MAX_ANSWER_BYTES`` so a hostile server cannot fill our memory."""
        with self._http.stream(method, url, **kw) as resp:
            stream = resp.extensions.get("network_stream")
            peer = stream.get_extra_info("server_addr") if stream is not None else None
            reason = (
                address_refusal(str(peer[0]), allow_private=self._allow_private) if peer else None
            )
            if reason:
                raise errors.UnsafeUrl(f"refusing the answer from {peer[0]}: {reason}")
            content = bytearray()
            for chunk in resp.iter_bytes():
                content += chunk
                if len(content) > MAX_ANSWER_BYTES:
                    raise errors.ServerError(
                        f"n8n at {self.base_url} answered more than {MAX_ANSWER_BYTES:,} bytes"
                    )
        # iter_bytes decoded any gzip already: the copy must not claim an encoding
        headers = [(k, v) for k, v in resp.headers.items() if k.lower() != "content-encoding"]
        return httpx.Response(
            resp.status_code, headers=headers, content=bytes(content), request=resp.request
        )

    def _answer(self, resp: httpx.Response, *, resource: bool) -> Any:
        status = resp.status_code
        if 300 <= status < 400:
            raise self._redirect_error(resp)
        data = _json_or_none(resp)
        message = self._scrub(_message_of(resp, data))
        if status == 401:
            raise errors.WrongKey(
                f"n8n at {self.base_url} rejected the API key (401)", hint=_KEY_HINT
            )
        if data is None and status < 500:
            raise errors.ApiMissing(
                f"{self.base_url}{API_PREFIX} is not n8n's public API (answer {status}, not JSON)",
                hint="check the URL; the public API may be disabled (N8N_PUBLIC_API_DISABLED)",
            )
        if status == 404:
            if resource:
                raise errors.NotFound(f"n8n: {message}")
            raise errors.ApiMissing(
                f"n8n at {self.base_url} has no such public API endpoint ({resp.request.url.path})",
                hint="the public API may be disabled or this n8n too old for it",
            )
        if status == 403:
            raise errors.Forbidden(f"n8n refused (403): {message}", hint="the key may lack a scope")
        if status >= 500:
            raise errors.ServerError(f"n8n failed ({status}): {message}")
        if status >= 400:
            raise errors.Rejected(status, message)
        return data

    def _redirect_error(self, resp: httpx.Response) -> errors.Redirected:
        target = urljoin(str(resp.request.url), resp.headers.get("location", ""))
        here, there = urlsplit(str(resp.request.url)), urlsplit(target)
        if (here.hostname, here.port) != (there.hostname, there.port):
            return errors.Redirected(
                f"n8n at {self.base_url} redirects to another host ({there.hostname}); "
                "not followed, the API key would go with it"
            )
        return errors.Redirected(
            f"n8n at {self.base_url} redirects to {there.scheme}://{there.netloc}{there.path}",
            hint="use the address it redirects to as the n8n URL",
        )

    def _scrub(self, text: str) -> str:
        return text.replace(self._key, "****") if self._key else text

    def list_all(self, path: str, *, page: int = 250) -> list[dict[str, Any]]:
        """Every item of a cursor-paginated collection."""
        items: list[dict[str, Any]] = []
        cursor: str | None = None
        for _ in range(1000):
            params: dict[str, Any] = {"limit": page}
            if cursor:
                params["cursor"] = cursor
            data = self.request("GET", path, params=params)
            items.extend(x for x in data.get("data") or [] if isinstance(x, dict))
            cursor = data.get("nextCursor")
            if not cursor:
                break
        return items

    # ------------------------------------------------------------------ workflows
    def check(self) -> None:
        """One cheap call that proves URL, API and key (raises the typed error otherwise)."""
        self.request("GET", "/workflows", params={"limit": 1})

    def create_workflow(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.request("POST", "/workflows", body=body)

    def update_workflow(
        self, workflow_id: str, body: dict[str, Any], params: dict[str, str] | None = None
    ) -> dict[str, Any]:
        return self.request(
            "PUT", f"/workflows/{_seg(workflow_id)}", body=body, params=params, resource=True
        )

    def get_workflow(self, workflow_id: str) -> dict[str, Any]:
        return self.request("GET", f"/workflows/{_seg(workflow_id)}", resource=True)

    def transfer_workflow(self, workflow_id: str, project_id: str) -> None:
        """Move a workflow to another project (n8n's projects; licence permitting)."""
        self.request(
            "PUT",
            f"/workflows/{_seg(workflow_id)}/transfer",
            body={"destinationProjectId": project_id},
            resource=True,
        )

    def publish(self, workflow_id: str) -> dict[str, Any]:
        """Publish (n8n 1.x: activate). Falls back to ``/activate`` where ``/publish`` is absent."""
        try:
            return self.request("POST", f"/workflows/{_seg(workflow_id)}/publish", body={})
        except errors.ApiMissing:
            return self.request("POST", f"/workflows/{_seg(workflow_id)}/activate", resource=True)

    def unpublish(self, workflow_id: str) -> dict[str, Any]:
        try:
            return self.request("POST", f"/workflows/{_seg(workflow_id)}/unpublish", body={})
        except errors.ApiMissing:
            return self.request("POST", f"/workflows/{_seg(workflow_id)}/deactivate", resource=True)

    def delete_workflow(self, workflow_id: str) -> None:
        """Delete, unpublishing first when needed (n8n refuses to delete a published workflow).

        n8n publishes and unpublishes in the background: right after either it answers 409
        ("still being unpublished") or, in 2.41, sometimes 500 - so those are retried, with a
        growing pause, for a bounded time.
        """
        deadline = time.monotonic() + _DELETE_PATIENCE_S
        delay = 0.1
        while True:
            try:
                if self.get_workflow(workflow_id).get("active"):
                    self.unpublish(workflow_id)
                self.request("DELETE", f"/workflows/{_seg(workflow_id)}", resource=True)
                return
            except (errors.Rejected, errors.ServerError) as exc:
                transient = isinstance(exc, errors.ServerError) or exc.status_code == 409
                if not transient or time.monotonic() + delay > deadline:
                    raise
            threading.Event().wait(delay)
            delay = min(delay * 2, 2.0)

    # ------------------------------------------------------------------ credentials
    def list_credentials(self) -> list[dict[str, Any]]:
        """``{id, name, type}`` of every credential the key can see (owner/admin keys only)."""
        return self.list_all("/credentials")

    def create_credential(self, name: str, type_name: str, data: dict[str, Any]) -> dict[str, Any]:
        return self.request(
            "POST", "/credentials", body={"name": name, "type": type_name, "data": data}
        )

    def delete_credential(self, credential_id: str) -> None:
        self.request("DELETE", f"/credentials/{_seg(credential_id)}", resource=True)

    # ------------------------------------------------------------------ instance facts
    def openapi(self) -> dict[str, Any] | None:
        """The instance's own OpenAPI document (cached per URL), or None when not served."""
        with _SPEC_LOCK:
            if self.base_url in _SPEC_CACHE:
                return _SPEC_CACHE[self.base_url]
        spec = self._fetch_openapi()
        with _SPEC_LOCK:
            _SPEC_CACHE[self.base_url] = spec
        return spec

    def _fetch_openapi(self) -> dict[str, Any] | None:
        import yaml

        try:
            resp = self._send("GET", "/openapi.yml")
        except (httpx.HTTPError, errors.N8nError):
            return None
        if resp.status_code != 200 or "html" in resp.headers.get("content-type", ""):
            return None
        try:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            doc = yaml.load(resp.text, Loader=loader)  # noqa: S506 - a safe loader
        except yaml.YAMLError:
            return None
        return doc if isinstance(doc, dict) else None

    def version(self) -> str | None:
        """The instance's n8n version, read from the release its editor page announces (once
        per client: a deploy of many workflows asks once).

        Only a version found is kept: an n8n that has just started answers its REST API before
        its editor page announces the release, and a None kept then would hide the version
        for the client's whole life."""
        if getattr(self, "_version", None) is None:
            self._version = self._read_version()
        return self._version

    def _read_version(self) -> str | None:
        try:
            resp = self._send("GET", self.base_url + "/")  # same host: an absolute URL
        except (httpx.HTTPError, errors.N8nError):
            return None
        match = _RELEASE.search(resp.text) if resp.status_code == 200 else None
        if not match:
            return None
        try:
            release = json.loads(base64.b64decode(match.group(1))).get("release", "")
        except (ValueError, AttributeError):
            return None
        found = re.fullmatch(r"n8n@(\d+\.\d+\.\d+\S*)", str(release))
        return found.group(1) if found else None


_KEY_HINT = "create an API key in n8n under Settings > n8n API and pass it as N8N_API_KEY"


def _seg(value: str) -> str:
    """An id as one safe path segment (n8n ids are short alphanumerics)."""
    text = str(value)
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", text):
        raise errors.NotFound(f"{text!r} is not an n8n id")
    return text


def _json_or_none(resp: httpx.Response) -> Any:
    if "json" not in resp.headers.get("content-type", ""):
        return None
    try:
        return resp.json()
    except ValueError:
        return None


def _message_of(resp: httpx.Response, data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return data["message"].strip()
    text = resp.text.strip()
    return text[:300] if text else resp.reason_phrase or str(resp.status_code)


def _reason(exc: httpx.HTTPError) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


__all__ = ["N8nClient", "normalise_base_url"]
