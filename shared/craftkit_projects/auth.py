"""Bearer-token authentication for the account-level API.

Only account keys (ck_acct_...) open /v1/projects*. A token of any other shape is refused
before any storage read; a well-formed one costs one strongly consistent GetItem, so a revoked
key is refused on the very next request.
"""

from craftkit_projects import account_keys_store, keys
from craftkit_projects.errors import UnauthorizedError


def bearer_token(authorization: list[str]) -> str:
    """The token of a single `Authorization: Bearer <token>` header (scheme in any case).

    A request carrying two Authorization headers is refused: which one a proxy keeps differs.
    """
    if len(authorization) != 1:
        raise UnauthorizedError()
    scheme, _, token = authorization[0].strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthorizedError()
    return token.strip()


def authenticate_account(authorization: list[str]) -> str:
    """The account id of a valid, unrevoked account key, or UnauthorizedError (401).

    `authorization` holds every Authorization header value the request carried.
    """
    token = bearer_token(authorization)
    if not keys.is_account_key(token):
        raise UnauthorizedError()
    account_id = account_keys_store.active_account_for(keys.hash_key(token))
    if account_id is None:
        raise UnauthorizedError()
    return account_id
