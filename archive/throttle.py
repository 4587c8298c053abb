"""The admin's sign-in, throttled against password guessing.

Failed sign-ins are counted per client address and per account name, in the
shared cache (a database table), so that every app server counts the same
failures. Past the limit, sign-in attempts are refused with a 429 page until
the window has passed since the first failure; signing in successfully clears
the account's count.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse

ATTEMPTS_PER_ADDRESS = 5
# An account is tried from many addresses by a distributed guesser; it gets more room.
ATTEMPTS_PER_ACCOUNT = 4 * ATTEMPTS_PER_ADDRESS
WINDOW_SECONDS = 15 * 60


def client_address(request):
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        # Behind our proxy, the last address it appended is the client it saw.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _keys(request, username):
    keys = [(f"login-failures:address:{client_address(request)}", ATTEMPTS_PER_ADDRESS)]
    if username:
        account = str(username).strip().lower()[:150]
        keys.append((f"login-failures:account:{account}", ATTEMPTS_PER_ACCOUNT))
    return keys


def _failures(key):
    count, first = cache.get(key, (0, 0.0))
    if time.time() - first > WINDOW_SECONDS:
        return 0, 0.0
    return count, first


def is_blocked(request, username=None):
    return any(_failures(key)[0] >= limit for key, limit in _keys(request, username))


def _record_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    for key, _limit in _keys(request, credentials.get("username")):
        count, first = _failures(key)
        first = first or time.time()
        remaining = max(1, int(first + WINDOW_SECONDS - time.time()))
        cache.set(key, (count + 1, first), remaining)


def _clear_account(sender, request, user, **kwargs):
    cache.delete_many([key for key, _limit in _keys(request, user.get_username())][1:])


def connect_signals():
    user_login_failed.connect(_record_failure, dispatch_uid="throttle-login-failed")
    user_logged_in.connect(_clear_account, dispatch_uid="throttle-logged-in")


class LoginThrottleMiddleware:
    """Refuses sign-in attempts from an address or for an account that failed too often."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signing_in = request.method == "POST" and request.path == reverse("admin:login")
        if signing_in and is_blocked(request, request.POST.get("username")):
            response = render(request, "429.html", {"minutes": WINDOW_SECONDS // 60}, status=429)
            response["Retry-After"] = str(WINDOW_SECONDS)
            return response
        return self.get_response(request)
