"""Two-factor sign-in to the admin: a TOTP code from an authenticator app (django-otp)."""

import base64
import io
import urllib.parse

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from archive import throttle

from .factory import make_staff
from .test_settings import read_settings

pytestmark = pytest.mark.django_db

PASSWORD = "not-a-real-password"
required = override_settings(ARCHIVE_REQUIRE_2FA=True)


def test_required_for_superusers_in_production_and_not_in_development():
    production = {"DEBUG": "false", "SECRET_KEY": "from-the-environment"}
    result = read_settings("s.ARCHIVE_REQUIRE_2FA", **production)
    assert (result.returncode, result.stdout.strip()) == (0, "True"), result.stderr
    assert read_settings("s.ARCHIVE_REQUIRE_2FA").stdout.strip() == "False"
    result = read_settings("s.ARCHIVE_REQUIRE_2FA", ARCHIVE_REQUIRE_2FA="false", **production)
    assert result.stdout.strip() == "False"
    assert read_settings("s.ARCHIVE_REQUIRE_2FA", ARCHIVE_REQUIRE_2FA="on").stdout == "True\n"


def enrol(username, *options):
    out = io.StringIO()
    call_command("enrol_totp", username, *options, stdout=out)
    return out.getvalue()


def key_of(output):
    """The secret key in the otpauth:// address enrol_totp printed, as an app reads it."""
    (address,) = [line for line in output.splitlines() if line.startswith("otpauth://totp/")]
    secret = urllib.parse.parse_qs(urllib.parse.urlsplit(address).query)["secret"][0]
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def code(key):
    return f"{totp(key):06d}"


def sign_in(client, username, otp_token=""):
    data = {"username": username, "password": PASSWORD, "otp_token": otp_token}
    return client.post("/admin/login/?next=/admin/", {**data, "next": "/admin/"})


@pytest.fixture
def superuser():
    return User.objects.create_superuser("boss", password=PASSWORD)


@pytest.fixture(autouse=True)
def forget_failures():
    yield
    cache.clear()  # the sign-in throttle counts in the shared cache, which is not rolled back


def is_in_admin(client):
    return client.get("/admin/").status_code == 200


@required
def test_a_superuser_without_an_authenticator_does_not_reach_the_admin(superuser):
    client = Client()
    response = sign_in(client, "boss")
    assert response.status_code == 200
    assert "has no authenticator yet" in response.content.decode()
    assert "manage.py enrol_totp boss" in response.content.decode()
    assert not is_in_admin(client)

    # Nor with a session signed in by password alone (before two-factor sign-in was on).
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    page = client.get(response["Location"]).content.decode()
    assert 'name="otp_token"' in page and "two-factor code" in page


@required
def test_a_code_from_the_enrolled_key_signs_in_and_a_wrong_one_is_refused(superuser):
    output = enrol("boss")
    assert "otpauth://totp/" in output and "issuer=Cold%20War%20Archive" in output
    assert "█" in output  # the QR code, drawn in the terminal
    key = key_of(output)
    right = code(key)
    wrong = f"{(int(right) + 1) % 10**6:06d}"

    missing = sign_in(Client(), "boss")
    assert "Enter the two-factor code" in missing.content.decode()

    refused = Client()
    response = sign_in(refused, "boss", wrong)
    assert response.status_code == 200
    assert "That two-factor code is not right" in response.content.decode()
    assert not is_in_admin(refused)

    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    client = Client()
    response = sign_in(client, "boss", right)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert is_in_admin(client)
    # The same code is good once only: someone who saw it typed cannot use it again.
    assert "not right" in sign_in(Client(), "boss", right).content.decode()


@required
def test_other_staff_sign_in_with_a_password_unless_they_enrolled(superuser):
    make_staff("archivist", "Archivist")
    client = Client()
    assert sign_in(client, "archivist").status_code == 302
    assert is_in_admin(client)

    key = key_of(enrol("archivist"))
    assert "Enter the two-factor code" in sign_in(Client(), "archivist").content.decode()
    client = Client()
    assert sign_in(client, "archivist", code(key)).status_code == 302
    assert is_in_admin(client)


def test_in_development_a_superuser_signs_in_with_a_password(superuser):
    client = Client()
    assert sign_in(client, "boss").status_code == 302
    assert is_in_admin(client)
    page = Client().get("/admin/login/").content.decode()
    assert 'name="otp_token"' in page and 'autocomplete="one-time-code"' in page


@required
def test_guessing_codes_is_throttled_like_guessing_passwords(superuser):
    enrol("boss")
    for attempt in range(throttle.ATTEMPTS_PER_ADDRESS):
        assert sign_in(Client(), "boss", f"{attempt:06d}").status_code == 200
    assert sign_in(Client(), "boss", "123456").status_code == 429


def test_enrolling_again_needs_replace_and_the_old_key_stops_working(superuser):
    first = key_of(enrol("boss", "--no-qr"))
    with pytest.raises(CommandError, match="already has an authenticator"):
        enrol("boss")
    output = enrol("boss", "--replace", "--no-qr")
    assert "█" not in output
    second = key_of(output)
    assert first != second
    assert [device.bin_key for device in TOTPDevice.objects.all()] == [second]
    with pytest.raises(CommandError, match="No account named “nobody”"):
        enrol("nobody")


@override_settings(ARCHIVE_REQUIRE_2FA=True)
def test_curators_and_administrators_need_a_code_too_archivists_not(db):
    from archive.editorial.signin import two_factor_required

    assert two_factor_required(make_staff("curator", "Curator"))  # may publish
    assert two_factor_required(make_staff("administrator", "Administrator"))  # may grant rights
    assert not two_factor_required(make_staff("archivist", "Archivist"))
