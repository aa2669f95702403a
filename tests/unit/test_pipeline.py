"""The pipeline as a whole: its rule list, its accounting and its contract."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from newsclean import ReasonCode, RejectedInput, RejectReason, clean
from newsclean.pipeline import CONTEXT_RULES, DEFAULT_RULES, WEAK_RULES

GOLDEN = Path(__file__).parent.parent / "golden"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_9935e548354b3ebb.txt"
SCHEMA = json.loads(resources.files("newsclean").joinpath("schema/article.schema.json").read_text())
ARTICLE = (GOLDEN / "harbour-text-dump" / "input.txt").read_bytes()


def test_rule_names_are_unique() -> None:
    rules = DEFAULT_RULES + WEAK_RULES + CONTEXT_RULES
    assert len({rule.name for rule in rules}) == len(rules)


def test_every_reason_code_has_a_rule() -> None:
    assert {rule.reason for rule in DEFAULT_RULES + WEAK_RULES + CONTEXT_RULES} == set(ReasonCode)


def test_schema_lists_every_reason_code() -> None:
    listed = SCHEMA["properties"]["removed"]["items"]["properties"]["reason"]["enum"]
    assert sorted(listed) == sorted(code.value for code in ReasonCode)


def test_output_validates_against_the_published_schema() -> None:
    jsonschema.validate(clean(ARTICLE).to_dict(), SCHEMA)


def test_every_block_is_body_a_field_or_in_the_audit() -> None:
    article = clean(ARTICLE)
    lines = [line.strip() for line in ARTICLE.decode().splitlines() if line.strip()]
    accounted = (
        list(article.body)
        + [entry.text for entry in article.removed]
        + [article.headline, article.standfirst, article.byline]
    )
    # Each image's caption block became the image; its repeats are in the audit as duplicates.
    assert len(lines) == len(accounted) + len(article.images)


def test_same_input_same_output() -> None:
    assert clean(ARTICLE).to_dict() == clean(ARTICLE).to_dict()


def test_a_page_with_no_article_is_rejected() -> None:
    menu = "\n".join(["Home", "News", "Sport", "Weather", "Contact us", "Privacy"]).encode()
    with pytest.raises(RejectedInput) as caught:
        clean(menu)
    assert caught.value.reason is RejectReason.NO_ARTICLE


def test_gzip_and_json_record_give_the_same_article() -> None:
    import gzip

    record = json.dumps({"url": "https://example.org/bridge", "text": ARTICLE.decode()}).encode()
    plain = clean(ARTICLE)
    assert clean(gzip.compress(ARTICLE)).body == plain.body
    wrapped = clean(record, name="record.json")
    assert wrapped.body == plain.body
    assert wrapped.source.url == "https://example.org/bridge"
    assert wrapped.source.format == "json+text"


def test_core_imports_no_aws_sdk() -> None:
    code = (
        "import sys, pathlib, newsclean\n"
        "newsclean.clean(pathlib.Path(sys.argv[1]).read_bytes())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'boto3', 'botocore', 'aws_lambda_powertools'}))"
    )
    source = str(GOLDEN / "harbour-text-dump" / "input.txt")
    out = subprocess.run([sys.executable, "-c", code, source], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.skipif(not SEED.is_file(), reason="the seed page lives in ../shared, not in the repository")
def test_seed_page_comes_out_right() -> None:
    article = clean(SEED.read_bytes(), name=SEED.name)
    assert article.headline == "Kremlin denies use of cluster munitions during Ukraine conflict"
    assert article.standfirst and article.standfirst.startswith("Spokesman Dmitry Peskov")
    assert article.byline == "By Associated Press Reporter"
    assert article.agency == "Associated Press"
    assert len(article.body) == 6
    assert [image.credit for image in article.images] == ["Ukraine Emergency Service/AP", "Sergei Guneyev/AP"]
    reasons = {entry.reason for entry in article.removed}
    assert {
        ReasonCode.WIDGET,
        ReasonCode.NEWSLETTER,
        ReasonCode.FORM_TEXT,
        ReasonCode.NAVIGATION,
        ReasonCode.FOOTER,
    } <= reasons
    assert not any("Expand" in paragraph or "newsletter" in paragraph for paragraph in article.body)


ARTICLE_IN_FURNITURE = (
    "<html><body><div class='{wrapper}'><h1>Ferry timetable changes for the winter</h1>"
    "<p>The island ferry will sail twice a day from November, the operator said on Monday, after a summer "
    "of four crossings a day that left the crew short of rest.</p>"
    "<p>Residents asked for an early boat on market days, and the operator agreed to add one on Saturdays "
    "until the end of March, when the summer timetable returns.</p>"
    "<p>Tickets bought for cancelled crossings will be refunded at the harbour office or online, the "
    "operator added.</p>{inside}</div></body></html>"
)


def test_an_article_whose_container_names_furniture_does_not_vanish() -> None:
    # A furniture word on an ancestor of the whole article ("share") made the page no_article.
    page = ARTICLE_IN_FURNITURE.format(wrapper="social-share-wrapper", inside="")
    article = clean(page.encode(), name="page.html")
    assert article.headline == "Ferry timetable changes for the winter"
    assert len(article.body) == 3 and article.body[0].startswith("The island ferry will sail twice a day")


def test_a_furniture_box_beside_the_article_is_still_dropped_by_its_class() -> None:
    box = "<div class='newsletter-box'><p>Get the island's news every morning in your inbox, free.</p></div>"
    article = clean(ARTICLE_IN_FURNITURE.format(wrapper="story", inside=box).encode(), name="page.html")
    assert len(article.body) == 3
    assert [entry.rule for entry in article.removed if "inbox" in entry.text] == ["chrome_class"]


def test_paragraphs_inside_a_furniture_named_box_in_mid_article_are_weighed_not_vetoed() -> None:
    """A class name is weak evidence: the article's middle paragraphs, wrapped in an element whose
    class names furniture, stay when everything else says they are the article."""
    middle = (
        "<div class='related-promo'><p>The new timetable was drawn up after a survey of island households, "
        "most of whom said they travel to the mainland for work at least three days a week.</p>"
        "<p>The operator said the survey also showed strong demand for a late sailing on Fridays, which "
        "it will trial from January if the crew rota allows it.</p></div>"
    )
    page = ARTICLE_IN_FURNITURE.format(wrapper="story", inside="").replace(
        "<p>Tickets bought", middle + "<p>Tickets bought"
    )
    article = clean(page.encode(), name="page.html")
    assert len(article.body) == 5
    assert article.body[2].startswith("The new timetable was drawn up")
    assert not [entry for entry in article.removed if "timetable was drawn up" in entry.text]
