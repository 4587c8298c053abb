"""Two archivists, each signed in in a browser of their own, edit one document."""

from archive.models import Document

PASSWORD = "a long passphrase"


def signed_in(open_page, username, django_user_model):
    django_user_model.objects.create_superuser(username, password=PASSWORD)
    page = open_page()
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def test_the_second_save_is_refused_shown_and_reapplied(open_page, django_user_model):
    document = Document.objects.get(record_id=110371)
    change_url = f"/admin/archive/document/{document.pk}/change/"
    first = signed_in(open_page, "first", django_user_model)
    second = signed_in(open_page, "second", django_user_model)
    first.goto(change_url)
    second.goto(change_url)

    second.fill("#id_summary", "Summary written by the second archivist.")
    second.click("input[name=_save]")
    second.wait_for_url("**/admin/archive/document/")

    first.fill("#id_title", "Title corrected by the first archivist")
    first.click("input[name=_save]")
    alert = first.get_by_role("alert")
    assert "Nothing was saved" in alert.inner_text()
    assert "second" in first.locator(".conflict-revisions").inner_text()
    summary = first.locator("tr", has=first.locator("th", has_text="summary"))
    assert "Summary written by the second archivist." in summary.inner_text()
    assert "Changed since" in summary.inner_text()
    title = first.locator("tr", has=first.locator("th", has_text="title"))
    assert "Changed by you" in title.inner_text()
    document.refresh_from_db()
    assert document.title != "Title corrected by the first archivist"

    first.click("text=Save my changes onto the current version")
    first.wait_for_url(f"**{change_url}")
    assert first.input_value("#id_title") == "Title corrected by the first archivist"
    assert first.input_value("#id_summary") == "Summary written by the second archivist."
    document.refresh_from_db()
    assert document.title == "Title corrected by the first archivist"
    assert document.summary == "Summary written by the second archivist."
