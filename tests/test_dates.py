"""Dates as news text writes them, and date-only stamp lines."""

from briefing.dates import copyright_year, date_stamp, find_dates


def test_dates_are_found_in_day_month_month_day_and_numeric_forms():
    text = "Talks began on 28 August 2023, ended Aug. 30, 2023 and resumed 2024-04-26."
    assert [iso for iso, _, _ in find_dates(text)] == ["2023-08-28", "2023-08-30", "2024-04-26"]


def test_an_impossible_calendar_date_is_not_a_date():
    assert find_dates("on February 30, 2023") == []


def test_a_month_written_with_letters_that_case_folding_matches_is_read_not_a_crash():
    # The case-insensitive pattern matches "ſ" as "s" and "ı"/"İ" as "i"; the lookup must too.
    assert [iso for iso, _, _ in find_dates("ſept 30, 2023 and 3 JUNİ 2024")] == ["2023-09-30"]
    assert [iso for iso, _, _ in find_dates("Aprıl 5, 2024")] == ["2024-04-05"]
    assert date_stamp("ſeptember 30, 2023 09:15 am") == "2023-09-30"


def test_a_stamp_line_holds_only_a_date_and_filler():
    assert date_stamp("Published: 30 August, 2023 03:48 am GMT+8") == "2023-08-30"
    assert date_stamp("Published: 9:00pm, 30 Jan, 2024") == "2024-01-30"  # am/pm unspaced
    assert date_stamp("10:45AM EST, Oct 3, 2023") == "2023-10-03"
    assert date_stamp("Raimondo said on 30 August 2023 that talks went well.") is None


def test_a_copyright_range_hints_at_its_last_year():
    assert copyright_year("Copyright 1995 - 2023. All rights reserved.") == 2023
    assert copyright_year("Copyright © 2011-2024 South China Morning Post") == 2024
    assert copyright_year("© 2023 Reuters") == 2023
