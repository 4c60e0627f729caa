"""How items are keyed in the projects table (one table, partitioned by account).

    PK                 SK                              what
    ACCOUNT#<account>  PROJECT#<projectId>             a project; liveId set while not deleted
    ACCOUNT#<account>  PROJECT#<projectId>#KEY#<inv>   a project key's metadata (no secret)
    ACCOUNT#<account>  SLUG#<slug>                     a slug ever used by the account
    ACCOUNT#<account>  SLUGSEQ#<base>                  last numeric suffix given to <base>
    KEYHASH#<sha256>   KEYHASH#<sha256>                a project key's lookup by hash

<inv> is the key id with its hex digits complemented, so an ascending query over a project's
items reads the project first and then its keys newest first.
"""

_INVERT = str.maketrans("0123456789abcdef", "fedcba9876543210")


def account_pk(account_id: str) -> str:
    return f"ACCOUNT#{account_id}"


def project_sk(project_id: str) -> str:
    return f"PROJECT#{project_id}"


def project_keys_prefix(project_id: str) -> str:
    return f"PROJECT#{project_id}#KEY#"


def project_key_sk(project_id: str, key_id: str) -> str:
    return project_keys_prefix(project_id) + key_id.translate(_INVERT)


def key_id_from_sk(sk: str) -> str:
    return sk.rsplit("#", 1)[1].translate(_INVERT)


def slug_sk(slug: str) -> str:
    return f"SLUG#{slug}"


def slug_sequence_sk(base: str) -> str:
    return f"SLUGSEQ#{base}"


def key_hash_pk(key_hash: str) -> str:
    return f"KEYHASH#{key_hash}"


def key(pk: str, sk: str) -> dict[str, dict[str, str]]:
    return {"PK": {"S": pk}, "SK": {"S": sk}}


def project_key(account_id: str, project_id: str) -> dict[str, dict[str, str]]:
    return key(account_pk(account_id), project_sk(project_id))
