"""name index with transliteration and phonetic keys; pair decisions; identifier lookups

The name index (``person_search``) gets one column per kind of key (models.name_index) and
is rebuilt from the persons table, so stores registered under 0001/0002 find their people
through the new keys at once. ``person_pair_decisions`` keeps the "different person"
answers of the warning at save (local, not synced). Phone numbers and document numbers get
an index: the same number is evidence that a new person is already registered.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 10:00:00.000000
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

from models import name_index

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP TABLE person_search")
    op.execute(name_index.CREATE_INDEX)
    name_index.rebuild(op.get_bind())

    op.create_table(
        "person_pair_decisions",
        sa.Column("person_a", sa.String(length=36), nullable=False),
        sa.Column("person_b", sa.String(length=36), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("person_a", "person_b", name=op.f("pk_person_pair_decisions")),
    )
    with op.batch_alter_table("person_pair_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_pair_decisions_person_b"), ["person_b"], unique=False
        )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_persons_phone"), ["phone"], unique=False)
    with op.batch_alter_table("identity_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identity_documents_number"), ["number"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("identity_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_documents_number"))
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_persons_phone"))
    with op.batch_alter_table("person_pair_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_pair_decisions_person_b"))
    op.drop_table("person_pair_decisions")

    # The 0001 index: one column of skeletons and folded words, refilled as 0001 wrote it.
    op.execute("DROP TABLE person_search")
    op.execute(
        "CREATE VIRTUAL TABLE person_search USING fts5("
        "keys, prefix='1 2 3', tokenize='unicode61 remove_diacritics 2')"
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT i.rid, p.given_name, p.family_name, p.given_name_latin, "
            "p.family_name_latin FROM person_search_ids i JOIN persons p ON p.id = i.person_id"
        )
    ).all()
    for row in rows:
        keys = _old_keys([row[1] or "", row[2] or "", row[3] or "", row[4] or ""])
        conn.execute(
            sa.text("INSERT INTO person_search (rowid, keys) VALUES (:rid, :keys)"),
            {"rid": row[0], "keys": keys},
        )


# ---------------------------------------------------------------- the 0001 keys (downgrade)
_TOKEN = re.compile(r"\w+", re.UNICODE)
_DIGRAPHS = (
    ("sch", "s"), ("tch", "c"), ("dj", "g"), ("dh", "d"), ("gh", "g"), ("kh", "k"),
    ("ph", "f"), ("sh", "s"), ("th", "t"), ("ck", "k"), ("ch", "c"), ("aw", "ao"), ("ow", "o"),
)  # fmt: skip
_LETTERS = str.maketrans({"q": "k", "c": "k", "j": "g", "z": "s", "w": "v", "y": "i", "x": "s"})


def _old_skeleton(token: str) -> str:
    if not token.isascii():
        return token
    word = token
    for digraph, single in _DIGRAPHS:
        word = word.replace(digraph, single)
    word = word.translate(_LETTERS)
    if not word:
        return ""
    out = ["a" if word[0] in "aeiou" else word[0]]
    for ch in word[1:]:
        if ch not in "aeiou" and not ch.isdigit() and ch != out[-1]:
            out.append(ch)
    return "".join(out)


def _old_keys(values: list[str]) -> str:
    keys: list[str] = []
    for value in values:
        decomposed = unicodedata.normalize("NFKD", value.casefold().replace("ı", "i"))
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        for tok in _TOKEN.findall(folded):
            keys += [_old_skeleton(tok), tok]
    return " ".join(dict.fromkeys(k for k in keys if k))
