"""The dashboard's security headers, from the one policy in core.security_headers.

The CSP allows Dash's own inline scripts by hash (computed once the callbacks exist, as Dash
asks) and nothing else inline; everything is loaded from this server.
"""

from __future__ import annotations

from dash import Dash
from flask import Response, request

from core.security_headers import dashboard_policy, security_headers


def install_security_headers(app: Dash) -> None:
    """Add the headers to every answer of the dashboard's Flask server."""
    policy: list[str] = []

    @app.server.after_request
    def add_headers(response: Response) -> Response:
        if not policy:  # after every callback is registered: the hashes are final by now
            policy.append(dashboard_policy(app.csp_hashes()))
        https = request.is_secure
        for name, value in security_headers(policy=policy[0], https=https).items():
            response.headers[name] = value
        return response
