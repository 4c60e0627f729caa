"""The harness itself: a unit test cannot open a connection off this machine."""

import socket

import pytest


@pytest.mark.parametrize("family", [socket.AF_INET, socket.AF_INET6])
def test_connecting_off_loopback_is_refused_before_any_packet(family: socket.AddressFamily) -> None:
    address = ("192.0.2.1", 443) if family == socket.AF_INET else ("2001:db8::1", 443, 0, 0)

    with socket.socket(family, socket.SOCK_STREAM) as sock, pytest.raises(ConnectionRefusedError):
        sock.connect(address)
