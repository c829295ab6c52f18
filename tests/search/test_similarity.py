"""How a title being typed is read and compared (search.similarity), without a database."""

from search.similarity import (
    THRESHOLD,
    Term,
    content_words,
    language_of,
    meet,
    ranked,
    score,
    stems,
    terms_of,
    weights,
    within_reach,
)


def words(text):
    return [term.word for term in terms_of(text)]


def test_the_language_is_the_one_whose_stop_words_the_title_uses_most():
    assert language_of(["how", "do", "i", "turn", "off", "the", "reminder"]) == "en"
    assert language_of(["le", "voyant", "de", "la", "machine", "reste", "allumé"]) == "fr"
    assert language_of(["descaling", "reminder"]) == ""


def test_stop_words_of_the_title_s_language_and_filler_words_are_left_out():
    assert content_words("Remind me to descale") == ["remind", "descale"]
    assert content_words("Is it possible to add an option for making tea?") == ["tea"]
    assert content_words("Comment faire mousser le lait ?") == ["mousser", "lait"]
    # "pour" is a French stop word, and an English verb.
    assert content_words("Pour the milk into the cup") == ["pour", "milk", "cup"]


def test_each_word_is_stemmed_in_english_and_in_french_with_accents_folded():
    assert stems("descaling") == {"descal", "descaling"}
    assert stems("Détartrage".lower()) == {"detartrag"}
    assert meet(stems("descaling"), stems("descale"))
    assert meet(stems("reminder"), stems("remind"))
    assert meet(stems("grinder"), stems("grinding"))
    # A long stem finds the words it begins; a short one does not.
    assert meet(stems("détartrage"), stems("détartrer"))
    assert not meet(stems("cup"), stems("cupboard"))


def test_a_word_said_twice_in_two_forms_is_looked_for_once():
    assert words("Descale, descaling, descaler") == ["descale"]


def test_an_index_is_asked_for_each_stem_and_for_the_words_a_long_stem_begins():
    assert Term("descaling", stems("descaling")).lookups == [("descal", True)]
    assert Term("cups", stems("cups")).lookups == [("cup", False)]
    assert Term("voyant", stems("voyant")).lookups == [("voi", False), ("voyant", True)]


def test_rarer_words_weigh_more_and_a_young_community_does_not_make_every_word_common():
    common, rare, unseen = weights([40, 2, 0], total=100)
    assert common < rare < unseen

    # One idea only: its words still weigh.
    assert min(weights([1, 1], total=1)) > 1


def test_the_score_is_the_share_of_the_title_s_weight_an_item_matches():
    terms = terms_of("descaling reminder")
    even = [1.0, 1.0]

    assert score(terms, even, "How do I turn off the descale reminder?") == 1.0
    assert score(terms, even, "Descale every month") == 0.5
    # A word found only in the text counts half.
    assert score(terms, even, "Descale every month", "The reminder shows.") == 0.75
    assert score(terms, even, "Grinder noise") == 0.0


def test_items_under_the_threshold_or_far_behind_the_best_are_not_suggested():
    terms = terms_of("descaling reminder keeps coming back")
    term_weights = [1.0] * len(terms)
    candidates = [
        (1, "Grinder noise", ""),
        (2, "Descale reminder keeps coming back", ""),
        (3, "Descaling reminder", ""),
        (4, "Reminder", ""),
    ]

    scored = ranked(terms, term_weights, candidates)

    assert [key for key, _ in scored] == [2, 3]
    assert all(value >= THRESHOLD for _, value in scored)
    assert within_reach(scored, limit=5) == [2]
    assert within_reach([(3, 0.5), (4, 0.3)], limit=5) == [3, 4]
    assert within_reach([], limit=5) == []
