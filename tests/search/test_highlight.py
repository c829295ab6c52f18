"""Marking the words of a query in results: escaped first, then marked, forgiving of accents,
case and common endings."""

from search.highlight import CLOSE, OPEN, excerpt, fold, from_engine, highlight, query_terms


def test_words_are_folded_without_accents_or_case():
    assert fold("Théâtre CŒUR Straße") == "theatre coeur strasse"


def test_query_terms_are_unique_few_and_short():
    assert query_terms("Kettle kettle KETTLE tea") == ["Kettle", "tea"]
    assert len(query_terms(" ".join(f"word{n}" for n in range(50)))) == 12
    assert query_terms("x" * 500) == ["x" * 40]
    assert query_terms("¿¡!?") == []


def test_matches_are_marked_whatever_their_accents_case_and_ending():
    marked = highlight("Les Théâtres et le théâtre; descaled kettles", ["theatre", "kettle"])

    assert marked == (
        "Les <mark>Théâtres</mark> et le <mark>théâtre</mark>; descaled <mark>kettles</mark>"
    )


def test_text_is_escaped_before_it_is_marked():
    marked = highlight('<img src=x onerror="alert(1)"> kettle & tea', ["kettle", "img"])

    assert marked == (
        "&lt;<mark>img</mark> src=x onerror=&quot;alert(1)&quot;&gt; <mark>kettle</mark> &amp; tea"
    )


def test_short_words_match_only_whole_words():
    assert highlight("an ant and an anteater", ["an"]) == (
        "<mark>an</mark> ant and <mark>an</mark> anteater"
    )


def test_an_excerpt_is_taken_around_the_first_match():
    text = "Intro words. " * 30 + "The descaling programme takes twenty minutes. " + "End. " * 40

    cut = excerpt(text, ["descaling"], size=120)

    assert cut.startswith("… ")
    assert cut.endswith(" …")
    assert "<mark>descaling</mark>" in cut
    assert len(cut) < 200


def test_an_excerpt_without_a_match_is_the_beginning_of_the_text():
    text = "First words come first. " * 20

    assert excerpt(text, ["zebra"], size=60).startswith("First words come first.")


def test_fragments_from_elasticsearch_are_escaped_then_marked():
    fragment = f"<b>bold</b> {OPEN}kettle{CLOSE} & {OPEN}unclosed <i>"

    assert (
        from_engine(fragment)
        == "&lt;b&gt;bold&lt;/b&gt; <mark>kettle</mark> &amp; unclosed &lt;i&gt;"
    )
