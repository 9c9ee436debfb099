"""Credentials inside URLs are a secret with the password masked, never an e-mail in clear."""

from __future__ import annotations

import pytest

from guard import Guard

GUARD = Guard.default(nlp=False)


@pytest.mark.parametrize(
    ("draft", "password"),
    [
        ("clone https://user:Hk3Lm9Np2Q@host.example.com/app.git", "Hk3Lm9Np2Q"),
        ("REDIS_URL=redis://:hunter22@cache.internal:6379", "hunter22"),
        ("ssh to ssh://deploy:Tr0ub4dor@git.example.org", "Tr0ub4dor"),
        ("connecte-toi via https://jean:Vq8xLm2z@intranet.exemple.fr", "Vq8xLm2z"),
    ],
)
def test_a_url_with_a_password_blocks_and_masks_it(draft, password):
    report = GUARD.check(draft)
    assert report.verdict == "block"
    assert [f.rule for f in report.findings] == ["secret.connection-string"]
    assert password not in report.findings[0].text


def test_a_database_url_is_one_finding():
    report = GUARD.check("DATABASE_URL=postgres://app:s3cretPw@db.example.com:5432/prod")
    assert [f.rule for f in report.findings] == ["secret.connection-string"]


@pytest.mark.parametrize(
    "draft", ["see https://example.com:8443/login", "our site https://example.com/about"]
)
def test_a_url_without_a_password_is_not_a_secret(draft):
    assert GUARD.check(draft).findings == ()


def test_an_e_mail_beside_a_link_is_still_an_e_mail():
    report = GUARD.check("see https://example.com/about or write to jane.doe@example.com")
    assert [(f.rule, f.text) for f in report.findings] == [("pii.email", "jane.doe@example.com")]
