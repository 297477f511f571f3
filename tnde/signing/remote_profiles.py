"""Remote signing profiles: where a workspace's remote signing service is and how it speaks.

Profiles live in the workspace folder, in ``remote-signing.toml`` beside ``config.toml``, so
an administrator versions them with the rest of the office's settings::

    schema_version = 1

    [profile.bsre]
    label = "BSrE (BSSN)"
    kind = "bsre-hash"                  # or "csc" (CSC API v2), "bsre-esc" (whole-PDF signing)
    url = "https://esign.example.go.id"
    auth = "basic"                      # basic | oauth2 | none
    client_id = "esign"                 # the secret is in the OS keyring, never here
    token_url = ""                      # oauth2 only: the client-credentials token endpoint
    chain = "service"                   # or a PEM file (relative to the workspace folder)
    timeout = 60                        # seconds to wait for one answer

    [profile.bsre.endpoints]            # optional: paths, when the gateway differs
    sign_hash = "/v2/esign/v2/api/entity/sign/hash/pdf"

    [profile.bsre.fields]               # optional: field names (dotted paths in the JSON)
    digest = "signaturePropertiesHashMap.0.documentDigestBase64"

Endpoints and field names are data because every gateway in front of BSrE (central API,
an agency's Esign Client Service, a province's wrapper) spells them its own way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tnde.datafile import Table, load_toml
from tnde.errors import ConfigError
from tnde.fsutil import write_atomic
from tnde.messages import _

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "AUTH_KINDS",
    "PROFILE_FILE",
    "PROFILE_KINDS",
    "RemoteProfile",
    "credential_account",
    "read_profiles",
    "remote_profile",
    "write_profiles",
]

PROFILE_FILE = "remote-signing.toml"
"""The profiles' file in the workspace folder."""
PROFILE_VERSION = 1
PROFILE_KINDS = ("bsre-hash", "csc", "bsre-esc")
"""The kinds of remote signing service this program speaks."""
AUTH_KINDS = ("basic", "oauth2", "none")

DEFAULT_ENDPOINTS: dict[str, dict[str, str]] = {
    "bsre-hash": {
        "status": "/api/v2/user/check/status",
        "chain": "/api/v2/user/certificate/chain/{nik}",
        "sign_hash": "/v2/esign/v2/api/entity/sign/hash/pdf",
    },
    "bsre-esc": {
        "status": "/api/v2/user/check/status",
        "chain": "/api/v2/user/certificate/chain/{nik}",
        "sign_pdf": "/api/v2/sign/pdf",
    },
    "csc": {
        "credentials_list": "/csc/v2/credentials/list",
        "authorize": "/csc/v2/credentials/authorize",
        "sign_hash": "/csc/v2/signatures/signHash",
    },
}
"""Paths per kind; ``{nik}`` is replaced by the signer's NIK."""

DEFAULT_FIELDS: dict[str, dict[str, str]] = {
    "bsre-hash": {
        "nik": "nik",
        "passphrase": "passphrase",
        "digest": "signaturePropertiesHashMap.0.documentDigestBase64",
        "cms": "data.cmsSignedDataHashMap.0",
        "status": "status",
        "status_code": "status_code",
        "error": "error",
        "chain": "data",
    },
    "bsre-esc": {
        "nik": "nik",
        "passphrase": "passphrase",
        "file": "file",
        "properties": "signatureProperties",
        "signed_file": "file.0",
        "status": "status",
        "status_code": "status_code",
        "error": "error",
        "chain": "data",
    },
    "csc": {
        "user_id": "userID",
        "error": "error",
        "error_description": "error_description",
    },
}
"""Dotted JSON paths per kind: where the request puts a value and where the answer has it."""

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class RemoteProfile:
    """One remote signing service, as configured."""

    name: str
    """The profile's key (``tnde sign --remote NAME``)."""
    label: str
    """What the window shows, e.g. ``BSrE (simulasi)``."""
    kind: str
    url: str
    """The service's base URL, without a trailing slash."""
    auth: str = "none"
    client_id: str = ""
    token_url: str = ""
    chain: str = "service"
    """``service``: ask the service for the certificate chain; else a PEM file."""
    timeout: float = 60.0
    endpoints: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)

    def endpoint(self, name: str, **values: str) -> str:
        """The full URL of endpoint ``name`` with ``{placeholders}`` filled in."""
        path = self.endpoints.get(name) or DEFAULT_ENDPOINTS[self.kind][name]
        for key, value in values.items():
            path = path.replace("{" + key + "}", value)
        return self.url + path

    def field_path(self, name: str) -> str:
        """The dotted JSON path of field ``name``."""
        return self.fields.get(name) or DEFAULT_FIELDS[self.kind][name]


def credential_account(profile: RemoteProfile) -> str:
    """The keyring account holding the service's client secret (Basic password or OAuth2
    client secret): bound to the URL, so a secret is only sent where it was meant to go."""
    return f"tanda tangan jarak jauh {profile.client_id}@{profile.url}"


def read_profiles(workspace: Path) -> dict[str, RemoteProfile]:
    """The profiles of the workspace at ``workspace`` (none when the file is absent).

    Raises:
        ConfigError: the file is malformed, names an unknown kind or has unknown keys.
    """
    path = workspace / PROFILE_FILE
    if not path.exists():
        return {}
    table = Table(load_toml(path, ConfigError), str(path), error=ConfigError)
    version = table.integer("schema_version", minimum=1)
    if version > PROFILE_VERSION:
        raise table.fail(
            "schema_version",
            _(
                "written by a newer TNDE Desktop (version {found}); this program understands "
                "up to version {supported}",
                found=version,
                supported=PROFILE_VERSION,
            ),
        )
    profiles = table.map("profile", _profile)
    table.done()
    return profiles


def remote_profile(workspace: Path, name: str) -> RemoteProfile:
    """The profile ``name``.

    Raises:
        ConfigError: no such profile (the message lists those there are).
    """
    profiles = read_profiles(workspace)
    if name not in profiles:
        raise ConfigError(
            str(workspace / PROFILE_FILE),
            f"profile.{name}",
            _(
                "no remote signing profile {name!r} (there are: {known})",
                name=name,
                known=", ".join(sorted(profiles)) or "-",
            ),
        )
    return profiles[name]


def _profile(parent: Table, name: str) -> RemoteProfile:
    table = parent.table(name, required=True)
    if not _NAME.fullmatch(name):
        raise parent.fail(name, _("a profile name is letters, digits, '.', '_' or '-'"))
    kind = table.choice("kind", PROFILE_KINDS)
    url = str(table.text("url", nonempty=True)).rstrip("/")
    if not _URL.fullmatch(url):
        raise table.fail("url", _("{url!r} is not an http(s) URL", url=url))
    auth = table.choice("auth", AUTH_KINDS, "none")
    client_id = table.text("client_id", "")
    token_url = table.text("token_url", "")
    if auth != "none" and not client_id:
        raise table.fail("client_id", _("required when auth is {auth!r}", auth=auth))
    if auth == "oauth2" and not _URL.fullmatch(token_url):
        raise table.fail("token_url", _("an http(s) URL is required when auth is 'oauth2'"))
    endpoints = _names(table.table("endpoints"), DEFAULT_ENDPOINTS[kind])
    fields = _names(table.table("fields"), DEFAULT_FIELDS[kind])
    profile = RemoteProfile(
        name=name,
        label=table.text("label", name),
        kind=kind,
        url=url,
        auth=auth,
        client_id=client_id,
        token_url=token_url,
        chain=table.text("chain", "service", nonempty=True),
        timeout=table.number("timeout", 60.0, minimum=1, maximum=600),
        endpoints=endpoints,
        fields=fields,
    )
    table.done()
    return profile


def _names(table: Table, known: dict[str, str]) -> dict[str, str]:
    out = {}
    for key in list(table.names()):
        if key not in known:
            raise table.fail(
                key,
                _("unknown name (known: {known})", known=", ".join(sorted(known))),
            )
        out[key] = str(table.text(key, nonempty=True))
    table.done()
    return out


def write_profiles(workspace: Path, profiles: list[RemoteProfile]) -> None:
    """Write ``profiles`` to the workspace's ``remote-signing.toml`` (atomically)."""
    lines = [
        "# Remote signing services. Unknown keys are errors.",
        f"schema_version = {PROFILE_VERSION}",
    ]
    for p in profiles:
        lines += [
            "",
            f"[profile.{p.name}]",
            f"label = {_toml(p.label)}",
            f"kind = {_toml(p.kind)}",
            f"url = {_toml(p.url)}",
            f"auth = {_toml(p.auth)}",
        ]
        if p.client_id:
            lines.append(f"client_id = {_toml(p.client_id)}")
        if p.token_url:
            lines.append(f"token_url = {_toml(p.token_url)}")
        lines += [f"chain = {_toml(p.chain)}", f"timeout = {p.timeout:g}"]
        for section, values in (("endpoints", p.endpoints), ("fields", p.fields)):
            if values:
                lines += ["", f"[profile.{p.name}.{section}]"]
                lines += [f"{k} = {_toml(v)}" for k, v in sorted(values.items())]
    write_atomic(workspace / PROFILE_FILE, ("\n".join(lines) + "\n").encode("utf-8"))


def _toml(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
