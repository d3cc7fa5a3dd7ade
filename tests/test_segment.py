"""segment: paragraphs and roles, on the samples' real layouts and on small cases."""

from __future__ import annotations

from textdiff import Role
from textdiff.segment import segment

from .conftest import ADDRESS_2013, BULLETIN, CLOSING, OPENING_2021, RODONG


def _paras(text: str) -> list[tuple[str, str]]:
    return [(text[p.start : p.end], p.role.value) for p in segment(text)]


def test_spans_are_ordered_and_trimmed() -> None:
    for path in (CLOSING, BULLETIN, ADDRESS_2013, OPENING_2021, RODONG):
        text = path.read_text(encoding="utf-8")
        paras = segment(text)
        pos = 0
        for k, p in enumerate(paras):
            assert p.index == k and pos <= p.start < p.end
            assert not text[p.start].isspace() and not text[p.end - 1].isspace()
            assert not text[pos : p.start].strip(), "text between paragraphs is whitespace"
            pos = p.end
        assert not text[pos:].strip()


def test_closing_address_title_and_furniture() -> None:
    paras = _paras(CLOSING.read_text(encoding="utf-8"))
    assert paras[0][1] == "heading" and paras[0][0].startswith("Closing Address")
    assert paras[-1] == ("Back to top button", "boilerplate")
    assert paras[1] == ("Comrade secretaries of primary Party committees,", "text")


def test_bulletin_page_breaks_rejoined() -> None:
    text = BULLETIN.read_text(encoding="utf-8")
    paras = _paras(text)
    joined = [p for p, _ in paras if "the respected\n\nComrade **Kim Jong Un** referred" in p]
    assert len(joined) == 1
    assert any("feelings of\n\nthe Party Central Committee" in p for p, _ in paras)
    roles = {p: r for p, r in paras}
    assert roles["# BULLETIN"] == "heading"
    assert roles["---"] == "boilerplate"
    assert roles["Comrade secretaries of primary Party committees,"] == "text"


def test_indented_paragraphs_without_blank_lines() -> None:
    text = ADDRESS_2013.read_text(encoding="utf-8")
    paras = segment(text)
    indented_lines = sum(1 for line in text.splitlines() if line.startswith("\u00a0"))
    assert len([p for p in paras if p.role is Role.TEXT]) >= indented_lines - 2
    assert paras[0].role is Role.HEADING  # "Address Delivered at ... / of Cell Secretaries"
    assert "\n" in text[paras[0].start : paras[0].end]


def test_rodong_headline_masthead_url() -> None:
    paras = _paras(RODONG.read_text(encoding="utf-8"))
    roles = dict(paras)
    assert roles["www.rodong.rep.kp"] == "boilerplate"
    assert roles["로동신문"] == "heading"
    bold = [p for p, r in paras if p.startswith("**") and r == "heading"]
    assert len(bold) == 3 and bold[0].endswith("Cities and Counties**")


def test_hard_wrapped_lines_join() -> None:
    text = (
        "This is a long paragraph that was hard wrapped at\n"
        "seventy two columns by someone's editor, so its\n"
        "lines must be joined again.\n\nNext one.\n"
    )
    paras = _paras(text)
    assert len(paras) == 2 and paras[0][0].endswith("joined again.")


def test_one_paragraph_per_line() -> None:
    line = "A sentence long enough to show that this is not a hard-wrapped line at all. " * 2
    text = f"{line}\n{line}\n{line}\n"
    assert len(segment(text)) == 3


def test_salutation_is_not_joined_to_the_next_paragraph() -> None:
    text = "Comrades,\n\nThe conference has closed.\n"
    assert len(segment(text)) == 2


def test_boilerplate_patterns_and_running_headers() -> None:
    text = "\n\n".join(
        [
            "Some text of the article goes here and it is long enough.",
            "Page 3",
            "- 4 -",
            "https://example.org/article/1",
            "THE DAILY HERALD",
            "More article text, which goes on for a while.",
            "THE DAILY HERALD",
            "And more text here.",
            "THE DAILY HERALD",
        ]
    )
    roles = dict(_paras(text))
    assert roles["Page 3"] == roles["- 4 -"] == "boilerplate"
    assert roles["https://example.org/article/1"] == "boilerplate"
    assert roles["THE DAILY HERALD"] == "boilerplate"


def test_crlf_and_empty() -> None:
    assert segment("") == ()
    assert segment(" \n\t\n") == ()
    paras = _paras("First para.\r\n\r\nSecond para.\r\n")
    assert [p for p, _ in paras] == ["First para.", "Second para."]


def test_page_break_with_furniture_between_the_halves() -> None:
    from textdiff.segment import segment_document

    half1 = "The participants were engrossed in the discussion of the agenda and the"
    half2 = "tasks set before them, which they vowed to carry out."
    text = "\n\n".join(
        [
            "Opening words of the article, which are long enough to be text.",
            half1,
            "— 2 —",
            "THE PYONGYANG TIMES",
            half2,
            "Another paragraph. THE PYONGYANG TIMES is the paper.",
            "THE PYONGYANG TIMES",
            "Closing words.",
            "THE PYONGYANG TIMES",
        ]
    )
    seg = segment_document(text)
    joined = [text[p.start : p.end] for p in seg.paragraphs if half1 in text[p.start : p.end]]
    assert joined == [text[text.index(half1) : text.index(half2) + len(half2)]]
    assert [text[s:e] for s, e in seg.furniture] == ["— 2 —", "THE PYONGYANG TIMES"]


def test_all_rights_reserved_line_at_its_longest() -> None:
    # Up to 120 characters may come before "all rights reserved.": 140 in all.
    for lead, role in ((119, Role.BOILERPLATE), (120, Role.BOILERPLATE), (121, Role.TEXT)):
        line = "x" * (lead - 1) + " All rights reserved."
        text = "A first paragraph of the text, long enough.\n\n" + line + "\n"
        assert segment(text)[-1].role is role, lead
