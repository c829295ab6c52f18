def test_home_page_renders_in_both_languages(client, site_pages):
    english = client.get("/")
    french = client.get("/fr/")
    assert english.status_code == 200
    assert french.status_code == 200
    assert "Communauté" in french.content.decode()
