from __future__ import annotations

import re

import pytest

from newsclean import clean
from newsclean.fields import bylines
from newsclean.fields.bylines import parse_byline, parse_name_line, split_credit, split_dateline, stated_byline
from tests.unit.linearity import SENTENCE, Shape, superlinear_growth


@pytest.mark.parametrize(
    ("text", "authors", "agency"),
    [
        ("By Jane Doe and John Roe, Reuters", ("Jane Doe", "John Roe"), "Reuters"),
        ("By Associated Press Reporter", (), "Associated Press"),
        ("Associated Press", (), "Associated Press"),
        ("AP Sports Writer", (), "AP"),
        ("By Maria Okafor", ("Maria Okafor",), None),
        ("By MARIA OKAFOR", ("MARIA OKAFOR",), None),
        ("Von Klaus Berger und Eva Roth", ("Klaus Berger", "Eva Roth"), None),
        ("Por Lucía Prado, Tomás Gil y Ana Ruiz", ("Lucía Prado", "Tomás Gil", "Ana Ruiz"), None),
        ("Sam Patel, AFP", ("Sam Patel",), "AFP"),
        ("Posted by Ida Brook", ("Ida Brook",), None),
        ("Reporting by Ida Brook", ("Ida Brook",), None),
        ("Author: Ida Brook", ("Ida Brook",), None),  # a label and a colon, in several languages
        ("Autorin: Eva Roth", ("Eva Roth",), None),
        ("Auteur : Luc Marchand", ("Luc Marchand",), None),
        ("Text: Klaus Berger, dpa", ("Klaus Berger",), "dpa"),
    ],
)
def test_bylines_split_into_authors_and_agency(text: str, authors: tuple[str, ...], agency: str | None) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert byline.printed == text
    assert byline.authors == authors
    assert byline.agency == agency


@pytest.mark.parametrize(
    ("text", "printed", "authors", "agency"),
    [
        ("By Ana Lima | March 5, 2024", "By Ana Lima", ("Ana Lima",), None),
        ("by Ana Lima March 5, 2024 11:00 PM PST", "by Ana Lima", ("Ana Lima",), None),
        ("By ANA LIMA MARCH 5, 2024", "By ANA LIMA", ("ANA LIMA",), None),
        ("By Ana Lima March 5 at 3:57 PM Follow @analima", "By Ana Lima", ("Ana Lima",), None),
        ("By Tomás de la Vega, Staff Writer", "By Tomás de la Vega", ("Tomás de la Vega",), None),
        ("By Ida Brook, Senior Policy Analyst, Harbour Trust", "By Ida Brook", ("Ida Brook",), None),
        ("By Ida Brook in Porthaven", "By Ida Brook", ("Ida Brook",), None),
        ("| By Ida Brook", "By Ida Brook", ("Ida Brook",), None),
        ("By Jane Doe, Reuters | May 3, 2020", "By Jane Doe, Reuters", ("Jane Doe",), "Reuters"),
        ("By Jane Doe, Staff Writer, Reuters", "By Jane Doe", ("Jane Doe",), "Reuters"),
    ],
)
def test_printed_byline_leaves_out_date_role_and_handle(
    text: str, printed: str, authors: tuple[str, ...], agency: str | None
) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert (byline.printed, byline.authors, byline.agency) == (printed, authors, agency)


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("Ida Brook", "Ida Brook"),
        ("Ida Brook, @idabrook", "Ida Brook"),
        ("Ida Brook 2 hours ago", "Ida Brook"),
        ("IDA BROOK", "IDA BROOK"),
        ("Tomás de la Vega", "Tomás de la Vega"),
    ],
)
def test_a_name_alone_reads_as_a_byline(text: str, printed: str) -> None:
    byline = parse_name_line(text)
    assert byline is not None
    assert byline.printed == printed
    assert byline.authors == (printed,)


def test_a_byline_that_goes_on_about_its_author() -> None:
    byline = parse_name_line(
        "By Ida Brook, a harbour reporter who has covered the coast for over a decade at the Porthaven Post."
    )
    assert byline is not None
    assert byline.printed == "By Ida Brook"
    assert byline.authors == ("Ida Brook",)


@pytest.mark.parametrize(
    "text",
    [
        "Print Article",
        "Resize Text",
        "Latest News",
        "Ida",
        "Ida Brook and Sam Patel",
        "Harbour News Home",
        "Get Started",
        "Part IV",
        "Join Now",
        "Listen Live",
        "Most Popular",
    ],
)
def test_interface_lines_are_not_names(text: str) -> None:
    assert parse_name_line(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "By the end of the week the ferry will be back in service.",
        "Harbour Bridge Reopens",
        "By train, bus and ferry: how to get to the festival",
        "Most Watched",
        "Text: 12 pt",  # a label that names no one
        "Author: admin",
    ],
)
def test_not_bylines(text: str) -> None:
    assert parse_byline(text) is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "PORTHAVEN, Maine (AP) — The harbour master said the ferry would resume on Monday:",
        "WILLOWMERE — Council members voted on Tuesday to repair the old footbridge",
    ],
)
def test_a_paragraph_opening_with_a_dateline_is_no_byline(paragraph: str) -> None:
    assert parse_byline(paragraph) is None
    assert parse_name_line(paragraph) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Porthaven's Harbour Board on Friday cleared the way for the new ferry terminal to open in spring",
        "Im Hafen der Stadt in Porthaven ist die Fähre seit Montag wieder unterwegs, sagt die Stadt",
    ],
)
def test_a_sentence_that_opens_with_a_name_is_no_name_line(sentence: str) -> None:
    assert parse_name_line(sentence) is None


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        (
            "Crowds on the quay at dawn (Jo Bloggs/Coastal Press)",
            "Crowds on the quay at dawn",
            "Jo Bloggs/Coastal Press",
        ),
        ("The mayor at the reopening. Photo: Lee Chan", "The mayor at the reopening.", "Lee Chan"),
        ("The old swing bridge © Porthaven Archive", "The old swing bridge", "© Porthaven Archive"),
        ("Firefighters at the scene (AP Photo)", "Firefighters at the scene", "AP Photo"),
        # A credit line alone in parentheses: the label stays with the credit, nothing is a caption.
        ("(All images: Porthaven Archive)", "", "All images: Porthaven Archive"),
        ("(Bild: Hersteller)", "", "Bild: Hersteller"),
    ],
)
def test_credits_split_from_captions(text: str, caption: str, credit: str) -> None:
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize(
    "text",
    ["The council met on Tuesday (its third meeting this year)", "A vote is due (probably in May)", "(Reuters)"],
)
def test_asides_in_parentheses_are_not_credits(text: str) -> None:
    assert split_credit(text) is None


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("KYIV, Ukraine (AP) — Air raid sirens sounded across the city overnight.", "KYIV, Ukraine (AP) —"),
        ("LONDON, Dec 29 (Reuters) - Shares rose in early trading on Friday.", "LONDON, Dec 29 (Reuters) -"),
        ("PORTHAVEN — The swing bridge reopened to traffic on Monday.", "PORTHAVEN —"),
    ],
)
def test_datelines(paragraph: str, dateline: str) -> None:
    found = split_dateline(paragraph)
    assert found is not None
    assert found[0] == dateline
    assert paragraph.endswith(found[1])


@pytest.mark.parametrize(
    "paragraph", ["The bridge reopened on Monday — a week late.", "NHS waiting lists grew again in May."]
)
def test_no_dateline(paragraph: str) -> None:
    assert split_dateline(paragraph) is None


def test_a_name_that_says_it_is_an_agency() -> None:
    byline = parse_byline("By Kernow Coast News Agency")
    assert byline is not None and byline.authors == () and byline.agency == "Kernow Coast News Agency"
    assert split_credit("The ferry at dawn (Kernow Coast News Agency)") == (
        "The ferry at dawn",
        "Kernow Coast News Agency",
    )


@pytest.mark.parametrize(
    ("author", "names", "authors", "agency"),
    [
        ("Ida Brook, Tom Vale", ("Ida Brook", "Tom Vale"), ("Ida Brook", "Tom Vale"), None),
        ("Ida Brook and Tom Vale", (), ("Ida Brook", "Tom Vale"), None),
        ("Associated Press", (), (), "Associated Press"),
        ("Contributors to the harbour wiki", ("Contributors to the harbour wiki",), (), None),
    ],
)
def test_a_stated_author_as_a_byline(
    author: str, names: tuple[str, ...], authors: tuple[str, ...], agency: str | None
) -> None:
    byline = stated_byline(author, names)
    assert (byline.printed, byline.authors, byline.agency) == (author, authors, agency)


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        ("Crowds on the quay – Photo: Jane Doe/Reuters", "Crowds on the quay", "Jane Doe/Reuters"),
        ("Crowds on the quay, Photo credit: Jane Doe", "Crowds on the quay", "Jane Doe"),
        ("Harbour at dusk ; Photograph by: Lee Chan", "Harbour at dusk", "Lee Chan"),
        ("Photo: Jane Doe/Reuters", "", "Jane Doe/Reuters"),
        ("The old bridge, © 2019 Jane Doe", "The old bridge", "© 2019 Jane Doe"),
        ("The old bridge | © Porthaven Archive", "The old bridge", "© Porthaven Archive"),
        ("© 2019 Jane Doe", "", "© 2019 Jane Doe"),
        # The separators before the label are not the caption's, however many there are.
        (
            "Residents listed their complaints" + " ," * 20 + " Photo: Jo Bloggs",
            "Residents listed their complaints",
            "Jo Bloggs",
        ),
        (
            "Residents listed their complaints" + " -" * 20 + " © Jo Bloggs",
            "Residents listed their complaints",
            "© Jo Bloggs",
        ),
    ],
)
def test_credits_after_separators(text: str, caption: str, credit: str) -> None:
    assert split_credit(text) == (caption, credit)


# Lines that took the credit patterns quadratic time (a 16 kB one, 15 s to clean): a run of
# separators read again from each of its characters.
REPORTED_LINES = {
    "dash run before a colon": "Residents listed their complaints " + "- " * 8000 + ":",
    "comma run before a colon": "Residents listed their complaints " + ", " * 8000 + ":",
    "bare dash run before a bracket": "Residents listed their complaints " + "-" * 16000 + ")",
}


@pytest.mark.parametrize("line", REPORTED_LINES.values(), ids=REPORTED_LINES.keys())
def test_a_long_run_of_separators_is_no_credit(line: str) -> None:
    assert split_credit(line) is None


REPORTED_SHAPES = {
    "labelled credit, dash run": (bylines._LABELLED_CREDIT, Shape(SENTENCE, "- ", ":")),
    "labelled credit, comma run": (bylines._LABELLED_CREDIT, Shape(SENTENCE, ", ", ":")),
    "labelled credit, bare dashes": (bylines._LABELLED_CREDIT, Shape(SENTENCE, "-", ")")),
    "copyright credit, dash run": (bylines._COPYRIGHT_CREDIT, Shape(SENTENCE, "- ", ":")),
    "copyright credit, bare dashes": (bylines._COPYRIGHT_CREDIT, Shape(SENTENCE, "-", ")")),
    "tail, spaces": (bylines._TAIL, Shape("By Ida", " ", "x")),
    "tail, separators then a line": (bylines._TAIL, Shape("By Ida", " |", "\nx")),
    "role, spaces": (bylines._ROLE_SUFFIX, Shape("Ida", " ", "x")),
    "author separators, spaces": (bylines._AUTHOR_SEPARATORS, Shape("Ida", " ", "x")),
    "joiners": (bylines._TRAILING_JOINERS, Shape("Ida", " on", " x")),
    "agency, hyphenated words": (bylines._AGENCY_AT_END, Shape("Ida ", "Coast-", "x")),
}


@pytest.mark.parametrize(("pattern", "shape"), REPORTED_SHAPES.values(), ids=REPORTED_SHAPES.keys())
def test_the_reported_shapes_take_the_patterns_linear_time(pattern: re.Pattern[str], shape: Shape) -> None:
    found = superlinear_growth(pattern, shape)
    assert found is None, f"super-linear: {found}"


def _article_with(line: str) -> bytes:
    paragraphs = [
        "The harbour board met on Tuesday evening to hear from residents about the ferry timetable.",
        "More than two hundred people filled the hall, and the meeting ran late as speaker after speaker rose.",
        "The board said it would publish every reply it received before the consultation closes this month.",
        "Ferry operators have blamed the winter storms for the cancellations, which left islanders stranded.",
    ]
    lines = ["Harbour board hears ferry complaints", "By Ida Brook", *paragraphs[:2], line, *paragraphs[2:]]
    return "\n".join(lines).encode()


@pytest.mark.parametrize("line", REPORTED_LINES.values(), ids=REPORTED_LINES.keys())
def test_an_article_with_a_reported_line_keeps_it_as_text(line: str) -> None:
    # A 16 kB dump; before the credit patterns read each run once, it took 4-5 s to clean.
    article = clean(_article_with(line))
    assert article.headline == "Harbour board hears ferry complaints"
    assert article.authors == ("Ida Brook",)
    assert line in article.body


@pytest.mark.parametrize(
    ("text", "printed", "authors"),
    [
        ("By Ida Brook  |  May 5, 2024", "By Ida Brook", ("Ida Brook",)),
        ("By Ida Brook\t|\tMay 5, 2024", "By Ida Brook", ("Ida Brook",)),
        ("By Ida Brook – May 5", "By Ida Brook", ("Ida Brook",)),
        ("By Ida Brook" + " " * 5000 + "| May 5, 2024", "By Ida Brook", ("Ida Brook",)),
        ("By Ida Brook and  Tom Vale,  Staff Writers", "By Ida Brook and  Tom Vale", ("Ida Brook", "Tom Vale")),
        ("By Ida Brook on", "By Ida Brook", ("Ida Brook",)),
    ],
)
def test_bylines_with_runs_of_spaces(text: str, printed: str, authors: tuple[str, ...]) -> None:
    byline = parse_byline(text)
    assert byline is not None and (byline.printed, byline.authors) == (printed, authors)


def test_a_name_line_ends_before_its_joining_words() -> None:
    byline = parse_name_line("By Ida Brook" + " on" * 2000)
    assert byline is not None and byline.printed == "By Ida Brook"


def test_an_agency_of_hyphenated_words() -> None:
    byline = parse_byline("By Ida Brook, Kernow Coast-Valley News Agency")
    assert byline is not None and byline.authors == ("Ida Brook",)
    assert byline.agency == "Kernow Coast-Valley News Agency"


@pytest.mark.parametrize(
    ("text", "printed", "authors"),
    [
        # Spans that touch in a text dump glue the role or a link to the name.
        ("By Ida BrookStaff Writer", "By Ida Brook", ("Ida Brook",)),
        ("By Tomas ReyesHarbour Correspondent", "By Tomas Reyes", ("Tomas Reyes",)),
        ("By Ida BrookFollow", "By Ida Brook", ("Ida Brook",)),
        # A glued word that is no role leaves the role's usual cut alone.
        ("By Ida Brook PA HarbourTicker Contributing Writer", "By Ida Brook", ("Ida Brook",)),
        # Names whose capitals are their own stay whole.
        ("By Ewan MacLeod", "By Ewan MacLeod", ("Ewan MacLeod",)),
        # A byline printed after its date and time.
        ("Tuesday March 3, 2020 9:15 am PST by Ida Brook", "by Ida Brook", ("Ida Brook",)),
        ("03/17/2020 by Tomas Reyes", "by Tomas Reyes", ("Tomas Reyes",)),
        ("Posted on 17 March 2020 by Ida Brook", "by Ida Brook", ("Ida Brook",)),
        # A kind of piece before "by", a role after the name.
        ("Analysis by Ida Brook, Harbour Post Editor-at-large", "Analysis by Ida Brook", ("Ida Brook",)),
        # An e-mail address and a telephone number after the name.
        ("By Ida Brook ibrook@porthaven-post.example(555) 010-0199", "By Ida Brook", ("Ida Brook",)),
    ],
)
def test_what_text_dumps_glue_to_a_byline(text: str, printed: str, authors: tuple[str, ...]) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert (byline.printed, byline.authors) == (printed, authors)


def test_a_name_glued_to_interface_wording_is_a_name_line() -> None:
    byline = parse_name_line("Ida BrookView More Articles")
    assert byline is not None and byline.authors == ("Ida Brook",)


@pytest.mark.parametrize(
    "text",
    [
        "Lena Moss/Associated Press",  # a photographer's credit under a picture, not a byline
        "Harbour View Press/Lena Moss",
        "By SEAGULL42",  # a user name: people's names hold no digits
        "Tuesday March 3, 2020 and then by the harbour",  # more than a date before "by"
        "Read the report by Tomas Reyes",
    ],
)
def test_credits_user_names_and_sentences_are_no_bylines(text: str) -> None:
    assert parse_byline(text) is None


@pytest.mark.parametrize(
    ("text", "agency"),
    [("Reuters November 18, 2020 11:03 PM", "Reuters"), ("The Associated Press – 2 hours ago", "Associated Press")],
)
def test_an_agency_over_its_date_is_the_byline_without_the_date(text: str, agency: str) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert byline.agency == agency and byline.authors == ()
    assert agency in byline.printed and not any(character.isdigit() for character in byline.printed)


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Harbour Post Reporter", True), ("Senior Editor", True), ("The weather reporter said it would rain", False)],
)
def test_role_lines(line: str, expected: bool) -> None:
    assert bylines.is_role_line(line) is expected
