"""Passwords of people: argon2id hashes (argon2-cffi), generated one-time passwords, the policy.

Only hashes are stored. A check against an unknown username still costs one hash, so response
time does not tell which usernames exist.
"""

from __future__ import annotations

import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core.errors import InvalidInput

MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 200
# No 0/O, 1/l/I: a one-time password is read aloud or copied by hand from a terminal.
ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ONE_TIME_GROUPS = 4
ONE_TIME_GROUP_CHARS = 4

_HASHER = PasswordHasher()  # argon2id with the library's RFC 9106 defaults


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when the password matches; an account without a password never matches."""
    if not stored_hash:
        spend_one_check(password)
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """After the hasher's parameters are raised, a correct login re-hashes with the new ones."""
    return _HASHER.check_needs_rehash(stored_hash)


@functools.cache
def _dummy_hash() -> str:
    return _HASHER.hash(secrets.token_urlsafe(16))


def spend_one_check(password: str) -> None:
    """Cost one verification for a username that does not exist (equal timing)."""
    try:
        _HASHER.verify(_dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return


def generate_one_time_password() -> str:
    """16 characters from 55 (about 92 bits), in groups of four: 'Hk7q-9Rtm-...'."""
    groups = (
        "".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(ONE_TIME_GROUP_CHARS))
        for _ in range(ONE_TIME_GROUPS)
    )
    return "-".join(groups)


def check_password_policy(password: str, *, username: str, field: str = "password") -> None:
    """Long enough and not the username: length beats composition rules (NIST SP 800-63B)."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInput.single(
            field, f"a password needs at least {MIN_PASSWORD_CHARS} characters", "too_short"
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise InvalidInput.single(
            field, f"a password has at most {MAX_PASSWORD_CHARS} characters", "too_long"
        )
    if username.casefold() in password.casefold():
        raise InvalidInput.single(field, "a password must not contain the username", "contains_username")
    if len(set(password)) < 4:
        raise InvalidInput.single(field, "a password needs at least 4 different characters", "too_uniform")
