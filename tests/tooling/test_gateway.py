"""The local gateway against a throwaway echo function: the event it builds, the context it
passes, and how it writes responses back. No DynamoDB involved."""

import base64
import contextlib
import http.client
import json
import socket
import struct
import sys
import textwrap
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from craftkit_local.gateway import LocalGateway
from craftkit_local.template import FUNCTION_TYPE, Template, load_yaml, parse

ECHO = textwrap.dedent(
    """
    import json
    import time

    def lambda_handler(event, context):
        if event["pathParameters"]["id"] == "slow":
            started = time.monotonic()
            time.sleep(0.2)
            return {"statusCode": 200, "body": json.dumps([started, time.monotonic()])}
        if event["pathParameters"]["id"] == "raise":
            raise RuntimeError("handlers should not raise")
        if event["pathParameters"]["id"] == "malformed":
            return {"statusCode": "two hundred"}
        if event["pathParameters"]["id"] == "binary":
            return {"statusCode": 200, "headers": {"Content-Type": "image/png"},
                    "body": "iVBORw==", "isBase64Encoded": True}
        seen = {
            "event": event,
            "context": {
                "function_name": context.function_name,
                "memory_limit_in_mb": context.memory_limit_in_mb,
                "invoked_function_arn": context.invoked_function_arn,
                "aws_request_id": context.aws_request_id,
                "remaining_ms": context.get_remaining_time_in_millis(),
            },
        }
        return {
            "statusCode": 200,
            "headers": {"X-Single": "one", "Set-Cookie": "overridden"},
            "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]},
            "body": json.dumps(seen),
        }
    """
)


@pytest.fixture(scope="module")
def echo_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    code = tmp_path_factory.mktemp("echo")
    (code / "app.py").write_text(ECHO)
    document = load_yaml()
    resources = {k: v for k, v in document["Resources"].items() if v["Type"] != FUNCTION_TYPE}
    resources["EchoFunction"] = {
        "Type": FUNCTION_TYPE,
        "Properties": {
            "CodeUri": str(code),
            "Handler": "app.lambda_handler",
            "Events": {
                "Api": {"Type": "Api", "Properties": {"Path": "/v1/echo/{id}", "Method": "post"}}
            },
        },
    }
    return parse({**document, "Resources": resources})


@pytest.fixture(scope="module")
def gateway(echo_template: Template) -> Iterator[LocalGateway]:
    gateway = LocalGateway(echo_template, port=0).start()
    yield gateway
    gateway.stop()


def address(gateway: LocalGateway) -> tuple[str, int]:
    host, port = gateway.url.removeprefix("http://").split(":")
    return host, int(port)


def send(
    gateway: LocalGateway, method: str, path: str, body: bytes | None = None, **headers: str
) -> tuple[int, http.client.HTTPMessage, bytes]:
    connection = http.client.HTTPConnection(*address(gateway))
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def exchange(
    gateway: LocalGateway, raw: bytes, half_close: bool = False
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """Sends `raw` as it is, for requests http.client would not send, and reads the answer.

    With `half_close`, the client then shuts its write side: the gateway reads the stream's end.
    """
    with socket.create_connection(address(gateway), timeout=5) as connection:
        with contextlib.suppress(OSError):  # the gateway may answer before reading it all
            connection.sendall(raw)
            if half_close:
                connection.shutdown(socket.SHUT_WR)
        response = http.client.HTTPResponse(connection)
        response.begin()
        return response.status, response.headers, response.read()


def reset(connection: socket.socket) -> None:
    """Closes with a reset (RST), as a client that crashed or gave up does, instead of a FIN."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


def gateway_lines(caplog: pytest.LogCaptureFixture, last: str) -> list[tuple[str, str]]:
    """The gateway's log lines once one starts with `last`, waiting up to 5 s for it."""
    for _ in range(50):
        lines = [
            (r.levelname, r.getMessage())
            for r in caplog.records
            if r.name == "craftkit_local.gateway"
        ]
        if any(line.startswith(last) for _, line in lines):
            break
        time.sleep(0.1)
    return lines


def envelope(code: str, message: str, headers: http.client.HTTPMessage) -> bytes:
    """The error envelope byte for byte (compact JSON), with the answer's request id."""
    error = {"code": code, "message": message, "requestId": headers["x-amzn-RequestId"]}
    return json.dumps({"error": error}, separators=(",", ":")).encode()


def echoed(gateway: LocalGateway, path: str, body: bytes | None = None, **headers: str) -> Any:
    status, _, raw = send(gateway, "POST", path, body, **headers)
    assert status == 200
    return json.loads(raw)


def test_the_event_is_api_gateways_rest_proxy_event(gateway: LocalGateway) -> None:
    seen = echoed(gateway, "/v1/echo/a%2Fb%20c?x=1&x=2&empty=", b'{"name": "A"}', X_Custom="v")

    event = seen["event"]
    assert event["resource"] == "/v1/echo/{id}"
    assert event["path"] == "/v1/echo/a%2Fb%20c"
    assert event["httpMethod"] == "POST"
    assert event["pathParameters"] == {"id": "a/b c"}
    assert event["queryStringParameters"] == {"x": "2", "empty": ""}
    assert event["multiValueQueryStringParameters"] == {"x": ["1", "2"], "empty": [""]}
    assert event["headers"]["X_Custom"] == "v"
    assert event["multiValueHeaders"]["X_Custom"] == ["v"]
    assert event["stageVariables"] is None
    assert (event["body"], event["isBase64Encoded"]) == ('{"name": "A"}', False)
    context = event["requestContext"]
    assert context["resourcePath"] == "/v1/echo/{id}"
    assert context["httpMethod"] == "POST"
    assert context["stage"] == "v1stage"
    assert context["path"] == "/v1stage/v1/echo/a%2Fb%20c"
    assert context["identity"]["sourceIp"] == "127.0.0.1"
    assert isinstance(context["requestTimeEpoch"], int)
    assert {"requestId", "accountId", "apiId"} <= context.keys()


def test_no_query_and_no_body_are_null(gateway: LocalGateway) -> None:
    event = echoed(gateway, "/v1/echo/x")["event"]

    assert event["queryStringParameters"] is None
    assert event["multiValueQueryStringParameters"] is None
    assert (event["body"], event["isBase64Encoded"]) == (None, False)


def test_a_body_that_is_not_utf8_arrives_in_base64(gateway: LocalGateway) -> None:
    event = echoed(gateway, "/v1/echo/x", b"\xff\xfe\x00")["event"]

    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == b"\xff\xfe\x00"


def test_repeated_headers_keep_every_value(gateway: LocalGateway) -> None:
    connection = http.client.HTTPConnection(*address(gateway))
    connection.putrequest("POST", "/v1/echo/x")
    connection.putheader("X-Twice", "first")
    connection.putheader("X-Twice", "second")
    connection.putheader("Content-Length", "0")
    connection.endheaders()
    event = json.loads(connection.getresponse().read())["event"]
    connection.close()

    assert event["headers"]["X-Twice"] == "second"
    assert event["multiValueHeaders"]["X-Twice"] == ["first", "second"]


def test_header_values_arrive_without_surrounding_whitespace(gateway: LocalGateway) -> None:
    request = (
        b"POST /v1/echo/x HTTP/1.1\r\nIdempotency-Key: abc \r\n"
        b"X-Twice:\t first \t\r\nX-Twice: second  \r\nContent-Length: 0\r\n\r\n"
    )

    status, _, body = exchange(gateway, request)

    event = json.loads(body)["event"]
    assert status == 200
    assert event["headers"]["Idempotency-Key"] == "abc"
    assert event["multiValueHeaders"]["Idempotency-Key"] == ["abc"]
    assert event["headers"]["X-Twice"] == "second"
    assert event["multiValueHeaders"]["X-Twice"] == ["first", "second"]


def test_each_request_gets_a_fresh_request_id_and_a_lambda_context(gateway: LocalGateway) -> None:
    first = echoed(gateway, "/v1/echo/x")
    second = echoed(gateway, "/v1/echo/x")

    ids = {first["event"]["requestContext"]["requestId"]}
    ids.add(second["event"]["requestContext"]["requestId"])
    assert len(ids) == 2
    context = first["context"]
    assert context["function_name"] == "EchoFunction"
    assert context["memory_limit_in_mb"] == "512"
    assert context["invoked_function_arn"].endswith(":function:EchoFunction")
    assert 0 < context["remaining_ms"] <= 10_000


def test_response_headers_merge_as_api_gateway_merges_them(gateway: LocalGateway) -> None:
    status, headers, _ = send(gateway, "POST", "/v1/echo/x")

    assert status == 200
    assert headers.get_all("Set-Cookie") == ["a=1", "b=2"]
    assert headers["X-Single"] == "one"


def test_a_base64_response_is_sent_as_bytes(gateway: LocalGateway) -> None:
    status, headers, body = send(gateway, "POST", "/v1/echo/binary")

    assert (status, headers["Content-Type"], body) == (200, "image/png", b"\x89PNG")


@pytest.mark.parametrize("case", ["raise", "malformed"])
def test_a_failing_function_gets_the_templates_5xx(gateway: LocalGateway, case: str) -> None:
    status, headers, body = send(gateway, "POST", f"/v1/echo/{case}")

    assert status == 500  # template.yaml sets DEFAULT_5XX's StatusCode
    assert json.loads(body)["error"]["code"] == "internal"
    assert json.loads(body)["error"]["requestId"] == headers["x-amzn-RequestId"]


def test_head_and_unknown_routes_answer_without_reaching_a_function(
    gateway: LocalGateway,
) -> None:
    status, headers, body = send(gateway, "GET", "/v1/echo/x")
    head_status, _, head_body = send(gateway, "HEAD", "/v1/elsewhere")

    assert status == 404
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "not_found"
    assert (head_status, head_body) == (404, b"")


def test_the_request_log_line_never_holds_headers(
    gateway: LocalGateway, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="craftkit_local.gateway"):
        send(gateway, "POST", "/v1/echo/x?secret=q", Authorization="Bearer ck_acct_secret")

    lines = [r.getMessage() for r in caplog.records if r.name == "craftkit_local.gateway"]
    assert len(lines) == 1
    assert lines[0].startswith("POST /v1/echo/x 200 ")
    assert "ck_acct_secret" not in lines[0]
    assert "secret=q" not in lines[0]


def test_the_function_module_is_loaded_under_a_name_of_its_own(gateway: LocalGateway) -> None:
    echoed(gateway, "/v1/echo/x")

    assert str(sys.modules["craftkit_function_EchoFunction"].__file__).endswith("app.py")
    assert "app" not in sys.modules


def test_a_burst_of_fifty_connections_is_all_answered(echo_template: Template) -> None:
    # Given a gateway that is listening but not yet accepting, so the whole burst is queued
    gateway = LocalGateway(echo_template, port=0)
    burst = 50

    def connect(_: int) -> http.client.HTTPConnection | None:
        connection = http.client.HTTPConnection(*address(gateway), timeout=2)
        try:
            connection.connect()  # times out if the listen queue is full
        except OSError:
            return None
        connection.request("POST", "/v1/echo/x")
        return connection

    def answer(connection: http.client.HTTPConnection | None) -> int | None:
        if connection is None:
            return None
        try:
            return connection.getresponse().status
        finally:
            connection.close()

    # When 50 clients connect at once, and only then the gateway starts accepting
    with ThreadPoolExecutor(max_workers=burst) as pool:
        connections = list(pool.map(connect, range(burst)))
        gateway.start()
        try:
            answers = list(pool.map(answer, connections))
        finally:
            gateway.stop()

    # Then every one of them gets an HTTP answer
    assert answers == [200] * burst


@pytest.mark.parametrize(
    ("framing", "message"),
    [
        ("Content-Length: abc\r\n\r\n", "Invalid Content-Length"),
        ("Content-Length: -1\r\n\r\n", "Invalid Content-Length"),
        ("Content-Length: 1_0\r\n\r\n0123456789", "Invalid Content-Length"),
        ("Content-Length: 2\r\nContent-Length: 3\r\n\r\nabc", "Invalid Content-Length"),
        ("Transfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n", "Invalid chunk size"),
        ("Transfer-Encoding: chunked\r\n\r\n-1\r\nab\r\n0\r\n\r\n", "Invalid chunk size"),
    ],
)
def test_a_body_whose_framing_cannot_be_read_gets_a_400_envelope(
    gateway: LocalGateway, caplog: pytest.LogCaptureFixture, framing: str, message: str
) -> None:
    request = f"POST /v1/echo/x HTTP/1.1\r\nHost: local\r\n{framing}".encode()

    with caplog.at_level("INFO", logger="craftkit_local.gateway"):
        status, headers, body = exchange(gateway, request)

    assert (status, headers["Content-Type"]) == (400, "application/json")
    assert body == envelope("invalid_request", message, headers)
    assert headers["Connection"] == "close"  # where the body ends is unknown
    lines = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert [(level, line[:20]) for level, line in lines] == [("INFO", "POST /v1/echo/x 400 ")]


@pytest.mark.parametrize(
    "cut_short",
    [
        "Content-Length: 500\r\n\r\n" + "x" * 20,
        "Transfer-Encoding: chunked\r\n\r\n",
        "Transfer-Encoding: chunked\r\n\r\n14",
        "Transfer-Encoding: chunked\r\n\r\n14\r\n" + "x" * 10,
        "Transfer-Encoding: chunked\r\n\r\n2\r\n{}",
        "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n",
        "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n",
    ],
    ids=["length", "no-chunk", "mid-size", "mid-chunk", "no-crlf", "no-last-chunk", "no-end"],
)
def test_a_body_cut_short_never_reaches_the_function(
    gateway: LocalGateway, caplog: pytest.LogCaptureFixture, cut_short: str
) -> None:
    # Given a request whose body ends before its framing says, then the client's write side shut
    request = f"POST /v1/echo/x HTTP/1.1\r\nHost: local\r\n{cut_short}".encode()

    # When the gateway reads it
    with caplog.at_level("INFO", logger="craftkit_local.gateway"):
        status, headers, body = exchange(gateway, request, half_close=True)

    # Then the echo function is not invoked (it would answer 200): a 400 envelope answers
    assert (status, headers["Content-Type"]) == (400, "application/json")
    assert body == envelope("invalid_request", "Incomplete request body", headers)
    assert headers["Connection"] == "close"
    lines = [r.getMessage() for r in caplog.records if r.name == "craftkit_local.gateway"]
    assert [line[:20] for line in lines] == ["POST /v1/echo/x 400 "]


@pytest.mark.parametrize(
    "request_line", ["TRACE /v1/echo/x", "CONNECT local:443", "FOO /v1/echo/x", "FOO /v1/none"]
)
def test_an_unknown_method_is_answered_as_an_unknown_route(
    gateway: LocalGateway, request_line: str
) -> None:
    request = f"{request_line} HTTP/1.1\r\nHost: local\r\nContent-Length: 2\r\n\r\n{{}}"

    status, headers, body = exchange(gateway, request.encode())
    route_status, route_headers, route_body = send(gateway, "GET", "/v1/echo/x")

    assert (status, headers["Content-Type"]) == (404, "application/json")
    assert body == envelope("not_found", "Not found.", headers)
    assert (route_status, route_body) == (404, envelope("not_found", "Not found.", route_headers))


@pytest.mark.parametrize(
    ("raw", "status", "message"),
    [
        (b"GARBAGE\r\n\r\n", 400, "Bad Request"),
        (b"\r\n\r\nGET /v1/echo/x HTTP/1.1\r\n\r\n", 400, "Bad Request"),
        (b" \r\nGET /v1/echo/x HTTP/1.1\r\n\r\n", 400, "Bad Request"),
        (b"GET /v1/echo/x HTTP/one\r\n\r\n", 400, "Bad Request"),
        (b"GET /v1/echo/x HTTP/2.0\r\n\r\n", 400, "Bad Request"),
        (b"GET /" + b"x" * 70_000 + b" HTTP/1.1\r\n\r\n", 414, "Request-URI Too Long"),
        (
            b"GET /v1/echo/x HTTP/1.1\r\nX-Long: " + b"x" * 1024 * 1024 + b"\r\n\r\n",
            431,
            "Request Header Fields Too Large",
        ),
        (
            b"GET /v1/echo/x HTTP/1.1\r\n" + b"X-Many: x\r\n" * 101 + b"\r\n",
            431,
            "Request Header Fields Too Large",
        ),
    ],
    ids=[
        "garbage",
        "two-empty-lines",
        "blank-line",
        "bad-version",
        "http2",
        "long-line",
        "long-header",
        "many-headers",
    ],
)
def test_a_request_http_server_cannot_read_gets_a_4xx_envelope(
    gateway: LocalGateway, raw: bytes, status: int, message: str
) -> None:
    answered_status, headers, body = exchange(gateway, raw)

    assert (answered_status, headers["Content-Type"]) == (status, "application/json")
    assert body == envelope("invalid_request", message, headers)
    assert headers["Connection"] == "close"


@pytest.mark.parametrize("empty_line", [b"\r\n", b"\n"], ids=["crlf", "lf"])
def test_an_empty_line_before_the_request_line_is_ignored(
    gateway: LocalGateway, empty_line: bytes
) -> None:
    # RFC 9112 section 2.2; some clients send CRLF after a POST body, before the next request
    request = empty_line + b"POST /v1/echo/x HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"

    status, _, body = exchange(gateway, request)

    assert status == 200
    assert json.loads(body)["event"]["body"] == "{}"


def test_one_function_serves_one_request_at_a_time(gateway: LocalGateway) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = sorted(pool.map(lambda _: echoed(gateway, "/v1/echo/slow"), range(2)))

    assert first[1] <= second[0]  # the second started after the first was done


@pytest.mark.parametrize(
    ("sent", "line"),
    [
        (b"POST /v1/ec", "client went away - -"),
        (b"POST /v1/echo/x?q=1 HTTP/1.1\r\nHost: lo", "client went away POST /v1/echo/x"),
        (
            b"POST /v1/echo/x HTTP/1.1\r\nContent-Length: 500\r\n\r\n" + b"x" * 20,
            "client went away POST /v1/echo/x",
        ),
    ],
    ids=["request-line", "headers", "body"],
)
def test_a_client_that_resets_mid_request_is_one_info_line(
    gateway: LocalGateway,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    sent: bytes,
    line: str,
) -> None:
    # Given a client that sent part of a request and is being read
    with caplog.at_level("INFO", logger="craftkit_local.gateway"):
        connection = socket.create_connection(address(gateway), timeout=5)
        connection.sendall(sent)
        time.sleep(0.05)

        # When it resets the connection
        reset(connection)
        lines = gateway_lines(caplog, "client went away")

    # Then the gateway logs that it went away, without a traceback, and invokes nothing
    assert lines == [("INFO", line)]
    assert "Traceback" not in capsys.readouterr().err


def test_a_client_that_resets_before_its_answer_is_one_info_line(
    gateway: LocalGateway, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given a whole request to a function that takes 0.2 s
    request = b"POST /v1/echo/slow HTTP/1.1\r\nContent-Length: 0\r\n\r\n"

    with caplog.at_level("INFO", logger="craftkit_local.gateway"):
        connection = socket.create_connection(address(gateway), timeout=5)
        connection.sendall(request)
        time.sleep(0.05)

        # When the client resets the connection while the function runs
        reset(connection)
        lines = gateway_lines(caplog, "client went away")

    # Then the request is logged, then that its client went away, without a traceback
    (level, request_line), *rest = lines
    assert (level, request_line[:23]) == ("INFO", "POST /v1/echo/slow 200 ")
    assert rest == [("INFO", "client went away POST /v1/echo/slow")]
    assert "Traceback" not in capsys.readouterr().err
