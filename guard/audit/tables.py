"""The audit store's tables (SQLAlchemy Core): checks, overrides, feedback. Times are UTC."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

checks = sa.Table(
    "checks", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False, index=True),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("policy_name", sa.String(200), nullable=False),
    sa.Column("policy_digest", sa.String(80), nullable=False),
    sa.Column("verdict", sa.String(8), nullable=False),
    sa.Column("score", sa.Integer, nullable=False),
    sa.Column("rules", sa.Text, nullable=False),  # space-separated rule ids that fired
    sa.Column("platform", sa.String(20), nullable=False),
    sa.Column("length", sa.Integer, nullable=False),  # code points of the draft
    sa.Column("text_hmac", sa.String(80), nullable=False),  # keyed: no dictionary attack
    sa.Column("text", sa.Text, nullable=True),  # only with `audit: {store_text: redacted}`
    sa.Column("period", sa.String(200), nullable=True),
    sa.Column("override", sa.Text, nullable=False),  # "allowed" or why an override is refused
)

overrides = sa.Table(
    "overrides", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("check_id", sa.String(32), sa.ForeignKey("checks.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("accepted", sa.Boolean, nullable=False),
)

feedback = sa.Table(
    "feedback", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("check_id", sa.String(32), sa.ForeignKey("checks.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("rule", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # false-alarm | missed
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=True),  # the draft, only when the reporter sends it
)
