"""What keeps the evidence browser safe to run: read-only, loopback by default, token otherwise.

Source documents are untrusted (anyone can publish a page with a script in it), so
pages are escaped by the templates and this module adds the second wall: a
Content-Security-Policy that allows no script at all, GET only, a Host check against
DNS rebinding on loopback, and a shared token when the server is reachable by others.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Iterable
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

COOKIE = "sitrep_session"
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


class BindRefused(ValueError):
    """Serving on a non-loopback address without a token."""


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() in ("localhost", "::1"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to expose the store beyond this machine without a token."""
    if not is_loopback(host) and not token:
        raise BindRefused(
            f"refusing to serve on {host} without a token: anyone who can reach it could read the "
            "store. Pass --token (or set SITREP_TOKEN), or bind 127.0.0.1."
        )
    if token is not None and len(token) < 8:
        raise BindRefused(
            "the token is too short: use at least 8 characters (e.g. `openssl rand -hex 16`)"
        )


def session_value(token: str) -> str:
    """The cookie holds a digest of the token, never the token itself."""
    return hashlib.sha256(b"sitrep-session\0" + token.encode()).hexdigest()


def _host_ok(request: Request, allowed: Iterable[str] | None) -> bool:
    if allowed is None:
        return True
    host = request.headers.get("host", "").lower()
    if host.startswith("["):
        name = host[: host.find("]") + 1] if "]" in host else host
    else:
        name = host.rsplit(":", 1)[0]
    return name in allowed


def _token_ok(request: Request, token: str) -> bool:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer " and hmac.compare_digest(
        auth[7:].strip().encode(), token.encode()
    ):
        return True
    cookie = request.cookies.get(COOKIE)
    return bool(cookie) and hmac.compare_digest(cookie.encode(), session_value(token).encode())


def guard(token: str | None, allowed_hosts: Iterable[str] | None):
    """The middleware: checks every request before a view sees it, and stamps every response."""
    allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def middleware(request: Request, call_next) -> Response:
        response = await _check(request, call_next)
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        if token:
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    async def _check(request: Request, call_next) -> Response:
        if request.method != "GET":
            return PlainTextResponse(
                "read-only: only GET is served\n", status_code=405, headers={"Allow": "GET"}
            )
        if not _host_ok(request, allowed):
            return PlainTextResponse("unexpected Host header\n", status_code=400)
        if token:
            offered = request.query_params.get("token")
            if offered is not None:
                if not hmac.compare_digest(offered.encode(), token.encode()):
                    return _unauthorized()
                rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                target = request.url.path + ("?" + urlencode(rest) if rest else "")
                resp = RedirectResponse(target, status_code=303)
                resp.set_cookie(
                    COOKIE,
                    session_value(token),
                    httponly=True,
                    samesite="strict",
                    secure=request.url.scheme == "https",
                    path="/",
                )
                return resp
            if not _token_ok(request, token):
                return _unauthorized()
        return await call_next(request)

    return middleware


def _unauthorized() -> Response:
    return PlainTextResponse(
        "a token is required: open the link with ?token=... once, or send Authorization: "
        "Bearer <token>\n",
        status_code=401,
        headers={"WWW-Authenticate": "Bearer"},
    )


def safe_url(url: str | None) -> str | None:
    """Only web links become links: ``javascript:``, ``data:`` and the rest stay text."""
    url = (url or "").strip()
    if url.lower().startswith(("http://", "https://")) and not any(
        c in url for c in "\"'<> \t\n\r"
    ):
        return url
    return None
