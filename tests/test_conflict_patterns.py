"""Conflict patterns across outlets: one event timed by two ordinals. Each pattern is checked on a real
discrepancy (found) and on look-alikes (not reported). Text is original, about invented events."""

from __future__ import annotations

from storyline.compare.align import ClaimUnit
from storyline.model import ClaimMember, Conflict, Quantity, RawDoc, Span
from test_compare_rules import compare_docs


def _conflicts(*texts: tuple[str, str], kind: str = "quantity") -> list[Conflict]:
    docs = [
        RawDoc(source=f"d{i}.txt", kind="text", data=t.encode(), outlet=o, published="2031-05-10")
        for i, (o, t) in enumerate(texts)
    ]
    return [c for c in compare_docs(docs).conflicts if c.kind == kind]


FINAL_A = """Harrowgate win the Northern Cup

Harrowgate United won the Northern Cup on Saturday, beating Castlefort 2-1 at Linden Park.

Tomas Brevik gave Harrowgate the lead in the 31st minute with a low shot from the edge of the box.

Castlefort equalised through Ode Mensah just after the break.

In the 77th minute, a deep cross from Carl Ruane let Brevik head home the winner.
"""
FINAL_B = """Brevik settles cup final

Harrowgate United lifted the Northern Cup after a 2-1 win over Castlefort on Saturday.

Castlefort's Ode Mensah cancelled out the opener early in the second half.

Tomas Brevik grabbed the winner for Harrowgate on the 81st minute.
"""


def test_one_goal_timed_in_two_minutes_is_a_conflict_but_two_goals_are_not() -> None:
    found = _conflicts(("Kestrel Sports Weekly", FINAL_A), ("The Linden Courier", FINAL_B))
    reasons = [c.reason for c in found]
    # the winner: 77th against 81st minute; the opener (31st) is another goal of the same player
    assert len(found) == 1 and "77th minute" in reasons[0] and "81st minute" in reasons[0], reasons
    assert "winner" in found[0].a.text and "winner" in found[0].b.text


def test_other_acts_of_one_player_are_not_one_moment() -> None:
    post = """Brevik unlucky

Harrowgate United beat Castlefort in the Northern Cup final on Saturday.

Tomas Brevik hit the post in the 20th minute before the home side took control.
"""
    bar = """Cup final report

Harrowgate United beat Castlefort in the Northern Cup final on Saturday.

Tomas Brevik hit the bar in the 64th minute before the home side took control.
"""
    assert _conflicts(("Kestrel Sports Weekly", post), ("The Linden Courier", bar)) == []
    # one player may take the lead twice: "the lead" does not make an event one of a kind
    lead_a = """Brevik sharp again

Castlefort were beaten at Linden Park as Harrowgate United took the Northern Cup.

Tomas Brevik gave Harrowgate the lead in the 20th minute with a header from a corner.
"""
    lead_b = """A final to remember

Harrowgate United lifted the Northern Cup for the first time since 1987 after a tense afternoon.

Tomas Brevik gave Harrowgate the lead in the 64th minute, firing low past the keeper.
"""
    assert _conflicts(("Kestrel Sports Weekly", lead_a), ("The Linden Courier", lead_b)) == []


def _unit(text: str, entities: set[str], core: str = "") -> ClaimUnit:
    return ClaimUnit(
        member=ClaimMember(
            article_id=1, claim=0, span=Span(0, len(text), text), sentence=0, asserter="outlet", outlet="x"
        ),
        text=text,
        entities=frozenset(entities),
        neg=False,
        loose_neg=False,
        core=core,
    )


def test_moment_helpers() -> None:
    from storyline.compare.conflicts import _REPEAT, _event_nouns, _moment, _name_words

    def ordinal(text: str, word: str) -> Quantity:
        k = text.index(word)
        return Quantity(float(word[:2]), "minute", word, measure="minute", start=k, end=k + len(word))

    t = "Tomas Brevik grabbed the winner for Harrowgate on the 81st minute."
    u = _unit(t, {"Tomas Brevik", "Harrowgate"}, "Tomas Brevik grabbed winner for Harrowgate")
    assert _moment(u, ordinal(t, "81st minute"))
    assert _name_words(u) == {"tomas", "brevik", "harrowgate"}
    assert _event_nouns(u, ordinal(t, "81st minute")) == {"winner"}
    # a score before the noun is skipped; a noun outside the claim's predicate and arguments is not its event
    t2 = "In the 77th minute a cross let Brevik head home the 2-1 winner beside the far post."
    u2 = _unit(t2, {"Brevik"}, "cross let Brevik head winner")
    assert _event_nouns(u2, ordinal(t2, "77th minute")) == {"winner"}
    # an ordinal that names a stage, not a time, is no moment ("the 12th minute's" aside)
    t3 = "Brevik played 12th minute football."
    assert not _moment(_unit(t3, {"Brevik"}), ordinal(t3, "12th minute"))
    assert _REPEAT.search("Brevik hit the post again in the 64th minute")


QUAKE_A = """Strong quake shakes Velmar coast

A powerful earthquake with a magnitude of 6.9 on the Orsk scale, the highest level, struck the Velmar coast on Sunday.

Ferries were halted at Port Annis while engineers inspected the piers.
"""
QUAKE_B = """Velmar quake damages harbour

A powerful earthquake measuring up to 5, the highest on the Orsk seismic intensity scale, rocked the Velmar coast on Sunday.

The harbour master said two cranes toppled onto the quay.
"""
QUAKE_C = """Velmar counts the cost

The earthquake registered 4 on the Orsk scale, the highest since 1998, in the town of Brill on Sunday.

A magnitude 6.9 tremor, measured at 6 on the Kell scale, the highest level, shook the Velmar coast on Sunday.
"""


def test_two_values_given_as_the_top_of_one_scale_conflict() -> None:
    found = _conflicts(("Coastline Daily", QUAKE_A), ("Velmar Observer", QUAKE_B))
    tops = [c for c in found if "top of one scale" in c.reason]
    assert len(tops) == 1, [c.reason for c in found]
    assert "6.9 on the Orsk scale, the highest level" in tops[0].reason
    assert "5, the highest on the Orsk seismic intensity scale" in tops[0].reason


def test_a_record_or_another_scale_is_not_the_top_of_one_scale() -> None:
    # "the highest since 1998" is a record, not the scale's top; the Kell scale is another scale
    found = _conflicts(("Velmar Observer", QUAKE_B), ("Brill Gazette", QUAKE_C))
    assert not [c for c in found if "top of one scale" in c.reason], [c.reason for c in found]


def test_scale_top_phrases() -> None:
    from storyline.compare.conflicts import _SCALE_TOP

    def tops(text: str) -> list[tuple[str, str]]:
        return [(m.group(1), (m.group(2) or m.group(3) or "").strip()) for m in _SCALE_TOP.finditer(text)]

    assert tops("measuring up to 7, the highest on the Orsk intensity scale, rocked") == [
        ("7", "Orsk intensity")
    ]
    assert tops("registering 7 on the Orsk scale — the highest level — after") == [("7", "Orsk")]
    assert tops("a Category 4 storm, the highest on the Tarrin scale.") == []
    assert tops("registering 7 on the Orsk scale, the highest since 2011") == []
    assert tops("7 on the Orsk scale, the strongest quake in years") == []


FLOOD_A = """Valve fault blamed for Tarrow flooding

Tarrow Valley Water attributed the flooding to a fault in a Harlow Pumps valve at the Ember Road station.

About 300 homes were without water on Monday.
"""
FLOOD_B = """Culvert, not pumps, behind Tarrow flooding

The Tarrow flooding was not caused by Harlow Pumps, but by a blocked culvert under Ember Road, engineers said.

About 300 homes were without water on Monday.
"""
FLOOD_C = """Tarrow clean-up begins

Residents suspect the flooding was caused by a Harlow Pumps valve at the Ember Road station.

The flooding was caused by a valve shipped from Castor Works to Harlow Pumps last spring.
"""


def test_a_cause_laid_on_a_party_that_another_outlet_denies_conflicts() -> None:
    found = _conflicts(("Tarrow Herald", FLOOD_A), ("Ember Road Bulletin", FLOOD_B), kind="polarity")
    causes = [c for c in found if "cause" in c.reason]
    assert len(causes) == 1, [c.reason for c in found]
    assert (
        "a fault in a Harlow Pumps valve" in causes[0].reason
        and "Harlow Pumps did not cause it" in causes[0].reason
    )


def test_a_suspected_cause_or_a_party_the_cause_went_to_is_no_conflict() -> None:
    found = _conflicts(("Ember Road Bulletin", FLOOD_B), ("Tarrow Weekly", FLOOD_C), kind="polarity")
    assert not [c for c in found if "cause" in c.reason], [c.reason for c in found]


def test_cause_phrases() -> None:
    from storyline.compare.conflicts import _DENIED_CAUSE, _laid_causes

    assert _laid_causes("The firm attributed the outage to a defect in a Harlow Pumps update.") == [
        ("harlow", "a defect in a Harlow Pumps update")
    ]
    assert _laid_causes("The outage was caused by an update sent from Castor Works to Harlow hosts.") == []
    assert _laid_causes("It was not caused by Harlow.") == []
    assert _laid_causes("Some think it might have been caused by Harlow's update.") == []
    denials = (
        "It was not caused by Harlow Pumps. This was not a Castor incident. Harlow was wrongly blamed for it."
    )
    assert len(list(_DENIED_CAUSE.finditer(denials))) == 3


def test_a_toll_cut_from_a_sentence_dated_later_is_another_count() -> None:
    # the later count is a piece cut from a sentence that dates it two days after the quake
    early = """Quake strikes Velmar

A powerful earthquake struck the Velmar coast on Monday.

The earthquake killed at least 30 people, officials said.
"""
    later = """Rain hampers Velmar rescue

Rescuers dug through rubble in Brill on Wednesday as heavy rain fell, after a powerful earthquake that killed at least 41 people.

The quake struck the coast on Monday afternoon.
"""
    docs = [
        RawDoc(
            source="e.txt", kind="text", data=early.encode(), outlet="Coastline Daily", published="2031-03-03"
        ),
        RawDoc(
            source="l.txt", kind="text", data=later.encode(), outlet="Velmar Observer", published="2031-03-05"
        ),
    ]
    found = [c for c in compare_docs(docs).conflicts if c.kind == "quantity"]
    assert found == [], [c.reason for c in found]


def test_a_cause_of_another_time_is_no_conflict() -> None:
    older = """Tarrow flooding recalls 2019

In 2019 the Tarrow flooding was caused by a Harlow Pumps valve at the Ember Road station, engineers found.

About 300 homes were without water on Monday.
"""
    found = _conflicts(("Ember Road Bulletin", FLOOD_B), ("Tarrow Weekly", older), kind="polarity")
    assert not [c for c in found if "cause" in c.reason], [c.reason for c in found]


def test_moments_in_words_or_after_their_unit() -> None:
    race_a = """Ferro wins at Castor

Lina Ferro won the Castor Grand Prix on Sunday after a duel with Petra Holm.

Ferro made the decisive pass on Holm on lap 12, braking late into the hairpin.

Ferro pitted on lap 20 for fresh tyres.
"""
    race_b = """Castor glory for Ferro

A late move settled a tense Castor Grand Prix on Sunday, and Lina Ferro took the chequered flag.

Lina Ferro made the decisive pass on the fourteenth lap, diving inside Holm at the hairpin.

Ferro pitted on lap 41 after a slow puncture.
"""
    found = _conflicts(("Paddock Weekly", race_a), ("Castor Evening News", race_b))
    reasons = [c.reason for c in found]
    # the decisive pass: lap 12 against the fourteenth; two pit stops of one driver are no conflict
    assert len(found) == 1 and "lap 12" in reasons[0] and "fourteenth lap" in reasons[0], reasons

    from storyline.compare.conflicts import _moment_unit, _moments

    text = "Ferro made the decisive pass on the third lap and pitted on lap 45, not in 12 laps."
    m = ClaimMember(
        article_id=1, claim=0, span=Span(0, len(text), text), sentence=0, asserter="outlet", outlet="x"
    )
    assert [(q.value, q.unit) for q in _moments(m, [])] == [(3.0, "lap"), (45.0, "lap")]
    assert _moment_unit("82nd minute") == "minute" and _moment_unit("third round") == "round"
    assert _moment_unit("lap 45") == "lap" and _moment_unit("12th floor") == ""


def test_sizes_of_several_things_of_one_kind_and_prices_without_cents_are_no_conflict() -> None:
    from storyline.compare.conflicts import _cents_dropped

    assert _cents_dropped(Quantity(129, "usd", "$129"), Quantity(129.99, "usd", "$129.99"))
    assert not _cents_dropped(Quantity(129, "usd", "$129"), Quantity(139.99, "usd", "$139.99"))
    assert not _cents_dropped(Quantity(12, "percent", "12%"), Quantity(12.5, "percent", "12.5%"))
    one = """Orrin unveils a bigger Slate

Orrin has unveiled its 16-inch Slate Pro.

It is unclear if the 14-inch Slate Pro will follow suit.
"""
    other = """Hands on with the new Slate

The keyboard is the best change since Orrin launched an updated 15-inch Slate Pro.

Put a 15-inch Slate Pro right next to the 16-inch Slate Pro and you will notice the difference.
"""
    found = _conflicts(("Gadget Ledger", one), ("Circuit Weekly", other))
    assert found == [], [c.reason for c in found]


def test_a_version_a_score_or_a_seed_is_no_amount() -> None:
    a = """Patch for the Quill browser

Sablewood released a patch for Quill version 5 and later on Tuesday, closing a flaw attackers used.

The Harbour Hawks clinched the #1 seed after an 88-72 win over Corran on Tuesday.
"""
    b = """Quill fix arrives

Sablewood released a patch on Tuesday for a flaw that so far has been proven to exist only in Quill version 7.

The Harbour Hawks secured the #3 seed with their 91-86 win over Corran on Tuesday.
"""
    assert _conflicts(("Kestrel Tech", a), ("The Linden Courier", b)) == []


def test_a_total_against_its_parts_or_a_remainder_is_no_conflict() -> None:
    total = """Raiders held off the cape

Coastguard commandos boarded the raiders' boat off the cape on Saturday and detained 23 raiders after a short chase.
"""
    parts = """Coastguard raid

Coastguard commandos boarded the boat off the cape on Saturday to detain 12 Varnish and 11 Ostbian raiders after a chase.
"""
    assert _conflicts(("Kestrel News", total), ("The Linden Courier", parts)) == []
    remainder = """Weapons seized

The weapons seized from the raiders on Saturday included seven rifles, a grenade launcher and three other guns.
"""
    whole = """Arms haul

Nine guns, a grenade launcher and a radio were seized from the raiders on Saturday, the coastguard said.
"""
    assert _conflicts(("Kestrel News", remainder), ("The Linden Courier", whole)) == []


def test_a_figure_two_outlets_give_differently_is_still_found() -> None:
    a = """Freighter stopped off the cape

The coastguard stopped a freighter carrying 40 containers of stolen tyres off the cape on Saturday, officials said.
"""
    b = """Coastguard holds ship

A cargo ship was held by the coastguard on Saturday after officers found it carrying 52 containers of stolen tyres off the cape.
"""
    found = _conflicts(("Kestrel News", a), ("The Linden Courier", b))
    assert len(found) == 1 and "40 containers" in found[0].reason and "52 containers" in found[0].reason


def test_a_stat_line_unit_needs_its_words_not_just_its_claims_to_agree() -> None:
    """A game report gives yards for drives, runs, passes and totals: two values of "yards" are no
    conflict because their sentences are about the same game."""
    a = """Hawks edge Corran

Ada Brenn ran for 226 yards as the Harbour Hawks beat Corran on Sunday.

The Hawks went on a 68-yard drive in the second quarter.

Corran fumbled at the Hawks' 16-yard line late in the half.
"""
    b = """Hawks win late

The Harbour Hawks beat Corran on Sunday after a 73-yard drive in the fourth quarter.

Brenn had an 86-yard run to open the second half for the Hawks.

Corran's quarterback threw for 162 yards with two interceptions.
"""
    c = """Brenn runs wild

Ada Brenn ran for 230 yards as the Harbour Hawks beat Corran on Sunday.

The Hawks gained 507 yards in all.

Tomas Kell caught a 7-yard pass for the winning score.

The Hawks kicked a 36-yard field goal before half-time.
"""
    assert _conflicts(("Kestrel Sports", a), ("The Linden Courier", b), ("Harbour Daily", c)) == []


def test_one_time_or_ordinal_written_two_ways_is_no_misquote() -> None:
    a = """Factory fire

A blaze tore through the Kelso paint works on the harbour road on Monday evening and burned for hours.

"Police sealed off the street and the fire was out just after 6:00 p.m., at the eleventh hour for the warehouse next door," Chief Ines Varga said.
"""
    b = """Fire at the plant

Firefighters from three towns fought flames at a paint factory in Kelso until Monday night, and nobody was hurt.

"Police sealed off the street and the fire was out just after 6 p.m., at the 11th hour for the warehouse next door," Chief Ines Varga said.
"""
    assert _conflicts(("Kestrel News", a), ("The Linden Courier", b), kind="misquote") == []
    # a word of the speaker's changed is still a misquote
    c = b.replace("sealed off", "closed")
    assert len(_conflicts(("Kestrel News", a), ("The Linden Courier", c), kind="misquote")) == 1


def test_a_rehired_lawyer_is_former_and_longtime_at_once() -> None:
    a = """Singer changes counsel

The singer has decided to rehire her former attorney Mara Quist, who stood by her in court for years.
"""
    b = """New lawyer for the singer

The singer re-hired longtime attorney Mara Quist to handle the case.
"""
    assert _conflicts(("Kestrel News", a), ("The Linden Courier", b), kind="role") == []


def test_two_speakers_conflict_only_when_both_sentences_name_them() -> None:
    quote = "I never wanted to be painted in my old age"
    a = f"""Portrait artist dies

The painter Mara Quist died on Thursday at 91 in a hospital in Varne.

"{quote}," Quist told a magazine in 1998.
"""
    b = f"""Painter remembered

The death was announced on Thursday by Tomas Kell, who represented the painter for decades.

"{quote}," she said in 1998.
"""
    c = f"""Painter's last words

"{quote}," Ines Varga, her gallery owner, told reporters in 1998, recalling the painter's wish.
"""
    # "she" resolved to the man named just before is a guess of the analysis, not the outlet's word
    assert _conflicts(("Kestrel Arts", a), ("The Linden Courier", b), kind="speaker") == []
    # two outlets naming two different people for the same words is a conflict
    found = _conflicts(("Kestrel Arts", a), ("Harbour Daily", c), kind="speaker")
    assert len(found) == 1 and "Quist" in found[0].reason and "Ines Varga" in found[0].reason


def test_a_description_capitalised_at_a_sentence_start_is_no_named_speaker() -> None:
    quote = "We are treating the depot fire as suspicious and as potential arson"
    a = f"""Depot fire treated as arson

Fire chief Oskar Lindqvist spoke to reporters on Saturday morning.

"{quote}," Lindqvist told the Varne Courier.
"""
    b = f"""Arson suspected at depot

Authorities described the blaze in one line: "{quote}."
"""
    assert _conflicts(("Kestrel Arts", a), ("The Linden Courier", b), kind="speaker") == []


def test_a_role_belongs_to_the_person_it_attaches_to() -> None:
    a = """Health chief sworn in

Ada Brenn was sworn in on Monday as the new harbour health officer of Varne.

In her speech, Brenn thanked two mentors: former harbour health officer Tomas Kell and the retired surgeon Ines Varga.

Olaf Lind, who has been acting harbour health officer since March, will return to the port clinic.
"""
    b = """Varne's new health officer

The town council confirmed Ada Brenn in the post on Monday after a short debate.

A former member of Mayor Tomas Kell's health board, Ines Varga, praised the choice.
"""
    # "former member of Mayor Kell's board" is Varga's past role, not Kell's; the acting officer is Lind
    assert _conflicts(("Kestrel News", a), ("The Linden Courier", b), kind="role") == []


TERM_A = """Former harbour official Ivo Marsh dies at 80

Ivo Marsh, the harbour official at the centre of the Quayside bribery affair, has died at 80.

Marsh served four months in prison for taking bribes from a dredging firm.

He later ran a boatyard on the coast.
"""
TERM_B = """Ivo Marsh, figure in the Quayside affair, dies

Ivo Marsh, who was at the heart of the Quayside bribery affair, died on Sunday. He was 80.

He served six months in a federal prison for bribery.

Marsh discounted rumours that he was the informant who exposed the affair.
"""
TERM_C = """Quayside affair figure Ivo Marsh dead at 80

Ivo Marsh, convicted in the Quayside bribery affair, has died. He was 80.

Marsh insisted he was not the informant who exposed the affair.

Two years ago he said the affair had taken twelve years from his life.
"""


def test_a_length_of_time_two_outlets_give_differently_is_found() -> None:
    found = _conflicts(("Coast Ledger", TERM_A), ("Harbour Post", TERM_B), ("Quay Weekly", TERM_C))
    assert any(
        {"four months", "six months"} <= {c.a.text, c.b.text}
        or ("four months" in c.reason and "six months" in c.reason)
        for c in found
    ), found
    # "two years ago" and "twelve years" measure nothing of the prison term
    assert not any("years" in c.reason for c in found)


def test_discounting_rumours_denies_them() -> None:
    # "discounted rumours that he was X" and "insisted he was not X" say the same
    found = _conflicts(
        ("Coast Ledger", TERM_A), ("Harbour Post", TERM_B), ("Quay Weekly", TERM_C), kind="polarity"
    )
    assert not found, found


def test_durations() -> None:
    from storyline.compare.conflicts import _durations

    def got(text: str) -> list[tuple[float, str]]:
        m = ClaimMember(
            article_id=1, claim=0, span=Span(0, len(text), text), sentence=0, asserter="outlet", outlet="x"
        )
        return [(q.value, q.unit) for q in _durations(m, [])]

    assert got("He served four and a half months in prison") == [(4.5, "month")]
    assert got("Club makes its offer (8 years?)") == []  # a guess, not a statement
    assert got("sentenced to 12 years in prison") == [(12.0, "year")]
    for none in (
        "two years ago he left",
        "a 20-year-old woman",
        "for the first time in 30 years",
        "in the past two years",
        "the longest offer in the seven-year history of the club",
        "and served 41 / 2 months",
    ):
        assert got(none) == [], none


def test_an_editors_insertion_or_a_web_address_is_no_misquote() -> None:
    from storyline.compare.quotes import _same_word, inner_changes

    assert [
        a
        for a, b in inner_changes("we respect her (Ana Ruiz) and her family", "we respect her and her family")
        if a != "editorsmark"
    ] == []
    assert _same_word("PhotoHub.com,", "PhotoHub,") and not _same_word("PhotoHub", "PicHub")


WETLANDS_A = """Governor Ilse Varga restores wetland reviews

Governor Ilse Varga on Monday reversed a rule that let agencies skip wetland reviews.

She said she was returning "careful field science to its proper place at the core of the Marsh Protection Act, a process neglected for years."
"""
WETLANDS_B = """Varga orders review of wetland rule

Governor Ilse Varga signed an order on Monday suspending the rule.

Varga issued an order that suspends the rule while checking whether it serves "the aims of the [Marsh Protection Act]."
"""


def test_an_editors_bracketed_name_does_not_make_two_quotes_one() -> None:
    # the second quote's only words in common with the first are the editor's insertion
    found = _conflicts(("Fenland Post", WETLANDS_A), ("Reedbank Daily", WETLANDS_B), kind="misquote")
    assert not found, found


def test_a_figure_of_a_thing_one_article_names_in_passing_is_no_conflict() -> None:
    phone_a = """Tidewave launches the Skiff 3 phone

The Skiff 3 has a 12-megapixel camera and a larger screen.

Tidewave said the Skiff 3 goes on sale in March.
"""
    phone_b = """Skiff 3 arrives in March

Tidewave's Skiff 3 phone has a 12-megapixel camera, the company said.

The launch, along with the rival Orca Mini, which will carry a 50-megapixel camera, fills the shops before spring.
"""
    phone_c = """Tidewave Skiff 3 review

The Skiff 3 phone comes with a 12-megapixel camera and a brighter screen.
"""
    found = _conflicts(("Gadget Tide", phone_a), ("Pocket Review", phone_b), ("Phone Desk", phone_c))
    assert not any("50" in c.reason for c in found), found


def test_a_worldwide_total_is_not_a_home_market_total() -> None:
    film_a = """Quayside sequel gets a director

Studio Harrowgate named Ines Marlow to direct the sequel to "Quayside".

"Quayside" has already brought in over $363 million at the box office.
"""
    film_b = """Marlow to direct Quayside sequel

Ines Marlow will direct the second "Quayside" film, Studio Harrowgate said.

She will earn a share of the grosses, a large sum since "Quayside" has already taken $459 million around the globe.
"""
    found = _conflicts(("Reel Ledger", film_a), ("Screen Post", film_b))
    assert not found, found


SERRANO_A = """Strong quake shakes Serrano coast

A 6.3-magnitude earthquake struck the Serrano coast on Tuesday, damaging dozens of homes in the port of Valdine, the national seismic agency said.

The quake struck at a depth of 10 kilometres (6.2 miles) about 40 kilometres west of Valdine.

In April last year a 7.9-magnitude quake struck off the same coast, prompting a tsunami alert across the region.
"""
SERRANO_B = """Dozens of homes damaged as quake hits Serrano

A 6.3-magnitude quake hit the Serrano coast on Tuesday and damaged dozens of homes in Valdine, officials said.

The 6.3-magnitude quake struck at a depth of 10 kilometers (6 miles), the seismic agency said.

Residents ran into the streets as the shaking lasted for about twenty seconds.
"""


def test_a_quake_of_last_year_and_a_converted_depth_are_no_conflict() -> None:
    found = _conflicts(("Coast Ledger", SERRANO_A), ("Harbour Post", SERRANO_B))
    # 7.9 is last year's quake, not this one's magnitude; 6.2 and 6 miles both convert 10 km
    assert not found, [c.reason for c in found]
    # the same two reports with a real difference in this quake's magnitude: found
    found = _conflicts(
        ("Coast Ledger", SERRANO_A),
        ("Harbour Post", SERRANO_B.replace("6.3-magnitude", "6.8-magnitude")),
    )
    assert any("6.8" in c.reason for c in found), [c.reason for c in found]


def test_dates_years_apart_tell_two_events_and_a_year_slip_is_found() -> None:
    a = SERRANO_A + "\nA quake off the Serrano coast in 2004 set off a tsunami that flooded the harbour.\n"
    b = (
        SERRANO_B
        + "\nA quake off the Serrano coast in May 2012 set off a tsunami that flooded the harbour.\n"
    )
    assert not _conflicts(("Coast Ledger", a), ("Harbour Post", b), kind="date")
    slip = b.replace("in May 2012", "in 2005")
    found = _conflicts(("Coast Ledger", a), ("Harbour Post", slip), kind="date")
    assert found and "2005" in found[0].reason, found


def test_a_figure_told_of_a_later_moment_is_no_conflict() -> None:
    a = """Harbour protest turns violent

Protesters marched on the harbour office in Kelso on Saturday after the ferry line was cut.

A group of about 30 young men threw stones at a police van outside the harbour office on Saturday, police said.
"""
    b = """Kelso harbour office attacked

Hundreds of people rallied in Kelso at the weekend against the loss of the island ferry.

But later, about 100 young men pelted a police van parked by the harbour office with stones.
"""
    assert _conflicts(("Kestrel News", a), ("The Linden Courier", b), kind="quantity") == []
    # told of the same moment, the two counts conflict
    c = b.replace("But later, about", "On Saturday, about")
    assert len(_conflicts(("Kestrel News", a), ("The Linden Courier", c), kind="quantity")) == 1


def test_a_figure_that_sizes_a_thing_is_no_count_of_its_units() -> None:
    from storyline.compare.conflicts import _sizes_another_thing

    streak = ("The Hawks had a N -game losing streak going into Sunday", Quantity(3, "game", "three"))
    season = ("The Hawks went on to win 18 of their next N , becoming", Quantity(23, "game", "23 games"))
    other_text = "The Hawks went on to win 18 of their next 23 games, becoming the first team to do so"
    # a streak's length against a count of games in a claim that names no streak
    assert _sizes_another_thing(*streak, *season, other_text)
    # ... but a claim about the streak itself ("a losing streak of five games") is compared
    about = ("snapped a losing streak of N on Friday", Quantity(5, "game", "five games"))
    assert not _sizes_another_thing(
        *streak, *about, "The Hawks snapped a losing streak of five games on Friday"
    )
    # two sizes of one kind of thing ("a three-game streak" / "a four-game streak") are compared
    four = ("a N -game losing streak", Quantity(4, "game", "four"))
    assert not _sizes_another_thing(*streak, *four, "The Hawks are on a four-game losing streak")
    assert not _sizes_another_thing(*four, *streak, "The Hawks had a three-game losing streak")


def test_a_losing_streak_and_a_run_of_games_last_season_are_no_conflict() -> None:
    one = """Hawks fire coach Dane Oyelaran

The Harbor Hawks fired coach Dane Oyelaran on Sunday after a 9-14 start to the season.

The Hawks had a three-game losing streak going into Sunday's home game against Eastvale.
"""
    other = """Oyelaran out as Hawks coach

The Harbor Hawks dismissed coach Dane Oyelaran on Sunday.

Last season the Hawks went on to win 18 of their next 23 games after a poor start, reaching the playoffs.
"""
    found = _conflicts(("Kestrel Sports Weekly", one), ("The Linden Courier", other))
    assert found == [], [c.reason for c in found]
