"""What XML can carry: text without the control characters XML 1.0 forbids.

Fields refuse control characters on entry, but rows written past the fields
(loaddata, QuerySet.update()) may still hold them, and one would make a whole
response unreadable. Everything the archive writes as XML is cleaned here, once,
as it is serialized.
"""

import re
import xml.etree.ElementTree as ET

from ..fields import CONTROL_CHARACTERS

# The control characters, and the two non-characters XML 1.0 excludes as well.
_FORBIDDEN = re.compile(rf"{CONTROL_CHARACTERS.pattern}|[\ufffe\uffff]")


def xml_text(text):
    """`text` with the characters XML cannot hold removed."""
    return _FORBIDDEN.sub("", str(text))  # str(): labels may be lazy translations


def tostring(root):
    """The tree as UTF-8 XML with a declaration, every text, tail and attribute made safe."""
    for element in root.iter():
        if element.text:
            element.text = xml_text(element.text)
        if element.tail:
            element.tail = xml_text(element.tail)
        for name, value in element.attrib.items():
            element.set(name, xml_text(value))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
