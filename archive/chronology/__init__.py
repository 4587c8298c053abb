"""Dates as known and times as read: EDTF datings, inferred datings, a telegram's handling
steps in their own time zones, and events that group documents on one timeline."""
