"""The workspace database schema, as numbered migrations.

Each migration runs once, in order, inside one transaction, and records itself in
``schema_migrations``. Never edit a released migration: add the next one. Tests keep a
database file of every released version (``tests/data/upgrade/``) and upgrade it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One step of the schema's history."""

    version: int
    description: str
    sql: str


_V1 = """
-- Key/value facts about the workspace itself: workspace_id, device_id, created_at.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Immutable files (rendered and signed PDFs, scans), stored as blobs/<aa>/<sha256>.
CREATE TABLE blob (
    sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size       INTEGER NOT NULL CHECK (size >= 0),
    media_type TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- Hash-chained log of every action: hash = SHA-256(prev_hash || canonical JSON of the row).
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    object    TEXT NOT NULL,
    details   TEXT NOT NULL,          -- canonical JSON
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE
) STRICT;

-- Org chart -------------------------------------------------------------------------------
CREATE TABLE unit (
    unit_id   TEXT PRIMARY KEY,       -- stable code chosen by the admin, e.g. "DISKOMINFO.SEK"
    nama      TEXT NOT NULL,
    parent_id TEXT REFERENCES unit(unit_id),
    kode      TEXT NOT NULL DEFAULT '' -- code printed in letter numbers ({unit})
) STRICT;

CREATE TABLE jabatan (
    jabatan_id  TEXT PRIMARY KEY,     -- stable code, e.g. "KADIS"
    nama        TEXT NOT NULL,        -- "Kepala Dinas Komunikasi dan Informatika"
    unit_id     TEXT NOT NULL REFERENCES unit(unit_id),
    eselon      TEXT NOT NULL DEFAULT '',
    heads_unit  INTEGER NOT NULL DEFAULT 0 CHECK (heads_unit IN (0, 1)),
    superior_id TEXT REFERENCES jabatan(jabatan_id),
    registry    INTEGER NOT NULL DEFAULT 0 CHECK (registry IN (0, 1))  -- pencatat/TU desk
) STRICT;

CREATE TABLE pegawai (
    nip      TEXT PRIMARY KEY CHECK (length(nip) = 18),
    nama     TEXT NOT NULL,           -- as printed, with degrees: "Dr. Budi Santoso, S.Kom., M.T."
    pangkat  TEXT NOT NULL DEFAULT '',
    golongan TEXT NOT NULL DEFAULT '',
    nik_ref  TEXT NOT NULL DEFAULT '', -- reference to the NIK (never the NIK itself in logs)
    email    TEXT NOT NULL DEFAULT ''
) STRICT;

-- Who holds which jabatan when: definitive holders and Plt./Plh./Pj. with their legal basis.
CREATE TABLE assignment (
    assignment_id TEXT PRIMARY KEY,
    nip           TEXT NOT NULL REFERENCES pegawai(nip),
    jabatan_id    TEXT NOT NULL REFERENCES jabatan(jabatan_id),
    bentuk        TEXT NOT NULL CHECK (bentuk IN ('definitif', 'Plt.', 'Plh.', 'Pj.')),
    mulai         TEXT NOT NULL,      -- ISO date, inclusive
    selesai       TEXT,               -- ISO date, inclusive; NULL = open-ended
    dasar         TEXT NOT NULL DEFAULT ''  -- nomor SK (required for Plt./Plh./Pj.)
) STRICT;
CREATE INDEX assignment_by_jabatan ON assignment(jabatan_id, mulai);
CREATE INDEX assignment_by_nip ON assignment(nip, mulai);

-- Letters: the event log is the truth; the tables after it are its projection -------------
CREATE TABLE event (
    event_id        TEXT PRIMARY KEY,  -- UUIDv7
    letter_id       TEXT NOT NULL,
    letter_seq      INTEGER NOT NULL CHECK (letter_seq >= 1),
    type            TEXT NOT NULL,
    actor_nip       TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    base_seq        INTEGER NOT NULL,
    revision_hash   TEXT NOT NULL DEFAULT '',
    payload         TEXT NOT NULL,     -- canonical JSON
    client_time     TEXT NOT NULL,
    prev_event_hash TEXT NOT NULL,
    event_hash      TEXT NOT NULL,
    UNIQUE (letter_id, letter_seq)
) STRICT;

-- Every text a letter ever had, by revision hash (SHA-256 of the canonical JSON of the values).
CREATE TABLE revision (
    revision_hash TEXT PRIMARY KEY,
    letter_id     TEXT NOT NULL,
    parent_hash   TEXT NOT NULL DEFAULT '',
    values_json   TEXT NOT NULL
) STRICT;
CREATE INDEX revision_by_letter ON revision(letter_id);

CREATE TABLE letter (
    letter_id     TEXT PRIMARY KEY,
    jenis         TEXT NOT NULL,
    profile_id    TEXT NOT NULL,
    state         TEXT NOT NULL,
    konseptor_nip TEXT NOT NULL,
    unit_id       TEXT NOT NULL,
    hal           TEXT NOT NULL DEFAULT '',
    head_seq      INTEGER NOT NULL,
    head_revision TEXT NOT NULL DEFAULT '',
    nomor         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    state_json    TEXT NOT NULL        -- the full folded state, for show/inbox without re-folding
) STRICT;
CREATE INDEX letter_by_state ON letter(state, updated_at);
CREATE INDEX letter_by_konseptor ON letter(konseptor_nip, state);

-- Who must act on a letter now: one row per open task (review step, signature, numbering…).
CREATE TABLE task (
    letter_id  TEXT NOT NULL REFERENCES letter(letter_id),
    step_no    INTEGER NOT NULL,
    -- periksa | paraf_koordinasi | tandatangan | konsep | revisi | nomori | kirim | arsipkan
    kind       TEXT NOT NULL,
    jabatan_id TEXT NOT NULL DEFAULT '',
    nip        TEXT NOT NULL DEFAULT '', -- when assigned to a person (the konseptor for revisi)
    since      TEXT NOT NULL,
    PRIMARY KEY (letter_id, step_no, kind)
) STRICT;
CREATE INDEX task_by_jabatan ON task(jabatan_id, since);
CREATE INDEX task_by_nip ON task(nip, since);

-- Transactional outbox: what this device has done that the archive has not yet acknowledged.
CREATE TABLE outbox (
    event_id   TEXT PRIMARY KEY REFERENCES event(event_id),
    state      TEXT NOT NULL DEFAULT 'pending'
               CHECK (state IN ('pending', 'sent', 'acked', 'rejected')),
    result     TEXT,
    attempts   INTEGER NOT NULL DEFAULT 0,
    local_seq  INTEGER NOT NULL UNIQUE
) STRICT;

-- Numbering register ------------------------------------------------------------------------
CREATE TABLE number_series (
    unit_id TEXT NOT NULL,
    series  TEXT NOT NULL,             -- a series key from tnde.numbering.series_key
    year    INTEGER NOT NULL,
    last_no INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, series, year)
) STRICT;

CREATE TABLE number_lease (
    lease_id TEXT PRIMARY KEY,
    unit_id  TEXT NOT NULL,
    series   TEXT NOT NULL,
    year     INTEGER NOT NULL,
    first_no INTEGER NOT NULL,
    last_no  INTEGER NOT NULL,
    desk     TEXT NOT NULL,            -- the device or registry desk that may draw from it
    state    TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    CHECK (first_no <= last_no)
) STRICT;

CREATE TABLE number_use (
    unit_id   TEXT NOT NULL,
    series    TEXT NOT NULL,
    year      INTEGER NOT NULL,
    no        INTEGER NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('issued', 'voided')),
    letter_id TEXT,
    nomor     TEXT NOT NULL DEFAULT '',
    lease_id  TEXT REFERENCES number_lease(lease_id),
    reason    TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    PRIMARY KEY (unit_id, series, year, no)
) STRICT;
CREATE UNIQUE INDEX number_use_one_per_letter
    ON number_use(letter_id) WHERE status = 'issued' AND letter_id IS NOT NULL;
"""

_V2 = """
-- Registry desks' inboxes read their tasks by kind in date order.
CREATE INDEX task_by_kind ON task(kind, since);
"""

_V3 = """
-- Incoming letters (naskah masuk): the projection of their events, one row each.
CREATE TABLE incoming (
    incoming_id      TEXT PRIMARY KEY,
    unit_id          TEXT NOT NULL,      -- the receiving unit
    pimpinan_jabatan TEXT NOT NULL,      -- who reads and disposes it (head of the unit)
    agenda           TEXT NOT NULL,      -- agenda number from the register
    asal             TEXT NOT NULL,
    nomor            TEXT NOT NULL,
    tanggal          TEXT NOT NULL,
    hal              TEXT NOT NULL,
    sifat            TEXT NOT NULL,
    urgensi          TEXT NOT NULL,
    kka              TEXT NOT NULL DEFAULT '',
    diterima         TEXT NOT NULL,
    blob_sha256      TEXT,
    copy_only        INTEGER NOT NULL DEFAULT 0 CHECK (copy_only IN (0, 1)),  -- tembusan
    status           TEXT NOT NULL,      -- diregistrasi | dibaca | didisposisi | selesai
    updated_at       TEXT NOT NULL,
    state_json       TEXT NOT NULL
) STRICT;
CREATE INDEX incoming_by_unit ON incoming(unit_id, status, diterima);
CREATE INDEX incoming_by_pimpinan ON incoming(pimpinan_jabatan, status);
CREATE INDEX incoming_by_sender ON incoming(asal, nomor);
CREATE INDEX incoming_by_file ON incoming(blob_sha256);

-- Dispositions: one row per recipient of each disposition, chains through parent_id.
CREATE TABLE disposisi (
    disposisi_id      TEXT PRIMARY KEY,
    incoming_id       TEXT NOT NULL REFERENCES incoming(incoming_id),
    parent_id         TEXT,
    giver_jabatan     TEXT NOT NULL,
    recipient_jabatan TEXT NOT NULL,
    recipient_unit    TEXT NOT NULL,
    leading           INTEGER NOT NULL CHECK (leading IN (0, 1)),
    urgensi           TEXT NOT NULL,
    given_at          TEXT NOT NULL,
    due_at            TEXT NOT NULL,
    status            TEXT NOT NULL,     -- terkirim | dibaca | dalam_proses | selesai | dibatalkan
    completed_at      TEXT
) STRICT;
CREATE INDEX disposisi_by_recipient ON disposisi(recipient_jabatan, status, due_at);
CREATE INDEX disposisi_by_unit ON disposisi(recipient_unit, status, due_at);
CREATE INDEX disposisi_by_incoming ON disposisi(incoming_id);

-- Full-text search over incoming letters (rowid = incoming.rowid).
CREATE VIRTUAL TABLE incoming_fts USING fts5(
    hal, isi_ringkas, asal, nomor, body, tokenize = 'unicode61 remove_diacritics 2'
);
"""

_V4 = """
-- Measured on 200,000 incoming letters and 500,000 dispositions (bench/tracking.py): the
-- tracking page walks a unit's dispositions in due order and stops after one page; counters
-- read status and copy flag from the index; the duplicate check finds sender and number.
CREATE INDEX disposisi_by_unit_due ON disposisi(recipient_unit, due_at, disposisi_id);
CREATE INDEX disposisi_by_unit_given ON disposisi(recipient_unit, given_at);
CREATE INDEX disposisi_by_unit_completed ON disposisi(recipient_unit, completed_at);
CREATE INDEX incoming_by_unit_status ON incoming(unit_id, status, copy_only);
DROP INDEX incoming_by_pimpinan;
CREATE INDEX incoming_by_pimpinan_status ON incoming(pimpinan_jabatan, status, copy_only);
CREATE INDEX incoming_by_unit_sender ON incoming(unit_id, lower(asal), lower(nomor));
"""

_V5 = """
-- A letter is registered once per unit, unless the registry desk confirms a second
-- registration: the duplicate check and the insert are one transaction, and these indexes
-- refuse what a race would let through.
ALTER TABLE incoming
    ADD COLUMN duplicate_ok INTEGER NOT NULL DEFAULT 0 CHECK (duplicate_ok IN (0, 1));
-- registrations made before this version that repeat an earlier one stand as they are
UPDATE incoming SET duplicate_ok = 1 WHERE rowid NOT IN (
    SELECT min(rowid) FROM incoming GROUP BY unit_id, lower(asal), lower(nomor));
UPDATE incoming SET duplicate_ok = 1 WHERE blob_sha256 IS NOT NULL AND rowid NOT IN (
    SELECT min(rowid) FROM incoming WHERE blob_sha256 IS NOT NULL GROUP BY unit_id, blob_sha256);
CREATE UNIQUE INDEX incoming_once_by_sender
    ON incoming(unit_id, lower(asal), lower(nomor)) WHERE duplicate_ok = 0;
CREATE UNIQUE INDEX incoming_once_by_file
    ON incoming(unit_id, blob_sha256) WHERE duplicate_ok = 0 AND blob_sha256 IS NOT NULL;
"""

_V6 = """
-- The archive's place for each event this desk holds: NULL while the event is the desk's own
-- and not yet accepted; the feed position the archive gave it once accepted or pulled.
ALTER TABLE event ADD COLUMN feed_seq INTEGER;
CREATE UNIQUE INDEX event_by_feed_seq ON event(feed_seq) WHERE feed_seq IS NOT NULL;

-- Where this desk stands with its archive: url, pinned certificate, archive id, epoch,
-- cursor, times of the last push and pull, the last error.
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The desk's actions the archive refused (or that can no longer apply after another desk's
-- action arrived): kept, with the reason, until the user decides what to do with them.
CREATE TABLE sync_rejection (
    event_id    TEXT PRIMARY KEY,
    letter_id   TEXT NOT NULL,
    type        TEXT NOT NULL,
    body        TEXT NOT NULL,       -- canonical JSON of the event as the desk made it
    rule        TEXT NOT NULL,
    message     TEXT NOT NULL,
    -- archive: refused by the archive; merge: refused by the rules after another desk's
    -- action arrived; parked: waiting for events a restored archive must get back first
    source      TEXT NOT NULL CHECK (source IN ('archive', 'merge', 'parked')),
    rejected_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sync_rejection_open ON sync_rejection(resolved_at, rejected_at);
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "workspace, org chart, letters as events, numbering register, audit", _V1),
    Migration(2, "index of tasks by kind, for registry inboxes", _V2),
    Migration(3, "incoming letters, dispositions, full-text search", _V3),
    Migration(4, "indexes for counters, tracking pages and duplicate checks", _V4),
    Migration(5, "an incoming letter registered once per unit unless confirmed", _V5),
    Migration(6, "sync with the archive: feed positions, sync state, refused actions", _V6),
)

#: The schema version this code writes and understands.
CURRENT_VERSION = MIGRATIONS[-1].version
