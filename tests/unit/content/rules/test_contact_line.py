"""A short line giving an e-mail address is a contact line, not article text."""

from __future__ import annotations

from newsclean.content.rules import chrome
from newsclean.content.rules.chrome import ContactLine
from newsclean.model import ReasonCode
from tests.unit.linearity import Shape, superlinear_growth


def test_contact_lines_are_dropped(page_of) -> None:
    page = page_of(
        "Write to Ida Brook at ida.brook@porthaven-echo.example",
        "Staff writer Jo Bloggs can be reached at jbloggs@echo.example.co.uk or 01632 960123.",
        "newsdesk@porthaven.example",
    )
    rule = ContactLine()
    assert rule.reason is ReasonCode.METADATA_LINE
    assert all(rule.applies(block, page) for block in page.blocks)


def test_prose_and_handles_are_kept(page_of) -> None:
    page = page_of(
        "Follow the harbour board @PorthavenHarbour for updates on the ferry timetable",  # a handle, no address
        "The harbour board, which said it had received more than two hundred letters and e-mails about the "
        "ferry, will publish every reply, including those sent to its office at board@porthaven.example, "
        "once the consultation closes at the end of the month.",  # an address inside a long paragraph
    )
    assert not any(ContactLine().applies(block, page) for block in page.blocks)


def test_a_long_run_of_name_characters_takes_linear_time() -> None:
    # Read again from each of its characters, a run with no "@" after it took quadratic time.
    for unit in ("a", "-", "a.", "a@"):
        found = superlinear_growth(chrome._EMAIL_ADDRESS, Shape("Write to ", unit, " x"))
        assert found is None, f"super-linear: {found}"


def test_addresses_found_after_runs_of_name_characters(page_of) -> None:
    page = page_of("Write to " + "-" * 5000 + " or to ida.brook@porthaven-echo.example", "a" * 5000 + "@x")
    assert [ContactLine().applies(block, page) for block in page.blocks] == [True, False]
