"""Checks a pattern match must pass before it counts (`validate: [luhn]`).

Each validator takes the matched text and answers True when it is the real thing: a card
number with a valid check digit, a dialable personal phone number, a random-looking secret.
They turn broad, cheap patterns into precise findings, so the patterns can stay simple.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

import regex

from guard.detect import national_ids

if TYPE_CHECKING:
    import phonenumbers


# phonenumbers and stdnum load their metadata on import (~30 ms): only pay it when a pattern
# with a phone or IBAN validator actually matches, not on every cold `guard check`.
@cache
def _phonenumbers() -> ModuleType:
    import phonenumbers

    return phonenumbers


@cache
def _stdnum_iban() -> ModuleType:
    from stdnum import iban

    return iban


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def luhn(text: str) -> bool:
    """Payment card numbers: the Luhn mod-10 check over the digits, 12 to 19 of them."""
    digits = _digits(text)
    if not 12 <= len(digits) <= 19:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


# Issuer prefixes and lengths of the card networks people actually post (ISO/IEC 7812 IINs).
# A 16-digit order number passes Luhn one time in ten; it rarely also has a network's prefix.
_CARD_BRANDS: tuple[tuple[str, tuple[int, ...]], ...] = (
    (r"4", (13, 16, 19)),  # Visa
    (r"5[1-5]|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)", (16,)),  # Mastercard
    (r"3[47]", (15,)),  # American Express
    (r"6011|65|64[4-9]|622", (16, 19)),  # Discover
    (r"35(?:2[89]|[3-8]\d)", (16, 19)),  # JCB
    (r"3(?:0[0-5]|[68])", (14, 16)),  # Diners Club
    (r"62", (16, 17, 18, 19)),  # UnionPay
    # Maestro's IINs are 50 and 56-69 (59 since round twenty, val-21: a Maestro card at a till)
    (r"5[06-9]|6\d", (16, 19)),  # Maestro and national schemes
)


def card(text: str) -> bool:
    """A payment card number: a known network's prefix and length, and a valid Luhn digit."""
    digits = _digits(text)
    if not luhn(digits) or len(set(digits)) < 2:
        return False
    return any(
        regex.match(prefix, digits) and len(digits) in lengths for prefix, lengths in _CARD_BRANDS
    )


def iban(text: str) -> bool:
    """An IBAN: the country's length and BBAN format, and the ISO 13616 mod-97 check."""
    compact = "".join(ch for ch in text if ch.isalnum()).upper()
    if not 15 <= len(compact) <= 34:
        return False
    # The country's own check digits inside the BBAN (Spain's DC, Italy's CIN ...) are left to
    # the bank: a person who mistypes one still posted an account number, and mod-97 already
    # keeps prose out (round fifteen: a Spanish IBAN whose DC was wrong went through).
    module = _stdnum_iban()
    try:
        module.validate(compact, check_country=False)
    except ValueError:
        return False
    return True


# Regions tried for a number written without a country code. Posts in English and French
# mostly come from these; a national number elsewhere needs its +code to be recognised.
NATIONAL_REGIONS = ("US", "GB", "FR", "DE", "CA", "BE", "CH", "IE")

# Numbers a company publishes are not personal data: toll-free, premium, shared-cost lines.
_PERSONAL_TYPES = (
    "MOBILE", "FIXED_LINE", "FIXED_LINE_OR_MOBILE", "VOIP", "PERSONAL_NUMBER", "PAGER",
)

_DATE = regex.compile(r"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$")
_PAIRS = regex.compile(r"^0\d(?:[ .]\d\d)+$")
_NUMBER = regex.compile(r"(?:\+|\b00)?\d[\d\s().\-/]*\d")


def _number_part(text: str) -> str:
    """The phone number inside a match that may start with a keyword ("call me at ...")."""
    found = _NUMBER.findall(text)
    return max(found, key=len) if found else ""


# ARCEP keeps these French blocks for films, sketches and novels (« 01 99 00 xx xx »): no one
# is reached there, so a post quoting one names no one (pii val-22, measured: a sketch's « 01 99
# 00 12 34 »). Prefixes of the national number, trunk 0 dropped.
_FR_FICTION = ("19900", "26191", "35301", "46571", "53649", "63998")


def _personal(number: phonenumbers.PhoneNumber) -> bool:
    pn = _phonenumbers()
    kinds = {getattr(pn.PhoneNumberType, name) for name in _PERSONAL_TYPES}
    if number.country_code == 33 and str(number.national_number).startswith(_FR_FICTION):
        return False
    return bool(pn.is_valid_number(number)) and pn.number_type(number) in kinds


def phone(text: str) -> bool:
    """A valid personal phone number: +international, or national in a common region."""
    raw = _number_part(text).strip()
    if not raw:
        return False
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    regions: tuple[str | None, ...] = (None,)
    if not raw.startswith("+"):
        if _DATE.match(raw):
            return False
        digits = _digits(raw)
        if _PAIRS.match(raw) and len(digits) != 10:
            return False  # French-style pairs ("06 12 34 08") are a score or a code, not a phone
        if len(digits) == 10 and digits.startswith("0") and digits[1:].startswith(_FR_FICTION):
            return False  # read as French first: as a British 01 number it would parse
        # National forms: a trunk 0 (Europe) or ten digits (North America, optional 1 before).
        if digits.startswith("0"):
            regions = tuple(r for r in NATIONAL_REGIONS if r not in ("US", "CA"))
        elif len(digits) == 10 or (len(digits) == 11 and digits.startswith("1")):
            regions = ("US", "CA")
        else:
            return False
    pn = _phonenumbers()
    for region in regions:
        try:
            number = pn.parse(raw, region)
        except pn.NumberParseException:
            continue
        if _personal(number):
            return True
    return False


def phone_loose(text: str) -> bool:
    """A number a keyword vouches for ("my phone number: ..."), any region, not left to `phone`."""
    raw = _number_part(text).strip()
    digits = _digits(raw)
    if not 8 <= len(digits) <= 15 or len(set(digits)) < 3:
        return False
    if phone(raw):
        # A +international or separated number is the strict `phone` rule's to report; one
        # number found by both rules would count twice in the score.
        return not (raw.startswith(("+", "00")) or any(ch in " .-()/" for ch in raw))
    if raw.startswith(("+", "00")):
        pn = _phonenumbers()
        try:
            number = pn.parse("+" + digits.removeprefix("00"))
            return bool(pn.is_possible_number(number))
        except pn.NumberParseException:
            return False
    # A national number from anywhere: a trunk prefix 0 (most of the world) or 10 digits
    # (North America); order and ticket numbers are excluded by the rule's own pattern.
    return (digits.startswith("0") and 9 <= len(digits) <= 12) or len(digits) == 10


_TOKEN = regex.compile(r"[A-Za-z0-9+/=_\-.~]{16,}")


def shannon_entropy(text: str) -> float:
    """Bits per character of the text's own character distribution."""
    if not text:
        return 0.0
    counts = Counter(text)
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def entropy(text: str) -> bool:
    """A random-looking token (the last long one in the match): mixed classes, high entropy."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return False
    token = tokens[-1].strip("=.-_")
    has_digit = any(ch.isdigit() for ch in token)
    has_alpha = any(ch.isalpha() for ch in token)
    # Words joined by separators (my-super-secret-value) have letters only; a UUID or a hex
    # digest has digits and letters but a small alphabet, hence the length-aware threshold.
    if not (has_digit and has_alpha) or len(token) < 16:
        return False
    hexlike = all(ch in "0123456789abcdefABCDEF-" for ch in token)
    threshold = 3.0 if hexlike else 3.5
    return shannon_entropy(token) >= threshold


_PLACEHOLDER = regex.compile(
    r"(?i)^(?:[*x•.#?_-]+|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\$\{?\w+\}?|%\w+%|"
    r"redacted|hidden|none|null|empty|required|optional|changeme|password|passwd|secret|"
    r"your[\w-]*|example|placeholder|reset|forgot\w*|expired|incorrect|wrong)$"
)


_QUOTES = "\"'`\u201c\u201d\u2018\u2019"


_KEYWORD_VALUE = regex.compile(r"(?i)^(?:password|passwd|passwort|pwd|pw|pass|mdp|code)[:=]")
_KEYWORDS = frozenset(
    {"password", "passwd", "passwort", "pwd", "pw", "mdp", "passe", "passphrase", "wifi", "wi-fi",
     "key",
     # round nineteen: a door's or a vault's code named after its value ("X — that's the vault
     # code", « X, c'est le code du coffre »): the match ends on the code word or its place
     "code", "coffre", "porte", "alarme", "portail", "cadenas", "local",
     # round twenty-five: secret.credential-prose-before ends on its keyword too ("X for the
     # kiosk admin passcode", « X pour les creds du NAS »)
     "passwords", "passcode", "pass", "creds", "credentials"}
)
# The passwords every list of the worst ones quotes ("password123", "azerty1", "123456"): quoted
# as a bad example, they are nobody's secret.
_WEAK = regex.compile(
    r"(?i)^(?:p[a@]ssw[o0]rd|azerty|qwerty|qwertz|letmein|welcome|admin|motdepasse|soleil|iloveyou"
    r"|abc)[\d!]{0,6}$|^(?:123456\d*|0+|1+)$"
)


def _password_value(text: str) -> str:
    """The value in a password match: its last word, or its first when the match ends on the
    keyword ("Blue-Otter-41 is the new password")."""
    words = text.split()
    if not words:
        return ""
    last = words[-1].strip(_QUOTES + "«»").rstrip(".,;!?)")
    value = words[0] if last.casefold() in _KEYWORDS and len(words) > 1 else words[-1]
    return _KEYWORD_VALUE.sub("", value)


_BRACKETED = regex.compile(r"[<\[{][^>\]}]*[>\]}]\W*$")
# A French imperative with its pronoun ("code du wifi : demandez-le à l'accueil"): an
# instruction where the value would be, not a password (round fourteen).
_IMPERATIVE = regex.compile(r"(?i)^\p{Ll}+-(?:le|la|les|moi|toi|lui|nous|vous|leur|en|y)$")


def password(text: str) -> bool:
    """The value after "password:" looks like a real password, not a placeholder or a word."""
    if _BRACKETED.search(text):
        return False  # "<your password>", "[mot de passe]": a placeholder, spaces and all
    value = _password_value(text).strip(_QUOTES + "«»")
    value = value.rstrip(".,;!?)")
    if _WEAK.match(value):
        return False  # a list's worst password, quoted as a bad example
    if len(value) < 6 or _PLACEHOLDER.match(value) or value.startswith(("@", "#")):
        return False  # a mention or a hashtag names an account or a topic, not a password
    if _IMPERATIVE.match(value):
        return False
    if "://" in value or value.casefold().startswith("www."):
        return False  # "password reset link: https://..." points at a page, it is no password
    classes = sum(
        (
            any(ch.islower() for ch in value),
            any(ch.isupper() for ch in value[1:]),  # a capital first letter is no sign
            any(ch.isdigit() for ch in value),
            any(not ch.isalnum() for ch in value),
        )
    )
    # A lowercase word ("password: forgotten") is prose; a real password mixes classes.
    return classes >= 2


_FAMOUS_PHRASES = regex.compile(
    r"(?i)correct\W+horse\W+battery\W+staple|your\W|votre\W|\bexample\b|\bexemple\b"
)


# Round fourteen: words of a sentence the author says or thinks ("resetting my password for the
# 4th time: 'this time I'll remember it'"), which a passphrase does not hold.
_SPOKEN = regex.compile(r"(?i)\b(?:I['\u2019](?:ll|m|ve|d)|j['\u2019]ai|je\s+(?:vais|suis))\b")
# Words joined by hyphens or underscores (« tartiflette-bleue-sous-la-pluie ») make a passphrase
# when four of them are words: "Kettle-Moth-41" is a password, secret.password's to report.
_WORD_JOINS = regex.compile(r"[_-]+")


def passphrase(text: str) -> bool:
    """A quoted passphrase: three words or more, not the famous example or a placeholder."""
    value = text.strip(_QUOTES + "«» ")
    if _FAMOUS_PHRASES.search(value + " ") or _PLACEHOLDER.match(value):
        return False  # the XKCD comic's phrase is everybody's example, "your phrase" nobody's
    if _SPOKEN.search(value):
        return False
    if len(value.split()) >= 3:
        return True
    joined = _WORD_JOINS.split(value) if len(value.split()) == 1 else []
    return sum(len(w) >= 2 and w.isalpha() for w in joined) >= 4


def door_code(text: str) -> bool:
    """A door or alarm code: a few digits (a letter, # or * allowed), not a year or 1234."""
    value = text.strip("#* ").upper()
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) < 3 or len(set(digits)) == 1:
        return False  # "0000", "1111": a factory default, quoted as one
    if digits in {"1234", "12345", "123456", "4321"}:
        return False  # the codes every "change your default code" warning quotes
    return not (len(value) == 4 and value.isdigit() and value[:2] in {"19", "20"})  # a year


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": luhn,
    "card": card,
    "iban": iban,
    "phone": phone,
    "phone_loose": phone_loose,
    "entropy": entropy,
    "password": password,
    "passphrase": passphrase,
    "door_code": door_code,
    "ssn": national_ids.ssn,
    "nir": national_ids.nir,
    "nino": national_ids.nino,
    "de_idnr": national_ids.de_idnr,
    "passport": national_ids.passport,
}
