"""Keys: the server's own host key, the profile-to-key bindings, authorized_keys files."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import asyncssh
import tomli_w

from backend_tui import paths
from backend_tui.atomic import atomic_write
from backend_tui.ssh.config import ServeError

BINDINGS_VERSION = 1
_KEY_TYPE_RE = re.compile(r"^(ssh-|ecdsa-sha2-|sk-ssh-|sk-ecdsa-)")


def server_dir(data_dir: Path) -> Path:
    """Where the server keeps its own files (host key, bindings); private to the server."""
    return data_dir / "ssh"


def fingerprint(key: asyncssh.SSHKey) -> str:
    """The SHA256 fingerprint OpenSSH prints, e.g. ``SHA256:abc...``."""
    return key.get_fingerprint("sha256")


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a new 0600 file next to ``path`` and move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(path, data, mode=0o600)


def load_or_create_host_key(path: Path) -> tuple[asyncssh.SSHKey, bool]:
    """The host key at ``path``, made (ed25519, mode 0600) on first start.

    Returns the key and whether it was just created.
    """
    if path.exists():
        try:
            return asyncssh.read_private_key(path), False
        except (OSError, asyncssh.KeyImportError) as exc:
            raise ServeError(f"cannot read host key {path}: {exc}") from None
    key = asyncssh.generate_private_key("ssh-ed25519")
    try:
        _write_private(path, key.export_private_key())
    except OSError as exc:
        raise ServeError(f"cannot write host key {path}: {exc}") from None
    return key, True


@dataclass(frozen=True, slots=True)
class Binding:
    """The key a profile name belongs to."""

    fingerprint: str
    """SHA256 fingerprint of the key."""
    public_key: str
    """The key in OpenSSH one-line form, so a teacher can see whose it is."""
    bound_at: str
    """UTC time of the first login, ISO 8601."""


class BindingStore:
    """Profile names bound to the first key that logged in with them.

    Stored in ``<data_dir>/ssh/bindings.toml``, rewritten atomically. A file that
    cannot be read stops the server: carrying on would let anyone claim any name.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._bindings: dict[str, Binding] = {}

    def load(self) -> None:
        if not self.path.exists():
            return
        try:
            raw = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ServeError(f"{self.path}: cannot read key bindings: {exc}") from None
        version = raw.get("version")
        if version != BINDINGS_VERSION:
            raise ServeError(f"{self.path}: unknown bindings version {version!r}")
        profiles = raw.get("profiles", {})
        if not isinstance(profiles, dict):
            raise ServeError(f"{self.path}: 'profiles' must be a table")
        for name, entry in profiles.items():
            try:
                paths.validate_profile(name)
                binding = Binding(
                    fingerprint=str(entry["fingerprint"]),
                    public_key=str(entry["public_key"]),
                    bound_at=str(entry.get("bound_at", "")),
                )
            except (paths.ProfileNameError, KeyError, TypeError) as exc:
                raise ServeError(f"{self.path}: bad entry for {name!r}: {exc}") from None
            self._bindings[name] = binding

    def get(self, profile: str) -> Binding | None:
        return self._bindings.get(profile)

    def __len__(self) -> int:
        return len(self._bindings)

    def claim(self, profile: str, key: asyncssh.SSHKey) -> bool:
        """Bind ``profile`` to ``key`` unless it already belongs to another key.

        Check and set happen in one synchronous step, so two first logins racing
        for the same name cannot both win.
        """
        current = self._bindings.get(profile)
        print_ = fingerprint(key)
        if current is not None:
            return current.fingerprint == print_
        self._bindings[profile] = Binding(
            fingerprint=print_,
            public_key=key.export_public_key("openssh").decode("ascii").strip(),
            bound_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        )
        try:
            self._save()
        except OSError:
            del self._bindings[profile]
            raise
        return True

    def _save(self) -> None:
        doc = {
            "version": BINDINGS_VERSION,
            "profiles": {
                name: {
                    "fingerprint": b.fingerprint,
                    "public_key": b.public_key,
                    "bound_at": b.bound_at,
                }
                for name, b in sorted(self._bindings.items())
            },
        }
        _write_private(self.path, tomli_w.dumps(doc).encode("utf-8"))


def _split_options(line: str) -> tuple[str, str]:
    """Split an authorized_keys line into (options, rest); quotes may hold spaces."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char in " \t" and not quoted:
            return line[:index], line[index:].strip()
    return line, ""


def _parse_options(text: str) -> dict[str, str]:
    options: dict[str, str] = {}
    for match in re.finditer(r'([A-Za-z0-9_-]+)(?:="((?:[^"\\]|\\.)*)")?(?:,|$)', text):
        options[match.group(1).lower()] = match.group(2) or ""
    return options


class AuthorizedKeys:
    """An authorized_keys file whose entries each name a profile.

    ``profile="name"`` in the options wins; otherwise the comment is the profile.
    Other OpenSSH options are accepted and ignored.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._profiles: dict[str, str] = {}

    def load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ServeError(f"cannot read authorized keys {self.path}: {exc}") from None
        problems: list[str] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            where = f"{self.path}:{number}"
            options: dict[str, str] = {}
            if not _KEY_TYPE_RE.match(line):
                option_text, line = _split_options(line)
                options = _parse_options(option_text)
            fields = line.split(None, 2)
            if len(fields) < 2:
                problems.append(f"{where}: expected 'key-type base64-key profile'")
                continue
            try:
                key = asyncssh.import_public_key(f"{fields[0]} {fields[1]}")
            except (asyncssh.KeyImportError, ValueError) as exc:
                problems.append(f"{where}: not a public key: {exc}")
                continue
            profile = options.get("profile") or (fields[2].strip() if len(fields) > 2 else "")
            if not profile:
                problems.append(f'{where}: no profile: add profile="name" or a comment')
                continue
            try:
                paths.validate_profile(profile)
            except paths.ProfileNameError as exc:
                problems.append(f"{where}: {exc}")
                continue
            print_ = fingerprint(key)
            previous = self._profiles.get(print_)
            if previous is not None and previous != profile:
                problems.append(f"{where}: key already listed for profile {previous!r}")
                continue
            self._profiles[print_] = profile
        if problems:
            raise ServeError("\n".join(problems))
        if not self._profiles:
            raise ServeError(f"{self.path}: no keys listed")

    def profile_for(self, key: asyncssh.SSHKey) -> str | None:
        return self._profiles.get(fingerprint(key))

    def __len__(self) -> int:
        return len(self._profiles)
