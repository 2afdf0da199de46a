"""Passwords: argon2id hashes that verify only the right password, one-time passwords, the policy."""

from __future__ import annotations

import pytest

from core.accounts.passwords import (
    MIN_PASSWORD_CHARS,
    ONE_TIME_ALPHABET,
    check_password_policy,
    generate_one_time_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from core.errors import InvalidInput


def test_a_hash_is_argon2id_salted_and_verifies_only_its_password() -> None:
    first, second = hash_password("sandi-rahasia-1"), hash_password("sandi-rahasia-1")
    assert first.startswith("$argon2id$") and first != second  # a fresh salt each time
    assert "sandi-rahasia-1" not in first
    assert verify_password(first, "sandi-rahasia-1") and verify_password(second, "sandi-rahasia-1")
    assert not verify_password(first, "sandi-rahasia-2")
    assert not verify_password(first, "")
    assert not verify_password("not-a-hash", "sandi-rahasia-1")
    assert not verify_password(None, "sandi-rahasia-1")  # an API-only account has no password
    assert not needs_rehash(first)


def test_one_time_passwords_are_long_unambiguous_unique_and_pass_the_policy() -> None:
    made = {generate_one_time_password() for _ in range(200)}
    assert len(made) == 200
    for password in made:
        groups = password.split("-")
        assert [len(g) for g in groups] == [4, 4, 4, 4]
        assert set("".join(groups)) <= set(ONE_TIME_ALPHABET)
        assert not set("0O1lI") & set(password)
        check_password_policy(password, username="admin")


@pytest.mark.parametrize(
    ("password", "username", "error"),
    [
        ("sandi-yang-cukup", "siti", None),
        ("x" * (MIN_PASSWORD_CHARS - 1), "siti", "too_short"),
        ("abcdefghij", "siti", None),  # exactly the minimum
        ("y" * 201, "siti", "too_long"),
        ("rahasia-SITI-2024", "siti", "contains_username"),
        ("aaaaaaaaaaaaaaa", "siti", "too_uniform"),
        ("abababababab", "siti", "too_uniform"),
        ("abcdabcdabcd", "siti", None),
    ],
)
def test_password_policy(password: str, username: str, error: str | None) -> None:
    if error is None:
        check_password_policy(password, username=username)
        return
    with pytest.raises(InvalidInput) as raised:
        check_password_policy(password, username=username, field="new_password")
    assert [(e.field, e.type) for e in raised.value.errors] == [("new_password", error)]
