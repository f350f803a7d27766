"""Language detection in the clean stage: the bundled lite model, stored with the article.

Texts are our own short writing (invented towns and people).
"""

from __future__ import annotations

from storyline.clean import clean
from storyline.clean.language import detect_text, is_english
from storyline.model import RawDoc
from storyline.store import Store

GERMAN = (
    "Die Stadtverwaltung von Kleinwaldheim hat am Dienstag beschlossen, die alte Holzbrücke über die Lanz "
    "abzureißen. Bürgermeisterin Greta Vollmer sagte, die Sanierung wäre teurer als ein Neubau.\n\n"
    "Der Neubau soll im kommenden Frühjahr beginnen und rund zwei Jahre dauern."
)
FRENCH = (
    "Le conseil municipal de Saint-Aubrac a voté mardi la fermeture de la piscine communale pour l'hiver. "
    "Selon l'adjoint Marcel Favrot, le coût du chauffage a doublé en deux ans.\n\n"
    "Les associations sportives dénoncent une décision prise sans concertation."
)
SPANISH = (
    "Las lluvias de la última semana inundaron tres barrios de Villaseca del Monte, según informó el "
    "ayuntamiento. La alcaldesa, Lucía Ferrán, pidió ayuda a la provincia para reparar los caminos."
)
ENGLISH = (
    "The council of Marlow Bay voted on Tuesday to close the public pool for the winter. Deputy mayor "
    "Hal Trent said heating costs had doubled in two years.\n\n"
    "Swimming clubs said the decision was taken without consulting them."
)


def _doc(text: str, n: int = 0) -> RawDoc:
    return RawDoc(source=f"mem#{n}", kind="text", data=text.encode(), title=None)


def test_detects_languages_with_confidence() -> None:
    for text, lang in ((GERMAN, "de"), (FRENCH, "fr"), (SPANISH, "es"), (ENGLISH, "en")):
        d = detect_text(text)
        assert d.language == lang, (lang, d)
        assert d.confidence >= 0.8


def test_english_page_with_a_foreign_quote_stays_english() -> None:
    text = ENGLISH + "\n\nA banner at the pool read: « Non à la fermeture ».\n\n" + ENGLISH
    assert detect_text(text).language == "en"


def test_too_little_text_is_unknown_and_analysed() -> None:
    d = detect_text("Menu\nHome\n12:30")
    assert d.language is None and d.confidence == 0.0


def test_clean_sets_language_and_store_keeps_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    de = clean(_doc(GERMAN, 1))
    en = clean(_doc(ENGLISH, 2))
    assert (de.language, en.language) == ("de", "en")
    assert not is_english(de) and is_english(en)
    store = Store(f"sqlite:///{tmp_path / 'lang.db'}")
    ids = [store.add(_doc(GERMAN, 1), de)[0], store.add(_doc(ENGLISH, 2), en)[0]]
    from sqlalchemy import select

    from storyline.store.schema import ArticleRow

    with store.session() as s:
        rows = dict(
            s.execute(
                select(ArticleRow.language, ArticleRow.language_confidence).where(ArticleRow.id.in_(ids))
            ).all()
        )
    assert set(rows) == {"de", "en"} and all(c >= 0.8 for c in rows.values())
    back = store.get_article(ids[0])
    assert back is not None and back.language == "de" and back.language_confidence >= 0.8


GERMAN_2 = (
    "In Kleinwaldheim wird die alte Holzbrücke über die Lanz abgerissen, das hat der Stadtrat am Dienstag "
    "entschieden. Laut Bürgermeisterin Greta Vollmer sei eine Sanierung zu teuer.\n\n"
    "Für den Neubau rechnet die Stadt mit rund zwei Jahren Bauzeit."
)
ENGLISH_BRIDGE = (
    "Kleinwaldheim's council decided on Tuesday to demolish the old wooden bridge over the Lanz. Mayor "
    "Greta Vollmer said repairing it would cost more than building a new one.\n\n"
    "Construction of the new bridge is due to start next spring and to take about two years."
)
ENGLISH_BRIDGE_2 = (
    "The wooden bridge across the Lanz in Kleinwaldheim will be torn down, the town council decided on "
    "Tuesday. Mayor Greta Vollmer said a new bridge would be cheaper than repairs.\n\n"
    "Work on the replacement bridge should begin in spring and last two years."
)


def _articles() -> list:  # type: ignore[type-arg]
    arts = [clean(_doc(t, i)) for i, t in enumerate((ENGLISH_BRIDGE, GERMAN, ENGLISH_BRIDGE_2, GERMAN_2), 1)]
    for i, a in enumerate(arts, 1):
        a.id = i
        a.outlet = f"Outlet {i}"
    return arts


def test_non_english_gets_no_english_analysis() -> None:
    from storyline.analyse import analyse_many

    arts = _articles()
    facts = analyse_many(arts)
    assert [f.article_id for f in facts] == [1, 2, 3, 4]  # input order kept
    for a, f in zip(arts, facts, strict=True):
        if a.language == "de":
            assert not f.entities and not f.quotes and not f.claims and not f.mentions
        else:
            assert any(e.name == "Greta Vollmer" for e in f.entities)


def test_linked_with_articles_of_their_language() -> None:
    from storyline.link.cluster import StoryLinker

    arts = _articles()
    linker = StoryLinker()
    story = {a.article_id: a.story_id for a in linker.add_many(arts)}
    assert story[1] == story[3] and story[2] == story[4] and story[1] != story[2]


def test_brief_lists_non_english_source_as_not_analysed() -> None:
    from storyline.analyse import analyse_many
    from storyline.compare import compare_story
    from storyline.link.cluster import single_story
    from storyline.render.markdown import render_markdown

    arts = _articles()
    facts = analyse_many(arts)
    st = single_story(arts, list(facts))
    report = compare_story(st, {a.id: a for a in arts}, {f.article_id: f for f in facts})
    by_id = {s.article_id: s for s in report.sources}
    assert not by_id[2].analysed and by_id[2].language == "de" and by_id[1].analysed
    md = render_markdown(report)
    assert md.count("not analysed (language: de)") == 2
