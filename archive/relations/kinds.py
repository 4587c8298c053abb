"""The relations a document can have to another, each read from both ends.

Each kind has a label from the source's side, one from the target's side, and the
term of a published vocabulary it maps to (RiC-O 1.1, TEI, CIDOC-CRM, Dublin Core), so
exports say what the link means in terms other systems understand.
"""

from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _

RICO = "https://www.ica.org/standards/RiC/ontology#"
CRM = "http://www.cidoc-crm.org/cidoc-crm/"
DCTERMS = "http://purl.org/dc/terms/"
# For an export that must name a property where the standard term is none (forwarding):
# Dublin Core's "related resource", which claims no more than that the two are related.
RELATED = DCTERMS + "relation"


class RelationKind(models.TextChoices):
    REPLY_TO = "reply_to", _("reply to")
    FORWARDS = "forwards", _("forwards")
    ENCLOSES = "encloses", _("encloses")
    DRAFT_OF = "draft_of", _("draft of")
    COPY_OF = "copy_of", _("copy of")
    TRANSLATION_OF = "translation_of", _("translation of")
    REFERENCES = "references", _("references")


class Meaning(NamedTuple):
    inverse: str  # the label on the other document's page
    standard: str  # compact name of the standard term
    uri: str  # its URI; "" where the term is no property with a URI of its own


MEANINGS = {
    RelationKind.REPLY_TO: Meaning(_("replied to by"), "rico:isReplyTo", RICO + "isReplyTo"),
    # No vocabulary here has a property for forwarding. The term is a value of TEI's,
    # the type "forwarded" of a <correspAction>, which names no URI: none is made up for
    # it. JSON-LD relates the two documents by dcterms:relation (RELATED), the TEI names
    # the relation "forwards" and quotes the term in its description.
    RelationKind.FORWARDS: Meaning(_("forwarded in"), "tei:correspAction[@type=forwarded]", ""),
    RelationKind.ENCLOSES: Meaning(
        _("enclosed in"), "rico:hasOrHadConstituent", RICO + "hasOrHadConstituent"
    ),
    # RiC-O names the inverses (rico:hasDraft, rico:hasCopy), as it does isReplyTo's
    # (rico:hasReply). The exports need one term a relation: JSON-LD reads it backwards
    # under "@reverse", TEI by its @active and @passive, so the inverses are not mapped.
    RelationKind.DRAFT_OF: Meaning(_("has draft"), "rico:isDraftOf", RICO + "isDraftOf"),
    RelationKind.COPY_OF: Meaning(_("has copy"), "rico:isCopyOf", RICO + "isCopyOf"),
    # CIDOC-CRM's P73 runs from the original to the translation ("has translation").
    RelationKind.TRANSLATION_OF: Meaning(
        _("has translation"), "crm:P73i_is_translation_of", CRM + "P73i_is_translation_of"
    ),
    RelationKind.REFERENCES: Meaning(
        _("referenced by"), "dcterms:references", DCTERMS + "references"
    ),
}


class Certainty(models.TextChoices):
    CERTAIN = "certain", _("certain")
    PROBABLE = "probable", _("probable")
    POSSIBLE = "possible", _("possible")


class Status(models.TextChoices):
    """Only confirmed relations are public; the importer's are suggestions until then."""

    CONFIRMED = "confirmed", _("confirmed")
    SUGGESTED = "suggested", _("suggested, awaiting an archivist")
    REJECTED = "rejected", _("rejected")
