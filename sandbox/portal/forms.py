"""Server-side validation of the customer details form; one French message per field."""
from __future__ import annotations

import datetime as dt
import re

COUNTRIES = {"FR": "France", "BE": "Belgique", "CH": "Suisse", "LU": "Luxembourg", "CA": "Canada"}
# ASCII digits only ([0-9], not \d): a card or postcode typed in full-width or superscript digits is
# refused with a message, as a payment form would, instead of being read as digits (or crashing int()).
POSTCODE = {"FR": r"[0-9]{5}", "BE": r"[0-9]{4}", "CH": r"[0-9]{4}", "LU": r"[0-9]{4}",
            "CA": r"[A-Za-z][0-9][A-Za-z] ?[0-9][A-Za-z][0-9]"}

# (form field, label shown to the customer, message when empty)
FIELDS = [
    ("first_name", "Prénom", "Indiquez votre prénom."),
    ("last_name", "Nom", "Indiquez votre nom."),
    ("email", "Adresse e-mail", "Indiquez votre adresse e-mail."),
    ("address", "Adresse", "Indiquez votre adresse."),
    ("postcode", "Code postal", "Indiquez votre code postal."),
    ("city", "Ville", "Indiquez votre ville."),
    ("country", "Pays", "Choisissez votre pays."),
    ("card_number", "Numéro de carte", "Indiquez le numéro de votre carte."),
    ("card_expiry", "Date d'expiration (MM/AA)", "Indiquez la date d'expiration de votre carte."),
    ("card_cvc", "Cryptogramme visuel", "Indiquez le cryptogramme visuel de votre carte."),
]


# Purpose of each field for browsers and assistive technologies (WCAG 2.1 SC 1.3.5, level AA), with the
# tokens of the HTML standard (autofill field names); card fields included, so a browser can fill them.
AUTOCOMPLETE = {
    "first_name": "given-name", "last_name": "family-name", "email": "email", "address": "street-address",
    "postcode": "postal-code", "city": "address-level2", "country": "country", "card_number": "cc-number",
    "card_expiry": "cc-exp", "card_cvc": "cc-csc",
}


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number][::-1]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0


def validate(form: dict[str, str], today: dt.date | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Return (clean values, errors by field)."""
    today = today or dt.date.today()
    values = {name: (form.get(name) or "").strip() for name, _, _ in FIELDS}
    errors: dict[str, str] = {}
    for name, _, empty_message in FIELDS:
        if not values[name]:
            errors[name] = empty_message
    if "email" not in errors and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", values["email"]):
        errors["email"] = "Adresse e-mail invalide : elle doit ressembler à nom@exemple.fr."
    if "country" not in errors and values["country"] not in COUNTRIES:
        errors["country"] = "Pays non pris en charge."
    if "postcode" not in errors and "country" not in errors:
        if not re.fullmatch(POSTCODE[values["country"]], values["postcode"]):
            errors["postcode"] = f"Code postal invalide pour le pays {COUNTRIES[values['country']]}."
    card = re.sub(r"[ -]", "", values["card_number"])
    values["card_number"] = card
    if "card_number" not in errors and any(c.isdigit() and c not in "0123456789" for c in card):
        errors["card_number"] = "Numéro de carte invalide : saisissez-le avec les chiffres 0 à 9."
    elif "card_number" not in errors and not (re.fullmatch(r"[0-9]{13,19}", card) and luhn_ok(card)):
        errors["card_number"] = "Numéro de carte invalide : vérifiez les chiffres saisis."
    if "card_expiry" not in errors:
        match = re.fullmatch(r"([0-9]{2})\s*/\s*([0-9]{2})", values["card_expiry"])
        if not match or not 1 <= int(match.group(1)) <= 12:
            errors["card_expiry"] = "Date d'expiration invalide : utilisez le format MM/AA."
        elif (2000 + int(match.group(2)), int(match.group(1))) < (today.year, today.month):
            errors["card_expiry"] = "Cette carte a expiré."
    if "card_cvc" not in errors and not re.fullmatch(r"[0-9]{3,4}", values["card_cvc"]):
        errors["card_cvc"] = "Cryptogramme visuel invalide : 3 ou 4 chiffres."
    return values, errors


# The public sign-up page « Créer un compte »: (field, label, message when empty)
SIGN_UP_FIELDS = [
    ("first_name", "Prénom", "Indiquez votre prénom."),
    ("last_name", "Nom", "Indiquez votre nom."),
    ("email", "Adresse e-mail", "Indiquez votre adresse e-mail."),
    ("password", "Mot de passe (10 caractères au moins)", "Choisissez un mot de passe."),
]
PASSWORD_MIN = 10


def validate_sign_up(form: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Return (clean values, errors by field); the uniqueness of the e-mail is the store's."""
    values = {name: (form.get(name) or "").strip() for name, _, _ in SIGN_UP_FIELDS}
    values["password"] = form.get("password") or ""
    errors = {name: message for name, _, message in SIGN_UP_FIELDS if not values[name]}
    if "email" not in errors and not re.fullmatch(r"[^@\s/]+@[^@\s/]+\.[^@\s/]+", values["email"]):
        errors["email"] = "Adresse e-mail invalide : elle doit ressembler à nom@exemple.fr."
    for name, limit in (("first_name", 100), ("last_name", 100), ("email", 254), ("password", 200)):
        if name not in errors and len(values[name]) > limit:
            errors[name] = f"{limit} caractères au plus."
    if "password" not in errors and len(values["password"]) < PASSWORD_MIN:
        errors["password"] = f"Mot de passe trop court : {PASSWORD_MIN} caractères au moins."
    return values, errors


def storable(values: dict) -> dict:
    """What an order may keep of the form: everything but the security code. PCI DSS (requirement 3.3.1) forbids
    keeping the CVC after authorisation; the card number stays, as the payment partner reads it."""
    return {k: v for k, v in values.items() if k != "card_cvc"}


def without_card(values: dict) -> dict:
    """The values a refused form may show again: everything but the card fields (PCI DSS: a page never
    echoes the card number or its security code)."""
    return {k: v for k, v in values.items() if not k.startswith("card_")}
