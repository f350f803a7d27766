"""Synthetic news streams for tests and scale runs.

Many stories over weeks, told by many outlets: each story has its own cast
(people with roles, organisations, a place), its own specific facts (numbers,
days), and a kind (trade talks, a factory fire, a trial ...) whose vocabulary
it shares with every other story of that kind. A few public figures and
places recur across unrelated stories, so entity overlap alone cannot decide.
Some articles are syndicated: copies or light rewrites by other outlets.
Some carry no date. Everything is invented and deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from storyline.model import Article, content_hash

FIRST = """Amara Bastian Celine Dario Elif Farid Greta Hugo Ines Jonas Kaia Lorenz Mira Nils Odile Pavel
Quinn Rosa Stellan Talia Ugo Vera Wim Xenia Yusuf Zora Anouk Bram Cyra Dmitri Esme Fenna Gideon Hana Ivo
Jolien Kasper Lina Matteo Noor Oskar Petra Rafael Saskia Tobias Ulla Viggo Wanda Ximena Yara Zeno""".split()
LAST = """Okafor Lindqvist Varga Moreau Castellan Brandt Ivanescu Takahara Oyelaran Ferreira Halloran Novak
Dunmore Esposito Kowalczyk Achterberg Mbeki Sorensen Valdivia Rahimi Quist Pellegrini Abernathy Tanaka Greaves
Oduya Marchetti Vandersloot Eriksen Haddad Nakamura Pryce Castillo Wendt Adeyemi Solberg Fitzwilliam Orlov Kahale
Dimitriou Baptiste Lindgren Okonjo Ruiz Szabo Hartmann Kuznetsov Almeida Thorne Mwangi Petrakis Delacroix""".split()
PLACES = """Port Aldene|Vessmark|Greyhaven|Lake Orrin|Castel Nuovo|Brightwater|Karsk|Mirelund|Saint Oren|Tollgate
|Ravensmoor|Elbaro|New Calder|Ostrova|Dunmere|Halvik|Serrano Bay|Marrow Hill|Quillon|Westerby|Ardent Falls
|Velmora|Stonebridge|Caldera City|Northwick|Amberlee|Juniper Ridge|Fallowmere|Riverton|Kestrel Point""".replace(
    "\n", ""
).split("|")
COUNTRIES = "Valdoria|Estmark|Norland|Carpathia|Meridia|Ostland|Lusenia|Arcadia|Borealis|Tessaly".split("|")
ORG_STEMS = """Helix|Northstar|Meridian|Blue Fern|Granite|Corvid|Atlas|Tidewater|Sable|Lumen|Orchid|Keystone
|Halcyon|Vantage|Pioneer|Cobalt|Redwood|Silverline|Harbor|Summit""".replace("\n", "").split("|")
ORG_KINDS = "Holdings|Energy|Motors|Pharma|Logistics|Bank|Foods|Systems|Airlines|Mining".split("|")
OUTLETS = """The Daily Ledger|Harbor Times|Meridian Post|Northwind News|The Civic Herald|Valley Courier|Metro Dispatch
|The Evening Standard-Bearer|Coastline Gazette|Capital Observer|Frontier Wire|Union Press Agency|Morning Chronicle
|Lakeside Tribune|The Weekly Beacon|Pinecrest Journal|Global Wire Service|Riverbend Record|Summit Review|The Sentinel
|Crossroads Daily|Plainsview Bulletin|Eastgate Examiner|Westfield Voice|Harborline|The Lantern|Granite State Report
|Open Current|Skyline News|The Meridian Review""".replace("\n", "").split("|")
# Invented syllables widen the name space so that large streams are not crowded with namesakes
# (a real month of news names tens of thousands of people and places).
_SYL_A = "Al Bel Cor Dra Ev Fal Gor Hal Ist Jor Kel Lor Mar Nor Ost Pel Quen Ros Sel Tor Ul Val Wes Yor Zan".split()
_SYL_B = (
    "ban dell ford gard holm ick lund mar nova quist rend sen stad thorn vik wick zer ova ando etti".split()
)
SURNAMES = LAST + [a + b for a in _SYL_A for b in _SYL_B]
TOWNS = PLACES + [
    a + b for a in _SYL_A for b in ("haven", "mouth", "bridge", "field", "ford", "stead", "wick", "vale")
]
ORG_ROOTS = ORG_STEMS + [a + b for a in _SYL_A for b in ("tek", "gen", "corp", "line", "ware", "dyne")]
WEEKDAY = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Recurring public figures: they appear in unrelated stories of many kinds.
PUBLIC = [
    ("Prime Minister", "Helena Marsh"),
    ("Finance Minister", "Tomas Ridley"),
    ("Interior Minister", "Sabine Okoro"),
    ("Mayor", "Victor Albescu"),
    ("central bank governor", "Ingrid Folau"),
    ("opposition leader", "Marcus Vey"),
]

# Kind -> (title templates, sentence templates, vocabulary). Slots: {p1} {p2} person full names,
# {s1} {s2} surnames, {r1} {r2} roles, {org} {org2} organisations, {place}, {country}, {n} {m} numbers,
# {day} weekday, {w} a word of the kind's vocabulary.
KINDS: dict[str, dict[str, list[str]]] = {
    "trade": {
        "titles": [
            "{country} and {org} open trade talks in {place}",
            "Tariff talks resume as {s1} meets {s2}",
            "{r1} {s1} pushes for deal on {w}",
            "Trade negotiators trade offers over {w} in {place}",
        ],
        "sents": [
            "{r1} {p1} said the talks in {place} on {day} had made progress on {w} and {w}.",
            "Negotiators from {country} proposed cutting tariffs on {w} by {n} percent.",
            "{s2} told reporters that {org} would not accept any deal without guarantees on {w}.",
            "The current agreement covers about {m} billion dollars of {w} a year.",
            "Officials expect a second round of talks on {w} within {n} days.",
            "Exporters of {w} warned that a breakdown would cost {m} thousand jobs.",
            "{p2}, the {r2}, said the offer on {w} was a serious one.",
        ],
        "vocab": [
            "steel",
            "grain",
            "tariffs",
            "quotas",
            "dairy",
            "semiconductors",
            "textiles",
            "customs",
            "exports",
            "subsidies",
            "fisheries",
            "timber",
        ],
    },
    "fire": {
        "titles": [
            "Fire at {org} plant in {place} forces evacuation",
            "Blaze at {place} warehouse injures {n}",
            "Investigators probe cause of {place} factory fire",
            "{org} halts production after fire",
        ],
        "sents": [
            "The fire broke out at the {org} plant in {place} early on {day}, firefighters said.",
            "{n} workers were taken to hospital with burns and smoke inhalation.",
            "{r1} {p1} said crews fought the blaze for {m} hours before bringing it under control.",
            "Residents within {n} kilometres were told to keep windows closed because of the {w}.",
            "{s2} said an investigation into the cause of the {w} would begin once the site was safe.",
            "The plant, which employs {m} people, makes {w} for export.",
            "Inspectors had cited the site for {w} violations last year, records show.",
        ],
        "vocab": [
            "smoke",
            "chemicals",
            "solvent",
            "warehouse",
            "sprinklers",
            "fumes",
            "insulation",
            "batteries",
            "plastics",
            "wiring",
            "fuel",
            "pallets",
        ],
    },
    "trial": {
        "titles": [
            "{p1} goes on trial in {place} over {w} charges",
            "Jury hears opening statements in {s1} case",
            "Prosecutors say {s1} hid {w} from regulators",
            "{s1} trial: witness describes {w}",
        ],
        "sents": [
            "{p1}, a former executive at {org}, pleaded not guilty to {n} counts of {w}.",
            "Prosecutor {p2} told the jury on {day} that the scheme ran for {n} years.",
            "The defence argued that {s1} had relied on advice about {w} from outside lawyers.",
            "Judge {s2} said the trial in {place} was expected to last {m} weeks.",
            "A witness testified that documents about {w} had been shredded.",
            "If convicted, {s1} faces up to {n} years in prison.",
            "{org} has said it is cooperating with investigators on the {w} inquiry.",
        ],
        "vocab": [
            "fraud",
            "bribery",
            "embezzlement",
            "accounts",
            "invoices",
            "securities",
            "laundering",
            "kickbacks",
            "audits",
            "perjury",
            "contracts",
            "ledgers",
        ],
    },
    "merger": {
        "titles": [
            "{org} agrees to buy {org2} for {m} billion",
            "{org2} board backs takeover by {org}",
            "Regulators to review {org} deal for {org2}",
            "{s1} defends {org} bid for {org2}",
        ],
        "sents": [
            "{org} said on {day} it would buy {org2} for {m} billion dollars in cash and shares.",
            "{r1} {p1} said the combined company would save {n} million dollars a year on {w}.",
            "Shares of {org2} rose {n} percent after the announcement.",
            "Analysts said competition authorities in {country} would examine the deal's effect on {w}.",
            "{p2}, the {r2}, said no decision had been made about job cuts in {place}.",
            "The deal is expected to close within {n} months, subject to approval.",
            "Unions representing {w} workers asked for guarantees on pay.",
        ],
        "vocab": [
            "logistics",
            "pipelines",
            "software",
            "refining",
            "retail",
            "freight",
            "pharmaceuticals",
            "networks",
            "patents",
            "branches",
            "warehouses",
            "satellites",
        ],
    },
    "storm": {
        "titles": [
            "Storm floods {place}, thousands without power",
            "{place} cleans up after record {w}",
            "Floodwaters rise in {place} as rain continues",
            "{r1} {s1} declares emergency in {place}",
        ],
        "sents": [
            "Heavy rain flooded streets in {place} on {day}, cutting power to {m} thousand homes.",
            "{r1} {p1} declared a state of emergency and asked residents to avoid the {w}.",
            "Rescuers evacuated {n} people from homes near the river, officials said.",
            "Forecasters said another {n} centimetres of rain could fall before the weekend.",
            "{s2} said damage to {w} and roads would take weeks to assess.",
            "Schools in {place} will stay closed until the {w} recede, the council said.",
            "Insurers estimated losses at about {m} million dollars.",
        ],
        "vocab": [
            "levees",
            "bridges",
            "floodwater",
            "landslides",
            "sandbags",
            "culverts",
            "embankments",
            "drains",
            "riverbanks",
            "mudslides",
            "storm surge",
            "reservoirs",
        ],
    },
    "strike": {
        "titles": [
            "{org} workers walk out over {w}",
            "Strike at {org} enters day {n}",
            "Union and {org} resume talks to end strike",
            "{s1} calls {org} offer on {w} insulting",
        ],
        "sents": [
            "About {m} hundred workers at {org} in {place} walked out on {day} in a dispute over {w}.",
            "Union leader {p1} said members had rejected an offer of a {n} percent raise.",
            "{org} said the strike had halted {w} at {n} sites.",
            "{p2}, the {r2}, urged both sides to return to talks.",
            "Picket lines formed outside the {place} depot before dawn.",
            "The last strike at the company, over {w}, lasted {n} weeks.",
            "{s1} said the union was prepared to extend the action for {m} days.",
        ],
        "vocab": [
            "pensions",
            "overtime",
            "wages",
            "shift patterns",
            "staffing",
            "safety rules",
            "contracts",
            "bonuses",
            "rosters",
            "night shifts",
            "holiday pay",
            "automation",
        ],
    },
    "election": {
        "titles": [
            "{p1} wins {place} mayoral race",
            "{s1} concedes in {place} election",
            "Turnout high as {place} votes on {w}",
            "{s1} and {s2} clash over {w} in final debate",
        ],
        "sents": [
            "{p1} won the {place} election with {n} percent of the vote, officials said on {day}.",
            "Turnout reached {m} percent, the highest in a decade.",
            "{p2}, the runner-up, conceded and called for unity on {w}.",
            "{s1} campaigned on promises to cut {w} and expand transit.",
            "Observers reported {n} complaints about {w} at polling stations.",
            "The new council will take office in {n} weeks.",
            "{r1} {s1} thanked volunteers at a rally in central {place}.",
        ],
        "vocab": [
            "housing costs",
            "property taxes",
            "transit",
            "ballots",
            "rents",
            "policing",
            "zoning",
            "parking fees",
            "budgets",
            "schools",
            "potholes",
            "water rates",
        ],
    },
    "science": {
        "titles": [
            "Researchers in {place} report advance in {w}",
            "{org} team publishes {w} study",
            "{s1} lab finds new way to produce {w}",
            "Study led by {s1} challenges views on {w}",
        ],
        "sents": [
            "Researchers led by {p1} said on {day} they had found a cheaper way to make {w}.",
            "The study, published by {org}, tested the method on {n} samples.",
            "{s1} said the results could cut the cost of {w} by {n} percent.",
            "{p2}, a {r2} who was not involved, called the findings promising but early.",
            "The team plans a larger trial in {place} with {m} participants.",
            "Funding came from a {m} million dollar grant for {w} research.",
            "Other groups have struggled to reproduce earlier results on {w}.",
        ],
        "vocab": [
            "hydrogen",
            "vaccines",
            "batteries",
            "enzymes",
            "solar cells",
            "antibiotics",
            "graphene",
            "catalysts",
            "proteins",
            "fertiliser",
            "superconductors",
            "desalination",
        ],
    },
    "recall": {
        "titles": [
            "{org} recalls {m} thousand {w} over safety fault",
            "Regulator orders {org} to recall {w}",
            "{org} {w} recall widens to {country}",
            "{s1} apologises for {org} {w} defect",
        ],
        "sents": [
            "{org} said on {day} it was recalling {m} thousand {w} because of a fault.",
            "The regulator said it had received {n} reports of injuries linked to the {w}.",
            "{r1} {p1} apologised and said customers would get a full refund.",
            "The recall covers {w} sold in {country} since last spring.",
            "{s2} said the faulty part came from a supplier in {place}.",
            "Shares of {org} fell {n} percent on the news.",
            "Customers were told to stop using the {w} immediately.",
        ],
        "vocab": [
            "heaters",
            "car seats",
            "e-bikes",
            "kettles",
            "airbags",
            "laptops",
            "baby monitors",
            "power banks",
            "dishwashers",
            "scooters",
            "treadmills",
            "ovens",
        ],
    },
    "summit": {
        "titles": [
            "Leaders meet in {place} for summit on {w}",
            "{r1} {s1} arrives in {place} for talks",
            "Summit in {place} ends with pledge on {w}",
            "{country} and allies split over {w} at summit",
        ],
        "sents": [
            "Leaders from {n} countries gathered in {place} on {day} for talks on {w}.",
            "{r1} {p1} called for a joint fund of {m} billion dollars for {w}.",
            "{p2}, the {r2}, said {country} would not sign a text that ignored {w}.",
            "Delegates agreed to meet again in {n} months.",
            "Protesters marched outside the summit venue in {place}.",
            "The final communique mentions {w} {n} times, a draft seen by reporters shows.",
            "{s1} held a separate meeting with {s2} on {w}.",
        ],
        "vocab": [
            "migration",
            "climate finance",
            "energy security",
            "debt relief",
            "food security",
            "defence spending",
            "cyber attacks",
            "shipping lanes",
            "refugees",
            "critical minerals",
            "pandemic preparedness",
            "arms control",
        ],
    },
}
ROLES = [
    "spokesperson",
    "chief executive",
    "regional governor",
    "union leader",
    "police chief",
    "fire chief",
    "economist",
    "professor",
    "minister",
    "chief negotiator",
    "senator",
    "analyst",
    "lawyer",
    "director",
]
FILLER = [
    "The situation remained fluid late on {day}, and officials promised further updates.",
    "Local media carried live coverage throughout the day.",
    "It was not immediately clear how the decision would affect residents.",
    "Critics said the response had been slow and poorly coordinated.",
    "Further details are expected to be released in the coming days.",
    "The announcement drew mixed reactions on social media.",
    "Several officials declined to comment, citing ongoing discussions.",
    "The matter is likely to come up again when parliament returns.",
]
# Outlets word the same facts differently: each eligible word is swapped with some probability.
SYNONYMS = {
    "said": ["said", "stated", "told reporters", "confirmed", "noted"],
    "officials": ["officials", "authorities", "government sources", "administrators"],
    "about": ["about", "around", "roughly", "some"],
    "expected": ["expected", "likely", "set"],
    "would": ["would", "will"],
    "announcement": ["announcement", "news", "statement"],
    "people": ["people", "residents", "locals"],
    "workers": ["workers", "employees", "staff"],
    "company": ["company", "firm", "group"],
    "talks": ["talks", "negotiations", "discussions"],
    "called": ["called", "described", "labelled"],
    "warned": ["warned", "cautioned", "said"],
    "reporters": ["reporters", "journalists", "the press"],
    "began": ["began", "started"],
    "plans": ["plans", "intends", "aims"],
    "found": ["found", "discovered", "identified"],
    "early": ["early", "preliminary"],
    "later": ["later", "afterwards"],
    "percent": ["percent", "per cent", "%"],
    "after": ["after", "following"],
    "before": ["before", "ahead of"],
    "cut": ["cut", "reduce", "lower"],
    "asked": ["asked", "urged", "pressed"],
    "told": ["told", "informed"],
    "million": ["million", "mn"],
    "within": ["within", "in"],
    "the": ["the", "the", "the", "this"],
    "new": ["new", "fresh"],
    "could": ["could", "might", "may"],
    "said.": ["said.", "said on record.", "added."],
}
_NAME_WORDS = {
    w
    for name in FIRST + SURNAMES + TOWNS + ORG_ROOTS + COUNTRIES + [p for _, p in PUBLIC]
    for w in name.split()
} | {"Prime", "Finance", "Interior", "Mayor", "Judge", "Prosecutor", "Union"}
# Local colour: each outlet's own interviews, combined freely, so independent reports share little wording.
VOICES = [
    "A resident",
    "One shop owner",
    "A retired teacher",
    "Two commuters",
    "A local councillor",
    "An engineer at the site",
    "A nurse who lives nearby",
    "A taxi driver",
    "A student",
    "A market trader",
    "A pensioner",
    "A local pastor",
    "One parent",
    "A delivery rider",
    "A former official",
]
VIEWS = [
    "said she was worried about",
    "questioned",
    "welcomed",
    "complained about",
    "asked for clarity on",
    "shrugged off",
    "was angry about",
    "praised",
    "doubted",
    "wanted answers on",
    "joked about",
    "was unsure about",
]
TOPICS = [
    "the pace of the response",
    "the lack of information",
    "the cost to households",
    "the timing of the news",
    "the noise and traffic",
    "what happens next",
    "the official explanation",
    "the promises made so far",
    "the effect on small businesses",
    "the queues",
    "the mood in town",
    "the rumours online",
]
WHERE = [
    "outside the town hall",
    "near the harbour",
    "in a phone interview",
    "on local radio",
    "at a cafe",
    "after a public meeting",
    "by the main road",
    "in a message to this newspaper",
    "at the bus station",
    "",
]
OPENERS = [
    "",
    "",
    "",
    "Meanwhile, ",
    "Earlier, ",
    "According to officials, ",
    "On the ground, ",
    "Separately, ",
    "In a statement, ",
    "By late afternoon, ",
]
BOILER = [
    "This article was first published by {outlet}.",
    "Reporting by {outlet} staff; editing by the desk.",
    "Copyright {outlet}. All rights reserved.",
    "Additional reporting from wire services.",
]


@dataclass(slots=True)
class SynthArticle:
    article: Article
    story: int  # gold story
    duplicate_of: int | None = None  # gold: id of the article this one copies
    true_date: dt.date | None = None  # the date even when ``article.published`` was withheld


@dataclass(slots=True)
class _Story:
    id: int
    kind: str
    start: dt.date
    days: int
    slots: dict[str, str]
    words: list[str]
    facts: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


def _num(rng: random.Random) -> str:
    return str(
        rng.choice([2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 18, 20, 24, 25, 30, 35, 40, 45, 60, 75, 90])
    )


def _fill(tpl: str, st: _Story, rng: random.Random, day: dt.date) -> str:
    vals = dict(st.slots)
    vals["day"] = WEEKDAY[day.weekday()]
    out = tpl
    while "{w}" in out:
        out = out.replace("{w}", rng.choice(st.words), 1)
    out = out.replace("{n}", vals.get("n", "5")).replace("{m}", vals.get("m", "10"))
    return out.format(**vals)


def _make_story(sid: int, rng: random.Random, t0: dt.date, span_days: int) -> _Story:
    kind = rng.choice(list(KINDS))
    k = KINDS[kind]
    people = []
    for _ in range(2):
        if rng.random() < 0.25:
            role, name = rng.choice(PUBLIC)
        else:
            role, name = rng.choice(ROLES), f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"
        people.append((role, name))
    org, org2 = (f"{rng.choice(ORG_ROOTS)} {rng.choice(ORG_KINDS)}" for _ in range(2))
    slots = {
        "p1": people[0][1],
        "p2": people[1][1],
        "s1": people[0][1].split()[-1],
        "s2": people[1][1].split()[-1],
        "r1": people[0][0].capitalize() if people[0][0][0].islower() else people[0][0],
        "r2": people[1][0],
        "org": org,
        "org2": org2,
        "place": rng.choice(TOWNS),
        "country": rng.choice(COUNTRIES),
        "n": _num(rng),
        "m": _num(rng),
    }
    words = rng.sample(k["vocab"], 4)  # a story's own subset of its kind's vocabulary
    st = _Story(
        sid,
        kind,
        t0 + dt.timedelta(days=rng.randrange(span_days)),
        rng.choice([1, 2, 3, 4, 6, 9, 14]),
        slots,
        words,
    )
    return st


def _paraphrase(sent: str, rng: random.Random) -> str:
    toks = sent.split(" ")
    out = [rng.choice(SYNONYMS[t]) if t in SYNONYMS and rng.random() < 0.7 else t for t in toks]
    opener = rng.choice(OPENERS)
    text = " ".join(out)
    if opener and out[0] not in _NAME_WORDS:
        text = text[0].lower() + text[1:]  # "Meanwhile, officials ..." but "Meanwhile, Jane Roe ..."
    return opener + text


def _write(st: _Story, rng: random.Random, day: dt.date) -> tuple[str, list[str]]:
    k = KINDS[st.kind]
    sents = rng.sample(k["sents"], rng.randint(4, 6))
    paras = [_paraphrase(_fill(s, st, rng, day), rng) for s in sents]
    for _ in range(rng.randint(0, 2)):
        paras.insert(rng.randrange(len(paras) + 1), _fill(rng.choice(FILLER), st, rng, day))
    for _ in range(rng.randint(2, 4)):
        where = rng.choice(WHERE)
        colour = (
            f"{rng.choice(VOICES)} {rng.choice(VIEWS)} {rng.choice(TOPICS)}{' ' + where if where else ''}."
        )
        paras.insert(rng.randrange(1, len(paras) + 1), colour)
    # Other outlets' text differs in wording: vary sentence order and add local colour.
    title = _fill(rng.choice(k["titles"]), st, rng, day)
    return title, paras


def _rewrite(paras: list[str], rng: random.Random, outlet: str) -> list[str]:
    """A syndicated copy: the same paragraphs, lightly edited."""
    out = list(paras)
    if len(out) > 4 and rng.random() < 0.5:
        out.pop(rng.randrange(1, len(out)))
    if rng.random() < 0.5:
        i = rng.randrange(len(out))
        out[i] = out[i].replace(" said", " stated", 1)
    out.append(rng.choice(BOILER).format(outlet=outlet))
    return out


def generate(
    n_articles: int,
    seed: int = 0,
    days: int = 56,
    mean_story_size: float = 8.0,
    dup_rate: float = 0.08,
    undated_rate: float = 0.1,
    start: dt.date = dt.date(2031, 3, 2),
    first_id: int = 1,
) -> list[SynthArticle]:
    """A stream of ``n_articles`` in publication order (undated ones at their hidden date)."""
    rng = random.Random(seed)
    n_stories = max(1, round(n_articles / (mean_story_size * (1 + dup_rate))))
    stories = [_make_story(i + 1, rng, start, days) for i in range(n_stories)]
    # Story sizes are skewed: a few big stories, many small ones.
    weights = [rng.lognormvariate(0.0, 0.9) for _ in stories]
    picks = rng.choices(stories, weights=weights, k=n_articles)
    items: list[tuple[dt.date, int, SynthArticle]] = []
    order = 0
    nid = first_id
    for st in picks:
        if len(items) >= n_articles:
            break
        day = st.start + dt.timedelta(days=rng.randrange(st.days))
        title, paras = _write(st, rng, day)
        outlet = rng.choice(OUTLETS)
        art = _article(nid, title, paras, outlet, day if rng.random() >= undated_rate else None)
        items.append((day, order, SynthArticle(art, st.id, None, day)))
        order += 1
        orig = nid
        nid += 1
        if rng.random() < dup_rate:
            for _ in range(rng.randint(1, 2)):
                if len(items) >= n_articles:
                    break
                o2 = rng.choice([o for o in OUTLETS if o != outlet])
                d2 = day + dt.timedelta(days=rng.choice([0, 0, 1]))
                t2 = title if rng.random() < 0.5 else title.replace(" in ", " at ", 1) + f" | {o2}"
                copy = _article(
                    nid, t2, _rewrite(paras, rng, outlet), o2, d2 if rng.random() >= undated_rate else None
                )
                items.append((d2, order, SynthArticle(copy, st.id, orig, d2)))
                order += 1
                nid += 1
    items.sort(key=lambda x: (x[0], x[1]))
    return [x[2] for x in items]


def _article(aid: int, title: str, paras: list[str], outlet: str, published: dt.date | None) -> Article:
    text = "\n\n".join(paras)
    return Article(
        source=f"synthetic://{aid}",
        content_hash=content_hash(f"{aid}\n{title}\n{text}"),
        paragraphs=paras,
        title=title,
        outlet=outlet,
        published=published,
        id=aid,
    )


def story_articles(
    n_articles: int,
    seed: int = 0,
    copy_rate: float = 0.08,
    start: dt.date = dt.date(2031, 3, 2),
    first_id: int = 1,
) -> list[Article]:
    """``n_articles`` reports of ONE story by many outlets over two weeks (some light rewrites of
    another outlet's report), for measuring the cost of comparing a big story."""
    rng = random.Random(seed)
    st = _make_story(1, rng, start, 14)
    out: list[Article] = []
    nid = first_id
    while len(out) < n_articles:
        day = st.start + dt.timedelta(days=rng.randrange(st.days))
        title, paras = _write(st, rng, day)
        outlet = rng.choice(OUTLETS)
        out.append(_article(nid, title, paras, outlet, day))
        nid += 1
        if rng.random() < copy_rate and len(out) < n_articles:
            o2 = rng.choice([o for o in OUTLETS if o != outlet])
            out.append(_article(nid, title, _rewrite(paras, rng, outlet), o2, day))
            nid += 1
    return out
