"""The questions pages as readers and writers see them: lists, a question, forms that refuse bad
input without losing it, suggestions, structured data, the inbox, and the product and member
pages."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Locale

from community.models import Report
from community.questions import services
from community.questions.models import Question
from community.site_setup import translate_page
from tests.factories import MemberFactory, QuestionFactory, StaffCardFactory, product_page

pytestmark = pytest.mark.django_db


def page_text(response):
    return response.content.decode()


def titles_in_list(elements, response):
    return [text for _attrs, text in elements(response.content, "a") if text.endswith("?")]


@pytest.fixture
def kettle(site_pages):
    return product_page(site_pages.catalogue["en"], "Brume kettle")


@pytest.fixture
def french_product(product):
    return translate_page(
        product,
        Locale.objects.get(language_code="fr"),
        {"title": "Machine à espresso Aurora"},
    )


# The list


def test_the_list_shows_each_question_with_its_state_and_place(client, elements, question, topic):
    in_topic = QuestionFactory(title="Where is my parcel, please?", topic=topic)
    services.answer_create(MemberFactory(), question, body="Monthly.")

    response = client.get("/questions/")

    assert response.status_code == 200
    rows = {text: attrs for attrs, text in elements(response.content, "a") if "?" in text}
    assert rows[question.title]["href"] == question.get_absolute_url()
    assert rows[in_topic.title]["href"] == in_topic.get_absolute_url()
    chips = [text for _attrs, text in elements(response.content, "a", class_="chip")]
    assert {"Aurora espresso machine", "Orders and delivery"} <= set(chips)
    assert "waiting for an answer for" in page_text(response)


def test_the_list_filters_by_state(client, elements, question, asker, staff, topic):
    unanswered = QuestionFactory(title="Nobody answered me yet?", topic=topic)
    waiting = QuestionFactory(title="Can a person answer me?", topic=topic)
    services.staff_request(waiting.author, waiting)
    answer = services.answer_create(MemberFactory(), question, body="Monthly.")
    services.solution_set(asker, answer)

    def shown(status):
        return titles_in_list(elements, client.get(f"/questions/?status={status}"))

    assert shown("solved") == [question.title]
    assert set(shown("unanswered")) == {unanswered.title, waiting.title}
    assert shown("waiting") == [waiting.title]
    assert question.title not in shown("open")


def test_the_list_filters_by_product_topic_and_mine(
    client, elements, question, kettle, topic, asker
):
    on_kettle = services.question_ask(
        MemberFactory(), title="Does the kettle whistle?", body="?", product=kettle
    )
    in_topic = QuestionFactory(title="Where is my parcel, please?", topic=topic)

    assert titles_in_list(elements, client.get(f"/questions/?product={kettle.pk}")) == [
        on_kettle.title
    ]
    assert titles_in_list(elements, client.get(f"/questions/?topic={topic.slug}")) == [
        in_topic.title
    ]
    client.force_login(asker)
    assert titles_in_list(elements, client.get("/questions/?mine=1")) == [question.title]


def test_the_product_filter_accepts_the_french_page(client, elements, question, french_product):
    response = client.get(f"/fr/questions/?product={french_product.pk}")

    assert titles_in_list(elements, response) == [question.title]
    assert "Machine à espresso Aurora" in page_text(response)


def test_the_list_sorts_by_activity_newest_and_votes(client, elements, product):
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=3), tick=False):
        old = services.question_ask(
            MemberFactory(), title="The oldest one, with votes?", body="?", product=product
        )
    with time_machine.travel(now - timedelta(days=2), tick=False):
        middle = services.question_ask(
            MemberFactory(), title="The middle one, answered late?", body="?", product=product
        )
    newest = services.question_ask(
        MemberFactory(), title="The newest one, quiet?", body="?", product=product
    )
    services.question_vote_set(MemberFactory(), old, on=True)
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        services.answer_create(MemberFactory(), middle, body="Late answer")

    def order(sort):
        return titles_in_list(elements, client.get(f"/questions/?sort={sort}"))

    assert order("active") == [middle.title, newest.title, old.title]
    assert order("newest") == [newest.title, middle.title, old.title]
    assert order("votes")[0] == old.title


def test_the_list_comes_twenty_to_a_page_and_keeps_the_filters(client, elements, topic):
    QuestionFactory.create_batch(23, topic=topic)

    first = client.get(f"/questions/?topic={topic.slug}&sort=newest")
    (next_link,) = elements(first.content, "a", rel="next")
    second = client.get(next_link[0]["href"])

    assert len(titles_in_list(elements, first)) == 20
    assert len(titles_in_list(elements, second)) == 3
    assert next_link[0]["href"].startswith(f"/questions/?topic={topic.slug}&sort=newest&after=")
    assert not elements(second.content, "a", rel="next")


def test_unknown_filters_are_ignored(client, question):
    response = client.get("/questions/?status=nonsense&sort=nonsense&product=abc&topic=none")

    assert response.status_code == 200
    assert question.title in page_text(response)


def test_deleted_questions_are_not_listed(client, question, asker):
    services.question_delete(asker, question)

    assert question.title not in page_text(client.get("/questions/"))


# A question


def test_the_address_with_a_wrong_slug_redirects_to_the_right_one(client, question):
    response = client.get(f"/questions/{question.pk}/something-else/?ref=mail")

    assert response.status_code == 301
    assert response["Location"] == f"{question.get_absolute_url()}?ref=mail"
    assert client.get(f"/questions/{question.pk}/")["Location"] == question.get_absolute_url()


def test_a_missing_question_is_not_found(client, db):
    assert client.get("/questions/999999/anything/").status_code == 404


def test_the_solution_comes_first_then_answers_by_upvotes(client, question, asker):
    first = services.answer_create(MemberFactory(), question, body="First answer, no votes.")
    popular = services.answer_create(MemberFactory(), question, body="Popular answer.")
    solution = services.answer_create(MemberFactory(), question, body="The solution itself.")
    for _ in range(2):
        services.answer_vote_set(MemberFactory(), popular, on=True)
    services.solution_set(asker, solution)

    text = page_text(client.get(question.get_absolute_url()))

    positions = [text.index(f'id="answer-{answer.pk}"') for answer in (solution, popular, first)]
    assert positions == sorted(positions)
    assert "The solution comes first" in text


def test_replies_show_under_their_answer(client, question, answer):
    reply = services.reply_create(MemberFactory(display_name="Rae Replier"), answer, body="+1")

    text = page_text(client.get(question.get_absolute_url()))

    assert text.index(f'id="answer-{answer.pk}"') < text.index(f'id="answer-{reply.pk}"')
    assert 'aria-label="Reply by Rae Replier"' in text


def test_the_owner_is_named_with_their_card_and_the_asker_reads_your_question(
    client, question, asker, staff
):
    services.ownership_take(staff, question)

    public = page_text(client.get(question.get_absolute_url()))
    client.force_login(asker)
    own = page_text(client.get(question.get_absolute_url()))

    assert "Amélie Durand, Support specialist, is looking after this question." in public
    assert "Amélie Durand, Support specialist, is looking after your question." in own
    assert 'class="staff-card"' in own


def test_the_thread_shows_a_hand_off_with_both_names_and_the_note(
    client, elements, question, staff, colleague
):
    services.ownership_take(staff, question)
    services.question_hand_off(staff, question, to_member=colleague, note="She knows it well.")

    response = client.get(question.get_absolute_url())

    events = [
        text for _attrs, text in elements(response.content, "li", class_="qa-timeline__event")
    ]
    assert any("Amélie Durand took ownership." in text for text in events)
    assert any(
        "Amélie Durand handed the question to Camille Martin." in text
        and "She knows it well." in text
        for text in events
    )


def test_an_unanswered_question_shows_how_long_it_has_waited(client, product, asker):
    with time_machine.travel(timezone.now() - timedelta(days=3), tick=False):
        question = services.question_ask(
            asker, title="Still waiting, three days on?", body="?", product=product
        )

    text = page_text(client.get(question.get_absolute_url()))

    assert "Waiting for an answer since" in text
    assert "(3\xa0days)" in text


def test_the_time_to_the_first_answer_is_shown(client, product, asker, staff):
    now = timezone.now()
    with time_machine.travel(now - timedelta(hours=5), tick=False):
        question = services.question_ask(
            asker, title="How fast will they answer?", body="?", product=product
        )
    with time_machine.travel(now - timedelta(hours=3), tick=False):
        services.answer_create(MemberFactory(), question, body="Here.")
    services.answer_create(staff, question, body="Staff here.")

    text = page_text(client.get(question.get_absolute_url()))

    assert "First answer after 2\xa0hours." in text
    assert "First staff answer after 5\xa0hours." in text
    assert "Waiting for an answer since" not in text


def test_a_duplicate_points_to_the_original_which_lists_it(
    client, elements, product, question, staff
):
    duplicate = services.question_ask(
        MemberFactory(), title="Aurora descaling, how often?", body="?", product=product
    )
    services.question_mark_duplicate(staff, duplicate, original=question)

    on_duplicate = client.get(duplicate.get_absolute_url())
    on_original = client.get(question.get_absolute_url())

    notice = elements(on_duplicate.content, "div", class_="qa-duplicate-notice")
    assert question.title in notice[0][1]
    assert 'name="body"' not in page_text(on_duplicate)
    links = [attrs["href"] for attrs, _text in elements(on_original.content, "a")]
    assert duplicate.get_absolute_url() in links


def test_a_deleted_question_says_so_without_its_title_or_text(client, product, asker):
    question = services.question_ask(
        asker, title="A secret title to delete", body="A secret text", product=product
    )
    services.question_delete(asker, question)

    response = client.get(question.get_absolute_url())

    text = page_text(response)
    assert response.status_code == 410, "gone for search engines, still readable for people"
    assert "Deleted by its author" in text
    assert "A secret title to delete" not in text
    assert "A secret text" not in text
    assert '<meta name="robots" content="noindex">' in text
    assert "application/ld+json" not in text


def test_a_deleted_answer_leaves_a_mark_and_its_replies(client, question, answer, answerer):
    reply = services.reply_create(MemberFactory(), answer, body="That reply stays.")
    services.answer_delete(answerer, answer)

    text = page_text(client.get(question.get_absolute_url()))

    assert "Deleted by its author" in text
    assert "Every month with hard water." not in text
    assert "That reply stays." in text
    assert f'id="answer-{reply.pk}"' in text


def test_an_answer_deleted_by_a_moderator_says_so(client, question, answer, moderator):
    services.answer_delete(moderator, answer)

    assert "Deleted by a moderator" in page_text(client.get(question.get_absolute_url()))


def test_the_edit_history_is_public_and_linked_from_the_edited_mark(
    client, elements, question, answer, answerer
):
    services.answer_edit(answerer, answer, body="Every month, or when the light comes on.")

    page = client.get(question.get_absolute_url())
    history_url = f"/questions/answers/{answer.pk}/history/"
    edited = elements(page.content, "a", class_="byline__edited")
    history = client.get(history_url)

    assert [attrs["href"] for attrs, _text in edited] == [history_url]
    assert history.status_code == 200
    assert "Every month with hard water." in page_text(history)


def test_the_history_of_a_deleted_answer_is_gone(client, answer, answerer):
    services.answer_delete(answerer, answer)

    assert client.get(f"/questions/answers/{answer.pk}/history/").status_code == 404


def test_the_question_page_in_french(client, question, french_product, staff):
    services.ownership_take(staff, question)

    response = client.get(f"/fr/questions/{question.pk}/{question.slug}/")

    text = page_text(response)
    assert response.status_code == 200
    assert '<html lang="fr">' in text
    assert question.title in text
    assert f'href="{french_product.url}"' in text
    assert "Conseillère support" in text


# Structured data


def test_the_page_carries_qa_page_structured_data(client, elements, question, asker, staff):
    member_answer = services.answer_create(MemberFactory(display_name="Zoe"), question, body="A")
    staff_answer = services.answer_create(staff, question, body="**Use** the programme.")
    services.answer_vote_set(MemberFactory(), member_answer, on=True)
    services.solution_set(asker, staff_answer)

    response = client.get(question.get_absolute_url())

    (script,) = elements(response.content, "script", type="application/ld+json")
    data = json.loads(script[1])
    entity = data["mainEntity"]
    assert data["@type"] == "QAPage"
    assert entity["name"] == question.title
    assert entity["answerCount"] == 2
    assert entity["acceptedAnswer"]["text"] == "Use the programme."
    assert entity["acceptedAnswer"]["author"]["name"] == "Amélie Durand"
    assert [a["upvoteCount"] for a in entity["suggestedAnswer"]] == [1]
    assert entity["suggestedAnswer"][0]["url"].endswith(f"#answer-{member_answer.pk}")


def test_the_structured_data_cannot_close_its_script_element(client, elements, product, asker):
    question = services.question_ask(
        asker, title="Does </script><script>alert(1) work?", body="</script>", product=product
    )

    response = client.get(question.get_absolute_url())

    (script,) = elements(response.content, "script", type="application/ld+json")
    assert "</script" not in script[1]
    assert json.loads(script[1])["mainEntity"]["name"] == question.title


# Forms: bad input, nothing lost


def test_asking_with_an_empty_title_says_so_and_keeps_the_text(client, member, product):
    client.force_login(member)

    response = client.post(
        "/questions/ask/", {"title": "", "place": f"product:{product.pk}", "body": "My details"}
    )

    text = page_text(response)
    assert response.status_code == 200
    assert "Please write your question as a title." in text
    assert "My details</textarea>" in text
    assert f'value="product:{product.pk}" selected' in text
    assert not Question.objects.exists()


def test_a_title_that_is_too_long_or_too_short_says_so(client, member, product):
    client.force_login(member)

    long = client.post(
        "/questions/ask/", {"title": "x" * 151, "place": f"product:{product.pk}", "body": "b"}
    )
    short = client.post(
        "/questions/ask/", {"title": "Why?", "place": f"product:{product.pk}", "body": "b"}
    )

    assert "Please keep the title to 150 characters or fewer (it has 151)." in page_text(long)
    assert 'value="' + "x" * 151 + '"' in page_text(long)
    assert "Please say a little more: at least 10 characters (it has 4)." in page_text(short)
    assert not Question.objects.exists()


def test_asking_without_a_place_says_so(client, member):
    client.force_login(member)

    response = client.post(
        "/questions/ask/", {"title": "Where should this question go?", "place": "", "body": "b"}
    )

    assert "Please choose the product or the topic your question is about." in page_text(response)


def test_the_ask_form_starts_on_the_product_or_topic_it_was_opened_from(
    client, member, product, topic, french_product
):
    client.force_login(member)

    from_product = page_text(client.get(f"/questions/ask/?product={french_product.pk}"))
    from_topic = page_text(client.get(f"/questions/ask/?topic={topic.slug}"))

    assert f'value="product:{product.pk}" selected' in from_product
    assert f'value="topic:{topic.slug}" selected' in from_topic


def test_an_empty_answer_says_so_on_the_question_page(client, member, question):
    client.force_login(member)

    response = client.post(f"/questions/{question.pk}/answer/", {"body": "  "})

    assert response.status_code == 200
    assert "Please write your answer." in page_text(response)
    assert question.title in page_text(response)


def test_a_reply_that_is_too_long_comes_back_with_what_was_typed(client, member, answer):
    client.force_login(member)
    text = "word " * 700

    response = client.post(f"/questions/answers/{answer.pk}/reply/", {"body": text})

    assert response.status_code == 200
    assert "Please keep it to 3000 characters or fewer" in page_text(response)
    assert text.strip()[:100] in page_text(response)


def test_a_hand_off_without_a_note_says_so_and_keeps_the_choice(client, question, staff, colleague):
    services.ownership_take(staff, question)
    client.force_login(staff)

    response = client.post(
        f"/questions/{question.pk}/hand-off/", {"to_card": colleague.staff_card.pk, "note": ""}
    )

    text = page_text(response)
    assert "Please write a short note for your colleague and the asker." in text
    assert f'value="{colleague.staff_card.pk}" selected' in text
    question.refresh_from_db()
    assert question.owner == staff


def test_a_hand_off_to_someone_without_an_active_card_says_so_and_keeps_the_note(
    client, question, staff
):
    former = StaffCardFactory(real_name="Former Colleague", is_active=False)
    services.ownership_take(staff, question)
    client.force_login(staff)

    response = client.post(
        f"/questions/{question.pk}/hand-off/", {"to_card": former.pk, "note": "Over to you"}
    )

    text = page_text(response)
    assert "Please choose a member of staff with an active staff card." in text
    assert "Over to you</textarea>" in text
    assert "Former Colleague" not in text


def test_the_hand_off_form_offers_active_colleagues_but_not_oneself(
    client, question, staff, colleague
):
    services.ownership_take(staff, question)
    client.force_login(staff)

    text = page_text(client.get(f"/questions/{question.pk}/hand-off/"))

    assert "Camille Martin — Support specialist · Support" in text
    assert "Amélie Durand" not in text


def test_a_duplicate_is_found_by_number_or_address(client, product, question, staff):
    other = services.question_ask(
        MemberFactory(), title="Descaling, how often again?", body="?", product=product
    )
    client.force_login(staff)

    wrong = client.post(f"/questions/{other.pk}/duplicate/", {"original": "not a question"})
    missing = client.post(f"/questions/{other.pk}/duplicate/", {"original": "999999"})
    right = client.post(
        f"/questions/{other.pk}/duplicate/",
        {"original": f"https://community.example.com{question.get_absolute_url()}"},
    )

    assert "Please give the number or address of the other question." in page_text(wrong)
    assert "No question has this number." in page_text(missing)
    assert right.status_code == 302
    other.refresh_from_db()
    assert other.duplicate_of == question


def test_a_vote_must_say_yes_or_no(client, member, answer):
    client.force_login(member)

    assert client.post(f"/questions/answers/{answer.pk}/vote/", {"vote": "2"}).status_code == 400
    assert client.post(f"/questions/{answer.question_id}/follow/", {}).status_code == 400


def test_an_upvote_sent_by_script_answers_in_json(client, member, answer):
    client.force_login(member)

    response = client.post(
        f"/questions/answers/{answer.pk}/vote/", {"vote": "1"}, HTTP_ACCEPT="application/json"
    )

    assert response.json() == {"upvoted": True, "count": 1, "label": "upvote"}


# Similar questions


def test_similar_questions_are_suggested_solved_ones_first(client, product, asker, search_index):
    open_one = services.question_ask(
        asker, title="Descaling the Aurora machine takes ages", body="?", product=product
    )
    solved = services.question_ask(
        MemberFactory(), title="How to start descaling on Aurora", body="?", product=product
    )
    answer = services.answer_create(MemberFactory(), solved, body="Hold both buttons.")
    services.solution_set(solved.author, answer)
    services.question_ask(
        MemberFactory(), title="Bike lamp battery life", body="?", product=product
    )
    search_index()

    results = client.get("/questions/similar/?q=aurora descaling").json()["results"]

    assert [result["title"] for result in results] == [solved.title, open_one.title]
    assert results[0]["solved"] is True
    assert results[0]["url"] == solved.get_absolute_url()


def test_too_short_a_title_suggests_nothing(client, question):
    assert client.get("/questions/similar/?q=ab").json() == {"results": []}


def test_suggestions_show_without_javascript_when_looking_first(
    client, member, question, search_index
):
    search_index()
    client.force_login(member)

    response = client.post(
        "/questions/ask/",
        {"title": "Descale the Aurora how often", "place": "", "body": "", "check": "1"},
    )

    text = page_text(response)
    assert "These questions may already have your answer" in text
    assert question.get_absolute_url() in text
    assert not Question.objects.filter(title="Descale the Aurora how often").exists()


# Reports


def test_a_member_reports_an_answer_once(client, member, answer):
    client.force_login(member)

    client.post(f"/questions/answers/{answer.pk}/report/", {"reason": "spam", "text": "Ads"})
    again = client.get(f"/questions/answers/{answer.pk}/report/")

    assert Report.objects.get().content_object == answer
    assert again.status_code == 302
    text = page_text(client.get(answer.question.get_absolute_url()))
    assert "You reported this answer" in text


def test_a_report_without_a_reason_says_so_and_keeps_the_details(client, member, question):
    client.force_login(member)

    response = client.post(f"/questions/{question.pk}/report/", {"reason": "", "text": "Rude"})

    assert "Please choose a reason." in page_text(response)
    assert "Rude</textarea>" in page_text(response)
    assert not Report.objects.exists()


# The staff inbox


def test_the_inbox_lists_mine_the_requested_and_the_unowned_longest_waiting_first(
    client, elements, product, staff, colleague
):
    now = timezone.now()

    def ask(title, days):
        with time_machine.travel(now - timedelta(days=days), tick=False):
            return services.question_ask(MemberFactory(), title=title, body="?", product=product)

    oldest = ask("The oldest one nobody took", 5)
    answered = ask("An older one with an answer", 6)
    services.answer_create(MemberFactory(), answered, body="A member answered.")
    recent = ask("A recent one nobody took", 1)
    mine = ask("One I look after", 2)
    services.ownership_take(staff, mine)
    theirs = ask("One my colleague looks after", 3)
    services.staff_request(theirs.author, theirs)
    services.ownership_take(colleague, theirs)
    solved = ask("A solved one", 7)
    services.solution_set(staff, services.answer_create(MemberFactory(), solved, body="Yes."))
    client.force_login(staff)

    response = client.get("/questions/inbox/")

    def section(name):
        html = page_text(response).split(f'id="inbox-{name}"')[1].split("</section>")[0]
        return [text for _attrs, text in elements(html, "a", class_="inbox-item__title")]

    assert section("mine") == [mine.title]
    assert section("requested") == [theirs.title]
    assert section("unowned") == [oldest.title, recent.title, answered.title]
    assert "waited 5\xa0days with no answer" in page_text(response)


# The product and member pages


def test_the_product_page_has_a_questions_section(client, elements, product, question, asker):
    answer = services.answer_create(MemberFactory(), question, body="Yes")
    services.solution_set(asker, answer)

    response = client.get(product.url)

    (section,) = elements(response.content, "section", id="questions")
    assert question.title in section[1]
    assert "1 question · 1 solved" in section[1]
    ask_links = [
        attrs["href"]
        for attrs, text in elements(response.content, "a")
        if text == "Log in to ask a question"
    ]
    assert ask_links == [f"/accounts/login/?next=/questions/ask/%3Fproduct%3D{product.pk}"]


def test_the_french_product_page_shows_the_products_questions(client, question, french_product):
    response = client.get(french_product.url)

    assert question.title in page_text(response)


def test_the_member_page_lists_their_questions_and_answers(client, elements, question, answer):
    asker_page = client.get(question.author.get_absolute_url())
    answerer_page = client.get(answer.author.get_absolute_url())

    assert question.title in page_text(asker_page)
    answer_links = [attrs["href"] for attrs, _text in elements(answerer_page.content, "a")]
    assert f"/questions/answers/{answer.pk}/" in answer_links


def test_the_header_links_to_the_questions(client, elements, site_pages):
    response = client.get("/questions/")

    (link,) = [attrs for attrs, text in elements(response.content, "a") if text == "Questions"][:1]
    assert link["href"] == "/questions/"
    assert link["aria-current"] == "page"
