"""The briefing note in every format: read back with real readers, citations resolving."""

import io
import re
import shutil
import subprocess
from functools import cache
from html.parser import HTMLParser

import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader

from briefing import config
from briefing.filters import Filters, apply_filters
from briefing.pipeline import analyze_folder
from briefing.report import (Briefing, Figure, Heading, Paragraph, Table, build_briefing, column_widths, file_name,
                             render, to_markdown)
from briefing.scenario import load_scenario
from briefing.wording import MISSING
from support import PROJECT_ROOT, SEEDS_DIR

SCENARIO = load_scenario(config.SCENARIO_FILE)
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "briefing"


@cache
def analysis():
    return analyze_folder(SEEDS_DIR, SCENARIO)


@cache
def rendered(output_format: str) -> bytes:
    return render(build_briefing(analysis(), SCENARIO), output_format)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.images = [], []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs)["src"])


def text_of(output_format: str) -> str:
    return _text(rendered(output_format), output_format)


def _text(data: bytes, output_format: str) -> str:
    if output_format in ("md",):
        return data.decode()
    if output_format == "html":
        parser = _Text()
        parser.feed(data.decode())
        return " ".join(parser.parts)
    if output_format == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("output_format", ["md", "html", "pdf", "docx"])
def test_every_format_holds_the_commitments_both_sides_and_the_sources(output_format):
    text = squash(text_of(output_format))
    for commitment in analysis().commitments:
        assert squash(commitment.label) in text
    for heading in ("Bottom line", "US positions", "China positions", "Disagreements and common ground", "Sources"):
        assert heading in text
    assert "Scope: 5 articles from 3 identified outlets" in text


@pytest.mark.parametrize("output_format", ["md", "html", "pdf", "docx"])
def test_every_citation_number_resolves_to_a_listed_source(output_format):
    text = text_of(output_format)
    document = build_briefing(analysis(), SCENARIO)
    listed = {n for n, *_ in document.sources}
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    assert cited and cited <= listed
    assert listed == set(range(1, len(listed) + 1))
    titles = {a.display_title for a in analysis().articles}
    assert all(title in titles for _, title, *_ in document.sources)


def test_html_links_citations_to_sources_and_embeds_charts():
    html = rendered("html").decode()
    assert re.search(r"<a href='#source-1'>\[1\]</a>", html)
    parser = _Text()
    parser.feed(html)
    assert len(parser.images) == 2 and all(src.startswith("data:image/png;base64,") for src in parser.images)


def test_docx_and_pdf_embed_the_charts():
    assert len(Document(io.BytesIO(rendered("docx"))).inline_shapes) == 2
    reader = PdfReader(io.BytesIO(rendered("pdf")))
    assert sum(len(page.images) for page in reader.pages) == 2


def test_pdf_pages_render_to_images_for_a_look(tmp_path):
    assert shutil.which("pdftoppm"), "make test installs poppler-utils"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "briefing.pdf"
    pdf.write_bytes(rendered("pdf"))
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(ARTIFACTS / "page")], check=True, timeout=60)
    pages = sorted(ARTIFACTS.glob("page-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(rendered("pdf"))).pages) >= 2
    assert all(page.stat().st_size > 5_000 for page in pages)


def test_a_filter_that_matches_nothing_yields_a_note_that_says_so():
    filters = Filters(outlets=("No Such Outlet",))
    document = build_briefing(apply_filters(analysis(), filters), SCENARIO, filters)
    text = to_markdown(document)
    assert "No article matches the filters applied" in text and "outlets: No Such Outlet" in text
    for output_format in ("html", "pdf", "docx"):
        assert render(document, output_format)


def test_the_note_covers_only_what_the_filters_show():
    filters = Filters(outlets=("Financial Times",))
    document = build_briefing(apply_filters(analysis(), filters), SCENARIO, filters)
    assert [outlet for _, _, outlet, _ in document.sources] == ["Financial Times"]


def test_article_words_cannot_become_markdown_or_html_in_the_note():
    from briefing.report import Briefing, Paragraph, to_html
    hostile = Briefing("T", [Paragraph("![x](https://evil.invalid/p.png) <script>alert(1)</script> [1]")])
    assert "](" not in to_markdown(hostile) and "<script>" not in to_markdown(hostile)
    assert "<script>" not in to_html(hostile) and "&lt;script&gt;" in to_html(hostile)


def test_file_name_carries_the_publication_dates_the_note_covers_and_its_filters():
    assert file_name(analysis(), Filters(), "pdf") == "briefing_2023-08-28_to_2023-08-30_all-articles.pdf"
    filters = Filters(outlets=("AP",), date_from="2023-08-29")
    assert file_name(apply_filters(analysis(), filters), filters, "docx") == "briefing_2023-08-30_ap.docx"


def test_file_name_of_a_note_on_undated_articles_says_undated():
    filters = Filters(outlets=("Financial Times",))
    assert file_name(apply_filters(analysis(), filters), filters, "md") == "briefing_undated_financial-times.md"


@pytest.mark.parametrize("output_format", ["md", "html", "pdf", "docx"])
def test_filters_applied_name_issues_and_articles_as_the_reader_knows_them(output_format):
    article = analysis().articles[0]
    filters = Filters(issues=("export_controls", "trade_secrets"), article_ids=(article.id,))
    document = build_briefing(apply_filters(analysis(), filters), SCENARIO, filters)
    text = squash(_text(render(document, output_format), output_format))
    assert f"articles: {article.display_title}; issues: Export controls, Trade secrets and IP." in text
    assert "export_controls" not in text and article.id not in text
    assert "Scope: 1 article from 1 identified outlet (" in text


def test_a_commitment_detail_no_article_reports_shows_the_missing_mark():
    document = build_briefing(analysis(), SCENARIO)
    (table,) = [block for block in document.blocks if isinstance(block, Table)]
    frequency = table.columns.index("Frequency")
    assert MISSING in {row[frequency] for row in table.rows}
    assert not {"–", "", "None"} & {cell for row in table.rows for cell in row}


def test_pdf_table_cells_break_lines_between_words_only():
    lines = [line.strip() for line in text_of("pdf").splitlines()]
    document = build_briefing(analysis(), SCENARIO)
    (table,) = [block for block in document.blocks if isinstance(block, Table)]
    words = {word for row in (table.columns, *table.rows) for cell in row for word in cell.split()}
    assert {"Frequency", "2023-08-28", "minister-level", "[1][2][3][5]"} <= words
    assert [word for word in words if not any(word in line.split() for line in lines)] == []


def test_column_widths_give_each_column_its_longest_word_then_the_rest_to_the_longer_texts():
    assert column_widths([10, 20], [50, 20], 100) == [65, 35]  # every cell on one line, the rest spread evenly
    assert column_widths([10, 20], [200, 120], 100) == [10 + 70 * 190 / 290, 20 + 70 * 100 / 290]
    assert column_widths([10, 20, 30], [200, 20, 30], 100) == [50, 20, 30]
    assert column_widths([60, 90], [60, 90], 100) == [40, 60]  # words wider than the page: all narrowed alike


def test_pdf_pages_are_filled_down_to_the_last_one(tmp_path):
    assert shutil.which("pdftoppm"), "make test installs poppler-utils"
    pdf = tmp_path / "briefing.pdf"
    pdf.write_bytes(rendered("pdf"))
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    images = [Image.open(path) for path in sorted(tmp_path.glob("page-*.png"))]
    assert len(images) >= 2
    blank_below = [1 - _last_inked_row(image) / image.height for image in images[:-1]]
    # 15 mm of bottom margin is 5 % of an A4 page; a heading kept with what follows leaves up to 10 % more.
    assert max(blank_below) < 0.17, blank_below


def _last_inked_row(image) -> int:
    pixels = image.convert("L").load()
    return max(y for y in range(image.height) if any(pixels[x, y] < 200 for x in range(image.width)))


def _page_texts(document: Briefing) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(io.BytesIO(render(document, "pdf"))).pages]


def _chart_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1125, 480), "#56B4E9").save(buffer, format="PNG")  # the briefing charts' 7.5 × 3.2 in
    return buffer.getvalue()


def test_pdf_figure_shrinks_to_fit_the_rest_of_a_page_rather_than_leave_it_half_blank():
    # 36 lines leave about 60 mm of the first page, short of the chart's 77 mm at full width.
    lines = [Paragraph(f"Line {n}.") for n in range(36)]
    document = Briefing("T", [*lines, Figure("A chart", _chart_png())])
    reader = PdfReader(io.BytesIO(render(document, "pdf")))
    assert len(reader.pages) == 1 and len(reader.pages[0].images) == 1
    too_little_room = Briefing("T", [*lines, *lines[:6], Figure("A chart", _chart_png())])
    assert [len(page.images) for page in PdfReader(io.BytesIO(render(too_little_room, "pdf"))).pages] == [0, 1]


def test_pdf_heading_never_ends_a_page_alone():
    lines = [Paragraph(f"Line {n}.") for n in range(45)]
    pages = _page_texts(Briefing("T", [*lines, Heading("Next section"), Paragraph("First line of it.")]))
    assert len(pages) == 2 and "Next section First line of it." in pages[1]
