"""The web pages (server-rendered, kk/ru/en); portal.app includes `router`.

    routes.py       the citizen's: catalogue, the form, my applications, status, verification
    data_access.py  the citizen's "who read my data"
    officer.py      the civil servants' under /officer/: inbox, task, actions, audit trail
"""

from fastapi import APIRouter

from portal.pages import data_access, officer, routes

router = APIRouter(include_in_schema=False)
for _pages in (routes, data_access, officer):
    router.include_router(_pages.router)

__all__ = ["router"]
