"""Project keys (ck_live_...): minting, listing, revoking, and verifying them for the rest of
Craftkit's API. No AWS code here."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from craftkit_projects import auth, ids, keys, ownership, pagination, project_keys_store
from craftkit_projects.errors import NotFoundError, UnauthorizedError

_REFUSED = "A valid project key is required."


@dataclass(frozen=True)
class ProjectPrincipal:
    """Who a verified project key speaks for."""

    account_id: str
    project_id: str
    key_id: str


def view(item: Mapping[str, Any]) -> dict[str, Any]:
    """The public shape of a key: never the key itself, never its hash."""
    return {
        "id": item["id"],
        "projectId": item["projectId"],
        "name": item["name"],
        "prefix": item["prefix"],
        "createdAt": item["createdAt"],
        "revokedAt": item.get("revokedAt"),
    }


def mint_key(account_id: str, project_id: str, name: str) -> dict[str, Any]:
    """A new ck_live_ key for the caller's live project; the only time its plaintext exists."""
    project_id = ownership.require_id(project_id)
    plaintext = keys.new_project_key()
    key = {
        "id": ids.new_id(),
        "projectId": project_id,
        "name": name,
        "prefix": keys.display_prefix(plaintext),
        "createdAt": ids.now(),
    }
    project_keys_store.insert_key(account_id, key, keys.hash_key(plaintext))
    shown = {name: key[name] for name in ("id", "projectId", "name", "prefix")}
    return shown | {"key": plaintext, "createdAt": key["createdAt"]}  # the contract's order


def list_keys(account_id: str, project_id: str, limit: int, after_id: str | None) -> dict[str, Any]:
    project_id = ownership.require_id(project_id)
    project, items, more = project_keys_store.query_keys(account_id, project_id, limit, after_id)
    if not ownership.owns(project):
        raise NotFoundError()
    return pagination.page([view(item) for item in items], more, account_id, project_id)


def revoke_key(account_id: str, project_id: str, key_id: str) -> dict[str, Any]:
    project_id = ownership.require_id(project_id)
    key_id = ownership.require_id(key_id)
    project_keys_store.revoke_key(account_id, project_id, key_id, ids.now())
    return {"id": key_id, "revoked": True}


def verify_project_key(authorization: str | None) -> ProjectPrincipal:
    """The account and project a `Bearer ck_live_...` header speaks for, or UnauthorizedError.

    Cost: no read for a malformed token (account keys and ck_test_ keys included), one read for
    an unknown key, two for a known one: the hash lookup, then the project and the key's
    metadata together, so a revoked key or a deleted project is refused at once. The
    account-key table is never read.
    """
    token = _bearer_or_none(authorization)
    if token is None or not keys.is_project_key(token):
        raise UnauthorizedError(_REFUSED)
    lookup = project_keys_store.find_key_by_hash(keys.hash_key(token))
    if lookup is None:
        raise UnauthorizedError(_REFUSED)
    account_id, project_id, key_id = lookup["accountId"], lookup["projectId"], lookup["keyId"]
    project, key = project_keys_store.get_project_and_key(account_id, project_id, key_id)
    if not ownership.owns(project) or not key or key.get("revokedAt") is not None:
        raise UnauthorizedError(_REFUSED)
    return ProjectPrincipal(account_id, project_id, key_id)


def _bearer_or_none(authorization: str | None) -> str | None:
    try:
        return auth.bearer_token([authorization] if authorization is not None else [])
    except UnauthorizedError:
        return None
