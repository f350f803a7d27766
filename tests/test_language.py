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
        rows = dict(s.execute(select(ArticleRow.language, ArticleRow.language_confidence).where(ArticleRow.id.in_(ids))).all())
    assert set(rows) == {"de", "en"} and all(c >= 0.8 for c in rows.values())
    back = store.get_article(ids[0])
    assert back is not None and back.language == "de" and back.language_confidence >= 0.8
