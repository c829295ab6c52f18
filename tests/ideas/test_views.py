"""An idea's page and its forms: bad input gets a clear message next to the field and loses
nothing; closed ideas say why; the addresses people share keep working."""

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from community.models import Revision
from ideas import services
from ideas.models import Idea, IdeaImage, IdeaVote, Importance, StatusChange
from tests.factories import MemberFactory, idea_status, image_upload, proposed_idea

pytestmark = pytest.mark.django_db


def page(response):
    return unescape(response.content.decode())


def field_errors(elements, response, name, form="id"):
    """The error messages shown under one field (each form of an idea's page has its own ids)."""
    return [text for _attrs, text in elements(response.content, "div", id=f"{form}_{name}_error")]


def ship(idea, staff):
    services.idea_status_change(
        staff, idea, to_status=idea_status("shipped"), note="It is out.", notify_people=False
    )


# Decisions


def test_a_status_change_without_a_note_is_refused_next_to_the_field_keeping_what_was_typed(
    client, staff, idea, elements
):
    client.force_login(staff)
    declined = idea_status("declined")

    response = client.post(
        f"/ideas/{idea.pk}/status/",
        {"to_status": declined.pk, "note": "", "workaround": "Use the timer socket."},
    )

    assert response.status_code == 200
    assert field_errors(elements, response, "note", "status") == [
        "Please write a public note: voters are told what changed, and why, in your words."
    ]
    assert "Use the timer socket." in page(response)
    selected = elements(response.content, "option", value=str(declined.pk))
    assert "selected" in selected[0][0]
    assert elements(response.content, "details", id="status-panel")[0][0].get("open") == ""
    assert Idea.objects.get(pk=idea.pk).status.slug == "new"


def test_a_decline_without_a_reason_is_refused_next_to_the_reason(client, staff, idea, elements):
    client.force_login(staff)

    response = client.post(
        f"/ideas/{idea.pk}/status/",
        {"to_status": idea_status("declined").pk, "note": "Not this year, sorry."},
    )

    assert field_errors(elements, response, "decline_reason", "status") == [
        "Please choose why the idea is declined."
    ]
    assert "Not this year, sorry." in page(response)
    assert not StatusChange.objects.exists()


def test_a_decision_shows_in_the_timeline_with_the_staff_card(client, staff, idea):
    client.force_login(staff)
    response = client.post(
        f"/ideas/{idea.pk}/status/",
        {"to_status": idea_status("planned").pk, "note": "We start in **May**."},
    )
    change = StatusChange.objects.get()
    assert response["Location"] == f"{idea.get_absolute_url()}#decision-{change.pk}"

    html = page(client.get(idea.get_absolute_url()))

    assert f'id="decision-{change.pk}"' in html
    assert "We start in <strong>May</strong>." in html
    assert "Amélie Durand" in html
    assert "Support specialist" in html


# Votes


def test_voting_on_a_closed_idea_says_why_and_changes_nothing(client, staff, idea, member):
    ship(idea, staff)
    client.force_login(member)

    response = client.post(f"/ideas/{idea.pk}/vote/", {"importance": "3"}, follow=True)

    assert "Voting is closed: this idea has shipped." in page(response)
    assert not IdeaVote.objects.filter(member=member).exists()
    assert Idea.objects.get(pk=idea.pk).vote_count == 1


def test_a_vote_without_an_importance_is_refused_next_to_the_choice(client, idea, member, elements):
    client.force_login(member)

    response = client.post(f"/ideas/{idea.pk}/vote/", {"importance": "11"})

    assert response.status_code == 200
    assert field_errors(elements, response, "importance") == [
        "Choose how much this idea matters to you."
    ]
    assert not IdeaVote.objects.filter(member=member).exists()


def test_a_vote_is_changed_and_taken_back_without_javascript(client, idea, member):
    client.force_login(member)

    client.post(f"/ideas/{idea.pk}/vote/", {"importance": "1"})
    client.post(f"/ideas/{idea.pk}/vote/", {"importance": "3"})
    html = page(client.get(idea.get_absolute_url()))
    assert "You voted: <strong>Essential</strong>." in html
    assert IdeaVote.objects.get(member=member).importance == Importance.ESSENTIAL

    response = client.post(f"/ideas/{idea.pk}/vote/", {"action": "remove"})

    assert response["Location"] == f"{idea.get_absolute_url()}#vote"
    assert not IdeaVote.objects.filter(member=member).exists()
    assert Idea.objects.get(pk=idea.pk).vote_count == 1


def test_a_visitor_who_votes_is_sent_to_log_in_and_back_to_the_vote(client, idea):
    response = client.post(f"/ideas/{idea.pk}/vote/", {"importance": "2"})

    assert response["Location"].startswith("/accounts/login/?next=")
    assert f"/ideas/{idea.pk}/" in response["Location"]


def test_recording_a_vote_for_someone_unknown_is_refused_next_to_the_field(
    client, staff, idea, elements
):
    client.force_login(staff)

    response = client.post(
        f"/ideas/{idea.pk}/record-vote/", {"member": "nobody@example.com", "importance": "2"}
    )

    assert field_errors(elements, response, "member", "record") == [
        "No active member has this e-mail address or handle."
    ]
    assert "nobody@example.com" in page(response)


def test_a_recorded_vote_shows_who_recorded_it(client, staff, idea):
    customer = MemberFactory(display_name="Paul Phone")
    client.force_login(staff)
    client.post(
        f"/ideas/{idea.pk}/record-vote/", {"member": f"@{customer.handle}", "importance": "3"}
    )

    client.force_login(customer)
    html = page(client.get(idea.get_absolute_url()))

    assert "Recorded for you by Amélie Durand (staff)." in html


# Merges


def test_merging_an_idea_into_itself_is_refused_next_to_the_field(client, staff, idea, elements):
    client.force_login(staff)

    response = client.post(f"/ideas/{idea.pk}/merge/", {"into": f"/ideas/{idea.pk}/x/"})

    assert field_errors(elements, response, "into", "merge") == [
        "An idea cannot be merged into itself."
    ]
    assert Idea.objects.get(pk=idea.pk).merged_into is None


def test_merging_into_an_unknown_idea_is_refused(client, staff, idea, elements):
    client.force_login(staff)

    response = client.post(f"/ideas/{idea.pk}/merge/", {"into": "not a number"})

    assert field_errors(elements, response, "into", "merge") == [
        "No idea has this number or address."
    ]


def test_a_merged_idea_points_to_the_kept_one_and_keeps_its_discussion(client, staff, idea):
    kept = proposed_idea(title="Start on a timer")
    services.comment_create(MemberFactory(), idea, body="Every morning, please.")
    client.force_login(staff)

    response = client.post(f"/ideas/{idea.pk}/merge/", {"into": f"#{kept.pk}", "note": "Same."})
    assert response["Location"].startswith(kept.get_absolute_url())

    client.logout()
    html = page(client.get(idea.get_absolute_url()))
    assert (
        f'This idea is merged into <a href="{kept.get_absolute_url()}">“Start on a timer”</a>'
        in html
    )
    assert "Every morning, please." in html
    assert f'<link rel="canonical" href="http://testserver{kept.get_absolute_url()}">' in html
    kept_html = page(client.get(kept.get_absolute_url()))
    assert "Merged into this idea" in kept_html
    assert idea.get_absolute_url() in kept_html


# Proposing and editing


def test_a_proposal_with_errors_keeps_what_was_typed_and_suggests_similar_ideas(
    client, member, idea, elements, search_index
):
    search_index()
    client.force_login(member)

    response = client.post(
        "/ideas/new/", {"title": "Schedule a start time", "body": "", "importance": "2"}
    )

    assert response.status_code == 200
    assert field_errors(elements, response, "body") == [
        "Please describe your idea: what would it let you do?"
    ]
    assert elements(response.content, "input", name="title")[0][0]["value"] == (
        "Schedule a start time"
    )
    suggestions = elements(response.content, "section", id="similar-ideas")
    assert "Schedule the machine to start" in suggestions[0][1]
    assert "hidden" not in suggestions[0][0]
    assert Idea.objects.count() == 1


def test_looking_for_similar_ideas_without_javascript_saves_nothing(
    client, member, idea, elements, search_index
):
    search_index()
    client.force_login(member)

    response = client.post(
        "/ideas/new/",
        {"title": "Machine start schedule", "body": "Some words", "importance": "2", "check": "1"},
    )

    assert response.status_code == 200
    assert "Schedule the machine to start" in page(response)
    assert field_errors(elements, response, "body") == []
    assert Idea.objects.count() == 1


def test_a_proposal_with_images_keeps_their_descriptions(client, member):
    client.force_login(member)

    response = client.post(
        "/ideas/new/",
        {
            "title": "A bigger water tank",
            "body": "Two litres would do.",
            "importance": "3",
            "image_1": image_upload("tank.png", image_format="PNG"),
            "alt_1": "The tank, half full",
            "image_2": image_upload("sketch.jpg"),
        },
    )

    idea = Idea.objects.get(title="A bigger water tank")
    assert response["Location"] == idea.get_absolute_url()
    assert list(idea.images.values_list("alt_text", flat=True)) == ["The tank, half full", ""]
    assert IdeaVote.objects.get(idea=idea).importance == Importance.ESSENTIAL
    html = page(client.get(idea.get_absolute_url()))
    assert 'alt="The tank, half full"' in html
    assert 'alt="Image 2 of the idea “A bigger water tank”"' in html


def test_a_file_that_is_not_an_image_is_refused_with_its_reason(client, member, elements):
    client.force_login(member)

    response = client.post(
        "/ideas/new/",
        {
            "title": "A bigger water tank",
            "body": "Two litres would do.",
            "importance": "2",
            "image_1": SimpleUploadedFile("notes.jpg", b"not an image", "image/jpeg"),
        },
    )

    assert field_errors(elements, response, "image_1") == [
        "This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF."
    ]
    assert "please choose your images again" in page(response)
    assert not Idea.objects.exists()
    assert not IdeaImage.objects.exists()


def test_an_image_too_many_is_refused_by_the_service(idea, author):
    from django.core.exceptions import ValidationError

    from ideas.services import image_process

    images = [(*image_process(image_upload(), f"i{n}"), "") for n in range(5)]

    with pytest.raises(ValidationError):
        services.idea_edit(author, idea, title=idea.title, body=idea.body, images=images)
    assert not IdeaImage.objects.exists()


def test_editing_keeps_the_earlier_version_in_a_public_history(client, author, idea):
    client.force_login(author)

    response = client.post(
        f"/ideas/{idea.pk}/edit/",
        {"title": "Start the machine on a schedule", "body": "Better words.", "reason": "Typo"},
    )

    idea.refresh_from_db()
    assert response["Location"] == idea.get_absolute_url()
    assert idea.slug == "start-the-machine-on-a-schedule"
    assert Revision.objects.get().title == "Schedule the machine to start"
    html = page(client.get(idea.get_absolute_url()))
    assert f'href="/ideas/{idea.pk}/history/"' in html
    history = page(client.get(f"/ideas/{idea.pk}/history/"))
    assert "Schedule the machine to start" in history
    assert "Typo" in history


def test_an_old_or_missing_slug_redirects_to_the_ideas_address(client, idea):
    wrong = client.get(f"/ideas/{idea.pk}/old-words/?reply=3")
    short = client.get(f"/ideas/{idea.pk}/")

    assert wrong.status_code == short.status_code == 301
    assert wrong["Location"] == f"{idea.get_absolute_url()}?reply=3"
    assert short["Location"] == idea.get_absolute_url()
    assert client.get("/ideas/999999/anything/").status_code == 404


def test_a_deleted_idea_says_who_deleted_it_and_shows_nothing_else(client, author, idea):
    services.idea_delete(author, idea)

    response = client.get(idea.get_absolute_url())

    assert response.status_code == 410
    assert "Deleted by its author." in page(response)
    assert "Schedule the machine to start" not in page(response)
    assert "coffee ready" not in page(response)


# Comments and feedback


def test_replying_links_the_reply_to_its_thread(client, member, idea):
    comment = services.comment_create(MemberFactory(display_name="Olga"), idea, body="First!")
    client.force_login(member)

    form = page(client.get(f"{idea.get_absolute_url()}?reply={comment.pk}"))
    assert "Reply to Olga" in form

    client.post(f"/ideas/{idea.pk}/comment/", {"body": "Second!", "parent": comment.pk})

    assert comment.replies.get().body == "Second!"


def test_an_empty_comment_is_refused_next_to_the_field(client, member, idea, elements):
    client.force_login(member)

    response = client.post(f"/ideas/{idea.pk}/comment/", {"body": ""})

    assert field_errors(elements, response, "body") == ["Please write your comment."]


def test_a_deleted_comment_says_who_deleted_it(client, member, moderator, idea):
    comment = services.comment_create(member, idea, body="Spam spam")
    services.comment_delete(moderator, comment)

    html = page(client.get(idea.get_absolute_url()))

    assert "Deleted by a moderator" in html
    assert "Spam spam" not in html


def test_voters_say_whether_it_solves_it_and_only_staff_read_why_not(
    client, staff, idea, author, member
):
    services.idea_vote(member, idea, importance=Importance.NICE)
    ship(idea, staff)
    client.force_login(member)
    client.post(f"/ideas/{idea.pk}/feedback/", {"solves": "no", "why": "Weekdays only, please."})
    client.force_login(author)
    client.post(f"/ideas/{idea.pk}/feedback/", {"solves": "yes"})

    html = page(client.get(idea.get_absolute_url()))
    assert "50%" in html
    assert "Weekdays only, please." not in html

    client.force_login(staff)
    assert "Weekdays only, please." in page(client.get(idea.get_absolute_url()))


def test_following_and_unfollowing(client, member, idea):
    from community.follows import is_following

    client.force_login(member)
    client.post(f"/ideas/{idea.pk}/follow/", {"follow": "1"})
    assert is_following(member, idea)

    client.post(f"/ideas/{idea.pk}/follow/", {"follow": "0"})
    assert not is_following(member, idea)


# Similar ideas


def test_similar_ideas_come_as_json_with_votes_and_status(client, idea, search_index):
    proposed_idea(title="Bigger water tank", body="Two litres would do.")
    search_index()

    data = client.get("/ideas/similar/", {"q": "schedule the start"}).json()

    assert data["results"] == [
        {
            "id": idea.pk,
            "title": "Schedule the machine to start",
            "url": idea.get_absolute_url(),
            "votes": 1,
            "votes_label": "1 vote",
            "status": "New",
            "status_class": idea.status.css_class,
        }
    ]
    assert client.get("/ideas/similar/", {"q": "ab"}).json() == {"results": []}
    excluded = client.get("/ideas/similar/", {"q": "schedule start", "exclude": idea.pk}).json()
    assert excluded == {"results": []}


def test_merged_and_deleted_ideas_are_not_suggested(client, staff, idea, search_index):
    # Indexed before the merge: the list of ideas leaves it out even while the index lags.
    search_index()
    services.idea_merge(staff, idea, proposed_idea(title="Timer"), notify_people=False)

    assert client.get("/ideas/similar/", {"q": "schedule machine"}).json() == {"results": []}
