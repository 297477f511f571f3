"""Alembic migrations of the archive database, shipped as package data.

``tnde.archive.migrate`` runs them from Python; there is no ``alembic.ini`` and no ``env.py``.
To change the schema, add a module to ``versions/`` named ``rNNNN_what.py`` with
``revision = "NNNN"`` and ``down_revision`` naming the newest one before it, write its
``upgrade()`` with ``alembic.op`` spelling every table and column out (never import
``tnde.archive.schema``: a shipped migration must not change when the schema module does),
change ``tnde/archive/schema.py`` to match, and run ``tests/archive``: it applies the
migrations on SQLite and PostgreSQL and compares the result with the schema module. Never edit
a migration that has shipped. Changes of a column on SQLite go through
``op.batch_alter_table`` (SQLite cannot alter most things in place).
"""
