"""The written briefing: one document model, rendered to Markdown, HTML, PDF and DOCX.

``build_briefing`` turns an (optionally filtered) analysis into blocks — headings, paragraphs,
bullets, tables, figures — whose sentences cite their sources as [n]; every [n] resolves to an
entry of the source list (title, outlet, date). The renderers only lay the blocks out, so every
format says the same thing. Charts are drawn with matplotlib (no browser) in the dashboard's
side colours.
"""

from __future__ import annotations

import base64
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from briefing.aggregates import CHARTED_COMMITMENTS, distinct_labels, most_reported
from briefing.bottom_line import bottom_line
from briefing.charts import SIDE_COLOURS
from briefing.filters import Filters
from briefing.pipeline import Analysis
from briefing.scenario import Scenario
from briefing.tables import SIDES, common_ground, disagreements, issue_labels, issue_side_counts
from briefing.wording import MISSING, plural

FORMATS = ("md", "html", "pdf", "docx")
QUOTES_PER_SIDE_AND_ISSUE = 2


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    title: str
    png: bytes


@dataclass
class Briefing:
    title: str
    blocks: list = field(default_factory=list)
    sources: list[tuple[int, str, str, str]] = field(default_factory=list)  # n, title, outlet, date


class Citations:
    """Numbers sources in order of first citation."""

    def __init__(self, analysis: Analysis):
        self._articles = {a.id: a for a in analysis.articles}
        self._numbers: dict[str, int] = {}

    def cite(self, *article_ids: str) -> str:
        numbers = sorted({self._numbers.setdefault(a, len(self._numbers) + 1) for a in article_ids if a in self._articles})
        return "".join(f"[{n}]" for n in numbers)

    def sources(self) -> list[tuple[int, str, str, str]]:
        return [
            (n, self._articles[a].display_title, self._articles[a].outlet or "unknown outlet",
             self._articles[a].published.value or "undated")
            for a, n in sorted(self._numbers.items(), key=lambda item: item[1])
        ]


def build_briefing(analysis: Analysis, scenario: Scenario, filters: Filters = Filters(),
                   with_charts: bool = True) -> Briefing:
    """The briefing note for what ``analysis`` holds (already filtered by ``filters``)."""
    document = Briefing(f"Briefing: {scenario.name}")
    blocks = document.blocks
    blocks.append(Paragraph(_scope(analysis, scenario, filters)))
    if not analysis.articles:
        blocks.append(Paragraph("No article matches the filters applied, so there is nothing to brief on. "
                                "Widen the filters and produce the note again."))
        return document
    citations = Citations(analysis)
    labels = issue_labels(scenario)

    blocks.append(Heading("Bottom line"))
    # The scope line already opens the note, so the bottom line starts with the commitments.
    blocks.append(Bullets(tuple(f"{claim.text} {citations.cite(*(a for a, _ in claim.evidence))}".strip()
                                for claim in bottom_line(analysis, scenario)[1:6])))

    blocks.append(Heading("Commitments"))
    if analysis.commitments:
        blocks.append(Table(
            ("Commitment", "Parties", "Strength", "Level", "Frequency", "First meeting", "Articles", "Mentions",
             "Outlets", "Sources"),
            tuple((c.label, " & ".join(c.parties) or "unclear", c.strength, c.details.get("level") or MISSING,
                   c.details.get("frequency") or MISSING, c.details.get("first_meeting") or MISSING, str(c.article_count),
                   str(c.mention_count), ", ".join(c.outlets) or "unknown", citations.cite(*c.article_ids))
                  for c in analysis.commitments),
        ))
        if with_charts:
            blocks.append(Figure("Articles reporting each commitment", _commitments_chart(analysis)))
    else:
        blocks.append(Paragraph("No commitment is reported in these articles."))

    blocks.append(Heading("Where each side stands"))
    counts = issue_side_counts(analysis, scenario)
    if counts.empty:
        blocks.append(Paragraph("Neither side takes a position in these articles."))
    else:
        if with_charts:
            blocks.append(Figure("Statements per issue, by side", _issue_chart(counts)))
        for side in SIDES:
            blocks.append(Heading(f"{side} positions", 3))
            blocks.append(Bullets(_side_positions(analysis, side, labels, citations) or ("No position recorded.",)))

    blocks.append(Heading("Disagreements and common ground"))
    items = [
        f"{labels.get(d.issue, d.issue)}: US {d.us.stance} — “{_clip(d.us.claim)}” ({d.us.actor}) "
        f"{citations.cite(d.us.article_id)}; China {d.china.stance} — “{_clip(d.china.claim)}” ({d.china.actor}) "
        f"{citations.cite(d.china.article_id)}"
        for d in disagreements(analysis, skip=scenario.mechanism_issues)
    ]
    shared = common_ground(analysis)
    if shared:
        items.append("Common ground: both sides make offers or positive assessments on "
                     + ", ".join(labels.get(issue, issue).lower() for issue in shared) + ".")
    blocks.append(Bullets(tuple(items) or ("No clear disagreement or common ground in these articles.",)))

    blocks.append(Heading("Vocabulary of each side"))
    blocks.append(Bullets(tuple(
        f"{side}: " + (", ".join(t.term for t in analysis.keywords.sides.get(side, [])[:10]) or "not enough text")
        for side in SIDES)))

    document.sources = citations.sources()
    return document


def _scope(analysis: Analysis, scenario: Scenario, filters: Filters) -> str:
    dates = date_range(analysis)
    outlets = sorted({a.outlet for a in analysis.articles if a.outlet})
    span = f"dated {dates[0]} to {dates[1]}" if dates else "no dated article"
    # The note names issues and articles as the reader knows them, not by their ids.
    applied = "; ".join(filters.describe({a.id: a.display_title for a in analysis.articles},
                                         issue_labels(scenario))) or "none"
    return (f"Scope: {plural(len(analysis.articles), 'article')} from {plural(len(outlets), 'identified outlet')} "
            f"({', '.join(outlets) or 'none'}), {span}. Filters applied: {applied}.")


def date_range(analysis: Analysis) -> tuple[str, str] | None:
    """The first and last publication dates of the analysed articles; None when none is dated."""
    dates = sorted(a.published.value for a in analysis.articles if a.published.value)
    return (dates[0], dates[-1]) if dates else None


def _side_positions(analysis: Analysis, side: str, labels: dict, citations: Citations) -> tuple[str, ...]:
    by_issue = defaultdict(list)
    for position in analysis.positions:
        if position.side == side:
            by_issue[position.issue].append(position)
    items = []
    for issue, positions in sorted(by_issue.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        # Full quoted statements say more than one- or two-word scare quotes.
        quoted = [p for p in positions if p.source == "quote" and len(p.claim.split()) >= 5] or positions
        examples = "; ".join(f"“{_clip(p.claim)}” ({p.actor}) {citations.cite(p.article_id)}"
                             for p in quoted[:QUOTES_PER_SIDE_AND_ISSUE])
        stances = ", ".join(sorted({p.stance for p in positions}))
        items.append(f"{labels.get(issue, issue)} ({plural(len(positions), 'statement')}; {stances}): {examples}")
    return tuple(items)


def _clip(text: str, words: int = 22) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


# --- charts (matplotlib, no browser) -------------------------------------------------------------

def _figure_png(draw) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7.5, 3.2), dpi=150)
    draw(axes)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def _commitments_chart(analysis: Analysis) -> bytes:
    charted = most_reported(analysis.commitments, CHARTED_COMMITMENTS)
    labels = distinct_labels(c.label for c in charted)[::-1]
    values = [c.article_count for c in charted][::-1]
    title = ("Articles reporting each commitment" if len(charted) == len(analysis.commitments)
             else f"Articles per commitment (top {len(charted)})")

    def draw(axes):
        axes.barh(labels, values, color="#56B4E9")
        axes.set_title(title, loc="left", fontsize=11)
        axes.set_xlabel("Articles")
        axes.set_ylabel("Commitment")
        axes.xaxis.get_major_locator().set_params(integer=True)
    return _figure_png(draw)


def _issue_chart(counts) -> bytes:
    top = counts.head(10).iloc[::-1]

    def draw(axes):
        axes.barh(top["Issue"], -top["US"], color=SIDE_COLOURS["US"], label="US")
        axes.barh(top["Issue"], top["China"], color=SIDE_COLOURS["China"], label="China")
        largest = max(int(top["US"].max()), int(top["China"].max()), 1)
        axes.set_xlim(-largest * 1.1, largest * 1.1)
        ticks = axes.get_xticks()
        axes.set_xticks(ticks, [str(abs(int(t))) for t in ticks])
        axes.axvline(0, color="#888888", linewidth=0.8)
        axes.set_title("Statements per issue, by side", loc="left", fontsize=11)
        axes.set_xlabel("Statements (US ← → China)")
        axes.set_ylabel("Issue")
        axes.legend(loc="lower right", fontsize=8)
    return _figure_png(draw)


# --- renderers -----------------------------------------------------------------------------------

def to_markdown(document: Briefing) -> str:
    lines = [f"# {_md(document.title)}", ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * block.level} {_md(block.text)}", ""]
        elif isinstance(block, Paragraph):
            lines += [_md(block.text), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {_md(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            lines += ["| " + " | ".join(block.columns) + " |", "|" + "---|" * len(block.columns)]
            lines += ["| " + " | ".join(_md(cell).replace("|", "\\|") for cell in row) + " |" for row in block.rows]
            lines.append("")
    lines += _sources_lines(document, _md)
    return "\n".join(lines).rstrip() + "\n"


def _md(text: str) -> str:
    """Article words cannot become markdown links, images or HTML in the note ([n] stays as is)."""
    return re.sub(r"([\\`*_{}<>!#|])", r"\\\1", text).replace("](", "]\\(")


def _sources_lines(document: Briefing, clean) -> list[str]:
    if not document.sources:
        return []
    return ["## Sources", ""] + [f"{n}. {clean(title)} — {clean(outlet)}, {date_}"
                                 for n, title, outlet, date_ in document.sources] + [""]


def to_html(document: Briefing, standalone: bool = True) -> str:
    """A standalone page, or (``standalone=False``) the body alone, to embed in another page."""
    parts = [f"<h1>{escape(document.title)}</h1>"]
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{_html_citations(block.text)}</p>")
        elif isinstance(block, Bullets):
            parts.append("<ul>" + "".join(f"<li>{_html_citations(item)}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{escape(column)}</th>" for column in block.columns)
            body = "".join("<tr>" + "".join(f"<td>{_html_citations(cell)}</td>" for cell in row) + "</tr>"
                           for row in block.rows)
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif isinstance(block, Figure):
            encoded = base64.b64encode(block.png).decode()
            parts.append(f"<figure><img alt='{escape(block.title)}' src='data:image/png;base64,{encoded}'>"
                         f"<figcaption>{escape(block.title)}</figcaption></figure>")
    if document.sources:
        parts.append("<h2>Sources</h2><ol>" + "".join(
            f"<li id='source-{n}' value='{n}'>{escape(title)} — {escape(outlet)}, {escape(date_)}</li>"
            for n, title, outlet, date_ in document.sources) + "</ol>")
    body = "".join(parts)
    if not standalone:
        return f"<div class='briefing'>{body}</div>"
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(document.title)}</title>"
            "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5;color:#222}"
            "table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;"
            f"text-align:left;vertical-align:top}}img{{max-width:100%}}</style></head><body>{body}</body></html>")


def _html_citations(text: str) -> str:
    """Escape the text, then turn each [n] into a link to its source."""
    return re.sub(r"\[(\d+)\]", r"<a href='#source-\1'>[\1]</a>", escape(text))


def to_docx(document: Briefing) -> bytes:
    from docx import Document
    from docx.shared import Inches

    word = Document()
    word.add_heading(document.title, level=0)
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=block.level - 1)
        elif isinstance(block, Paragraph):
            word.add_paragraph(_printable(block.text))
        elif isinstance(block, Bullets):
            for item in block.items:
                word.add_paragraph(_printable(item), style="List Bullet")
        elif isinstance(block, Table):
            table = word.add_table(rows=1, cols=len(block.columns))
            table.style = "Table Grid"
            for cell, column in zip(table.rows[0].cells, block.columns):
                cell.text = column
            for row in block.rows:
                for cell, value in zip(table.add_row().cells, row):
                    cell.text = _printable(value)
        elif isinstance(block, Figure):
            word.add_picture(io.BytesIO(block.png), width=Inches(6.0))
            word.add_paragraph(block.title, style="Caption")
    if document.sources:
        word.add_heading("Sources", level=1)
        for n, title, outlet, date_ in document.sources:
            word.add_paragraph(_printable(f"[{n}] {title} — {outlet}, {date_}"))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _printable(text: str) -> str:
    """XML (DOCX) cannot hold control characters; article text occasionally does."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)


def to_pdf(document: Briefing) -> bytes:
    import matplotlib
    from fpdf import FPDF

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("DejaVu", "", str(font / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(font / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def text(value: str, size: float = 10, style: str = "", height: float = 5.5) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(width, height, _printable(value), new_x="LMARGIN", new_y="NEXT", align="L")

    text(document.title, 17, "B", 9)
    for block in document.blocks:
        if isinstance(block, Heading):
            if pdf.get_y() + HEADING_KEEP_MM > pdf.page_break_trigger:
                pdf.add_page()  # a heading starts a page rather than end one alone
            else:
                pdf.ln(2)
            text(block.text, 14 if block.level == 2 else 12, "B", 7)
        elif isinstance(block, Paragraph):
            text(block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                text(f"•  {item}")
                pdf.ln(1)
        elif isinstance(block, Table):
            pdf.set_font("DejaVu", "", 7.5)
            widths = _pdf_column_widths(pdf, block, width)
            with pdf.table(line_height=4, text_align="LEFT", col_widths=widths) as table:
                for row in (block.columns, *block.rows):
                    cells = table.row()
                    for value in row:
                        cells.cell(_printable(value))
            pdf.ln(2)
        elif isinstance(block, Figure):
            natural = width * _png_aspect(block.png)
            room = pdf.page_break_trigger - pdf.get_y() - FIGURE_CAPTION_MM
            scale = _figure_scale(natural, room)
            if scale == 0:
                pdf.add_page()
                scale = 1.0
            pdf.image(io.BytesIO(block.png), w=width * scale)
            text(block.title, 8)
    if document.sources:
        pdf.ln(2)
        text("Sources", 14, "B", 7)
        for n, title, outlet, date_ in document.sources:
            text(f"[{n}] {title} — {outlet}, {date_}", 9)
    return bytes(pdf.output())


#: A figure shrinks to fit the rest of a page down to this share of its full size; smaller than
#: that, it starts the next page instead (a page left half blank reads as the end of a section).
MIN_FIGURE_SCALE = 0.6
FIGURE_CAPTION_MM = 6.0
#: Room a heading needs below it (its own line and a few lines of what it heads) to stay on a page.
HEADING_KEEP_MM = 30.0


def _figure_scale(natural_height: float, room: float) -> float:
    """How much to shrink a figure ``natural_height`` tall to fit ``room`` (1.0: as is; 0: it does not fit)."""
    if natural_height <= room:
        return 1.0
    scale = room / natural_height
    return scale if scale >= MIN_FIGURE_SCALE else 0.0


def _png_aspect(png: bytes) -> float:
    """Height over width of a PNG, read from its header."""
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return height / width


def column_widths(longest_words: list[float], full_texts: list[float], available: float) -> list[float]:
    """Widths for table columns that break lines only between words where they can.

    Each column first gets its longest word (``longest_words``, padding included); the space left
    goes to the columns whose whole text (``full_texts``, the longest cell on one line) needs more,
    in proportion to what each lacks. Only when the longest words alone overflow ``available`` are
    all columns narrowed alike, and then a word wider than its column is broken.
    """
    least = sum(longest_words)
    if least >= available:
        return [w * available / least for w in longest_words]
    wants = [max(0.0, full - word) for word, full in zip(longest_words, full_texts)]
    spare, wanted = available - least, sum(wants)
    if wanted <= spare:  # every cell fits on one line: the rest of the row spreads evenly
        extra = (spare - wanted) / len(wants)
        return [word + want + extra for word, want in zip(longest_words, wants)]
    return [word + spare * want / wanted for word, want in zip(longest_words, wants)]


def _pdf_column_widths(pdf, table: Table, available: float) -> list[float]:
    """``column_widths`` measured in the PDF's fonts: the header row is bold, the cells regular."""
    padding = 2 * pdf.c_margin + 0.5

    def measured(cells: list[str], style: str) -> tuple[float, float]:
        pdf.set_font(style=style)
        words = [pdf.get_string_width(word) for cell in cells for word in _printable(cell).split()]
        return (max(words, default=0.0) + padding, max(map(pdf.get_string_width, cells), default=0.0) + padding)

    words, texts = [], []
    for index, column in enumerate(table.columns):
        head_word, head_text = measured([column], "B")
        cell_word, cell_text = measured([row[index] for row in table.rows], "")
        words.append(max(head_word, cell_word))
        texts.append(max(head_text, cell_text))
    pdf.set_font(style="")
    return column_widths(words, texts, available)


def render(document: Briefing, output_format: str) -> bytes:
    """The document in one of FORMATS, as bytes ready to write or download."""
    if output_format == "md":
        return to_markdown(document).encode("utf-8")
    if output_format == "html":
        return to_html(document).encode("utf-8")
    if output_format == "docx":
        return to_docx(document)
    if output_format == "pdf":
        return to_pdf(document)
    raise ValueError(f"unknown format '{output_format}'; choose one of {', '.join(FORMATS)}")


def file_name(analysis: Analysis, filters: Filters, output_format: str) -> str:
    """briefing_<first>_to_<last>_<scope>.<ext>: the publication dates the note covers (one date
    when they are the same, "undated" when no article is dated) and the filters that chose it
    (issue ids, outlets, sides, how many articles picked by hand)."""
    dates = date_range(analysis)
    span = "undated" if dates is None else dates[0] if dates[0] == dates[1] else f"{dates[0]}_to_{dates[1]}"
    scope = "-".join(part for value in (filters.outlets, filters.sides, filters.issues) for part in value)
    if filters.article_ids:
        scope = "-".join(filter(None, [scope, f"{len(filters.article_ids)}-articles"]))
    slug = re.sub(r"[^a-z0-9]+", "-", (scope or "all-articles").lower()).strip("-")[:60]
    return f"briefing_{span}_{slug}.{output_format}"
