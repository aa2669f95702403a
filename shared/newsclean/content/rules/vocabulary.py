"""Interface wording in the major European languages, one pattern per kind of boilerplate.

Each pattern matches a whole short block (after trimming): wording that a
page's chrome prints, never a sentence of an article. Kept in one module so
that a word is defined once.
"""

from __future__ import annotations

import re


def whole_line(*alternatives: str) -> re.Pattern[str]:
    """A case-insensitive pattern that must match the whole block, bullets and arrows allowed around it."""
    body = "|".join(alternatives)
    return re.compile(rf"^[\s\W]{{0,3}}(?:{body})[\s\W]{{0,3}}$", re.IGNORECASE)


CAPTION_CONTROLS = whole_line(
    "expand",
    "close",
    "enlarge",
    "zoom",
    "open gallery",
    "view gallery",
    "show caption",
    "hide caption",
    "toggle caption",
    "fullscreen",
    "full screen",
    "previous",
    "next",
    "prev",
    "schließen",
    "fermer",
    "cerrar",
    "chiudi",
    "sluiten",
    "vergrößern",
    "agrandir",
    "ampliar",
    "ingrandisci",
    r"\d{1,3}\s*(?:/|of|von|de|di|sur)\s*\d{1,3}",  # gallery counters: "3 of 12"
    "credit\\.{0,3}",
    "image",
    "photo",
    "caption",
)

NEWSLETTER = re.compile(
    r"\b(?:newsletters?|sign(?:ing)?[ -]?up|subscribe|subscription|inbox|e-?mail alerts?|abonnieren|"
    r"s'abonner|abonnez-vous|suscr[ií]bete|iscriviti|inschrijven|assine)\b",
    re.IGNORECASE,
)
# Every NEWSLETTER phrase holds one of these, in lower case: ASCII text without any of them is
# screened out by substring tests, several times faster than the search.
NEWSLETTER_KEYS = (
    "newsletter", "sign", "subscri", "inbox", "mail alert", "abonn", "suscr", "iscriv", "inschrij", "assine",
)  # fmt: skip


def may_name_newsletter(text: str) -> bool:
    """False only when ``NEWSLETTER`` cannot match (non-ASCII text is always searched: case
    folding there is the expression's to do)."""
    if not text.isascii():
        return True
    return any(map(text.lower().__contains__, NEWSLETTER_KEYS))


FORM_TEXT = re.compile(
    r"^(?:this field is required|required field|please enter (?:a |an |your )?.{0,40}|"
    r"(?:enter|type) your e-?mail(?: address)?|"
    r"(?:enter|type) (?:your |a )?search (?:terms?|words?|keywords?|query)(?: here)?|"
    r"suchbegriff(?:e)? eingeben|e-?mail address|invalid e-?mail(?: address)?|"
    r"please (?:provide|select|choose) .{0,40}|submit|send|captcha|"
    r"dieses feld ist (?:ein )?pflichtfeld|ce champ est (?:obligatoire|requis)|"
    r"este campo es obligatorio|campo obbligatorio|dit veld is verplicht)[.!]?\*?$",
    re.IGNORECASE,
)

# The tick-box line under a sign-up form: "I would like to be emailed about offers and updates".
CONSENT = re.compile(
    r"^(?:yes,?\s+)?i\s+(?:would like|wish|want|agree|consent|accept|have read)\b.{0,160}?"
    r"\b(?:e-?mail(?:ed|s)?|offers|updates|newsletters?|marketing|terms|privacy|conditions)\b",
    re.IGNORECASE,
)

NAVIGATION = whole_line(
    "most (?:watched|read|viewed|popular|shared|commented|emailed)",
    "trending(?: now| news| stories)?",
    "top stories",
    "skip to (?:main )?content",
    "skip to navigation",
    "skip to site index",
    "sections?",
    "search",
    "menu",
    "home(?: ?page)?",
    "log ?in",
    "log ?out",
    "sign ?in",
    "sign ?out",
    "register",
    "my account",
    "back to top",
    "latest news",
    "breaking news",
    "more (?:news|stories|from .{1,30})",
    "more",
    "(?:see|view) all(?: \\(?\\d+\\)?)?",
    "show more",
    "load more",
    "next article",
    "previous article",
    "go to",
    "meistgelesen",
    "startseite",
    "suche",
    "les plus lus",
    "accueil",
    "recherche",
    "lo más leído",
    "inicio",
    "buscar",
    "più lett[ie]",
    "cerca",
    "meest gelezen",
    "zoeken",
    "mais lidas",
    "pesquisar",
)

FOOTER = whole_line(
    "privacy(?: policy| notice| settings)?",
    "cookie (?:policy|settings|preferences)",
    "terms(?: of (?:use|service))?",
    "terms (?:&|and) conditions",
    "contact(?: us)?",
    "about(?: us)?",
    "site ?map",
    "advertise(?: with us)?",
    "careers",
    "jobs",
    "accessibility",
    "help",
    "faqs?",
    "rss(?: feeds?)?",
    "archives?",
    "imprint",
    "impressum",
    "datenschutz(?:erklärung)?",
    "mentions légales",
    "aviso legal",
    "política de privacidad",
    "note legali",
    r"(?:©|\(c\)|copyright).{0,120}",
    r".{0,80}all rights reserved\.?",
)

SHARE = whole_line(
    "share(?: this(?: article| story)?)?(?: on .{1,20})?",
    "(?:click to )?tweet",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "e-?mail",
    "print",
    "copy link",
    "link copied",
    "follow us(?: on .{1,20})?",
    "teilen",
    "partager",
    "compartir",
    "condividi",
    "delen",
    "compartilhar",
)

# A teaser inside the article: a label, a colon, a headline ("Read more: Ferry fares to rise").
TEASER_LABEL = re.compile(
    r"^[\s\W]{0,3}(?:read more|more|related|related stories|also|also read|see also|read also|recommended|"
    r"watch|listen|most read(?: in [\w ]{1,30})?|deal alert|don't miss|trending|previously|"
    r"on [\w.-]{2,40}\.(?:com|net|org|co\.uk)|lesen sie auch|mehr zum thema|à lire aussi|lire aussi|"
    r"leia também|leggi anche|lea también|lees ook)\s*[:：]\s*\S",
    re.IGNORECASE,
)

COMMENTS = whole_line(
    "comments?",
    r"\d+ (?:comments?|replies|responses)",
    r"comments? \(\d+\)",
    "leave a (?:comment|reply)",
    "post a comment",
    "add (?:a|your) comment",
    "(?:show|view|hide|load|read) (?:all )?comments",
    "join the (?:discussion|conversation)",
    r"comments? (?:are|is|have been|has been) (?:now )?closed(?: for this (?:story|article|post|entry))?",
    "reader comments",
    "have your say",
    "kommentare",
    "kommentieren",
    "commentaires",
    "réagir",
    "comentarios",
    "comentar",
    "commenti",
    "commenta",
    "reacties",
    "comentários",
)

METADATA_LINE = re.compile(
    r"^(?:\d{1,3}\s*(?:min(?:ute)?s?|mins?)\.?\s*(?:read|reading time|lesezeit|de lecture|de lectura)|"
    r"(?:reading time|lesezeit|temps de lecture)\s*:?\s*\d{1,3}\s*min(?:utes?)?|"
    r"(?:updated|aktualisiert|mis à jour|actualizado)?\s*\d{1,2}\s*(?:minutes?|mins?|hours?|hrs?|days?)\s+ago)\.?$",
    re.IGNORECASE,
)

ADVERTISEMENT = whole_line(
    "click here to .{1,60}",
    "(?:download|get) (?:the|our) .{1,30} app",
    "advertisement",
    "advert",
    "advertising",
    "sponsored(?: content| links)?",
    "ad",
    "promoted",
    "paid content",
    "partner content",
    "continue reading(?: the main story)?(?: below)?",
    "story continues below(?: advertisement)?",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "advertentie",
    "publicidade",
)

COOKIE_NOTICE = re.compile(
    r"\b(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies|cookie (?:policy|settings)|"
    r"wir verwenden cookies|nous utilisons des cookies|utilizamos cookies|utilizziamo (?:i )?cookie)\b",
    re.IGNORECASE,
)

RELATED = whole_line(
    "related(?: (?:articles?|stories|content|news|topics|coverage|links))?",
    "read more(?: about .{1,40})?",
    "read next",
    "don[’']?t miss",
    "you may also like",
    "you might also like",
    "recommended(?: for you)?",
    "more on this story",
    "more from .{1,40}",
    "also read",
    "see also",
    "what to read next",
    "lesen sie auch",
    "mehr zum thema",
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "te puede interesar",
    "leer más",
    "leggi anche",
    "lees ook",
    "leia também",
    "saiba mais",
)


# The whole-block vocabularies, in the order of their rules in the pipeline: a block takes
# the first kind whose wording it matches. Matched once per block, as one expression, so the
# page's chrome costs one regular-expression call per short block rather than one per rule.
WORDING_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("form_text", FORM_TEXT),
    ("navigation", NAVIGATION),
    ("footer", FOOTER),
    ("share", SHARE),
    ("advertisement", ADVERTISEMENT),
    ("related", RELATED),
    ("comments", COMMENTS),
    ("metadata", METADATA_LINE),
)
_ANY_WORDING = re.compile("|".join(f"(?P<{kind}>{pattern.pattern})" for kind, pattern in WORDING_KINDS), re.IGNORECASE)
# Wording rules only look at blocks this short: a sentence can mention "share" or "privacy".
MAX_LABEL_WORDS = 12


def wording_kind(text: str) -> str | None:
    """The kind of interface wording the whole text is, if any."""
    match = _ANY_WORDING.match(text)
    return match.lastgroup if match else None
