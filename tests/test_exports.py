"""briefing.exports: CSV files safe to open in a spreadsheet."""

import csv
import io

import pandas as pd
import pytest

from briefing.exports import csv_bytes, neutralised


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://evil.example","click")', "+1 for security", "-2 per cent",
                                  "@SUM(A1:A9)", "\t=1+1", "\r=1+1"])
def test_a_cell_beginning_as_a_formula_is_written_after_an_apostrophe(cell):
    assert neutralised(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Raimondo said", "a = b", "1+1", "'=already text", "", " =1+1"])
def test_a_cell_not_beginning_as_a_formula_is_written_as_it_is(cell):
    assert neutralised(cell) == cell


def test_every_text_cell_and_column_name_of_the_csv_is_neutralised_and_numbers_stay_numbers():
    frame = pd.DataFrame({"Quote": ["=1+1", "fine", None, "-x"], "Count": [-1, 2, 3, 4], "Share": [-1.5, None, 2.0, 3.0],
                          "@Outlet": ["@evil", "\tx", "\rx", "+1"],
                          "Side": pd.Categorical(["=US", "China", "=US", "China"])})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows[0] == ["Quote", "Count", "Share", "'@Outlet", "Side"]
    assert [row[0] for row in rows[1:]] == ["'=1+1", "fine", "", "'-x"]
    assert [row[3] for row in rows[1:]] == ["'@evil", "'\tx", "'\rx", "'+1"]
    assert [row[4] for row in rows[1:]] == ["'=US", "China", "'=US", "China"]
    assert [row[1:3] for row in rows[1:]] == [["-1", "-1.5"], ["2", ""], ["3", "2.0"], ["4", "3.0"]]


def test_writing_the_csv_leaves_the_frame_as_it_was():
    frame = pd.DataFrame({"Quote": ["=1+1"], "=Name": ["x"]})
    csv_bytes(frame)
    assert list(frame.columns) == ["Quote", "=Name"] and frame["Quote"].iloc[0] == "=1+1"


def test_a_cell_holding_a_carriage_return_or_line_break_stays_one_cell():
    frame = pd.DataFrame({"Quote": ["one\rtwo", "three\nfour", "five"], "Count": [1, 2, 3]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows == [["Quote", "Count"], ["one\rtwo", "1"], ["three\nfour", "2"], ["five", "3"]]
