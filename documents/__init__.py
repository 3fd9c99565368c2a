"""Signed documents: the certificates services issue, and their public verification.

    signer.py         DocumentSigner (ES256 keys on disk, JWKS, rotation; the workers), DocumentKeys (the
                      public half, all the portal holds), verify_with_jwks
    activities.py     DocumentActivities: "documents.issue_certificate"
    verification.py   verify_document, behind the portal's public verify link
"""
