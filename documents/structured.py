"""Structured data (schema.org Legislation, JSON-LD) of a document's page, for search engines."""

import json

from django.conf import settings
from markupsafe import Markup

from .models import Status

LEGAL_FORCE = {
    Status.IN_FORCE: "https://schema.org/InForce",
    Status.NOT_YET: "https://schema.org/NotInForce",
    Status.EXPIRED: "https://schema.org/NotInForce",
}


def structured_data(document):
    """A ``<script type="application/ld+json">`` element describing ``document``.

    A data block, never run: the Content-Security-Policy does not apply to it. "<" is written
    as \\u003c so no text of the document can close the element.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": f"{document.doc_type.name} {document.number}",
        "legislationIdentifier": document.number,
        "legislationType": document.doc_type.name,
        "abstract": document.summary,
        "legislationDate": document.issued_on.isoformat(),
        "legislationDateOfApplicability": document.effective_on.isoformat(),
        "legislationLegalForce": LEGAL_FORCE[document.status],
        "legislationPassedBy": {
            "@type": "GovernmentOrganization",
            "name": document.issuing_body.name,
        },
        "inLanguage": "vi",
        "url": document.canonical_url,
        "encoding": [
            {
                "@type": "MediaObject",
                "name": attached.download_name,
                "encodingFormat": attached.content_type,
                "contentSize": attached.size,
                "contentUrl": settings.SITE_URL + attached.get_absolute_url(),
            }
            for attached in document.file_list
        ],
    }
    if document.expires_on:
        data["expires"] = document.expires_on.isoformat()
    if document.signer_name:
        data["author"] = {
            "@type": "Person",
            "name": document.signer_name,
            "jobTitle": document.signer_position,
        }
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    # Every value is JSON-encoded, and "<" escaped above.
    return Markup(f'<script type="application/ld+json">{text}</script>')  # noqa: S704  # nosec B704
