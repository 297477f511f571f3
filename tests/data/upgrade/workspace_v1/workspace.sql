-- A workspace database of schema version 1 (written by tnde 0.1.0), as an SQL dump.
-- tests/workspace/test_workspace_upgrade.py rebuilds workspace.sqlite from it and opens it.
BEGIN TRANSACTION;
CREATE TABLE assignment (
    assignment_id TEXT PRIMARY KEY,
    nip           TEXT NOT NULL REFERENCES pegawai(nip),
    jabatan_id    TEXT NOT NULL REFERENCES jabatan(jabatan_id),
    bentuk        TEXT NOT NULL CHECK (bentuk IN ('definitif', 'Plt.', 'Plh.', 'Pj.')),
    mulai         TEXT NOT NULL,      -- ISO date, inclusive
    selesai       TEXT,               -- ISO date, inclusive; NULL = open-ended
    dasar         TEXT NOT NULL DEFAULT ''  -- nomor SK (required for Plt./Plh./Pj.)
) STRICT;
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
INSERT INTO "audit" VALUES(1,'2026-08-22T03:04:05.678Z','system','workspace.created','01a21f12-14de-7268-8037-c66404743d62','{"device_id":"01a21f12-14de-7268-8037-c66404743d63","schema_version":1}','0000000000000000000000000000000000000000000000000000000000000000','79f1cd4b9d4b39b15e5602a152b51e99558c9262b37c4ff11588f0e28bdb6f1f');
INSERT INTO "audit" VALUES(2,'2026-08-22T03:04:05.678Z','198001012006041001','blob.stored','4273a3418347ebb6c63cfa562acd54f4aba70d1e53cb9c57e7edb1c8aac66423','{"media_type":"text/plain"}','79f1cd4b9d4b39b15e5602a152b51e99558c9262b37c4ff11588f0e28bdb6f1f','12d8827942125259067a1dd7c7d4b62f3444f8c20a8a3fdb6c0e1ff48eced123');
INSERT INTO "audit" VALUES(3,'2026-08-22T03:04:05.678Z','198001012006041001','letter.revised','01a21f11-0000-7000-8000-000000000001','{"letter_seq":3}','12d8827942125259067a1dd7c7d4b62f3444f8c20a8a3fdb6c0e1ff48eced123','1ef9b0c9bebd55c00ff1c7db206e6851ba5b58673fb5a453cf9691b1e186b610');
CREATE TABLE blob (
    sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size       INTEGER NOT NULL CHECK (size >= 0),
    media_type TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
INSERT INTO "blob" VALUES('4273a3418347ebb6c63cfa562acd54f4aba70d1e53cb9c57e7edb1c8aac66423',22,'text/plain; charset=utf-8','2026-08-22T03:04:05.678Z');
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
INSERT INTO "event" VALUES('01a21f11-0000-7000-8000-000000000001-e1','01a21f11-0000-7000-8000-000000000001',1,'draft.revised','198001012006041001','01a21f12-14de-7268-8037-c66404743d63',0,'','{"hal":"Undangan rapat 1"}','2026-08-22T03:04:05.678Z','0000000000000000000000000000000000000000000000000000000000000000','230b2b1ef1dd7d48d26ebc3b78d2798af2a6f59b3ede35d024535d7136c85224');
INSERT INTO "event" VALUES('01a21f11-0000-7000-8000-000000000001-e2','01a21f11-0000-7000-8000-000000000001',2,'draft.revised','198001012006041001','01a21f12-14de-7268-8037-c66404743d63',1,'','{"hal":"Undangan rapat 2"}','2026-08-22T03:04:05.678Z','230b2b1ef1dd7d48d26ebc3b78d2798af2a6f59b3ede35d024535d7136c85224','85ceaa09ce3aefe91fa58067321e7e8c2a665f124c860c78a8d68c85cb55c872');
INSERT INTO "event" VALUES('01a21f11-0000-7000-8000-000000000001-e3','01a21f11-0000-7000-8000-000000000001',3,'draft.revised','198001012006041001','01a21f12-14de-7268-8037-c66404743d63',2,'','{"hal":"Undangan rapat 3"}','2026-08-22T03:04:05.678Z','85ceaa09ce3aefe91fa58067321e7e8c2a665f124c860c78a8d68c85cb55c872','6797e1d890d21be11c2da82ef2299f13d7c29e00b075140abb1dd4564a21e03b');
CREATE TABLE jabatan (
    jabatan_id  TEXT PRIMARY KEY,     -- stable code, e.g. "KADIS"
    nama        TEXT NOT NULL,        -- "Kepala Dinas Komunikasi dan Informatika"
    unit_id     TEXT NOT NULL REFERENCES unit(unit_id),
    eselon      TEXT NOT NULL DEFAULT '',
    heads_unit  INTEGER NOT NULL DEFAULT 0 CHECK (heads_unit IN (0, 1)),
    superior_id TEXT REFERENCES jabatan(jabatan_id),
    registry    INTEGER NOT NULL DEFAULT 0 CHECK (registry IN (0, 1))  -- pencatat/TU desk
) STRICT;
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
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
INSERT INTO "meta" VALUES('workspace_id','01a21f12-14de-7268-8037-c66404743d62');
INSERT INTO "meta" VALUES('device_id','01a21f12-14de-7268-8037-c66404743d63');
INSERT INTO "meta" VALUES('created_at','2026-08-22T03:04:05.678Z');
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
CREATE TABLE number_series (
    unit_id TEXT NOT NULL,
    series  TEXT NOT NULL,             -- a series key from tnde.numbering.series_key
    year    INTEGER NOT NULL,
    last_no INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, series, year)
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
CREATE TABLE outbox (
    event_id   TEXT PRIMARY KEY REFERENCES event(event_id),
    state      TEXT NOT NULL DEFAULT 'pending'
               CHECK (state IN ('pending', 'sent', 'acked', 'rejected')),
    result     TEXT,
    attempts   INTEGER NOT NULL DEFAULT 0,
    local_seq  INTEGER NOT NULL UNIQUE
) STRICT;
CREATE TABLE pegawai (
    nip      TEXT PRIMARY KEY CHECK (length(nip) = 18),
    nama     TEXT NOT NULL,           -- as printed, with degrees: "Dr. Budi Santoso, S.Kom., M.T."
    pangkat  TEXT NOT NULL DEFAULT '',
    golongan TEXT NOT NULL DEFAULT '',
    nik_ref  TEXT NOT NULL DEFAULT '', -- reference to the NIK (never the NIK itself in logs)
    email    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE revision (
    revision_hash TEXT PRIMARY KEY,
    letter_id     TEXT NOT NULL,
    parent_hash   TEXT NOT NULL DEFAULT '',
    values_json   TEXT NOT NULL
) STRICT;
CREATE TABLE schema_migrations (
    version     INTEGER PRIMARY KEY,
    applied_at  TEXT NOT NULL,
    description TEXT NOT NULL
) STRICT
;
INSERT INTO "schema_migrations" VALUES(1,'2026-08-22T03:04:05.678Z','workspace, org chart, letters as events, numbering register, audit');
CREATE TABLE task (
    letter_id  TEXT NOT NULL REFERENCES letter(letter_id),
    step_no    INTEGER NOT NULL,
    kind       TEXT NOT NULL,          -- periksa | paraf_koordinasi | tandatangan | nomori | kirim | revisi
    jabatan_id TEXT NOT NULL DEFAULT '',
    nip        TEXT NOT NULL DEFAULT '', -- when assigned to a person (the konseptor for revisi)
    since      TEXT NOT NULL,
    PRIMARY KEY (letter_id, step_no, kind)
) STRICT;
CREATE TABLE unit (
    unit_id   TEXT PRIMARY KEY,       -- stable code chosen by the admin, e.g. "DISKOMINFO.SEK"
    nama      TEXT NOT NULL,
    parent_id TEXT REFERENCES unit(unit_id),
    kode      TEXT NOT NULL DEFAULT '' -- code printed in letter numbers ({unit})
) STRICT;
CREATE INDEX assignment_by_jabatan ON assignment(jabatan_id, mulai);
CREATE INDEX assignment_by_nip ON assignment(nip, mulai);
CREATE INDEX revision_by_letter ON revision(letter_id);
CREATE INDEX letter_by_state ON letter(state, updated_at);
CREATE INDEX letter_by_konseptor ON letter(konseptor_nip, state);
CREATE INDEX task_by_jabatan ON task(jabatan_id, since);
CREATE INDEX task_by_nip ON task(nip, since);
CREATE UNIQUE INDEX number_use_one_per_letter
    ON number_use(letter_id) WHERE status = 'issued' AND letter_id IS NOT NULL;
COMMIT;
