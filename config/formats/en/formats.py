"""English dates as archives and historians write them: "30 June 1951", not "June 30, 1951".

Russian keeps Django's own formats ("30 июня 1951 г."), which decline the month.
"""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
