"""Keys: the server's own host key and authorized_keys files (names are in ``names.py``)."""

from __future__ import annotations

import re
from pathlib import Path

import asyncssh

from backend_tui import paths
from backend_tui.atomic import atomic_write
from backend_tui.ssh.config import ServeError, why
from backend_tui.study.notices import Notice

_KEY_TYPE_RE = re.compile(r"^(ssh-|ecdsa-sha2-|sk-ssh-|sk-ecdsa-)")


def server_dir(data_dir: Path) -> Path:
    """Where the server keeps its own files (host key, names); private to the server."""
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
            raise ServeError.of(
                "serve_host_key_unreadable",
                "cannot read host key {path}: {why}",
                path=path,
                why=why(exc),
            ) from None
    key = asyncssh.generate_private_key("ssh-ed25519")
    try:
        _write_private(path, key.export_private_key())
    except OSError as exc:
        raise ServeError.of(
            "serve_host_key_unwritable",
            "cannot write host key {path}: {why}",
            path=path,
            why=why(exc),
        ) from None
    return key, True


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
            raise ServeError.of(
                "serve_keys_unreadable",
                "cannot read authorized keys {path}: {why}",
                path=self.path,
                why=why(exc),
            ) from None
        problems: list[Notice] = []
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
                problems.append(
                    Notice(
                        "serve_keys_fields",
                        "{where}: expected 'key-type base64-key profile'",
                        where=where,
                    )
                )
                continue
            try:
                key = asyncssh.import_public_key(f"{fields[0]} {fields[1]}")
            except (asyncssh.KeyImportError, ValueError) as exc:
                problems.append(
                    Notice(
                        "serve_keys_not_key",
                        "{where}: not a public key: {detail}",
                        where=where,
                        detail=str(exc),
                    )
                )
                continue
            profile = options.get("profile") or (fields[2].strip() if len(fields) > 2 else "")
            if not profile:
                problems.append(
                    Notice(
                        "serve_keys_no_profile",
                        '{where}: no profile: add profile="name" or a comment',
                        where=where,
                    )
                )
                continue
            try:
                paths.validate_profile(profile)
            except paths.ProfileNameError as exc:
                # The name in the message is shown with its escapes (repr).
                refused = Notice("error_profile_name", "{why}", why=str(exc), name=repr(exc.name))
                problems.append(
                    Notice("serve_keys_bad_profile", "{where}: {why}", where=where, why=refused)
                )
                continue
            print_ = fingerprint(key)
            previous = self._profiles.get(print_)
            if previous is not None and previous != profile:
                problems.append(
                    Notice(
                        "serve_keys_twice",
                        "{where}: key already listed for profile {profile!r}",
                        where=where,
                        profile=previous,
                    )
                )
                continue
            self._profiles[print_] = profile
        if problems:
            raise ServeError(*problems)
        if not self._profiles:
            raise ServeError.of("serve_keys_none", "{path}: no keys listed", path=self.path)

    def profile_for(self, key: asyncssh.SSHKey) -> str | None:
        return self._profiles.get(fingerprint(key))

    def __len__(self) -> int:
        return len(self._profiles)
