"""Conditional-HTTP header parsing for the map layer (Accept-Encoding, If-None-Match)."""

from __future__ import annotations

from geo.http import accepts_gzip, etag_matches


def test_header_parsing() -> None:
    assert accepts_gzip("gzip, deflate, br")
    assert accepts_gzip("*")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip(None)
    assert not accepts_gzip("br;q=1, *;q=0")
    assert etag_matches('W/"a"', {'"a"'})
    assert not etag_matches('"b"', {'"a"'})
    assert not etag_matches(None, {'"a"'})
