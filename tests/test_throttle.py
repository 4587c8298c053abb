"""Signing in to the admin is throttled against password guessing."""

import time

import pytest
from django.test import Client

from archive import throttle

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def archivist(django_user_model):
    return django_user_model.objects.create_superuser("archivist", password="the right one")


def sign_in(password, username="archivist", address="192.0.2.1"):
    return Client(REMOTE_ADDR=address).post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}
    )


def test_repeated_failures_from_one_address_are_refused_for_a_while(archivist, monkeypatch):
    for _ in range(throttle.ATTEMPTS_PER_ADDRESS):
        assert sign_in("wrong").status_code == 200  # the form again, with its error
    refused = sign_in("the right one")
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert int(refused["Retry-After"]) == throttle.WINDOW_SECONDS
    assert "sessionid" not in refused.cookies

    # Another address, another account: not held back by this one's failures.
    assert sign_in("wrong", username="someone", address="192.0.2.2").status_code == 200

    later = time.time() + throttle.WINDOW_SECONDS + 1
    monkeypatch.setattr(throttle.time, "time", lambda: later)
    assert sign_in("the right one").status_code == 302


def test_one_account_guessed_from_many_addresses_is_refused(archivist):
    for n in range(throttle.ATTEMPTS_PER_ACCOUNT):
        sign_in("wrong", address=f"198.51.100.{n}")
    assert sign_in("the right one", address="203.0.113.9").status_code == 429


def test_a_successful_sign_in_clears_the_account_count(archivist):
    def fail_from_many_addresses(block):
        for n in range(throttle.ATTEMPTS_PER_ACCOUNT - 1):
            sign_in("wrong", address=f"198.51.{block}.{n}")

    fail_from_many_addresses(1)
    assert sign_in("the right one", address="203.0.113.9").status_code == 302
    fail_from_many_addresses(2)  # as many again: counted afresh, so still below the limit
    assert sign_in("the right one", address="203.0.113.9").status_code == 302
