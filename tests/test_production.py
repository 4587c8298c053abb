"""Production mode: the deploy checks, security headers, the CSP, error pages, bad requests."""

import json
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, override_settings

from archive.models import SearchChange

from .admin_forms import admin_url
from .html import start_tags
from .processes import ROOT, production_environment
from .promises import CANONICAL

PRODUCTION = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}
PAGES = [
    "/",
    "/documents/",
    "/documents/?q=Filippov",
    CANONICAL,
    "/persons/",
    "/persons/joseph-stalin/",
    "/repositories/",
    "/repositories/aprf/",
    "/collections/",
    "/collections/korean-war/",
    "/no-such-page/",
]


def test_the_deploy_checks_find_nothing_in_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_environment()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment when DEBUG is off." in result.stderr


def inline_code(html):
    """Every script, style and event handler written into the page itself."""
    found = []
    for tag, attrs in start_tags(html):
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            found.append("inline <script>")
        if tag == "style":
            found.append("<style> element")
        if "style" in attrs:
            found.append(f"style attribute on <{tag}>")
        found += [f"{name} on <{tag}>" for name in attrs if name.startswith("on")]
    return found


@pytest.mark.parametrize("url", PAGES)
def test_every_page_type_has_a_strict_csp_and_no_inline_code(seed, url):
    response = Client().get(url, follow=True)
    assert response.status_code in (200, 404)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert inline_code(response.content.decode()) == []


def test_the_admin_needs_no_inline_styles_of_ours(seed, staff_client):
    text = seed.texts.first()
    response = staff_client.get(admin_url(type(text), "change", text.pk))
    assert response.status_code == 200
    assert 'style="width' not in response.content.decode()
    assert "css/admin.css" in response.content.decode()


@override_settings(**PRODUCTION)
def test_security_headers_in_production(seed):
    client = Client()
    assert client.get("/").status_code == 301  # to HTTPS
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@override_settings(**PRODUCTION)
def test_session_and_csrf_cookies_are_secure_in_production(db, django_user_model):
    django_user_model.objects.create_superuser("archivist", password="a long passphrase")
    client = Client()
    login = client.get("/admin/login/", secure=True)
    assert login.cookies["csrftoken"]["secure"] is True
    response = client.post(
        "/admin/login/",
        {"username": "archivist", "password": "a long passphrase", "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True and session["httponly"] is True
    assert session["samesite"] == "Lax"


# --- Error pages --------------------------------------------------------------------------


def assert_friendly(response, status, heading):
    body = response.content.decode()
    assert response.status_code == status
    assert heading in body
    assert 'class="site-title"' in body or "Return to the archive" in body
    for leak in ("Traceback", "SECRET_KEY", "DATABASES", "settings.py", "Request Method"):
        assert leak not in body


def test_not_found_page(db):
    assert_friendly(Client().get("/documents/999999/"), 404, "Not found")


def test_bad_request_page_for_a_host_we_do_not_serve(db):
    assert_friendly(Client().get("/", HTTP_HOST="evil.example"), 400, "Bad request")


def test_forbidden_page(staff_client):
    response = staff_client.get(admin_url(SearchChange, "add"))
    assert_friendly(response, 403, "Not allowed")


def test_a_form_without_its_csrf_token_gets_a_friendly_page(db):
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "a", "password": "b"}
    )
    assert_friendly(response, 403, "The form could not be sent")


@override_settings(ROOT_URLCONF="tests.failing_urls")
def test_server_error_page_shows_no_internals(db):
    response = Client(raise_request_exception=False).get("/fails/")
    assert_friendly(response, 500, "Something went wrong on our side")
    assert "deliberate failure" not in response.content.decode()


@override_settings(ROOT_URLCONF="tests.failing_urls")
def test_server_error_page_speaks_the_language_of_the_request(db):
    response = Client(raise_request_exception=False).get("/ru/fails/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Что-то пошло не так" in html and "Вернуться в архив" in html
    assert 'lang="ru"' in html and 'href="/ru/"' in html
    assert "deliberate failure" not in html


# --- Requests that are too big or not meant for us ------------------------------------------


def test_pages_refuse_other_methods(seed):
    for url in ["/", "/documents/", "/documents/110371/cite.bib", "/persons/joseph-stalin/",
                "/sitemap.xml", "/feeds/documents.atom", "/robots.txt"]:  # fmt: skip
        assert Client().post(url, {"q": "x"}).status_code == 405


def test_an_oversized_form_is_refused_with_400(seed, staff_client):
    text = seed.texts.first()
    url = admin_url(type(text), "change", text.pk)
    response = staff_client.post(url, {"credit": "x" * (3 * 2**20)})
    assert_friendly(response, 400, "Bad request")


def test_a_form_with_too_many_fields_is_refused_with_400(seed, staff_client):
    text = seed.texts.first()
    url = admin_url(type(text), "change", text.pk)
    response = staff_client.post(url, {f"field-{n}": "x" for n in range(6000)})
    assert_friendly(response, 400, "Bad request")
    text.refresh_from_db()
    assert text.credit == ""


# --- Static files --------------------------------------------------------------------------


def test_static_files_are_hashed_compressed_and_cached_for_good(tmp_path, db):
    static_root = tmp_path / "static"
    env = production_environment()
    env["STATIC_ROOT"] = str(static_root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/archive.css"]
    assert re.fullmatch(r"css/archive\.[0-9a-f]{12}\.css", hashed)
    assert (static_root / f"{hashed}.gz").exists()

    with override_settings(
        STATIC_ROOT=static_root,
        WHITENOISE_USE_FINDERS=False,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
    ):
        response = Client().get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "immutable"} <= cache_control
        assert "max-age=315360000" in cache_control
        page = Client().get("/").content.decode()
        assert f'href="/static/{hashed}"' in page
