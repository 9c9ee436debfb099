"""The first audit tables: checks, overrides, feedback.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    """Create the three tables."""
    op.create_table(
        "checks",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("policy_name", sa.String(200), nullable=False),
        sa.Column("policy_digest", sa.String(80), nullable=False),
        sa.Column("verdict", sa.String(8), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("rules", sa.Text, nullable=False),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("length", sa.Integer, nullable=False),
        sa.Column("text_hmac", sa.String(80), nullable=False),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("period", sa.String(200), nullable=True),
        sa.Column("override", sa.Text, nullable=False),
    )
    for name, extra in (
        ("overrides", [sa.Column("reason", sa.Text, nullable=False),
                       sa.Column("accepted", sa.Boolean, nullable=False)]),
        ("feedback", [sa.Column("rule", sa.String(200), nullable=False),
                      sa.Column("kind", sa.String(20), nullable=False),
                      sa.Column("note", sa.Text, nullable=False),
                      sa.Column("text", sa.Text, nullable=True)]),
    ):
        op.create_table(
            name,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("check_id", sa.String(32),
                      sa.ForeignKey("checks.id", ondelete="CASCADE"), nullable=False, index=True),
            sa.Column("at", sa.DateTime, nullable=False),
            sa.Column("who", sa.String(200), nullable=False),
            *extra,
        )


def downgrade() -> None:
    """Drop them."""
    for name in ("feedback", "overrides", "checks"):
        op.drop_table(name)
