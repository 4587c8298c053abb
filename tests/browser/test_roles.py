"""Editorial roles as an archivist and a curator meet them in the admin, each in a browser of
their own; and a superuser signing in with a two-factor code."""

import io

from django.core.management import call_command
from django.test import override_settings

from archive.models import Document

from ..factory import make_staff
from ..test_two_factor import code, key_of
from .conftest import SCREENSHOTS

PASSWORD = "not-a-real-password"  # make_staff's


def signed_in(open_page, username, otp_token=None):
    page = open_page()
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    if otp_token is not None:
        page.fill("#id_otp_token", otp_token)
    page.click("input[type=submit]")
    return page


def test_an_archivist_cannot_publish_a_draft_and_a_curator_can(open_page):
    make_staff("archivist", "Archivist")
    make_staff("curator", "Curator")
    draft = Document.objects.get(record_id=110371)
    draft.status = "draft"
    draft.save()
    change_url = f"/admin/archive/document/{draft.pk}/change/"
    archivist = signed_in(open_page, "archivist")
    archivist.wait_for_url("**/admin/")
    curator = signed_in(open_page, "curator")
    curator.wait_for_url("**/admin/")

    archivist.goto(change_url)
    assert archivist.locator("#id_status").count() == 0  # shown, not offered
    assert archivist.locator(".field-status .readonly").inner_text() == "draft"
    archivist.screenshot(path=str(SCREENSHOTS / "admin-archivist-status.png"))
    archivist.goto("/admin/archive/document/")
    actions = archivist.locator("select[name=action] option").all_inner_texts()
    assert not [action for action in actions if "Publish" in action or "draft" in action]

    curator.goto("/admin/archive/document/")
    curator.check(f"input[name=_selected_action][value='{draft.pk}']")
    curator.select_option("select[name=action]", "publish")
    curator.click("button[name=index]")
    assert "1 document set to published" in curator.locator(".messagelist").inner_text()
    curator.goto(f"/admin/archive/document/{draft.pk}/history/")
    published = curator.locator("#change-history tr", has_text="Published.")
    assert "curator" in published.inner_text()
    draft.refresh_from_db()
    assert draft.status == "published"


@override_settings(ARCHIVE_REQUIRE_2FA=True)
def test_a_superuser_signs_in_with_the_code_from_the_app(open_page, django_user_model):
    django_user_model.objects.create_superuser("boss", password=PASSWORD)
    out = io.StringIO()
    call_command("enrol_totp", "boss", "--no-qr", stdout=out)

    refused = signed_in(open_page, "boss")
    assert (
        "Enter the two-factor code" in refused.locator(".errorlist, .errornote").first.inner_text()
    )
    refused.screenshot(path=str(SCREENSHOTS / "admin-two-factor-sign-in.png"))

    page = signed_in(open_page, "boss", code(key_of(out.getvalue())))
    page.wait_for_url("**/admin/")
    assert page.locator("#logout-form").count() == 1
