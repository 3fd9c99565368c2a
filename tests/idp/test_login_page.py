"""The login page: languages, labels, and clear refusals."""

from __future__ import annotations

import httpx
import pytest

from onestop import demo
from tests.idp.browser import Pkce, authorize_params, login
from tests.idp.process import Idp


@pytest.mark.parametrize("lang, password_label, submit", [
    ("kk", "Құпиясөз", "Кіру"), ("ru", "Пароль", "Войти"), ("en", "Password", "Log in")])
def test_page_speaks_the_requested_language(idp: Idp, lang: str, password_label: str,
                                            submit: str) -> None:
    page = httpx.get(f"{idp.url}/authorize",
                     params=authorize_params(idp, Pkce.new(), ui_locales=f"{lang} en"))
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.text
    assert f'<label for="password">{password_label}</label>' in page.text
    assert f">{submit}</button>" in page.text
    assert '<label for="username">' in page.text and 'name="username"' in page.text


def test_language_switch_keeps_the_request(idp: Idp) -> None:
    params = authorize_params(idp, Pkce.new(), ui_locales="en")
    page = httpx.get(f"{idp.url}/authorize", params=params)
    assert 'hreflang="ru"' in page.text and "lang=ru" in page.text
    switched = httpx.get(f"{idp.url}/authorize", params={**params, "lang": "ru"})
    assert '<html lang="ru">' in switched.text


def test_wrong_password_is_told_clearly(idp: Idp) -> None:
    with httpx.Client() as browser:
        answer = login(browser, idp, authorize_params(idp, Pkce.new(), ui_locales="en"),
                       "850715300122", password="not-the-password")
    assert answer.status_code == 401 and "location" not in answer.headers
    assert 'role="alert"' in answer.text and "Wrong IIN, login or password." in answer.text


def test_unknown_officer_login_is_refused(idp: Idp) -> None:
    with httpx.Client() as browser:
        answer = login(browser, idp, authorize_params(idp, Pkce.new()), "no.such.officer")
    assert answer.status_code == 401


def test_a_deceased_citizen_cannot_log_in(idp: Idp) -> None:
    deceased = next(c for c in demo.CITIZENS if c.deceased)
    with httpx.Client() as browser:
        answer = login(browser, idp, authorize_params(idp, Pkce.new(), ui_locales="ru"),
                       deceased.iin)
    assert answer.status_code == 401
    assert "Вход от имени этого человека невозможен." in answer.text


def test_an_invalid_iin_is_refused(idp: Idp) -> None:
    with httpx.Client() as browser:
        answer = login(browser, idp, authorize_params(idp, Pkce.new()), "850715300123")
    assert answer.status_code == 401
