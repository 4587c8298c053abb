"""Dates known to a day, a month or a year, as archival dates are.

A partial date is stored as its first day plus a precision: "June 1951" is
1951-06-01 with month precision. That keeps dates sortable and lets a range
query ask whether any day the date can mean falls inside the range.
"""

import datetime

from django.db import models
from django.utils.formats import date_format


class DatePrecision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


def format_partial_date(date, precision, approximate=False):
    """Format to the precision known, in the active language: "30 June 1951", "June 1951"."""
    if date is None:
        return ""
    if precision == DatePrecision.YEAR:
        text = str(date.year)
    elif precision == DatePrecision.MONTH:
        text = date_format(date, "YEAR_MONTH_FORMAT")
    else:
        text = date_format(date, "j F Y")
    return f"c. {text}" if approximate else text


def could_end_on_or_after(day):
    """Q for documents whose date can mean `day` or later (partial dates included)."""
    return (
        models.Q(date_precision=DatePrecision.DAY, date__gte=day)
        | models.Q(date_precision=DatePrecision.MONTH, date__gte=day.replace(day=1))
        | models.Q(date_precision=DatePrecision.YEAR, date__gte=datetime.date(day.year, 1, 1))
    )
