"""Failed-attempt throttling with an injected clock: thresholds, Retry-After, windows, one log line."""

from __future__ import annotations

import logging

import pytest

from core.accounts.throttle import (
    BEARER_LIMIT,
    LOGIN_ADDRESS_LIMIT,
    LOGIN_USERNAME_LIMIT,
    FailureThrottle,
    Limit,
    LoginThrottle,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_documented_limits() -> None:
    assert (BEARER_LIMIT.failures, BEARER_LIMIT.window_seconds) == (60, 60)
    assert (LOGIN_USERNAME_LIMIT.failures, LOGIN_USERNAME_LIMIT.window_seconds) == (10, 600)
    assert (LOGIN_ADDRESS_LIMIT.failures, LOGIN_ADDRESS_LIMIT.window_seconds) == (30, 600)


@pytest.mark.parametrize(
    ("failures", "seconds_later", "expected"),
    [
        (2, 0, None),  # under the limit
        (3, 0, 60),  # at the limit: wait until the first failure leaves the window
        (3, 59.5, 1),
        (3, 60, None),  # the first failure left the window
        (5, 0, 60),
    ],
)
def test_retry_after_follows_the_sliding_window(
    failures: int, seconds_later: float, expected: int | None
) -> None:
    clock = FakeClock()
    throttle = FailureThrottle(name="t", limit=Limit(failures=3, window_seconds=60), clock=clock)
    for _ in range(failures):
        throttle.record_failure("10.0.0.1", what="tries")
    clock.now += seconds_later
    assert throttle.retry_after("10.0.0.1") == expected
    assert throttle.retry_after("10.0.0.2") is None  # other addresses are untouched


def test_failures_spread_over_time_expire_one_by_one() -> None:
    clock = FakeClock()
    throttle = FailureThrottle(name="t", limit=Limit(failures=3, window_seconds=60), clock=clock)
    for _ in range(3):
        throttle.record_failure("a", what="tries")
        clock.now += 20
    assert throttle.retry_after("a") is None  # the first, 60 s old, has left
    throttle.record_failure("a", what="tries")
    assert throttle.retry_after("a") == 20  # the second one (40 s old) leaves in 20 s


def test_reaching_the_limit_is_logged_once_without_the_secret(caplog: pytest.LogCaptureFixture) -> None:
    throttle = FailureThrottle(
        name="bearer tokens", limit=Limit(failures=3, window_seconds=60), clock=FakeClock()
    )
    with caplog.at_level(logging.WARNING, logger="waspada.throttle"):
        for _ in range(10):
            throttle.record_failure("10.0.0.9", what="bearer tokens")
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and "10.0.0.9" in lines[0] and "bearer tokens throttled" in lines[0]


def test_login_limits_one_username_per_address_and_every_address() -> None:
    clock = FakeClock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(10):
        throttle.failed(address="203.0.113.5", username="Admin")
    assert throttle.retry_after(address="203.0.113.5", username="admin") == 600
    assert throttle.retry_after(address="203.0.113.5", username="analis") is None  # 10 < 30
    assert throttle.retry_after(address="198.51.100.7", username="admin") is None  # the real admin elsewhere
    for n in range(20):
        throttle.failed(address="203.0.113.5", username=f"user{n}")
    assert throttle.retry_after(address="203.0.113.5") == 600
    clock.now += 600
    assert throttle.retry_after(address="203.0.113.5", username="admin") is None


def test_a_correct_login_clears_its_username_count_not_the_address_count() -> None:
    throttle = LoginThrottle(clock=FakeClock())
    for _ in range(9):
        throttle.failed(address="a", username="budi")
    throttle.succeeded(address="a", username="budi")
    throttle.failed(address="a", username="budi")
    assert throttle.retry_after(address="a", username="budi") is None
    assert len(throttle.by_address._recent("a", 1000.0)) == 10
