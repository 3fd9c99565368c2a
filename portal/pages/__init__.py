"""The web pages (server-rendered, kk/ru/en); portal.app includes `router`.

    routes.py       the citizen's: catalogue, the form, my applications, status, verification
    citizen_actions.py  the citizen's answer to a question, withdrawal and appeal, a page each
    data_access.py  the citizen's "who read my data"
    my_tasks.py     the citizen's tasks from others' applications (a family member's consent)
    officer.py      the civil servants' under /officer/: inbox, task, actions, audit trail
    assets.py       /assets/refresh.js, which keeps a status page current (no inline script)
"""

from fastapi import APIRouter

from portal.pages import assets, citizen_actions, data_access, my_tasks, officer, routes

router = APIRouter(include_in_schema=False)
for _pages in (routes, assets, citizen_actions, data_access, my_tasks, officer):
    router.include_router(_pages.router)

__all__ = ["router"]
