"""The test-data API contract (docs/api-donnees-de-test/openapi.yaml) as the sandbox enforces it.

The OpenAPI file is the single source: requests are validated against its schemas here,
with a French message that names the field and says what is expected.
"""
from __future__ import annotations

import functools
import json
import pathlib

import yaml
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = pathlib.Path(__file__).resolve().parents[2] / "docs" / "api-donnees-de-test" / "openapi.yaml"
_BASE = "urn:pa-testdata-api"
TYPES_FR = {"object": "un objet", "array": "une liste", "string": "un texte", "integer": "un nombre entier",
            "number": "un nombre", "boolean": "un booléen", "null": "null"}


@functools.cache
def spec() -> dict:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


# JSON Schema counts 1.0 as an integer; Python then fails on it far from the request (a 500 in the clock). A real
# API written against this contract parses an integer field as an integer: 1.0 is refused here, as there.
_StrictValidator = validators.extend(Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool)))


@functools.cache
def _validator(pointer: str) -> Draft202012Validator:
    registry = Registry().with_resource(_BASE, Resource.from_contents(spec(), default_specification=DRAFT202012))
    return _StrictValidator({"$ref": f"{_BASE}#{pointer}"}, registry=registry)


def _operation_pointer(operation_id: str) -> str:
    for path, item in spec()["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method
    raise KeyError(operation_id)


def _type_name(value) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null",
             int: "integer", float: "number"}
    return TYPES_FR[kinds.get(type(value), "string")]


def _describe(error: ValidationError, what: str) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or what
    if error.validator == "anyOf" and all(e.validator in ("type", "enum") for e in error.context):
        # A nullable code (anyOf: [enum, null]): a wrong text is an unknown value, anything else a wrong type.
        enums = [e for e in error.context if e.validator == "enum"]
        if enums and isinstance(error.instance, str):
            error = enums[0]
        else:
            kinds = {"string"} if enums else set()
            for e in error.context:
                if e.validator == "type":
                    kinds.update([e.validator_value] if isinstance(e.validator_value, str) else e.validator_value)
            expected = " ou ".join(TYPES_FR[k] for k in sorted(kinds, key=lambda k: k == "null"))
            return f"{where} : {expected} attendu, reçu {_type_name(error.instance)}."
    while error.context:  # other alternatives: the deepest error says the most
        error = min(error.context, key=lambda e: -len(e.absolute_path))
    where = ".".join(str(p) for p in error.absolute_path) or what
    value, rule = error.validator_value, error.validator
    if rule == "required":
        missing = [name for name in value if name not in error.instance]
        return f"{where} : champ obligatoire manquant : {', '.join(missing)}."
    if rule == "type":
        expected = " ou ".join(TYPES_FR[t] for t in ([value] if isinstance(value, str) else value))
        return f"{where} : {expected} attendu, reçu {_type_name(error.instance)}."
    if rule == "enum":
        return f"{where} : valeur inconnue {json.dumps(error.instance, ensure_ascii=False)[:60]} ; " \
               f"valeurs possibles : {', '.join(map(str, value))}."
    if rule == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in known)
        return f"{where} : champ inconnu {', '.join(extra)} ; champs possibles : {', '.join(sorted(known))}."
    if rule in ("minLength", "maxLength"):
        return f"{where} : {'au moins' if rule == 'minLength' else 'au plus'} {value} caractère(s)."
    if rule in ("minimum", "maximum"):
        return f"{where} : nombre {'≥' if rule == 'minimum' else '≤'} {value} attendu."
    if rule == "maxItems":
        return f"{where} : au plus {value} élément(s)."
    if rule == "pattern":
        return f"{where} : format invalide (une adresse e-mail nom@domaine est attendue)."
    return f"{where} : valeur refusée par le contrat ({rule})."


def request_error(operation_id: str, body=None, email: str | None = None) -> str | None:
    """None when the request follows the contract; else what is wrong, in French."""
    if email is not None:
        error = best_match(_validator("/components/schemas/EmailAddress").iter_errors(email))
        if error is not None:
            return _describe(error, "email (dans l'adresse)")
    pointer = _operation_pointer(operation_id)
    operation = spec()["paths"]
    for part in pointer.split("/")[2:]:
        operation = operation[part.replace("~1", "/").replace("~0", "~")]
    if "requestBody" in operation:
        validator = _validator(pointer + "/requestBody/content/application~1json/schema")
        error = best_match(validator.iter_errors(body))
        if error is not None:
            return _describe(error, "corps")
    return None
