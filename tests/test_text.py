"""Reader text reaches the page as written: Markdown punctuation, HTML and `code` spans in prose, tables, raw HTML."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from sysatlas.site.text import md

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]


def _visible(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@pytest.mark.parametrize(
    "text",
    [
        "statement_timeout and __init__ at ~20 ms",
        "a *b* c_d_e [x](y) {book, pen} #741 | pipe ! bang \\ back",
        "<script>alert(1)</script> & &amp;",
        "- not a list",
        "12. not a numbered item",
        "~~not struck~~ and ^caret^",
    ],
)
def test_prose_shows_as_written_in_markdown_table_and_raw_html(text: str) -> None:
    escaped = md(text)
    assert "\\" not in escaped.replace("&#92;", "")
    assert _visible(markdown.markdown(escaped, extensions=EXTENSIONS)) == text
    table = markdown.markdown(f"| a |\n|---|\n| {escaped} |", extensions=EXTENSIONS)
    assert _visible(table.split("<tbody>")[1]) == text
    assert _visible(markdown.markdown(f"<figcaption>{escaped}</figcaption>", extensions=EXTENSIONS)) == text


def test_backtick_spans_become_code() -> None:
    escaped = md("errors (`RequestLimitExceeded`, `x_y`) and a lone ` tick")
    rendered = markdown.markdown(escaped, extensions=EXTENSIONS)
    assert "<code>RequestLimitExceeded</code>" in rendered and "<code>x_y</code>" in html.unescape(rendered)
    assert _visible(rendered) == "errors (RequestLimitExceeded, x_y) and a lone ` tick"
