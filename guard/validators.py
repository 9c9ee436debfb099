"""Checksums a pattern match must pass before it counts (`validate: [luhn]`)."""

from __future__ import annotations

from collections.abc import Callable


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


def iban(text: str) -> bool:
    """International bank account numbers: ISO 13616 mod-97 over the rearranged characters."""
    compact = "".join(ch for ch in text if ch.isalnum()).upper()
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    try:
        number = "".join(str(int(ch, 36)) for ch in rearranged)
    except ValueError:
        return False
    return int(number) % 97 == 1


VALIDATORS: dict[str, Callable[[str], bool]] = {"luhn": luhn, "iban": iban}
