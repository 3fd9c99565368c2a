"""The built-in OpenID Connect provider for development: `onestop idp`.

In production any OIDC provider takes its place; the portal only knows the issuer URL.
"""
