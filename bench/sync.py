"""Benchmark: the archive under load, and desks syncing with it.

Server, database and load generator run together on this machine, the server in a process
of its own (forked, so it starts at once) serving real HTTP on loopback. Prints medians:

- accepted events per second, pushed in batches of 99 by 4 desks at once;
- a reconnect storm: 200 desks with 100,000 queued events in all, 16 pushing at a time;
- a feed page (100 events) to a desk: median and 99th percentile;
- a task reaching the assignee's desk: from the push until the assignee's held pull
  returns it;
- a new desk's first sync of a unit with 10,000 letters (30,000 events) into its workspace.

    python bench/sync.py [--database sqlite|postgresql] [--quick]

``--quick`` runs everything a tenth as large (a smoke test, not the figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tnde.archive import init_archive, open_archive  # noqa: E402
from tnde.archive.accounts import enrol_account  # noqa: E402
from tnde.archive.app import app_for  # noqa: E402
from tnde.ids import uuid7  # noqa: E402
from tnde.org import read_org  # noqa: E402
from tnde.resources import resource_path  # noqa: E402
from tnde.workflow import Letters  # noqa: E402
from tnde.workspace import Workspace, WorkspaceConfig  # noqa: E402

PROFILE = "diskominfo-nusantara-raya"
ORG = Path(str(resource_path("org", f"{PROFILE}.toml")))
PASSWORD = "sandi-bangku-uji-beban"


def holder(jabatan_id: str) -> str:
    chart = read_org(ORG)
    return next(a.nip for a in chart.assignments if a.jabatan_id == jabatan_id)


def serve(folder: Path, port: int) -> None:
    archive = open_archive(folder)
    config = uvicorn.Config(app_for(archive), host="127.0.0.1", port=port, log_level="error")
    uvicorn.Server(config).run()


class Archive:
    """The archive in a child process, and the desks signed in to it."""

    def __init__(self, root: Path, database: str) -> None:
        self.folder = root / "arsip"
        init_archive(self.folder, profile=PROFILE, org=ORG, database=database)
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = multiprocessing.get_context("fork").Process(
            target=serve, args=(self.folder, self.port), daemon=True
        )
        self.proc.start()
        for _ in range(600):
            try:
                httpx.get(f"{self.url}/v1/hello", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        self.enrolled: set[str] = set()

    def close(self) -> None:
        self.proc.terminate()
        self.proc.join(15)

    def sign_in(self, nip: str) -> tuple[str, str]:
        """A new device of ``nip``: (device id, access token)."""
        device = str(uuid.UUID(uuid7()))
        if nip not in self.enrolled:
            archive = open_archive(self.folder)
            with archive.database.write() as conn:
                code = enrol_account(conn, nip, at=dt.datetime.now(dt.UTC), actor="bench").code
            archive.close()
            body = {"nip": nip, "code": code, "password": PASSWORD}
            path = "/v1/auth/enrol"
            self.enrolled.add(nip)
        else:
            body = {"nip": nip, "password": PASSWORD}
            path = "/v1/auth/signin"
        body.update(device_id=device, device_name="bench")
        grant = httpx.post(f"{self.url}{path}", json=body, timeout=60).json()
        return device, grant["access_token"]


def letter_template(root: Path, konseptor: str) -> list[dict[str, Any]]:
    """The three events of a drafted letter (created, route, recipients), as a desk pushes
    them: the template every generated letter copies with ids of its own."""
    ws = Workspace.create(root / "cetakan", config=WorkspaceConfig(profile_id=PROFILE, demo=True))
    from tnde.org import import_org

    import_org(ws, read_org(ORG), actor=konseptor)
    letters = Letters(ws)
    values = {
        "tanggal": "2026-12-07",
        "kka": "000.8.3.3",
        "sifat": "Biasa",
        "hal": "Uji beban arsip",
        "tujuan": ["Kepala Perangkat Daerah"],
        "di": "Tempat",
        "isi": "Isi surat uji beban.",
    }
    unit = read_org(ORG).jabatan_by_id["PRANATA_KOMPUTER_APL"].unit_id
    letter = letters.create(
        konseptor, jenis="surat_dinas", unit_id=unit, profile_id=PROFILE, values=values
    )
    letters.set_route(konseptor, letter.letter_id, signer_jabatan="KADIS")
    letters.set_recipients(
        konseptor, letter.letter_id, tujuan=[{"text": "Kepala Perangkat Daerah"}]
    )
    rows = (
        ws.connect()
        .execute(
            "SELECT type, actor_nip, base_seq, revision_hash, payload, client_time FROM event "
            "ORDER BY letter_seq"
        )
        .fetchall()
    )
    import json

    return [
        {
            "type": r[0],
            "actor_nip": r[1],
            "base_seq": r[2],
            "revision_hash": r[3],
            "payload": json.loads(r[4]),
            "client_time": r[5],
        }
        for r in rows
    ]


def events_for(template: list[dict[str, Any]], device: str, letters: int) -> list[dict[str, Any]]:
    out = []
    for _ in range(letters):
        letter_id = str(uuid.UUID(uuid7()))
        for t in template:
            out.append(
                {
                    **t,
                    "event_id": str(uuid.UUID(uuid7())),
                    "letter_id": letter_id,
                    "device_id": device,
                }
            )
    return out


def push_all(
    client: httpx.Client, token: str, events: list[dict[str, Any]], batch: int = 99
) -> int:
    accepted = 0
    for i in range(0, len(events), batch):
        answer = client.post(
            "/v1/events:batch",
            json={"events": events[i : i + batch]},
            headers={"authorization": f"Bearer {token}"},
            timeout=120,
        )
        answer.raise_for_status()
        accepted += sum(r["status"] == "accepted" for r in answer.json()["results"])
    return accepted


def throughput(
    archive: Archive, template: list[dict[str, Any]], konseptor: str, letters: int
) -> float:
    desks = [archive.sign_in(konseptor) for _ in range(4)]
    loads = [(token, events_for(template, device, letters // 4)) for device, token in desks]
    started = time.perf_counter()
    with ThreadPoolExecutor(4) as pool, httpx.Client(base_url=archive.url) as client:
        accepted = sum(pool.map(lambda load: push_all(client, *load), loads))
    elapsed = time.perf_counter() - started
    assert accepted == letters // 4 * 4 * len(template), accepted
    return accepted / elapsed


def storm(
    archive: Archive, template: list[dict[str, Any]], konseptor: str, desks: int, per_desk: int
) -> float:
    signed = [archive.sign_in(konseptor) for _ in range(desks)]
    loads = [
        (token, events_for(template, device, per_desk // len(template))) for device, token in signed
    ]
    started = time.perf_counter()
    with (
        ThreadPoolExecutor(16) as pool,
        httpx.Client(base_url=archive.url, limits=httpx.Limits(max_connections=16)) as client,
    ):
        accepted = sum(pool.map(lambda load: push_all(client, *load), loads))
    elapsed = time.perf_counter() - started
    print(f"  storm: {accepted:,} events from {desks} desks")
    return elapsed


def feed_latencies(archive: Archive, nip: str, pages: int) -> list[float]:
    _device, token = archive.sign_in(nip)
    headers = {"authorization": f"Bearer {token}"}
    samples = []
    with httpx.Client(base_url=archive.url, headers=headers) as client:
        hello = client.get("/v1/hello").json()
        cursor = ""
        for _ in range(pages):
            started = time.perf_counter()
            page = client.get("/v1/changes", params={"cursor": cursor, "limit": 100}).json()
            samples.append((time.perf_counter() - started) * 1000)
            cursor = (
                page["next_cursor"]
                if page["has_more"]
                else f"{hello['archive_id']}:{hello['epoch']}:0"
            )
    return samples


def task_latency(
    archive: Archive, template: list[dict[str, Any]], konseptor: str, reviewer: str, runs: int
) -> list[float]:
    device, token = archive.sign_in(konseptor)
    _rdevice, rtoken = archive.sign_in(reviewer)
    samples = []
    with httpx.Client(base_url=archive.url) as client:
        page = client.get(
            "/v1/changes",
            params={"cursor": "", "limit": 1000},
            headers={"authorization": f"Bearer {rtoken}"},
        ).json()
        cursor = page["next_cursor"]
        while page["has_more"]:
            page = client.get(
                "/v1/changes",
                params={"cursor": cursor, "limit": 1000},
                headers={"authorization": f"Bearer {rtoken}"},
            ).json()
            cursor = page["next_cursor"]
        for _ in range(runs):
            got: dict[str, Any] = {}
            poller = threading.Thread(
                target=_wait_for_task, args=(archive.url, rtoken, cursor, got)
            )
            poller.start()
            time.sleep(0.3)  # the pull is held open by now
            started = time.perf_counter()
            push_all(client, token, events_for(template, device, 1))
            poller.join(60)
            samples.append((got["at"] - started) * 1000)
            cursor = got["cursor"]
    return samples


def _wait_for_task(url: str, token: str, cursor: str, got: dict[str, Any]) -> None:
    """Hold pulls open until one brings an event; note when and the cursor after it."""
    with httpx.Client(base_url=url, timeout=60) as poller:
        while True:
            answer = poller.get(
                "/v1/changes",
                params={"cursor": cursor, "wait": 30},
                headers={"authorization": f"Bearer {token}"},
            ).json()
            cursor = answer["next_cursor"]
            if answer["events"]:
                got["at"] = time.perf_counter()
                got["cursor"] = cursor
                return


def first_sync(archive: Archive, root: Path, nip: str) -> float:
    from tnde.org import import_org
    from tnde.sync import Syncer, link_workspace

    class Secrets:
        def __init__(self) -> None:
            self.items: dict[tuple[str, str], str] = {}

        def get(self, s: str, a: str) -> str | None:
            return self.items.get((s, a))

        def set(self, s: str, a: str, v: str) -> None:
            self.items[(s, a)] = v

        def delete(self, s: str, a: str) -> None:
            self.items.pop((s, a), None)

    secrets = Secrets()
    ws = Workspace.create(
        root / f"meja baru {uuid7()}", config=WorkspaceConfig(profile_id=PROFILE, owner=nip)
    )
    import_org(ws, read_org(ORG), actor=nip)
    link_workspace(
        ws,
        archive.url,
        nip=nip,
        secret=PASSWORD,
        secrets=secrets,
        enrol=nip not in archive.enrolled,
    )
    syncer = Syncer(ws, secrets)
    started = time.perf_counter()
    report = syncer.sync_once()
    elapsed = time.perf_counter() - started
    print(f"  first sync: {report.pulled:,} events, {report.new:,} new")
    syncer.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    konseptor = holder("PRANATA_KOMPUTER_APL")
    reviewer = holder("KASI_APL")
    kadis = holder("KADIS")
    cluster = None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        database = ""
        if args.database == "postgresql":
            from tests.archive.pgcluster import PgCluster

            cluster = PgCluster(durable=True).start()
            database = cluster.database()
        template = letter_template(root, konseptor)
        archive = Archive(root, database)
        try:
            print(f"archive on {args.database}, {multiprocessing.cpu_count()} cores")
            rates = [throughput(archive, template, konseptor, 3300 // scale) for _ in range(3)]
            runs = ", ".join(f"{r:,.0f}" for r in rates)
            print(
                f"accepted events/s in batches of 99, 4 desks: "
                f"median {statistics.median(rates):,.0f} (runs {runs}); target ≥ 1,000"
            )
            seconds = storm(archive, template, konseptor, 200 // scale, 500)
            print(f"reconnect storm drained in {seconds:.1f} s; target ≤ 180 s")
            pages = sorted(feed_latencies(archive, kadis, 200))
            p99 = pages[int(len(pages) * 0.99) - 1]
            print(
                f"feed page of 100: median {statistics.median(pages):.1f} ms, "
                f"p99 {p99:.1f} ms; target p99 ≤ 50 ms"
            )
            tasks = task_latency(archive, template, konseptor, reviewer, 10)
            print(
                f"task to the assignee's desk: median {statistics.median(tasks):.0f} ms, "
                f"max {max(tasks):.0f} ms; target ≤ 2,000 ms"
            )
            # the Kepala Dinas sees every letter pushed above (more than 10,000)
            seconds = first_sync(archive, root, kadis)
            print(f"first sync of the Kepala Dinas's new desk: {seconds:.1f} s; target ≤ 60 s")
        finally:
            archive.close()
            if cluster is not None:
                cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
