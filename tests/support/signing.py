"""Updates a test sends straight to Temporal, signed as the portal signs them (onestop/action_signing.py)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from onestop.action_signing import signer_for
from onestop.settings import Settings

M = TypeVar("M", bound=BaseModel)


def signed(settings: Settings, update: str, workflow_id: str, arg: M) -> M:
    return arg.model_copy(update={"signature": signer_for(settings).sign(update, workflow_id, arg)})


class SigningHandle:
    """A workflow handle whose updates are signed as the portal signs them; the rest as it is."""

    def __init__(self, handle: Any, settings: Settings) -> None:
        self._handle = handle
        self._settings = settings

    async def execute_update(self, update: str, arg: BaseModel, **kwargs: Any) -> Any:
        return await self._handle.execute_update(update, signed(self._settings, update, self._handle.id, arg),
                                                 **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)
