"""A small HTTP client for the local API, on the standard library only."""

import http.client
from dataclasses import dataclass
from email.message import Message
from json import dumps, loads
from typing import Any
from urllib.parse import urlsplit

# `key=DEFAULT` sends the client's own account key; `key=None` sends no Authorization.
DEFAULT: Any = object()


@dataclass(frozen=True)
class Response:
    status: int
    headers: Message  # case-insensitive: headers["content-type"]
    body: Any  # parsed JSON, else the text, else None when empty

    def __iter__(self):  # type: ignore[no-untyped-def]
        """Unpacks as (status, headers, body)."""
        return iter((self.status, self.headers, self.body))


@dataclass(frozen=True)
class ApiClient:
    base_url: str
    account_key: str
    account_id: str

    def request(
        self,
        method: str,
        path: str,
        *,
        key: str | None = DEFAULT,
        json: Any = None,
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """Send one request; `json=` is serialised with Content-Type application/json,
        `body=` goes as it is."""
        sent = dict(headers or {})
        key = self.account_key if key is DEFAULT else key
        if key is not None:
            sent["Authorization"] = f"Bearer {key}"
        if json is not None:
            body = dumps(json)
            sent.setdefault("Content-Type", "application/json")
        address = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return Response(response.status, response.headers, _parse(response.read()))
        finally:
            connection.close()

    def with_key(self, account_key: str, account_id: str) -> "ApiClient":
        return ApiClient(self.base_url, account_key, account_id)


def _parse(raw: bytes) -> Any:
    if not raw:
        return None
    text = raw.decode("utf-8", errors="replace")
    try:
        return loads(text)
    except ValueError:
        return text


def error(headers: Message, code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The one error envelope, with the request id the gateway sent in x-amzn-RequestId."""
    request_id = headers["x-amzn-RequestId"]
    assert request_id, "the gateway sends x-amzn-RequestId on every answer"
    return {"error": {"code": code, "message": message, "requestId": request_id, **extra}}
