"""National identifier validators: each accepts valid numbers in the ways people write them and
refuses look-alikes (bad checksums, unallocated ranges, dates, order numbers, awkward input)."""

from __future__ import annotations

import pytest

from guard.detect.national_ids import de_idnr, nino, nir, passport, ssn


@pytest.mark.parametrize("value", ["SSN 847-24-6077", "ssn 120860913", "social is 325 58 8907",
                                   "n° 569-52-4690"])
def test_ssn_accepts_valid_numbers(value: str) -> None:
    assert ssn(value)


@pytest.mark.parametrize("value", ["914-88-1042", "000-12-3456", "666-12-3456", "123-00-4567",
                                   "123-45-0000", "078-05-1120", "SSN XXX-XX-XXXX", "",
                                   "\uff11\uff12\uff10\uff18\uff16\uff10\uff19\uff11\uff13",
                                   "12345678901"])
def test_ssn_refuses_unallocated_advertised_and_malformed(value: str) -> None:
    assert not ssn(value)


@pytest.mark.parametrize("value", ["2 68 10 67 121 265 45", "sécu : 191085902469382",
                                   "1 77 06 33 210 251 83", "n° SS 2.02.10.44.246.443.69"])
def test_nir_accepts_valid_numbers_with_their_key(value: str) -> None:
    assert nir(value)


@pytest.mark.parametrize("value", ["2 68 10 67 121 265 46", "2024-118-75-00342",
                                   "3 68 10 67 121 265 45",
                                   "191085902469382999", "2 68 10 67 121 265", "", "é" * 20])
def test_nir_refuses_wrong_key_or_shape(value: str) -> None:
    assert not nir(value)


@pytest.mark.parametrize("value", ["PW730516A", "NI no. NY 11 08 33 C",
                                   "his NI number is JK 48 21 93 C",
                                   "ab123456c"])
def test_nino_accepts_hmrc_format(value: str) -> None:
    assert nino(value)


@pytest.mark.parametrize("value", ["DA123456A", "AD123456A", "QQ123456C", "GB123456A", "ZZ123456A",
                                   "AB123456E", "AB12345A", "AB111111A",
                                   "\uff21\uff22\uff11\uff12\uff13\uff14\uff15\uff16\uff23", ""])
def test_nino_refuses_unallocated_letters_suffixes_and_lengths(value: str) -> None:
    assert not nino(value)


@pytest.mark.parametrize("value", ["Steuer-ID 39613372405", "47 856 193 885", "91530786335"])
def test_de_idnr_accepts_valid_tax_ids(value: str) -> None:
    assert de_idnr(value)


@pytest.mark.parametrize("value", ["12345678901", "39613372406", "03961337240", "3961337240", ""])
def test_de_idnr_refuses_bad_check_digit_or_shape(value: str) -> None:
    assert not de_idnr(value)


@pytest.mark.parametrize("value", ["passport no. 548203917", "passeport 19CK48213",
                                   "passport number again: C4F7R2K91",
                                   # a German serial without digits: nine letters, no vowel
                                   "German passport, no. CJYRJGRLT"])
def test_passport_accepts_numbers_after_a_keyword(value: str) -> None:
    assert passport(value)


@pytest.mark.parametrize("value", ["passport BA 2491", "passport renewal 2031",
                                   "passeport ABCDEFGH", "passport CHECKPOINT",
                                   "passport 1111111", "passport ✈️ 548203917X1", ""])
def test_passport_refuses_short_wordy_or_degenerate_values(value: str) -> None:
    assert not passport(value)
