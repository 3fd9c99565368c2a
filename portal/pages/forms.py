"""An HTML form generated from a service's JSON schema, and its answers read back.

The schema is the one the API publishes (spec.form_schema(on)), so the page offers exactly
the choices in force that day; the validation is the API's own. This module
only turns schema into inputs, posted strings into answers, and field errors into texts
next to their inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from portal.pages.texts import FIELD_ERROR_OF_CODE, FIELD_ERRORS, FIELD_LABELS, LANGUAGE_NAMES, Text, in_language, text
from services.spec import FieldHint

# Inputs of the contact for notices, the same on every form.
_CONTACT_INPUT_TYPES = {"phone": "tel", "email": "email"}
_NO_HINT = FieldHint()


@dataclass
class FormField:
    name: str
    label: str
    kind: str  # select | number | text | tel | email | textarea
    required: bool
    value: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    max_length: int | None = None
    prefilled: bool = False
    error: str | None = None

    @property
    def input_id(self) -> str:
        return f"field-{self.name}"


def _plain(prop: dict[str, Any]) -> dict[str, Any]:
    """The non-null branch of an optional property (`anyOf: [{...}, {type: null}]`)."""
    for branch in prop.get("anyOf", ()):
        if branch.get("type") != "null":
            return {**prop, **branch}
    return prop


def _label(name: str, prop: dict[str, Any], hint: FieldHint, language: str) -> str:
    if hint.label:
        return in_language(hint.label, language)
    return text(FIELD_LABELS, name, language) if name in FIELD_LABELS else prop.get("title", name)


def _kind(name: str, prop: dict[str, Any], hint: FieldHint) -> str:
    if hint.kind:
        return hint.kind
    if "enum" in prop:
        return "select"
    if prop.get("type") in ("number", "integer"):
        return "number"
    if prop.get("type") == "boolean":
        return "checkbox"
    if prop.get("format") == "date":
        return "date"
    return _CONTACT_INPUT_TYPES.get(name, "text")


def _options(prop: dict[str, Any], hint: FieldHint, language: str) -> list[tuple[str, str]]:
    titles: Mapping[str, Text] = {**hint.choices, **prop.get("x-titles", {})}
    options = []
    for code in prop.get("enum", hint.choices):
        title = in_language(titles[code], language) if code in titles else LANGUAGE_NAMES.get(code)
        options.append((str(code), title or str(code)))
    return options


def form_fields(schema: dict[str, Any], language: str, values: Mapping[str, str],
                prefilled: Mapping[str, str] | None = None,
                hints: Mapping[str, FieldHint] | None = None) -> list[FormField]:
    """One FormField per schema property, in schema order, with the given (or prefilled) values.

    Any service's form renders from its JSON schema and its spec's hints (label, input kind, choices).
    """
    required = set(schema.get("required", ()))
    prefilled = prefilled or {}
    hints = hints or {}
    fields = []
    for name, raw in schema.get("properties", {}).items():
        prop = _plain(raw)
        hint = hints.get(name, _NO_HINT)
        label = _label(name, prop, hint, language)
        kind = _kind(name, prop, hint)
        options = _options(prop, hint, language) if kind == "select" else []
        value = values.get(name)
        if value is None:
            value = prefilled.get(name) or ("" if prop.get("default") is None else str(prop["default"]))
        fields.append(FormField(name=name, label=label, kind=kind, required=name in required, value=str(value),
                                options=options, max_length=prop.get("maxLength"),
                                prefilled=bool(prefilled.get(name)) and value == prefilled.get(name)))
    return fields


def answers_from(schema: dict[str, Any], posted: Mapping[str, Any]) -> dict[str, str]:
    """The posted strings of the schema's fields; an empty input is an absent answer, as in JSON."""
    answers = {}
    for name in schema.get("properties", {}):
        value = posted.get(name)
        if isinstance(value, str) and value.strip():
            answers[name] = value.strip()
    return answers


def _error_text(input_field: FormField, code: str, language: str, service_texts: Mapping[str, Text]) -> str:
    """What tells the applicant what to fix: the service's text of its own code, else by the error's code,
    else by the input's kind."""
    if code in service_texts:
        return in_language(service_texts[code], language)
    key = FIELD_ERROR_OF_CODE.get(code) or {"number": "number", "select": "choice"}.get(input_field.kind, "invalid")
    return text(FIELD_ERRORS, key, language)


def place_errors(fields: list[FormField], errors: list[dict[str, str]], prefix: str,
                 language: str, service_texts: Mapping[str, Text] | None = None) -> list[str]:
    """Put each API error next to its field; return those that belong to no field (shown on top)."""
    by_name = {f.name: f for f in fields}
    loose = []
    for error in errors:
        where = error.get("field", "")
        input_field = by_name.get(where[len(prefix) + 1:]) if where.startswith(prefix + ".") else None
        if input_field is None:
            loose.append(error.get("message", ""))
        elif input_field.error is None:
            input_field.error = _error_text(input_field, error.get("code", ""), language, service_texts or {})
    return loose


__all__ = ["FormField", "answers_from", "form_fields", "place_errors"]
