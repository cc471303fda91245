"""Reading articles: every kind of input, and every kind of bad input, named with its place."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventwire.doc import Article
from eventwire.errors import InputError
from eventwire.ingest.readers import iter_articles, read_txt
from tests.conftest import SEED_ARTICLE


def _results(*inputs, stdin=None):
    return list(iter_articles(inputs, stdin=stdin))


def test_txt_headline_is_first_nonempty_line(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("\n\n  Headline here  \nBody line one.\nBody line two.\n", encoding="utf-8")
    article = read_txt(path)
    assert article.title == "Headline here"
    assert article.text.startswith("Headline here")
    assert article.path == str(path)


def test_seed_article_reads_with_stable_id():
    first = read_txt(SEED_ARTICLE)
    second = read_txt(SEED_ARTICLE)
    assert first.title == "Putin tells British PM, Russia wants talks to curb NATO expansion"
    assert first.id == second.id and len(first.id) == 16


def test_crlf_is_normalised(tmp_path: Path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title\r\nRussia warned Ukraine.\r\n")
    assert "\r" not in read_txt(path).text


def test_jsonl_fields_and_line_errors(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "NATO met in Brussels.", "date": "2021-12-13T10:00:00Z"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Fine.", "date": "13/12/2021"}),
        json.dumps({"text": "Also fine.", "title": 5}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": 7, "text": "Numeric ids become strings."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = _results(path)
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [a.id for a in articles] == ["a1", "7"]
    assert articles[0].date == "2021-12-13"
    assert [(e.code, e.where) for e in errors] == [
        ("E106", f"{path}:2"),
        ("E107", f"{path}:3"),
        ("E110", f"{path}:4"),
        ("E110", f"{path}:5"),
        ("E107", f"{path}:6"),
    ]


def test_stdin_jsonl():
    stream = io.BytesIO(b'{"text": "Russia threatened Ukraine."}\n{"text": ""}\n')
    results = _results("-", stdin=stream)
    assert isinstance(results[0], Article)
    assert isinstance(results[1], InputError) and results[1].where == "<stdin>:2"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "E103"),
        ("blank.txt", b"  \n\t\n  ", "E103"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "E104"),
        ("latin1.txt", "Caf\u00e9 in Z\u00fcrich".encode("latin-1"), "E105"),
        ("notes.docx", b"PK\x03\x04", "E109"),
        ("empty.html", b"<html><head><script>var a=1;</script></head><body></body></html>", "E108"),
    ],
)
def test_bad_files_are_named_with_a_code(tmp_path: Path, name: str, content: bytes, code: str):
    path = tmp_path / name
    path.write_bytes(content)
    (result,) = _results(path)
    assert isinstance(result, InputError)
    assert result.code == code
    assert str(path) in str(result)


def test_missing_path_and_empty_directory(tmp_path: Path):
    missing, empty = tmp_path / "nope.txt", tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "empty" / "readme.md").write_text("not an article")
    results = _results(missing, empty)
    assert [r.code for r in results] == ["E101", "E102"]


def test_directory_is_read_recursively_and_in_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two\nBody.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("One\nBody.", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("x,y")
    titles = [r.title for r in _results(tmp_path)]
    assert titles == ["Two", "One"]  # sorted by path: b/two.txt before one.txt; .csv ignored


def test_html_article_is_extracted(tmp_path: Path):
    body = " ".join(
        f"<p>Paragraph {i}: European foreign ministers imposed sanctions on the Wagner group, "
        "officials said on Monday in Brussels.</p>"
        for i in range(6)
    )
    html = (
        "<html><head><title>EU sanctions Wagner</title>"
        '<meta property="article:published_time" content="2021-12-13">'
        '<link rel="canonical" href="https://example.org/eu-wagner"></head>'
        f"<body><nav>Home | World</nav><article><h1>EU sanctions Wagner</h1>{body}</article>"
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (article,) = _results(path)
    assert isinstance(article, Article)
    assert "Wagner group" in article.text
    assert article.title == "EU sanctions Wagner"
    assert article.date == "2021-12-13"
    assert article.url == "https://example.org/eu-wagner"


def test_over_long_article_is_refused(tmp_path: Path):
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "word " * 50}) + "\n", encoding="utf-8")
    (result,) = list(iter_articles([path], max_chars=100))
    assert isinstance(result, InputError) and result.code == "E111"
