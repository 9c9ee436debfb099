"""The checks behind `validate:`: each accepts the real thing and refuses its look-alikes."""

from __future__ import annotations

import pytest

from guard.detect.validators import (
    VALIDATORS,
    card,
    entropy,
    iban,
    luhn,
    password,
    phone,
    phone_loose,
    shannon_entropy,
)
from guard.packs import schema


def test_every_validator_is_allowed_by_the_schema() -> None:
    assert set(VALIDATORS) == set(schema.VALIDATORS)


@pytest.mark.parametrize("number", ["4111 1111 1111 1111", "378282246310005", "5555555555554444",
                                    "6011000990139424", "4539-1488-0343-6467"])
def test_card_accepts_network_numbers(number: str) -> None:
    assert luhn(number) and card(number)


@pytest.mark.parametrize("number", [
    "20191213044137",  # an archive timestamp that passes Luhn: no network starts with 20
    "4539148803436468",  # wrong check digit
    "1234567812345670",  # passes Luhn, no network prefix
    "0000000000000000",
    "40256780019417115",  # 17 digits: no Visa length
])
def test_card_refuses_look_alikes(number: str) -> None:
    assert not card(number)


@pytest.mark.parametrize("value", ["FR14 2004 1010 0505 0001 3M02 606", "DE89370400440532013000",
                                   "GB33BUKB20201555555555", "NL91 ABNA 0417 1643 00"])
def test_iban_accepts_valid(value: str) -> None:
    assert iban(value)


@pytest.mark.parametrize("value", ["FR15 2004 1010 0505 0001 3M02 606", "DE89 3704 0044",
                                   "XX82 WEST 1234 5698 7654 32", "FR1420"])
def test_iban_refuses_bad_checksum_country_or_length(value: str) -> None:
    assert not iban(value)


@pytest.mark.parametrize("value", ["+44 7911 123456", "(617) 491-2280", "06 12 34 56 78",
                                   "0176 23456789", "+33 7 81 23 45 67", "0041 79 123 45 67"])
def test_phone_accepts_personal_numbers(value: str) -> None:
    assert phone(value)


@pytest.mark.parametrize("value", ["1-800-848-9136",  # toll-free: a company's published line
                                   "2019-12-13", "10.12.2019", "12345", "01.02.03"])
def test_phone_refuses_company_lines_and_dates(value: str) -> None:
    assert not phone(value)


@pytest.mark.parametrize("value", ["phone number: 08035794030", "reached at 4045781025",
                                   "0612345678"])
def test_phone_loose_accepts_numbers_a_keyword_vouches_for(value: str) -> None:
    assert phone_loose(value)


@pytest.mark.parametrize("value", ["+254711303113", "512-689-4551", "06 12 34 56 78"])
def test_phone_loose_leaves_strict_shapes_to_phone(value: str) -> None:
    assert phone(value) and not phone_loose(value)


@pytest.mark.parametrize("value", ["1234567", "0000000000", "11111111111"])
def test_phone_loose_refuses_short_or_degenerate(value: str) -> None:
    assert not phone_loose(value)


def test_shannon_entropy() -> None:
    assert shannon_entropy("") == 0.0
    assert shannon_entropy("aaaa") == 0.0
    assert shannon_entropy("abcd") == pytest.approx(2.0)


@pytest.mark.parametrize("value", ["api_key=9f8A7b6C5d4E3f2G1h0JkLmN",
                                   "Bearer Qm9n7XrT2vL8pZ4kW1sY6dF3",
                                   "secret: 3f9a1c27b5e84d60a2f1c9e8b7d6a5f4"])
def test_entropy_accepts_random_tokens(value: str) -> None:
    assert entropy(value)


@pytest.mark.parametrize("value", ["token: my-super-secret-value", "token: aaaaaaaaaaaaaaaa1111",
                                   "secret short1", "api_key=ABCDEFGHIJKLMNOPQRST"])
def test_entropy_refuses_words_and_repeats(value: str) -> None:
    assert not entropy(value)


@pytest.mark.parametrize("value", ["password: Tr0ub4dor&3", "the password is Summer2024!",
                                   "mot de passe : Chat-Noir-77", "pwd=hunter22"])
def test_password_accepts_real_looking(value: str) -> None:
    assert password(value)


@pytest.mark.parametrize("value", ["password: forgotten", "Password: Forgotten",
                                   "password: ********", "password: <your password>",
                                   "password: changeme", "password: abc",
                                   "password reset link: https://acme.example/reset"])
def test_password_refuses_prose_and_placeholders(value: str) -> None:
    assert not password(value)
