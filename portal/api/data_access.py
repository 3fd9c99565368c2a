"""GET /me/data-access: which system read which of my data, and why ("who looked at my data").

The registries gateway keeps the log (one entry per person per call, with the purpose every
call must state); the portal asks it with its own system identity for the caller's IIN only,
and explains each entry in the caller's three languages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from connectors.access_log import FIELD_TITLES, REGISTRY_TITLES, DataAccess, fetch_access_log
from connectors.errors import RegistryRefusal, RegistryUnavailable
from portal.auth import CurrentPrincipal
from portal.problems import Forbidden, Unavailable
from services.catalogue import get_service

router = APIRouter(prefix="/me", tags=["profile"])

Text = dict[str, str]

# Purposes that are not a service of the catalogue (GET /me reads the profile to prefill forms).
_OTHER_PURPOSES: dict[str, Text] = {
    "profile-prefill": {"kk": "Өтініш нысанын алдын ала толтыру", "ru": "Предзаполнение форм заявлений",
                        "en": "Prefilling application forms"},
    "acting-for-business": {"kk": "Сіз басқаратын бизнестің атынан әрекет етуді тексеру",
                            "ru": "Проверка права действовать от имени вашего бизнеса",
                            "en": "Checking that you may act for a business you head"},
}
_PORTAL_SYSTEM: Text = {"kk": "«Бір терезе» порталы", "ru": "Портал «Одно окно»", "en": "One-window portal"}
_SYSTEM_TITLES: dict[str, Text] = {
    "career-centre": {"kk": "Мансап орталығы", "ru": "Центр трудовой мобильности", "en": "Career centre"},
    "notification-monitor": {"kk": "Хабарламалар шлюзінің мониторингі", "ru": "Мониторинг шлюза уведомлений",
                             "en": "Notification gateway monitoring"},
}


def _as_is(value: str) -> Text:
    # A code the portal has no words for is shown as it is, in every language.
    return {"kk": value, "ru": value, "en": value}


class DataField(BaseModel):
    code: str
    title: Text


class Purpose(BaseModel):
    application_id: str
    service_code: str
    service_title: Text


class DataAccessEntry(BaseModel):
    at: datetime
    system: str
    system_title: Text
    registry: str
    registry_title: Text
    action: str  # "read" or "write"
    fields: list[DataField]
    purpose: Purpose


class DataAccessList(BaseModel):
    items: list[DataAccessEntry]


def _service_title(code: str) -> Text:
    spec = get_service(code)
    if spec is not None:
        return dict(spec.title)
    return _OTHER_PURPOSES.get(code, _as_is(code))


def explain(entry: DataAccess, portal_system: str) -> DataAccessEntry:
    system_title = _PORTAL_SYSTEM if entry.system == portal_system else _SYSTEM_TITLES.get(entry.system)
    return DataAccessEntry(
        at=entry.at, system=entry.system, system_title=system_title or _as_is(entry.system),
        registry=entry.registry, registry_title=REGISTRY_TITLES.get(entry.registry, _as_is(entry.registry)),
        action=entry.action,
        fields=[DataField(code=f, title=FIELD_TITLES.get(f, _as_is(f))) for f in entry.fields],
        purpose=Purpose(application_id=entry.application_id, service_code=entry.service_code,
                        service_title=_service_title(entry.service_code)),
    )


@router.get("/data-access", response_model=DataAccessList,
            responses={403: {"description": "not a citizen"},
                       503: {"description": "the registries gateway does not answer"}},
            summary="Who read or wrote my data in the state registries, and for what, newest first")
async def my_data_access(request: Request, principal: CurrentPrincipal,
                         limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> DataAccessList:
    iin = principal.iin
    if principal.kind != "citizen" or iin is None:
        raise Forbidden("only a citizen can see who read their data")
    client = request.app.state.registries
    try:
        entries = await fetch_access_log(client, iin, limit)
    except (RegistryUnavailable, RegistryRefusal) as exc:
        raise Unavailable("the registries gateway does not answer; try again shortly",
                          slug="registry-unavailable", headers={"Retry-After": "30"}) from exc
    return DataAccessList(items=[explain(e, client.system_id) for e in entries])
