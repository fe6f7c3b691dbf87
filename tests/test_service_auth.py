"""Bearer JWTs verified against a local JWKS server (real HTTP, keys generated here): the
accepted cases, every rejected case (401, nothing stored), key rotation, and the refusal to
listen beyond loopback without an identity provider."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from service_support import auth, service_client
from starlette.testclient import TestClient

from nodepilot.config import Settings

ISSUER = "https://clerk.nodepilot.test"
ORIGIN = "https://app.nodepilot.test"


class JwksServer:
    """Serves a JWKS document that the test may change; counts the fetches."""

    def __init__(self) -> None:
        self.keys: list[dict[str, Any]] = []
        self.fetches = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                """Quiet."""

            def do_GET(self) -> None:  # noqa: N802 - stdlib naming
                server.fetches += 1
                body = json.dumps({"keys": server.keys}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/.well-known/jwks.json"

    def publish(self, kid: str, private_key: Any) -> None:
        jwk = json.loads(
            jwt.algorithms.get_default_algorithms()[
                "RS256" if isinstance(private_key, rsa.RSAPrivateKey) else "ES256"
            ].to_jwk(private_key.public_key())
        )
        self.keys.append({**jwk, "kid": kid, "use": "sig"})

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def keys() -> dict[str, Any]:
    return {
        "rsa": rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "ec": ec.generate_private_key(ec.SECP256R1()),
        "later": rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "stranger": rsa.generate_private_key(public_exponent=65537, key_size=2048),
    }


@pytest.fixture(scope="module")
def jwks(keys: dict[str, Any]) -> Iterator[JwksServer]:
    server = JwksServer()
    server.publish("rsa-1", keys["rsa"])
    server.publish("ec-1", keys["ec"])
    yield server
    server.close()


@pytest.fixture(scope="module")
def client(migrated_db: Settings, jwks: JwksServer) -> Iterator[TestClient]:
    with service_client(
        migrated_db,
        jwks_url=jwks.url,
        jwt_issuer=ISSUER,
        allowed_origins=[ORIGIN],
        rate_limit_per_minute=100_000,
    ) as c:
        yield c


def claims(sub: str, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {
        "sub": sub,
        "iss": ISSUER,
        "iat": now,
        "nbf": now - 5,
        "exp": now + 300,
        "azp": ORIGIN,
        "email": f"{sub}@example.com",
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def sign(payload: dict[str, Any], key: Any, kid: str, alg: str = "RS256") -> str:
    return jwt.encode(payload, key, algorithm=alg, headers={"kid": kid})


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def users_with(conn: Any, sub: str) -> int:
    return conn.execute("SELECT count(*) FROM users WHERE clerk_user_id = %s", (sub,)).fetchone()[0]


def test_valid_rs256_and_es256_tokens_create_the_user_once(client, keys, db_conn) -> None:
    for alg, key, kid in (("RS256", keys["rsa"], "rsa-1"), ("ES256", keys["ec"], "ec-1")):
        sub = f"user_{alg.lower()}_{time.time_ns()}"
        token = sign(claims(sub), key, kid, alg)
        for _ in range(2):
            response = client.get("/api/users/me", headers=auth(token))
            assert response.status_code == 200, response.text
        assert response.json()["balance"] == 25
        assert users_with(db_conn, sub) == 1


def test_small_clock_skew_is_tolerated(client, keys) -> None:
    now = int(time.time())
    token = sign(claims(f"user_skew_{now}", exp=now - 10, iat=now - 400), keys["rsa"], "rsa-1")
    assert client.get("/api/credits", headers=auth(token)).status_code == 200


def _forged(kind: str, keys: dict[str, Any], sub: str) -> str:
    now = int(time.time())
    if kind == "expired":
        return sign(claims(sub, exp=now - 120, iat=now - 600), keys["rsa"], "rsa-1")
    if kind == "not_yet_valid":
        return sign(claims(sub, nbf=now + 120), keys["rsa"], "rsa-1")
    if kind == "wrong_issuer":
        return sign(claims(sub, iss="https://evil.test"), keys["rsa"], "rsa-1")
    if kind == "wrong_azp":
        return sign(claims(sub, azp="https://evil.test"), keys["rsa"], "rsa-1")
    if kind == "unknown_kid":
        return sign(claims(sub), keys["stranger"], "nobody")
    if kind == "wrong_key_same_kid":
        return sign(claims(sub), keys["stranger"], "rsa-1")
    header = {"alg": "none", "kid": "rsa-1", "typ": "JWT"}
    body = b64(json.dumps(claims(sub)).encode())
    if kind == "alg_none":
        return f"{b64(json.dumps(header).encode())}.{body}."
    if kind == "hs256_with_public_key":
        pem = (
            keys["rsa"]
            .public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
        head = b64(json.dumps({**header, "alg": "HS256"}).encode())
        mac = hmac.new(pem, f"{head}.{body}".encode(), hashlib.sha256).digest()
        return f"{head}.{body}.{b64(mac)}"
    if kind == "tampered":
        good = sign(claims(f"{sub}_orig"), keys["rsa"], "rsa-1")
        head, _, sig = good.split(".")
        return f"{head}.{body}.{sig}"
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind",
    [
        "expired",
        "not_yet_valid",
        "wrong_issuer",
        "wrong_azp",
        "unknown_kid",
        "wrong_key_same_kid",
        "alg_none",
        "hs256_with_public_key",
        "tampered",
    ],
)
def test_bad_tokens_are_401_and_store_nothing(client, keys, db_conn, kind: str) -> None:
    sub = f"user_{kind}_{time.time_ns()}"
    response = client.get("/api/users/me", headers=auth(_forged(kind, keys, sub)))
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"
    assert users_with(db_conn, sub) == 0 and users_with(db_conn, f"{sub}_orig") == 0


def test_unknown_kid_refetches_once_and_rotation_works(client, keys, jwks) -> None:
    sub = f"user_rotate_{time.time_ns()}"
    import service.auth.jwks as jwks_module

    jwks_module.REFETCH_MIN_INTERVAL_S, saved = 0.0, jwks_module.REFETCH_MIN_INTERVAL_S
    try:
        token = sign(claims(sub), keys["later"], "rsa-2")
        before = jwks.fetches
        assert client.get("/api/credits", headers=auth(token)).status_code == 401
        assert jwks.fetches == before + 1  # one refetch for the unknown kid, no more
        jwks.publish("rsa-2", keys["later"])
        assert client.get("/api/credits", headers=auth(token)).status_code == 200
        assert jwks.fetches == before + 2
        assert client.get("/api/credits", headers=auth(token)).status_code == 200
        assert jwks.fetches == before + 2  # cached now
    finally:
        jwks_module.REFETCH_MIN_INTERVAL_S = saved


def test_revoked_api_key_is_401(client, keys) -> None:
    token = sign(claims(f"user_keys_{time.time_ns()}"), keys["rsa"], "rsa-1")
    key = client.post("/api/keys", json={"name": "ci"}, headers=auth(token)).json()
    assert client.get("/api/credits", headers=auth(key["key"])).status_code == 200
    client.delete(f"/api/keys/{key['id']}", headers=auth(token))
    assert client.get("/api/credits", headers=auth(key["key"])).status_code == 401


def test_dev_sign_in_is_off_with_an_identity_provider(client, migrated_db) -> None:
    from service.auth import devtokens

    assert client.get("/api/config/public").json()["auth"] == "clerk"
    assert client.post("/api/dev/token", json={"email": "a@b.co"}).status_code == 404
    dev = devtokens.create_token(migrated_db, "dev@example.com")
    assert client.get("/api/credits", headers=auth(dev)).status_code == 401


def test_dev_token_endpoint_refuses_remote_clients(migrated_db) -> None:
    from service.app import create_app

    app = create_app(migrated_db)
    with TestClient(app, client=("203.0.113.9", 4000)) as remote:
        response = remote.post("/api/dev/token", json={"email": "a@b.co"})
    assert response.status_code == 403
