"""Validators for national identifiers: US SSN, French NIR, UK NINO, German tax id, passports.

Each takes a pattern's match (which may start with a keyword such as "SSN:" or "passport no.")
and answers True when the number in it is a valid identifier of its scheme. `python-stdnum`
holds the checksums and allocation rules where it has a module; the UK National Insurance
number has none, so HMRC's published format rules are written out here.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType

import regex


@cache
def _stdnum(name: str) -> ModuleType:
    # stdnum modules load on first use: a cold `guard check` that finds no number pays nothing.
    import importlib

    return importlib.import_module(f"stdnum.{name}")


# ASCII digits only: the patterns that feed these never see other scripts' digits as numbers.
_SSN = regex.compile(r"(?<![0-9])([0-9]{3})[ .-]?([0-9]{2})[ .-]?([0-9]{4})(?![0-9])")


def ssn(text: str) -> bool:
    """A US social security number: valid area, group and serial, not a known advertised one."""
    found = _SSN.findall(text)
    if not found:
        return False
    area, group, serial = found[-1]
    return bool(_stdnum("us.ssn").is_valid(f"{area}-{group}-{serial}"))


_NIR = regex.compile(r"(?<![0-9A-Za-z])[12](?:[ .-]?[0-9AB]){14}(?![0-9A-Za-z])")


def nir(text: str) -> bool:
    """A French social security number (NIR) of 15 characters with its two-digit key."""
    found = _NIR.findall(text)
    if not found:
        return False
    compact = "".join(ch for ch in found[-1] if ch.isalnum()).upper()
    return bool(_stdnum("fr.nir").is_valid(compact))


# HMRC: first letter not D F I Q U V; second not D F I O Q U V; BG GB KN NK NT TN ZZ are never
# allocated; six digits; a suffix A to D.
_NINO = regex.compile(
    r"(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
    r"[ .-]?([0-9]{2})[ .-]?([0-9]{2})[ .-]?([0-9]{2})[ .-]?([A-D])(?![A-Za-z0-9])"
)
_NINO_NEVER = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def nino(text: str) -> bool:
    """A UK National Insurance number in HMRC's format: two allowed letters, six digits, A-D."""
    found = _NINO.findall(text.upper())
    if not found:
        return False
    prefix, a, b, c, _suffix = found[-1]
    return prefix not in _NINO_NEVER and len(set(a + b + c)) > 1


_IDNR = regex.compile(r"(?<![0-9])[0-9](?:[ ./-]?[0-9]){10}(?![0-9])")


def de_idnr(text: str) -> bool:
    """A German tax identification number (Steuer-ID): 11 digits, its repetition rule and check."""
    found = _IDNR.findall(text)
    if not found:
        return False
    return bool(_stdnum("de.idnr").is_valid("".join(ch for ch in found[-1] if ch.isdigit())))


# Grouped as people type it ("561 204 877"): single spaces between groups.
_PASSPORT = regex.compile(r"(?<![A-Za-z0-9])[A-Z0-9](?:[ ]?[A-Z0-9]){5,9}(?![A-Za-z0-9])")
# German passports and ID cards since 2010: C, F, G, H, J or K, then eight characters of an
# alphabet without vowels or look-alikes (digits and C F G H J K L M N P R T V W X Y Z).
_GERMAN_PASSPORT = regex.compile(r"[CFGHJK][0-9CFGHJKLMNPRTVWXYZ]{8}")


def passport(text: str) -> bool:
    """A passport number a keyword points at: 6 to 10 capitals and digits, mostly digits."""
    found = _PASSPORT.findall(text)
    if not found:
        return False
    value = found[-1].replace(" ", "")
    digits = sum(ch.isdigit() for ch in value)
    if _GERMAN_PASSPORT.fullmatch(value):
        # A German passport's nine characters, from its own alphabet (JL0CX30JC), digits or
        # not (CJYRJGRLT, pii batch 15): nine capitals without a vowel are no word.
        return True
    # A year, a date or a flight number is short or has few digits; a passport number has 5+.
    return digits >= 5 and len(set(value)) > 2
