"""Boilerplate knowledge shared by the text and HTML cleaners: every vocabulary and pattern lives here.

Adding a boilerplate rule: a pattern here (a whole-line rule in ``_LINE_RULES`` reaches both cleaners;
a block rule is applied by ``clean.html._block_reason`` under a word limit from ``HtmlConfig``).

Lines and sentences are judged by cues that survive scraping: widget vocabularies (ratings, share counts,
read time), calls to action, comment forms, consent banners, related-link labels, credits.  Each rule
returns a short reason label so every drop can be explained.
"""

from __future__ import annotations

import re

# --- line-level patterns (the whole line is boilerplate) -------------------------------------------------

_RELATED_LABELS = (
    r"related(?: (?:articles?|stories|news|content|coverage|posts?|reading|topics))?|read more|read also|also read|"
    r"see also|more from [\w .'’-]{1,40}|more on this(?: story)?|more stories|more news|recommended(?: for you| stories)?|"
    r"most (?:read|popular|viewed|shared)(?: (?:in|on) [\w .'’-]{1,30})?|popular now|trending(?: now| stories)?|explore(?: more)?|"
    r"you may also like|you might also like|don[’']t miss|top stories|latest news|latest stories|"
    r"editor[’']?s picks?|in other news|further reading|what to read next|up next|watch next|more videos?|"
    r"you (?:may|might) (?:also )?(?:like|enjoy)(?: these| this)?(?: posts?| stories| articles?)?|related posts?|"
    r"more (?:posts|articles|stories|news) like this(?: one)?|recent posts|"
    r"[-–]?\s*(?:next|previous|prev)(?: [\w’'-]+){0,2}? (?:news|article|story|post)\s*[-–]?|popular posts|latest posts|read next|more in [\w .'’-]{1,30}|"
    r"read more (?:from|by) [\w .'’-]{1,30}|more from (?:this|the) author"
)
# the same labels in the other languages most often met
_RELATED_LABELS_INTL = (
    r"leggi anche|leggi pure|lesen sie auch|lesen sie mehr|mehr zum thema|lire aussi|à lire aussi|a lire aussi|"
    r"voir aussi|leia também|leia mais|veja também|veja mais|lea también|lee también|ver también|"
    r"te puede interesar|también te puede interesar|czytaj także|читайте также|смотрите также"
)
# A related-links label alone on its line, in any of these languages.
RELATED_LABEL_RE = re.compile(rf"^(?:{_RELATED_LABELS}|{_RELATED_LABELS_INTL})\s*:?\s*$", re.I)
# "RelatedSome headline" / "Read more: Some headline" (a teaser glued to its label)
RELATED_TEASER_RE = re.compile(
    r"^(?i:related|read more|read also|also read|see also|recommended|watch|listen|more|(?:next|previous|prev) (?:post|article|story))\s*:\s*(?=[A-Z0-9'‘\"“])|"
    r"^(?i:related|read more|read also|also read|see also)(?=[A-Z'‘\"“])",
)

EXCERPT_END_RE = re.compile(r"\[(?:…|\.\.\.|&hellip;)\]\s*$")

# Affiliate-link disclosures ("We may earn a commission if you buy through our links"), for both cleaners.
AFFILIATE_RE = re.compile(
    r"\b(?:may |might )?(?:earn|receive|get) (?:an? |some )?(?:small )?(?:affiliate )?commissions?\b|"
    r"\baffiliate (?:links?|commission|partnerships?)\b|"
    r"(?:if|when) you (?:buy|purchase|click)\b.{0,60}\b(?:commission|share of the sale|may (?:earn|get|receive))|"
    r"\b(?:may|might) (?:earn|get|receive) (?:a |an )?(?:small )?(?:share|commission|affiliate)|"
    r"\bsponsored (?:deal|post|content) is brought to you by",
    re.I,
)

_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "markup",
        re.compile(
            r"</?[a-z][a-z0-9]*(?:\s+[\w-]+(?:=\"[^\"]*\"|='[^']*')?)*\s*/?>|^\[if [^\]]+\]>?|<!\[endif\]|"
            r"^(?:var|let|const|function)\s+[\w$]+\s*[=(]|\bwindow\.\w+|\bdocument\.\w+\(|^\}\)?\);?$|^\(\w+ = .*\)\.push\(|"
            r"\$\((?:document|window|this|['\"])|\.tpl\b|^[a-z]+(?:_[a-z0-9]+)+$|^/\s*[\w -]{2,30}$|"
            r"(?-i:^(?:BEGIN|END)\b|\b(?:BEGIN|END)$|^End(?: [A-Z]\w+){2,4}$)",
            re.I,
        ),
    ),
    (
        "navigation",
        re.compile(
            r"^[^\W\d][^.!?|>›»/]{0,30}(?:\s+[>›»]\s+[^.!?|>›»/]{1,30}){2,}$|^(?:skip to (?:main )?(?:content|navigation)|(?:main )?menu|search|home|sign in|log ?in|sign out|register|"
            r"(?:show )?key events(?: only)?|pinned(?: post)?|topics|tags|back to top|next article|previous article|"
            r"please (?:turn on|enable) javascript.*|view (?:all|more)(?: \w+)?|load more|show more|"
            r"gift this (?:article|story)|listen to this (?:article|story).{0,20}|share this live ?blog)$",
            re.I,
        ),
    ),
    ("affiliate-disclosure", AFFILIATE_RE),
    (
        "account-prompt",
        re.compile(
            r"\bconfirm your e-?mail\b|\byour (?:e-?mail|account)\b.{0,40}\b(?:confirm|delete|verify)\b|"
            r"\b(?:delete|deactivate) your .{0,30}account\b",
            re.I,
        ),
    ),
    (
        "post-meta",
        re.compile(
            r"^(?:(?:posted|filed) (?:in|under)|categories|category|tagged(?: with)?|tags)\s*:?\s.{1,120}$|\bpermalink\b",
            re.I,
        ),
    ),
    (
        "paywall",
        re.compile(
            r"(?:you have \d+ free (?:articles?|stories) left|already a (?:subscriber|member)\?|"
            r"subscribe (?:now )?for (?:unlimited|full) access|this (?:article|story) is for subscribers|"
            r"create a free account to (?:continue|read))",
            re.I,
        ),
    ),
    (
        "comment-form",
        re.compile(
            r"^(?:leave a (?:reply|comment)|post a comment|add a comment|cancel reply|comments?|\d+ comments?|\[\s*\d+ comments?\s*\]|"
            r"be the first to comment.*|join the (?:conversation|discussion).*|show comments|view comments|"
            r"(?:log ?in|sign in|register)(?: or (?:register|sign up))? to (?:comment|reply|post).*|"
            r"you must be (?:logged|signed) in to (?:post a )?(?:comment|reply).*|"
            r"this site uses akismet to reduce spam.*|your email address will not be published.*|"
            r"required fields are marked.*|name\s*\*?|email\s*\*?|website|save my name(?:,| and) email.*)$",
            re.I,
        ),
    ),
    (
        "widget",
        re.compile(
            r"^(?:average rating|rate this (?:article|story|post)|\d(?:\.\d)?\s*stars?|\d+\s*votes?|"
            r"(?:read(?:ing)? time\s*:?\s*)?\d+\s*(?:min(?:ute)?s?|m)\.?(?:,?\s*\d+\s*sec(?:ond)?s?)?\s*read|"
            r"read(?:ing)? time\s*:?.{0,30}|listen to (?:this )?(?:article|story).{0,30}|"
            r"\d+(?:\.\d+)?\s*[kKmM]?\s*(?:shares?|views?|likes?|reads?|reactions?)|"
            r"(?:print|email|e-mail|copy link|copy url|save|bookmark|font size|text size|a\+|a-)(?: this (?:article|story))?)$",
            re.I,
        ),
    ),
    (
        "share",
        re.compile(
            r"^(?:share(?: this| the)?(?: article| story| post| page)?(?: on [\w ]{2,20})?|share via.{0,20}|"
            r"(?:tweet|pin it|whatsapp|facebook|twitter|x|linkedin|reddit|telegram|messenger)(?: this)?)\s*:?$",
            re.I,
        ),
    ),
    (
        "advertisement",
        re.compile(
            r"^(?:advertisement\b.{0,40}|advertising|sponsored(?: content)?|ad|promoted|paid content|(?:\w+ ){1,4}ad|"
            r"comments powered by \w+|"
            r"(?:story|article) continues below(?: this)? (?:advertisement|ad)|scroll to continue(?: with content)?)$",
            re.I,
        ),
    ),
    (
        "cookie-consent",
        re.compile(
            r"(?:^we (?:value|care about|respect) your privacy|^(?:accept|reject|decline|allow) all(?: cookies)?$|"
            r"^(?:i )?(?:accept|agree)$|we use cookies|this (?:web)?site uses cookies|cookie (?:policy|settings|preferences)|"
            r"accept (?:all )?cookies|by continuing to (?:use|browse)|manage (?:your )?consent|"
            r"privacy (?:policy|settings)\b.{0,40}(?:accept|agree|cookies))",
            re.I,
        ),
    ),
    ("copyright", re.compile(r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b", re.I)),
    (
        "live-timestamp",
        re.compile(
            r"^(?:(?:updated|posted|published|last updated)\s*:?\s*)?(?:\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?"
            r"\s*(?:[A-Z]{2,4}|GMT[+-]\d+)?|(?:\d+|an?|one)\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago|just now)$",
            re.I,
        ),
    ),
    (
        "newsletter",
        re.compile(
            r"(?:sign up (?:for|to) (?:our|the)\b.{0,60}newsletter|newsletter sign[- ]?up|"
            r"get (?:the|our) .{0,40}(?:newsletter|briefing) (?:in|to|delivered)|enter your email|"
            r"subscribe to (?:our|the) .{0,40}newsletter|by signing up,? you agree|"
            r"^our (?:free )?(?:daily |weekly |monthly )?(?:\w+ ){0,3}newsletter\b|^sign up to [A-Z]|enter your email(?: address)?$|"
            r"delivered (?:straight |directly )?to your inbox)",
            re.I,
        ),
    ),
    (
        "about-outlet",
        re.compile(
            r"^(?:the )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,4} is an? (?:independent |non-?profit |reader-funded |"
            r"member-supported |local |community )+(?:newsroom|news (?:site|organi[sz]ation|outlet)|publication|newspaper)",
            re.I,
        ),
    ),
    ("widget", re.compile(r"^(?:oops[,!.]?\s*)?something went wrong\b.{0,60}$", re.I)),
    (
        "app-prompt",
        re.compile(
            r"(?:download (?:the|our) .{0,30}app|get the .{0,30}app\b|available on (?:the )?(?:app store|google play))",
            re.I,
        ),
    ),
]

COMMENT_HEAD_RE = re.compile(
    r"^.{2,60}?\s+(?:on|at|[-–—|·])\s+.{0,30}\d{4}.{0,30}?\s*(?:said|says|wrote|commented|replied)\s*:?\s*$",
    re.I,
)
# "annb says:" alone on its line, its date on a line of its own (read together in the text cleaner)
COMMENT_SAYS_RE = re.compile(r"^\S.{0,40}?\s+(?:said|says|wrote|commented|replied)\s*:\s*$", re.I)
# the heading of a comment section: '34 responses to “Headline”', '6 thoughts on “Headline”'
COMMENT_SECTION_RE = re.compile(
    r"^\d[\d,]*\s+(?:responses?|thoughts?|comments?|replies|reactions?)\s+(?:to|on)\s+[“\"'‘«]", re.I
)
# Substrings one of which an unanchored rule needs: a cheap test that spares most body lines the regex scan.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "markup": (
        "<",
        "[if",
        "var ",
        "let ",
        "const ",
        "function",
        "window.",
        "document.",
        "}",
        ".push(",
        "$(",
        ".tpl",
        ".php",
        ".jsp",
        ".asp",
        "_",
        "begin",
        "end ",
        "/",
    ),
    "post-meta": ("posted", "filed", "categor", "tag", "permalink"),
    "paywall": ("free", "subscriber", "subscribe", "account", "member"),
    "cookie-consent": (
        "cookie",
        "privacy",
        "accept",
        "reject",
        "decline",
        "allow",
        "agree",
        "consent",
        "continuing",
    ),
    "copyright": ("©", "(c)", "copyright", "rights reserved"),
    "newsletter": ("newsletter", "sign up", "signing up", "email", "inbox", "briefing"),
    "app-prompt": ("app", "google play"),
    "about-outlet": (" is a", " is an"),
    "affiliate-disclosure": (
        "commission",
        "affiliate",
        "share of the sale",
        "a share",
        "small share",
        "brought to you by",
    ),
    "account-prompt": ("e-mail", "email", "account"),
}
HASHTAG_TOKEN_RE = re.compile(r"^#\w")
NUMERIC_ONLY_RE = re.compile(r"^[\d\s%.,:;/|+\-–—·•*★☆✩✭✮]+$")
SOURCE_LINE_RE = re.compile(r"^source\s*:\s*(?P<who>.{2,80})$", re.I)
BYLINE_RE = re.compile(
    r"^(?:(?i:by|written by|posted by|words by|author\s*:|reporting by|story by)\s+|By(?=[A-Z][a-z]))"
    r"(?P<who>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|da|di|al|bin|and|&|,))*?)"
    r"(?:\s*[,|–—-]\s*.{0,60}|\s+on\s+.{4,60})?$"
)
# A person's name alone, or with a role after a comma: "Jane Doe" / "Jane Doe, Transport Correspondent".
BARE_NAME_RE = re.compile(
    r"^(?P<who>[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+(?:[A-Z]\.|[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|Mc[A-Z][a-z]+|"
    r"de|van|von|da|di|al|bin)){1,3})"
    r"(?:\s*,\s*(?:[A-Z][\w-]*\s?){0,3}(?i:correspondent|reporter|editor|writer|journalist|columnist|staff)\b.{0,30}"
    r"|\s+[-–—|]\s+(?=.*\d{4}).{6,40})?$",
    0,
)
# A credit line on its own: "(Larkspur Pictures)", "Photo: Jane Doe/Agency", "(Photo: Agency)".
CREDIT_LINE_RE = re.compile(
    r"^(?:(?:image|photo|photograph|picture)s? (?:via|by|from|courtesy(?: of)?) [A-Z][^.!?]{1,40}|"
    r"(?:photo |image )?credits?\s*:\s*[A-Z][^.!?]{1,60}|\((?:(?:photo|image|picture|video)s?(?: credit)?\s*:\s*)?[A-Z][^()]{1,50}\)|"
    r"(?:photo|image|picture|illustration|video|file photo)s?(?: credit)?\s*:\s*[A-Z][^.!?]{1,60}|"
    r"(?:getty images|reuters|afp|ap photo|epa)(?:/[\w ]+)?)$",
    re.I,
)
_OUTLET_WORDS = (
    "post|daily|times|news|courier|herald|gazette|record|chronicle|journal|tribune|observer|express|wire|"
    "standard|ledger|voice|mail|telegraph|guardian|independent|review|star|press|examiner|digest|bulletin|"
    "today|weekly|monitor|radio|tv|television|broadcasting|media|dispatch|sentinel|inquirer|register|"
    "reporter|leader|argus|advertiser|mirror|echo|world|network|agency"
)
OUTLET_WORD_RE = re.compile(rf"\b(?:{_OUTLET_WORDS})\b", re.I)
# Section names built from outlet-ish words ("Local News", "World", "Business Today") are not mastheads.
GENERIC_SECTION_RE = re.compile(
    r"^(?:(?:the )?(?:local|world|national|international|regional|business|sports?|latest|breaking|top|politics|"
    r"opinion|health|science|tech(?:nology)?|culture|entertainment|lifestyle|weather|us|uk|global|economy|"
    r"news|today|video|radio|tv|live|daily|weekly|press|media|review|digest|monitor|star|world)\s*[&/,|-]?\s*)+$",
    re.I,
)
# link.features.may_be_credit pre-tests this pattern (':', '/', '|', ')', photo/image/picture): keep them in step
CAPTION_CREDIT_RE = re.compile(
    r"(?:[/|]\s*(?:photo|image|picture|file photo|illustration)s?\s*:|"
    r"^(?:photo|image|picture|illustration|file photo)s?(?:\s+credit)?\s*:|"
    r"\((?:photo|image|picture)s?\s*:[^)]{2,60}\)\s*$|"
    r"[a-z.)”\"]Credit:\s*[A-Z][^.!?]{1,60}$|"
    r"\((?:getty images|ap photo[^)]*|reuters[^)]*|afp[^)]*|epa[^)]*|file)\)\s*$|"
    r"\b(?:photo|image) (?:credit|courtesy)\b|/\s*(?:getty images|reuters|afp|ap|epa|anadolu)\s*$|"
    r"[.!?]\s+(?:photo|image|picture)s?(?: credit)?\s*:\s*[A-Z][^.!?]{1,60}$|"
    r"[.!?]\s+\([A-Z][\w .'’-]{1,40}/[A-Z][\w .'’-]{1,40}\)$|"
    r"[.!?]\s+[A-Z]{2,}(?:\s[A-Z]{2,})?/[A-Z][\w .'’-]{1,40}$|"
    # wire captions: "In this Dec. 12, 2006, file photo, ...", "This March 28 photo provided by ..."
    r"^(?:in\s+)?this\b(?:[^.!?]|\.(?=\s+\d)){0,40}?\b(?:file|handout|undated)\s+(?:photo|image|picture)\b|"
    r"^in\s+this\s+(?:\w+\s+)?(?:photo|image|picture)\b[^.!?]{0,40}?,?\s+(?:taken|released|provided|made available|shows?)\b)",
    re.I,
)

# --- block vocabularies (the HTML cleaner's block rules; their word limits are clean.html.HtmlConfig) --

EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
HANDLE_RE = re.compile(r"(?<![\w@])@\w{2,}")
URL_LINE_RE = re.compile(
    r"^(?:[\w .'’-]{0,30}:\s*)?(?:https?://|www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?(?:\s+and\s+\S+)?$"
)
# Credit lines: "Reporting by …", "Edited by …", "Ann Lee contributed reporting", "Staff reports".
CREDITS_RE = re.compile(
    r"^\(?(?:(?:additional |with )?reporting|writing|editing|edited|compiled|research|translated|produced|"
    r"graphics|photography|video)(?: and \w+)? by\b|"
    r"\bcontributed (?:reporting|to this (?:report|story|article))|"
    r"^(?:[A-Z][\w.'’-]+\s){1,4}(?:and (?:[A-Z][\w.'’-]+\s){1,4})?contributed (?:reporting|to this (?:report|article|story))|"
    r"^(?:contributing|additional reporting)\s*:|"
    r"^(?:with )?(?:[\w.]+ )?(?:wires?|wire services|news agencies|agencies)\.?$|"
    r"^staff reports?\.?$",
    re.I,
)
CONTACT_RE = re.compile(
    r"^(?:have a (?:news )?tip|got a (?:news )?tip|send (?:us )?(?:a )?tips?|reach (?:the )?(?:reporter|writer|author|"
    r"\w+ \w+) (?:at|on|via)|contact (?:the )?(?:reporter|writer|author|us)|email (?:the author|us|him|her|them)|"
    r"follow (?:him|her|them|me|us|\w+(?: \w+)?) (?:on|at|@)|(?:you can )?follow @?\w+ on|"
    r"follow (?:\w+['’]s )?(?:full |complete |live |all |our )?(?:coverage|updates|live updates)\b)",
    re.I,
)
# An author's bio line: "Ann Lee is a reporter covering …", "About the author".
BIO_RE = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s){1,3}(?:is|was|has been|covers|writes)\b.{0,60}?"
    r"\b(?:reporter|correspondent|journalist|writer|editor|columnist|contributor|producer|curator|critic|"
    r"analyst|author|freelancer?|intern|fellow|host)\b|^about the (?:author|writer|reporter)s?\b|"
    r"^(?:[A-Z][\w'’.-]+\s){1,3}(?:is|was) (?:an? |the )?(?:[\w'’-]+ ){0,4}"
    r"(?:reporter|correspondent|journalist|writer|editor|columnist|contributor|producer|analyst at)\b",
)
READING_TIME_RE = re.compile(
    r"^(?:(?:estimated )?(?:reading|read) time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|"
    r"lesedauer|tempo di lettura|leestijd)\b|"
    r"^\d+\s*(?:-|–)?\s*(?:min(?:ute)?s?|minutos?|minuten?|minuti)\.?\s*(?:read|de leitura|de lectura|de lecture|"
    r"lesezeit|di lettura|leestijd)\b",
    re.I,
)
TAGS_RE = re.compile(
    r"^(?:tags?|tagged(?: with)?|filed under|categories|category|topics?|keywords|related topics|"
    r"schlagworte|schlagwörter|etiquetas|temas|argomenti|mots-clés|sujets|archives?|arquivos)\s*:?\s*(?=\S|$)",
    re.I,
)
TAGS_LABEL_RE = re.compile(
    r"^(?:tags?|tagged(?: with)?|filed under|categories|categorias|categorías|category|topics|keywords|"
    r"related topics|schlagworte|etiquetas|temas|archives?|arquivos)\s*:?$",
    re.I,
)
RELATED_RE = re.compile(
    r"^[\[(]?(?:related|read more|read also|also read|read next|see also|also on [\w.-]+|more:|also:|"
    r"more (?:from|on|about|in) [^:]{1,40}:|more reading:|recommended(?: reading)?:|suggested reading:|"
    r"watch:|listen:|video:|see (?:more|all) (?:photos|pictures|images|videos|stories)|"
    r"(?:popular|trending|most (?:read|popular|viewed|shared|commented)) (?:on|in|at|from) [\w .'’&-]{1,40}$|"
    r"explore further$|"
    rf"{_RELATED_LABELS_INTL})",
    re.I,
)
RELATED_CJK_RE = re.compile(
    r"(?:주요\s?뉴스|많이 본 뉴스|관련\s?기사|関連記事|関連ニュース|相关(?:阅读|新闻|文章)|推荐阅读)"
)
# Tabloid teasers carry a bracketed tag: "Headline here [PICTURES]".
TEASER_TAG_RE = re.compile(r"\[[A-Z][A-Z ]{2,15}\]\W*$")
REPRINT_RE = re.compile(
    r"(?:this copy is for your personal,? non-?commercial use|to order presentation-ready copies|"
    r"distributed by [\w ]+ (?:content|syndication)|reprints? (?:and|&) permissions|order reprints|"
    r"this (?:article|story) (?:was|has been) (?:originally )?(?:published|produced) (?:by|on|in)|"
    r"this (?:article|story) (?:first |originally )?appeared (?:on|in)|republished with permission|"
    r"this material may not be published, broadcast, rewritten,? or redistributed)",
    re.I,
)
COPYRIGHT_INTL_RE = re.compile(
    r"(?:alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|todos os direitos reservados|"
    r"tutti i diritti riservati|все права защищены|무단\s?전재|재배포\s?금지|無断転載|転載禁止|版权所有|"
    r"版權所有|未经授权|不得转载|ⓒ)",
    re.I,
)
IMAGE_CREDIT_RE = re.compile(
    r"^[\[(]?\s*(?:photo|photos|image|images|picture|pictures|credit|credits|illustration|foto|fotos|bild|"
    r"사진|写真|图片|фото)\s*(?:[:=/]|by\b|credit\b|courtesy\b)|"
    r"^(?:getty images|ap photo|reuters|afp|epa|shutterstock|istock(?:photo)?|anadolu(?: agency)?)"
    r"(?:\s*/\s*[\w .]+)?\s*$",
    re.I,
)
WIDGET_TEXT_RE = re.compile(
    r"^(?:thanks? (?:you )?for (?:signing up|subscribing|your (?:feedback|submission|vote))|"
    r"an error (?:has )?occurred|something went wrong|please try again|there was an error|"
    r"this (?:article|story) has been sent to|keep an eye on your inbox|check your inbox|"
    r"(?:print|email|e-mail|share|save|gift|order reprints?|print article|email article|share article|"
    r"copy link|comment|comments|bookmark|listen|font size|text size|reprints?)"
    r"(?:\s*(?:this|the)?\s*(?:article|story|page))?\W*$)",
    re.I,
)
CTA_EXTRA_RE = re.compile(
    r"(?:^if you (?:enjoyed|liked|found|appreciate[d]?|value) (?:this|our)\b|^(?:like|enjoy(?:ed)?|love) this "
    r"(?:story|article|post)\?|\bshare (?:it|this) with (?:a friend|your friends)|\bclick here\b|"
    r"^tell us what you think|\b(?:inbox|newsletters?)\b.{0,80}\b(?:sign(?:ing)? up|subscrib\w+)\b|"
    r"\b(?:sign(?:ing)? up|subscrib\w+)\b.{0,80}\b(?:inbox|newsletters?)\b|"
    r"\bdelivered (?:straight |right |directly )?to your inbox)",
    re.I,
)
COMMENT_POLICY_RE = re.compile(
    r"\b(?:comments?|comentários|comentarios|commentaires|kommentare|commenti)\b.{0,120}"
    r"\b(?:moderat\w*|approv\w*|aprovad\w*|guidelines|policy|respect\w*|respeito)\b",
    re.I,
)
COMMENT_COUNT_RE = re.compile(r"^(?:\d+\s*)?(?:comments?|replies|responses)\s*[(\[]?\s*\d*\s*[)\]]?$", re.I)
# Words of a timestamp line in the languages most often met ("Published 18 November 2019 at 10:02").
DATE_WORDS = frozenset(
    """
jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october
nov november dec december mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat
saturday sun sunday am pm a p m gmt utc bst est edt cet cest pst pdt cst cdt mst mdt ist jst kst aest amt et
published updated posted modified last first on at by of the de do da às a las le um am den el del
publicado atualizado actualizado publié mis à jour veröffentlicht aktualisiert pubblicato aggiornato
janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro enero febrero marzo
mayo junio julio septiembre octubre noviembre diciembre janvier février mars avril mai juin juillet août
septembre octobre novembre décembre januar februar märz juni juli oktober dezember gennaio febbraio aprile
maggio giugno luglio settembre ottobre dicembre segunda terça quarta quinta sexta sábado domingo feira lunes
martes miércoles jueves viernes lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch
donnerstag freitag samstag sonntag
""".split()
)
TIME_OR_YEAR_RE = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b|\b(?:19|20)\d{2}\b", re.I)

# --- line vocabularies of the text cleaner's structural passes (article end, footer) ---------------------

RIGHTS_RE = re.compile(r"\ball rights reserved\b", re.I)
ABOUT_LINE_RE = re.compile(
    r"^about\s+(?:the\s+authors?|us|[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,3})\s*:?$", re.I
)

# --- sentence-level patterns (calls to action that hide inside real paragraphs) --------------------------

_CTA_RE = re.compile(
    r"(?:\b(?:please |do )?(?:like,? (?:and )?)?subscribe\b(?! to (?:the )?(?:view|idea|notion|theory|belief))|"
    r"\bhit the (?:notification )?bell\b|\bfollow us\b|\bstay tuned\b|\bsign up\b|"
    r"\bclick (?:here|the link)\b|\bshare (?:this|the) (?:article|story|post|video)\b|"
    r"\blet us know (?:in|what|your)\b|\bin the comments\b|\bleave (?:a|your) comment|"
    r"\bsupport (?:our|independent) (?:journalism|reporting|work)\b|\bdonate\b|\b(?:consider|make) a donation\b|"
    r"\bif you value (?:our|this) (?:reporting|journalism|work)\b|\bbecome a (?:member|subscriber|patron)\b|"
    r"\bdon[’']t forget to (?:like|subscribe|share|follow|comment|sign up|register|hit|click|tap|turn on|download|rate|leave|check out our|visit our|bookmark)\b|\bshare (?:it|this) with (?:a friend|your friends)\b|\b(?:log|sign) in (?:or register )?to (?:comment|reply|post a comment)\b|\bturn on notifications\b|\bjoin (?:our|us on)\b.{0,40}\b(?:channel|community|telegram|whatsapp)|"
    r"\bfor more (?:news|updates|stories|coverage)\b.{0,80}\b(?:follow|visit|subscribe|download|sign)\b|"
    r"^learn more\b.{0,30}$|\b(?:like|enjoy(?:ed)?|love) this (?:story|article|post)\?|\bneeds your (?:help|support)\s*[!.]|"
    r"\bdo you (?:rely on|value|appreciate)\b.{0,40}\b(?:reporting|journalism|work)\b|"
    r"\bevery (?:day|week|morning|evening) we (?:send|email)\b|\byour comment (?:will be|has been|is awaiting)\b|"
    r"\byou have (?:successfully|succesfully) subscribed\b|"
    r"\bdownload (?:our|the)(?: [\w’'&.-]+){0,4} app\b|\bthanks for reading\b|\bread the full (?:story|article) (?:here|on)\b)",
    re.I,
)
# Reporting on subscriptions ("subscribers were told") is news, not a call to action: require an
# imperative/second-person frame around the cue.
_CTA_FRAME_RE = re.compile(
    r"^(?:please|don[’']t|do|make sure|be sure|remember|for more|click|follow|subscribe|sign|stay|hit|like|share|"
    r"support|join|download|let us|thanks|thank you|leave|read the full|if you (?:enjoyed|liked|found)|"
    r"want more|to get|get (?:the|our)|and (?:don[’']t|remember|subscribe|follow))\b|\b(?:you|your|us|our)\b|"
    r"\bwe (?:send|email)\b|^learn more\b",
    re.I,
)
_QUOTE_CHARS = '"“”‘’«»'
_APOSTROPHE_RE = re.compile(r"(?<=\w)[’'](?=\w)")


def line_reason(line: str) -> str | None:
    """Reason label if a whole scraped line is boilerplate by itself, else None."""
    s = line.strip()
    if not s:
        return None
    words = s.split()
    if (
        len(words) >= 2
        and s.count("#") >= 0.6 * len(words)  # cheap bound first: lines can be megabytes
        and sum(1 for w in words if HASHTAG_TOKEN_RE.match(w)) >= 0.6 * len(words)
    ):
        return "hashtags"
    if NUMERIC_ONLY_RE.match(s):
        return "widget"
    if RELATED_LABEL_RE.match(s):
        return "related-links"
    if len(words) <= 40 and EXCERPT_END_RE.search(s):
        return "related-links"  # "Sometimes people ask me why [...]": another post's excerpt
    if len(words) <= 25 and RELATED_TEASER_RE.match(s) and not s.rstrip().endswith((".", "”", '"')):
        return "related-links"
    if len(words) <= 12 and SOURCE_LINE_RE.match(s):
        return "source-credit"
    if len(words) <= 70:
        low = s.lower()
        for reason, rx in _LINE_RULES:
            if len(words) > 40 and reason != "cookie-consent":
                continue
            trig = _TRIGGERS.get(reason)
            if trig and not any(t in low for t in trig):
                continue
            hit = rx.search(s)
            if hit:
                if reason in ("copyright", "newsletter", "app-prompt"):
                    if len(words) > 30:
                        continue
                    sents = split_sentences(s)
                    if reason != "copyright" and len(sents) > 1 and hit.start() >= sents[0][1]:
                        continue  # a prompt after the paragraph's own sentences: dropped sentence by sentence
                return reason
    if len(words) <= 40 and len(split_sentences(s)) == 1 and sentence_reason(s):
        return "call-to-action"
    return None


# "Want every result as it happens?" just before a call to action: its teaser
TEASER_QUESTION_RE = re.compile(
    r"^(?:want|need|like|love|enjoy(?:ed)?|looking for|interested in|hungry for|did you (?:like|enjoy))\b[^?]{0,60}\?$",
    re.I,
)


def sentence_reason(sentence: str) -> str | None:
    """Reason label if a sentence is a call to action / comment prompt, else None."""
    s = sentence.strip()
    # 45 words never take 4000 characters: the length test spares a regex scan of megabyte "sentences"
    if not s or len(s) > 4000 or not _CTA_RE.search(s) or len(s.split()) > 45:
        return None
    bare = _APOSTROPHE_RE.sub("", s)
    if any(c in bare for c in _QUOTE_CHARS):
        return None  # quoted speech is reporting, even when it says "subscribe"
    return "call-to-action" if _CTA_FRAME_RE.search(s) else None


# --- sentence splitting (for sentence-level drops; the NLP stage re-splits with spaCy) -------------------

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "cpt",
    "adm",
    "maj",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "vs",
    "etc",
    "no",
    "nos",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "mt",
    "ft",
    "fig",
    "approx",
    "dept",
    "est",
    "rev",
    "hon",
    "pres",
    "supt",
    "det",
    "insp",
    "cllr",
    "mx",
}
_SENT_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences in ``text`` (regex splitter aware of common abbreviations)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end()
        if text[m.start()] == ".":
            before = text[start : m.start()].split()
            tok = before[-1].lower().strip("(\"'“‘") if before else ""
            if tok in _ABBREV or (len(tok) == 1 and tok.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", tok):
                continue
        seg = text[start:end]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            spans.append((start + lead, end))
        start = end
    seg = text[start:]
    if seg.strip():
        lead = len(seg) - len(seg.lstrip())
        spans.append((start + lead, len(text.rstrip())))
    return spans
