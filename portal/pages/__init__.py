"""The citizen's web pages (server-rendered, kk/ru/en); portal.app includes `router`."""

from portal.pages.routes import router

__all__ = ["router"]
