"""The pages' parts without a browser: texts in three languages, the generated form, errors by field."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from portal.applications.submission import today_in_kazakhstan, validated_orders
from portal.pages.forms import answers_from, form_fields, place_errors
from portal.pages.officer_texts import ACTION_ERRORS, HISTORY_ACTIONS, OFFICER_TEXTS, OUTCOMES, TASK_STATUSES
from portal.pages.texts import FIELD_ERRORS, FIELD_LABELS, PAYMENT_PARTS, STATUSES, TEXTS
from portal.problems import ValidationFailed
from services.catalogue import CATALOGUE, get_service
from services.spec import ServiceSpec
from store.models import APPLICATION_STATUSES, SERVICE_STATUSES

CODE = "self-employed-registration"


@pytest.mark.parametrize("table", [TEXTS, FIELD_LABELS, FIELD_ERRORS, STATUSES, PAYMENT_PARTS, OFFICER_TEXTS,
                                   ACTION_ERRORS, TASK_STATUSES, OUTCOMES, HISTORY_ACTIONS],
                         ids=["texts", "labels", "errors", "statuses", "payment-parts", "officer-texts",
                              "officer-errors", "task-statuses", "outcomes", "task-history"])
def test_every_text_exists_in_kazakh_russian_and_english(table: dict[str, dict[str, str]]) -> None:
    for key, text in table.items():
        assert set(text) == {"kk", "ru", "en"}, key
        assert all(value.strip() for value in text.values()), key


def test_every_status_the_read_model_can_hold_has_a_name() -> None:
    assert set(APPLICATION_STATUSES) | set(SERVICE_STATUSES) <= set(STATUSES)


def _spec() -> ServiceSpec:
    spec = get_service(CODE)
    assert spec is not None
    return spec


def _schema() -> dict:
    return _spec().form_schema(today_in_kazakhstan())


@pytest.mark.parametrize("spec", list(CATALOGUE.values()), ids=list(CATALOGUE))
def test_every_text_of_every_service_exists_in_kazakh_russian_and_english(spec: ServiceSpec) -> None:
    texts = [spec.title, spec.description, spec.legal_basis, *(step.title for step in spec.steps),
             *spec.error_texts.values()]
    for hint in spec.hints.values():
        texts.extend([hint.label] if hint.label else [])
        texts.extend(hint.choices.values())
    for text in texts:
        assert set(text) == {"kk", "ru", "en"} and all(value.strip() for value in text.values()), text


def test_the_form_is_generated_from_the_schema_in_the_page_language() -> None:
    fields = {f.name: f for f in form_fields(_schema(), "ru", {"language": "ru"},
                                             {"activity_address": "Astana, Abai 1"}, _spec().hints)}
    assert set(fields) == set(_schema()["properties"])
    activity = fields["activity_code"]
    assert activity.kind == "select" and activity.required
    assert ("tutoring", "Репетиторские услуги") in activity.options
    assert fields["expected_monthly_income"].kind == "number"
    assert fields["phone"].kind == "tel" and fields["email"].kind == "email"
    assert fields["activity_address"].value == "Astana, Abai 1" and fields["activity_address"].prefilled
    assert fields["language"].value == "ru" and ("en", "English") in fields["language"].options
    assert fields["regime"].label == "Специальный налоговый режим"


def test_a_typed_value_wins_over_the_prefill_and_empty_inputs_are_absent_answers() -> None:
    fields = {f.name: f for f in form_fields(_schema(), "en", {"activity_address": ""},
                                             {"activity_address": "Astana"})}
    assert fields["activity_address"].value == "" and not fields["activity_address"].prefilled
    posted = {"activity_code": "tutoring", "phone": "  ", "expected_monthly_income": " 100 ", "unknown": "x"}
    assert answers_from(_schema(), posted) == {"activity_code": "tutoring", "expected_monthly_income": "100"}


def _errors(answers: dict) -> list[dict[str, str]]:
    with pytest.raises(ValidationFailed) as refused:
        validated_orders([CODE], {CODE: answers}, today_in_kazakhstan(), audience="citizen")
    return refused.value.errors


@pytest.mark.parametrize(("answers", "field", "message"), [
    ({"activity_code": "tutoring", "regime": "self-employed", "expected_monthly_income": "100",
      "phone": "8701"}, "phone", "Enter the number as +7XXXXXXXXXX."),
    ({"activity_code": "tutoring", "regime": "self-employed", "expected_monthly_income": "-5",
      "phone": "+77011234567"}, "expected_monthly_income", "Enter a number greater than 0."),
    ({"regime": "self-employed", "expected_monthly_income": "100", "phone": "+77011234567"},
     "activity_code", "Fill in this field."),
    ({"activity_code": "tutoring", "regime": "self-employed", "expected_monthly_income": "100"},
     "phone", "Give a phone or an e-mail for notices."),
    ({"activity_code": "other", "regime": "self-employed", "expected_monthly_income": "100",
      "email": "a@b.kz"}, "activity_description", "Describe the activity that is not on the list."),
], ids=["phone-format", "negative-income", "missing-activity", "no-contact", "other-undescribed"])
def test_the_apis_errors_land_next_to_their_field(answers: dict, field: str, message: str) -> None:
    fields = form_fields(_schema(), "en", answers_from(_schema(), answers), hints=_spec().hints)
    loose = place_errors(fields, _errors(answers), f"answers.{CODE}", "en", _spec().error_texts)
    assert loose == []
    assert {f.name: f.error for f in fields if f.error} == {field: message}


def test_the_text_comes_from_the_errors_code_whatever_its_english_says() -> None:
    fields = form_fields(_schema(), "ru", {}, hints=_spec().hints)
    errors = [{"field": f"answers.{CODE}.phone", "code": "contact_missing", "message": "no contact"},
              {"field": f"answers.{CODE}.activity_description", "code": "string_too_long", "message": "x"},
              {"field": f"answers.{CODE}", "code": "unknown", "message": "about the form as a whole"}]
    loose = place_errors(fields, errors, f"answers.{CODE}", "ru", _spec().error_texts)
    assert loose == ["about the form as a whole"]
    assert {f.name: f.error for f in fields if f.error} == {
        "phone": "Укажите телефон или электронную почту для уведомлений.",
        "activity_description": "Слишком длинный текст."}


def test_home_lists_the_catalogue_and_remembers_the_chosen_language(client: TestClient) -> None:
    page = client.get("/", headers={"Accept-Language": "kk"})
    assert page.status_code == 200 and '<html lang="kk">' in page.text
    assert "Өзін-өзі жұмыспен қамтыған ретінде тіркелу" in page.text and "Кіру" in page.text
    assert 'href="/apply/self-employed-registration"' in page.text
    assert '<html lang="en">' in client.get("/?lang=en").text
    again = client.get("/applications/x", headers={"Accept-Language": "kk"}, follow_redirects=False)
    assert again.headers["location"].endswith("&lang=en")  # the session remembered English
    assert "1 working day(s)" in client.get("/").text


@pytest.mark.parametrize("path", [f"/apply/{CODE}", "/applications", "/applications/some-id"])
def test_pages_of_a_citizen_send_a_stranger_to_log_in_and_back(client: TestClient, path: str) -> None:
    answer = client.get(path + "?lang=ru", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=" + path.replace("/", "%2F"))


def test_a_post_without_login_files_nothing(client: TestClient) -> None:
    answer = client.post(f"/apply/{CODE}", data={"activity_code": "tutoring"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_verify_page_of_an_unknown_document_says_so_in_the_page_language(client: TestClient) -> None:
    page = client.get("/verify/no-such-document?lang=ru")
    assert page.status_code == 404
    assert "Документ не найден." in page.text and 'data-valid="false"' in page.text


def test_the_stylesheet_is_served_from_the_portal(client: TestClient) -> None:
    css = client.get("/assets/pages.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_officer_is_told_only_a_citizen_applies(client: TestClient, method: str) -> None:
    from portal.auth.dependencies import optional_principal
    from portal.auth.tokens import Principal

    officer = Principal(subject="officer-1", kind="officer", roles=("officer",), scopes=frozenset(), agency="kgd")
    assert isinstance(client.app, FastAPI)
    client.app.dependency_overrides[optional_principal] = lambda: officer
    page = getattr(client, method)(f"/apply/{CODE}?lang=en", follow_redirects=False)
    assert page.status_code == 403 and "Only a citizen can apply, for themselves." in page.text


def _form_inputs(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(csrf|idempotency_key)" value="([^"]+)"', page))


@pytest.mark.parametrize(("language", "describe", "contact"), [
    ("ru", "Опишите деятельность, которой нет в перечне.", "Укажите телефон или электронную почту для уведомлений."),
    ("kk", "Тізімде жоқ қызметті сипаттаңыз.", "Хабарламалар үшін телефон немесе электрондық пошта көрсетіңіз."),
], ids=["ru", "kk"])
def test_the_page_tells_the_rules_over_several_answers_next_to_their_fields_in_its_language(
        client: TestClient, language: str, describe: str, contact: str) -> None:
    from portal.auth.dependencies import optional_principal
    from portal.auth.tokens import Principal

    citizen = Principal(subject="900101300811", kind="citizen", roles=(), scopes=frozenset())
    assert isinstance(client.app, FastAPI)
    client.app.dependency_overrides[optional_principal] = lambda: citizen
    form = client.get(f"/apply/{CODE}?lang={language}")
    assert form.status_code == 200
    posted = {**_form_inputs(form.text), "activity_code": "other", "regime": "self-employed",
              "expected_monthly_income": "100000", "phone": "", "email": "", "language": language}
    page = client.post(f"/apply/{CODE}?lang={language}", data=posted, follow_redirects=False)
    assert page.status_code == 422
    errors = dict(re.findall(r'<p class="error" id="field-[a-z_]+-error" data-field="([a-z_]+)">([^<]*)</p>',
                             page.text))
    assert errors == {"activity_description": describe, "phone": contact}
    for name in errors:  # the input itself points at its message
        assert re.search(rf'id="field-{name}" name="{name}"[^>]*aria-invalid="true" '
                         rf'aria-describedby="field-{name}-error"', page.text), name
    assert "data-application=" not in client.get(f"/applications?lang={language}").text
