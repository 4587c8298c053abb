"""What XML can carry: text without the control characters XML 1.0 forbids."""

import re

# XML 1.0 allows tab, line feed and carriage return, and no other C0 control character.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text):
    """`text` with the characters XML cannot hold removed; fields refuse them on entry."""
    return _FORBIDDEN.sub("", text)
