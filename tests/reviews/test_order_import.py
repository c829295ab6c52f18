"""Orders imported from a shop's CSV export: in the admin by staff, and by the command with a
progress bar; bad rows reported by line, known references not imported twice, and the file
written a batch at a time with the same queries whatever its size."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews import orders
from reviews.models import Invitation, Order, OrderLine, Ownership
from tests.factories import MemberFactory, OrderSourceFactory, product_page, site_admin

pytestmark = pytest.mark.django_db

IMPORT = "/admin/order-import/"
HEADER = "reference,email,products,purchased_on,delivered_on,language\n"
GOOD_AND_BAD = HEADER + (
    "A-1,Camille@Example.com,espresso-duo;burr-mill,2026-03-02,2026-03-05,fr\n"
    "A-2,noah@example.com,burr-mill,2026-03-03,,\n"
    "A-3,olga@example.com,teapot,2026-03-03,,en\n"
    "A-4,not-an-address,espresso-duo,2026-03-03,,en\n"
    "A-5,zoe@example.com,espresso-duo,03/03/2026,,en\n"
    "A-1,camille@example.com,espresso-duo,2026-03-02,,fr\n"
    "\n"
    "A-6,zoe@example.com,espresso-duo|burr-mill,2026-03-04,2026-03-01,de\n"
)


@pytest.fixture
def source(db):
    return OrderSourceFactory(name="Web shop", slug="web-shop")


@pytest.fixture
def espresso(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso Duo")


@pytest.fixture
def grinder(site_pages):
    return product_page(site_pages.catalogue["en"], "Burr Mill")


@pytest.fixture
def products(espresso, grinder):
    return espresso, grinder


def csv_upload(text, name="orders.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def report_rows(response, elements) -> list:
    """The rows of the report's table of refused rows: line, row, why."""
    html = response.content.decode()
    start = html.index('<table class="listing')
    table = html[start : html.index("</table>", start)]
    return [text for _attrs, text in elements(table, "tr")][1:]


# In the admin


def test_staff_import_a_file_and_read_which_rows_were_refused_and_why(
    login, staff, source, products, elements
):
    camille = MemberFactory(email="camille@example.com")

    response = login(staff).post(IMPORT, {"source": source.pk, "file": csv_upload(GOOD_AND_BAD)})

    assert response.status_code == 200
    counts = {attrs["data-count"]: text for attrs, text in elements(response.content, "dd")}
    assert counts == {"created": "2", "duplicates": "1", "refused": "4"}
    assert report_rows(response, elements) == [
        "4 A-3, olga@example.com, teapot, 2026-03-03, , en No product has the slug “teapot”.",
        "5 A-4, not-an-address, espresso-duo, 2026-03-03, , en "
        "“not-an-address” is not a valid e-mail address.",
        "6 A-5, zoe@example.com, espresso-duo, 03/03/2026, , en "
        "The purchase date must be a date written YYYY-MM-DD.",
        "9 A-6, zoe@example.com, espresso-duo|burr-mill, 2026-03-04, 2026-03-01, de "
        "The delivery date is before the purchase date. The language must be one of: en, fr.",
    ]
    assert sorted(Order.objects.values_list("reference", "email", "language", "channel")) == [
        ("A-1", "camille@example.com", "fr", "csv"),
        ("A-2", "noah@example.com", "en", "csv"),
    ]
    assert OrderLine.objects.count() == Invitation.objects.count() == 3
    assert Order.objects.get(reference="A-1").member == camille
    assert Ownership.objects.filter(member=camille, source=Ownership.Source.ORDER).count() == 2


def test_importing_the_same_file_again_creates_nothing_twice(login, staff, source, products):
    client = login(staff)
    client.post(IMPORT, {"source": source.pk, "file": csv_upload(GOOD_AND_BAD)})

    response = client.post(IMPORT, {"source": source.pk, "file": csv_upload(GOOD_AND_BAD)})

    assert "0 orders created, 3 references already known, 4 rows refused" in (
        response.content.decode()
    )
    assert Order.objects.count() == 2
    assert Invitation.objects.count() == 3


def test_a_file_without_the_columns_is_refused_with_the_columns_to_name(
    login, staff, source, products
):
    response = login(staff).post(
        IMPORT,
        {"source": source.pk, "file": csv_upload("A-1,camille@example.com,espresso-duo\n")},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "The first line must name the columns" in page
    assert "Missing: reference, email, products, purchased_on" in page
    assert not Order.objects.exists()


def test_the_form_asks_for_the_source_and_keeps_out_inactive_ones(login, staff, source, products):
    source.is_active = False
    source.save()

    response = login(staff).post(IMPORT, {"source": source.pk, "file": csv_upload(GOOD_AND_BAD)})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Order.objects.exists()


def test_the_import_is_in_the_reviews_menu_for_staff_with_its_form(login, staff, source):
    client = login(staff)

    page = client.get(IMPORT).content.decode()

    assert IMPORT in client.get("/admin/").content.decode()
    assert "Order source" in page and "Web shop" in page
    assert HEADER.strip() in page, "the example names the columns"


def test_site_admins_import_orders_too(login, source, products):
    response = login(site_admin()).post(
        IMPORT, {"source": source.pk, "file": csv_upload(GOOD_AND_BAD)}
    )

    assert response.status_code == 200
    assert Order.objects.count() == 2


@pytest.mark.parametrize(
    "role", ["visitor", "unverified_member", "member", "moderator", "product_team_member"]
)
def test_nobody_else_imports_orders(request, login, role, source, products):
    client = login(request.getfixturevalue(role))

    shown = client.get(IMPORT)
    posted = client.post(IMPORT, {"source": source.pk, "file": csv_upload(GOOD_AND_BAD)})

    if role == "visitor":
        assert posted.status_code == 302 and "/login/" in posted["Location"]
    else:
        assert shown.status_code in (302, 403)
        assert posted.status_code in (302, 403)
    assert not Order.objects.exists()


# The service: batches


def test_the_file_is_written_a_batch_at_a_time_and_progress_is_told(monkeypatch, source, products):
    monkeypatch.setattr(orders, "BATCH_SIZE", 2)
    told = []
    text = HEADER + "".join(
        f"B-{n},buyer{n % 2}@example.com,burr-mill,2026-03-02,,\n" for n in range(5)
    )

    report = orders.orders_import_csv(None, source, io.StringIO(text), on_progress=told.append)

    assert told == [2, 2, 1]
    assert report.created == 5
    # Each buyer is invited once, whichever batch their second order fell in.
    sent = Invitation.objects.exclude(status=Invitation.Status.SKIPPED)
    assert sorted(sent.values_list("order__reference", flat=True)) == ["B-0", "B-1"]


def test_a_batch_costs_the_same_queries_whatever_its_number_of_orders(source, products):
    MemberFactory(email="buyer0@example.com")

    def queries(count, start):
        text = HEADER + "".join(
            f"C-{n},buyer{n % 3}@example.com,espresso-duo;burr-mill,2026-03-02,,\n"
            for n in range(start, start + count)
        )
        with CaptureQueriesContext(connection) as captured:
            orders.orders_import_csv(None, source, io.StringIO(text))
        return len(captured)

    queries(1, 0)  # the first import makes the settings and this month's figures
    assert queries(5, 100) == queries(40, 200)
    assert Order.objects.count() == 46


def test_a_staff_members_permission_is_checked_by_the_service(member, source, products):
    with pytest.raises(PermissionDenied):
        orders.orders_import_csv(member, source, io.StringIO(GOOD_AND_BAD))

    assert not Order.objects.exists()


# The command


def test_the_command_imports_a_file_and_prints_the_report(tmp_path, source, products):
    path = tmp_path / "orders.csv"
    path.write_text("\ufeff" + GOOD_AND_BAD, encoding="utf-8")
    out = io.StringIO()

    call_command("import_orders", str(path), "--source", "web-shop", "--no-progress", stdout=out)

    printed = out.getvalue()
    assert "2 orders created, 1 references already known, 4 rows refused." in printed
    assert "line 4: A-3,olga@example.com,teapot,2026-03-03,,en: No product has the slug" in printed
    assert Order.objects.count() == 2


def test_the_command_refuses_an_unknown_source_or_a_missing_file(tmp_path, source):
    path = tmp_path / "orders.csv"
    path.write_text(GOOD_AND_BAD)

    with pytest.raises(CommandError, match="No order source has the slug 'nowhere'"):
        call_command("import_orders", str(path), "--source", "nowhere", "--no-progress")
    with pytest.raises(CommandError, match="is not a file"):
        call_command("import_orders", str(tmp_path / "missing.csv"), "--source", "web-shop")
