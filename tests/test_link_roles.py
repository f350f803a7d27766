"""A person's role is what they are, not who: role aliases never become linking features (a story
about one minister must not pull in every story that names a minister)."""

from __future__ import annotations

from storyline.analyse import analyse_many
from storyline.link.features import describes, extract
from storyline.model import Article, content_hash

TEXT = [
    "Harbour talks between the dockworkers' union and the port operator broke up without a deal on "
    "Friday, the mediator, Ruth Aldana, said after nine hours at the table.",
    "Aldana, a former president of the regional employment tribunal, said both sides had moved on "
    "overtime but not on the base rate. The transport minister, Daniel Obuya, urged them to return.",
    "Obuya said the ministry would not step in while the mediator was still at work.",
]


def test_describes_tells_roles_from_names() -> None:
    assert describes("the transport minister") and describes("Minister") and describes("former president")
    assert describes("mediator")
    assert not describes("Ruth Aldana") and not describes("Daniel Obuya") and not describes("Aldana")


def test_role_aliases_are_no_entity_features() -> None:
    art = Article(
        source="mem://1",
        content_hash=content_hash("\n".join(TEXT)),
        paragraphs=TEXT,
        title="Harbour talks break up without a deal",
        outlet="Quayside Herald",
        id=1,
    )
    facts = analyse_many([art])[0]
    feats = extract(art, facts)
    keys = set(feats.entities)
    assert any("aldana" in k for k in keys) and any("obuya" in k for k in keys)
    for role in ("e:minister", "e:transport minister", "e:mediator", "e:president", "e:tribunal"):
        assert role not in keys, role
