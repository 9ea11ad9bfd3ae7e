import pytest
from django.urls import reverse

from legal_vector.models import Bookmark, BookmarkFolder

pytestmark = pytest.mark.django_db

ADD = reverse("legal_vector:bookmark_add")


def add_bookmark(client, document, key="", **extra):
    return client.post(ADD, {"document": document.pk, "stable_key": key, **extra})


def test_employee_bookmarks_a_unit_into_a_new_folder(client, employee, law):
    client.force_login(employee)

    response = add_bookmark(client, law, "st14/ch1", new_folder="  Бюджет   2026 ")

    bookmark = Bookmark.objects.get(user=employee)
    assert response.url == f"{law.get_absolute_url()}?unit=st14%2Fch1#selected-unit"
    assert bookmark.label == "ч. 1 ст. 14"
    assert bookmark.folder.name == "Бюджет 2026"
    assert bookmark.get_absolute_url() == f"/legal/documents/{law.pk}/u/st14/ch1/"


def test_double_submit_keeps_one_bookmark(client, employee, law):
    client.force_login(employee)

    add_bookmark(client, law, "st14")
    add_bookmark(client, law, "st14")

    assert Bookmark.objects.filter(user=employee).count() == 1


def test_bookmarking_a_unit_that_does_not_exist_is_refused(client, employee, law):
    client.force_login(employee)

    response = add_bookmark(client, law, "st999")

    assert not Bookmark.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "В действующей редакции документа нет такой единицы." in messages


def test_someone_elses_folder_cannot_be_used(client, employee, other_employee, law):
    foreign = BookmarkFolder.objects.create(user=other_employee, name="Чужая")
    client.force_login(employee)

    add_bookmark(client, law, folder=foreign.pk)

    assert not Bookmark.objects.exists()


def test_bookmark_list_shows_only_the_users_own_bookmarks(client, employee, other_employee, law):
    Bookmark.objects.place(employee, law, "st1", "ст. 1")
    Bookmark.objects.place(other_employee, law, "st36", "ст. 36")
    client.force_login(employee)

    html = client.get(reverse("legal_vector:bookmarks")).content.decode()

    assert "ст. 1 — Федеральный закон" in html
    assert "ст. 36 —" not in html


def test_bookmarks_can_be_filtered_by_folder(client, employee, law):
    folder = BookmarkFolder.objects.create(user=employee, name="Слушания")
    Bookmark.objects.place(employee, law, "st1", "ст. 1", folder=folder)
    Bookmark.objects.place(employee, law, "st14", "ст. 14")
    client.force_login(employee)

    html = client.get(reverse("legal_vector:bookmarks"), {"folder": folder.pk}).content.decode()

    assert "ст. 1 — " in html and "ст. 14 — " not in html


def test_employee_deletes_own_bookmark_but_not_anothers(client, employee, other_employee, law):
    own, _ = Bookmark.objects.place(employee, law, "st1", "ст. 1")
    foreign, _ = Bookmark.objects.place(other_employee, law, "st1", "ст. 1")
    client.force_login(employee)

    client.post(reverse("legal_vector:bookmark_delete", args=[own.pk]))
    response = client.post(reverse("legal_vector:bookmark_delete", args=[foreign.pk]))

    assert response.status_code == 404
    assert list(Bookmark.objects.all()) == [foreign]


def test_folder_names_are_unique_per_user_with_a_clear_message(client, employee):
    BookmarkFolder.objects.create(user=employee, name="Закупки")
    client.force_login(employee)

    response = client.post(reverse("legal_vector:folder_add"), {"name": "Закупки"}, follow=True)

    assert "Папка с таким названием уже есть." in response.content.decode()
    assert BookmarkFolder.objects.filter(user=employee).count() == 1


def test_deleting_a_folder_keeps_its_bookmarks(client, employee, law):
    folder = BookmarkFolder.objects.create(user=employee, name="Архив")
    bookmark, _ = Bookmark.objects.place(employee, law, folder=folder)
    client.force_login(employee)

    client.post(reverse("legal_vector:folder_delete", args=[folder.pk]))

    bookmark.refresh_from_db()
    assert bookmark.folder is None


def test_guests_are_sent_to_sign_in(client, law):
    response = add_bookmark(client, law)

    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert client.get(reverse("legal_vector:bookmarks")).status_code == 302


def test_guests_cannot_bookmark(client, law):
    assert add_bookmark(client, law).status_code == 302
    assert client.get(reverse("legal_vector:bookmarks")).status_code == 302
    assert not Bookmark.objects.exists()


def test_a_confirmed_email_is_enough_to_bookmark_without_verification(client, unverified_user, law):
    client.force_login(unverified_user)

    add_bookmark(client, law, "st14")

    assert Bookmark.objects.get().user == unverified_user
    assert client.get(reverse("legal_vector:bookmarks")).status_code == 200


def test_lawyers_bookmark_like_employees(client, lawyer, law):
    client.force_login(lawyer)

    add_bookmark(client, law, "st36")

    assert Bookmark.objects.get().user == lawyer


def test_cabinet_shows_the_bookmarks_section(client, employee, law):
    Bookmark.objects.place(employee, law, "st14", "ст. 14")
    client.force_login(employee)

    html = client.get(reverse("cabinet:index")).content.decode()

    assert "Закладки" in html and "ст. 14 — Федеральный закон от 06.10.2003" in html


def test_bookmark_list_runs_a_bounded_number_of_queries(
    client, employee, law, django_assert_max_num_queries
):
    folder = BookmarkFolder.objects.create(user=employee, name="Все")
    for key in ("st1", "st14", "st36", "st14/ch1", "st14/ch2"):
        Bookmark.objects.place(employee, law, key, key, folder=folder)
    client.force_login(employee)

    with django_assert_max_num_queries(10):
        client.get(reverse("legal_vector:bookmarks"))


def test_another_users_folder_cannot_be_deleted(client, employee, other_employee):
    foreign = BookmarkFolder.objects.create(user=other_employee, name="Чужая")
    client.force_login(employee)

    response = client.post(reverse("legal_vector:folder_delete", args=[foreign.pk]))

    assert response.status_code == 404
    assert BookmarkFolder.objects.filter(pk=foreign.pk).exists()


def test_a_refused_folder_name_is_shown_again_with_the_reason(client, employee):
    BookmarkFolder.objects.create(user=employee, name="Закупки")
    client.force_login(employee)

    response = client.post(reverse("legal_vector:folder_add"), {"name": "  Закупки "})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Папка с таким названием уже есть." in html
    assert 'value="  Закупки "' in html
    assert BookmarkFolder.objects.filter(user=employee).count() == 1


def test_an_empty_folder_name_is_refused_in_russian(client, employee):
    client.force_login(employee)

    response = client.post(reverse("legal_vector:folder_add"), {"name": "   "})

    assert response.status_code == 400
    assert "Введите название папки." in response.content.decode()
    assert not BookmarkFolder.objects.exists()


def test_a_too_long_new_folder_keeps_the_typed_name_and_the_unit(client, employee, law):
    client.force_login(employee)
    name = "Очень длинное название & <папки> " * 4

    response = add_bookmark(client, law, "st14/ch1", new_folder=name)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Название папки — не больше 100 символов." in html
    assert "Очень длинное название &amp; &lt;папки&gt;" in html
    assert 'name="stable_key" value="st14/ch1"' in html
    assert law.get_absolute_url() in html
    assert not Bookmark.objects.exists()


def test_someone_elses_folder_is_refused_with_the_form_shown_again(
    client, employee, other_employee, law
):
    foreign = BookmarkFolder.objects.create(user=other_employee, name="Чужая")
    own = BookmarkFolder.objects.create(user=employee, name="Своя")
    client.force_login(employee)

    response = add_bookmark(client, law, "st1", folder=foreign.pk)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Выберите одну из своих папок." in html
    assert "Своя" in html and "Чужая" not in html
    assert not Bookmark.objects.filter(folder=own).exists()
