"""Security headers on every answer of the app (API, /lapor, docs, and the dashboard mounted in it).

Pages that need a policy of their own set `Content-Security-Policy` themselves; everything
else gets the API's `default-src 'none'`. Headers a response already has are kept.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.security_headers import API_POLICY, security_headers


class SecurityHeaders:
    """Pure ASGI (no per-request task or body buffering): it only edits the response start."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        defaults = security_headers(policy=API_POLICY, https=scope.get("scheme") == "https")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in defaults.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
