"""A local stand-in for the project's API Gateway REST API, on 127.0.0.1.

Routes come from template.yaml. Each request becomes the proxy event API Gateway would send
and goes to the route's handler; the handler's response is written back as API Gateway writes
it. What API Gateway answers itself (unknown route or method, body too large, a function that
failed, a request whose HTTP can't be read) is the template's gateway response for that case.
"""

import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from craftkit_local.gateway_responses import gateway_response
from craftkit_local.invoker import Invoker
from craftkit_local.proxy_event import HttpRequest, build_event
from craftkit_local.proxy_response import Answer, read_response
from craftkit_local.template import Template

HOST = "127.0.0.1"
MAX_REQUEST_BYTES = 10 * 1024 * 1024  # API Gateway's payload limit
MAX_INVOKE_BYTES = 6 * 1024 * 1024  # Lambda's synchronous invocation limit, both ways
# A refused body up to this size is read and dropped, so the client gets to read the 413;
# past it, the connection is closed on the client mid-send.
MAX_DRAINED_BYTES = 64 * 1024 * 1024
INCOMPLETE_BODY = "Incomplete request body"
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
_DECIMAL = re.compile(r"[0-9]+")
_HEX = re.compile(rb"[0-9A-Fa-f]+")

log = logging.getLogger("craftkit_local.gateway")


class RequestTooLargeError(Exception):
    pass


class MalformedRequestError(Exception):
    """The request's body can't be read whole: its framing is invalid, or the stream ended first.

    Either way where the request ends is unknown, and API Gateway never invokes a function
    with part of a body.
    """


class GatewayHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default listen backlog of 5 refuses a burst of parallel clients
    # (a load test, a test suite in parallel); a deployed API takes them all.
    request_queue_size = 128

    def __init__(self, invoker: Invoker, port: int) -> None:
        self.invoker = invoker
        super().__init__((HOST, port), RequestHandler)

    def gateway_answer(
        self,
        response_type: str,
        request_id: str,
        message: str | None = None,
        status: int | None = None,
    ) -> Answer:
        customised = self.invoker.template.gateway_responses
        response = gateway_response(response_type, request_id, customised, message, status)
        return response.status, list(response.headers.items()), response.body.encode()


class RequestHandler(BaseHTTPRequestHandler):
    server: GatewayHTTPServer
    protocol_version = "HTTP/1.1"
    raw_requestline: bytes  # set by http.server's handle_one_request() before parse_request()

    skipped_empty_line = False  # the line being read follows an empty line that was ignored

    def parse_request(self) -> bool:
        """http.server's reading of the request line and headers, except that one empty line
        before the request line is ignored (RFC 9112 section 2.2) and a blank request line,
        which http.server closes on without a word, is answered 400."""
        if self.raw_requestline in (b"\r\n", b"\n") and not self.skipped_empty_line:
            self.skipped_empty_line = True
            self.close_connection = False  # handle() then reads the next line in its place
            return False
        self.skipped_empty_line = False
        if super().parse_request():
            return True
        if not self.requestline.strip():
            self.send_error(HTTPStatus.BAD_REQUEST)
        return False

    def handle_one_request(self) -> None:
        """http.server's reading and answering of one request, where a client that resets
        the connection (mid-request, before its answer) is one log line, not a traceback."""
        self.command, self.path = "", ""  # until this request's line is read
        try:
            super().handle_one_request()
        except ConnectionError:  # BrokenPipeError and ConnectionResetError are ones
            # Nothing more can be read or written; a body not read whole reached no function.
            self.close_connection = True
            path = self.path.split("?")[0]
            log.info("client went away %s %s", self.command or "-", path or "-")

    def serve(self) -> None:
        started = time.monotonic()
        request_id = str(uuid.uuid4())
        try:
            status, headers, body = self._answer(request_id)
        except RequestTooLargeError:
            self._drain()
            status, headers, body = self.server.gateway_answer("REQUEST_TOO_LARGE", request_id)
        except MalformedRequestError as error:
            self.close_connection = True  # the rest of the request can't be told from the next
            status, headers, body = self.server.gateway_answer(
                "DEFAULT_4XX", request_id, str(error)
            )
        # One line per request; never headers or bodies, which carry keys. Logged before the
        # answer is written, so whoever has the answer can already read the line.
        elapsed_ms = (time.monotonic() - started) * 1000
        log.info("%s %s %d %.0f ms", self.command, self.path.split("?")[0], status, elapsed_ms)
        self._write(status, headers, body, request_id)

    def _answer(self, request_id: str) -> Answer:
        path, _, query = self.path.partition("?")
        found = self.server.invoker.route(self.command, path)
        body = self._read_body()
        if found is None:
            return self.server.gateway_answer("MISSING_AUTHENTICATION_TOKEN", request_id)
        function, parameters = found
        assert function.route is not None  # route() only returns routed functions
        request = HttpRequest(
            method=self.command,
            path=path,
            query=query,
            # The whitespace around a value is not part of it (RFC 9110 5.5); http.server
            # keeps what trails it. API Gateway trims both sides.
            headers=[(name, value.strip(" \t")) for name, value in self.headers.items()],
            body=body,
            source_ip=self.client_address[0],
        )
        stage = self.server.invoker.template.stage_name
        event = build_event(request, function.route, parameters, stage, request_id)
        try:
            if len(json.dumps(event)) > MAX_INVOKE_BYTES:
                raise ValueError("the event is over Lambda's 6 MB invocation limit")
            response = self.server.invoker.invoke(function, event)
            if len(json.dumps(response)) > MAX_INVOKE_BYTES:
                raise ValueError("the response is over Lambda's 6 MB limit")
            return read_response(response)
        except Exception:
            log.exception("%s failed; answering as API Gateway would", function.logical_id)
            return self.server.gateway_answer("DEFAULT_5XX", request_id)

    def _chunked(self) -> bool:
        return "chunked" in self.headers.get("Transfer-Encoding", "").lower()

    def _read_body(self) -> bytes:
        if self._chunked():
            return b"".join(self._chunks())
        length = self._content_length()
        if length > MAX_REQUEST_BYTES:
            raise RequestTooLargeError()
        return self._read_exactly(length)

    def _read_exactly(self, length: int) -> bytes:
        """`length` bytes of body; rfile.read() returns fewer when the stream ends early."""
        data = self.rfile.read(length) if length > 0 else b""
        if len(data) < length:
            raise MalformedRequestError(INCOMPLETE_BODY)
        return data

    def _line(self, limit: int = 65536) -> bytes:
        """A line of chunked framing, cut at `limit`; shorter and unended, the stream ended."""
        line = self.rfile.readline(limit)
        if not line.endswith(b"\n") and len(line) < limit:
            raise MalformedRequestError(INCOMPLETE_BODY)
        return line

    def _content_length(self) -> int:
        """The one Content-Length, strictly digits (int() would take "-1", " 1_0")."""
        values = {value.strip() for value in self.headers.get_all("Content-Length", [])}
        if not values:
            return 0
        if len(values) > 1 or not _DECIMAL.fullmatch(next(iter(values))):
            raise MalformedRequestError("Invalid Content-Length")
        return int(values.pop())

    def _chunk_size(self) -> int:
        line = self._line(1024)
        size = line.split(b";")[0].strip()
        if not line.endswith(b"\n") or not _HEX.fullmatch(size):
            raise MalformedRequestError("Invalid chunk size")
        return int(size, 16)

    def _drain(self) -> None:
        length = self._content_length()
        if length > MAX_DRAINED_BYTES or self._chunked():
            self.close_connection = True  # the rest of the body is still on the socket
            return
        while length > 0:
            dropped = self.rfile.read(min(length, 1024 * 1024))
            if not dropped:
                return  # the client went away
            length -= len(dropped)

    def _chunks(self) -> Iterator[bytes]:
        total = 0
        while size := self._chunk_size():
            total += size
            if total > MAX_REQUEST_BYTES:
                raise RequestTooLargeError()
            yield self._read_exactly(size)
            self._line()  # the CRLF after each chunk
        while self._line() not in (b"\r\n", b"\n"):
            pass  # trailers, up to the empty line that ends the request

    def _write(
        self, status: int, headers: list[tuple[str, str]], body: bytes, request_id: str
    ) -> None:
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("x-amzn-RequestId", request_id)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals, answered in the envelope instead of its HTML page.

        A method with no do_ handler (501) is answered as an unknown route is. A request line
        or headers that can't be read get DEFAULT_4XX with their 4xx status (400 otherwise).
        """
        if code == HTTPStatus.NOT_IMPLEMENTED:
            self.serve()  # no route has the method: the template's MISSING_AUTHENTICATION_TOKEN
            return
        request_id = str(uuid.uuid4())
        refusal = HTTPStatus(code if 400 <= code < 500 else HTTPStatus.BAD_REQUEST)
        status, headers, body = self.server.gateway_answer(
            "DEFAULT_4XX", request_id, refusal.phrase, refusal
        )
        log.info("unreadable request %d", status)
        self.close_connection = True  # the rest of the request can't be told from the next
        # A request line too broken to give its version leaves HTTP/0.9, which has no status
        # line or headers; the answer gets them anyway.
        self.request_version = self.protocol_version
        self._write(status, headers, body, request_id)

    def log_message(self, format: str, *args: Any) -> None:
        """Silences http.server's own line per request (serve() logs one without headers)."""

    def version_string(self) -> str:
        return "craftkit-local-gateway"


for _method in METHODS:
    setattr(RequestHandler, f"do_{_method}", RequestHandler.serve)


class LocalGateway:
    """The local API, served from a background thread until stop().

    The functions' variables (tables, endpoint) must be set in this process first; see
    craftkit_local.stack.
    """

    def __init__(self, template: Template, port: int) -> None:
        self._server = GatewayHTTPServer(Invoker(template), port)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="craftkit-gateway", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._server.server_address[1]}"

    def start(self) -> "LocalGateway":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
