"""Where onestop may send a request that someone outside chose the address of (agency webhooks).

An agency registers a URL and the worker POSTs to it: without a check that is a way into
whatever the worker can reach (loopback, the cluster's private services, a cloud metadata
address at 169.254.169.254). The check is made twice:

- at registration, on every address the host resolves to, so a bad URL is refused at once;
- at connect time, by the transport's own resolver (`GuardedTransport`): the addresses
  checked are the ones connected to, so a name that resolves to a public address at
  registration and to a private one later (DNS rebinding) is still refused, before any
  packet is sent.

A name that resolves to several addresses is refused if any of them is not public.
Hosts listed in ONESTOP_WEBHOOK_ALLOWED_HOSTS skip the address check (only the tests set
it: their receiver listens on 127.0.0.1). Errors:

    DestinationRefused          the URL or one of its addresses may not be called
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

Resolver = Callable[..., list[tuple[Any, ...]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Not caught by ipaddress's is_global in every Python of our range, or worth naming anyway.
_NEVER = tuple(ipaddress.ip_network(n) for n in (
    "100.64.0.0/10",  # carrier-grade NAT; Alibaba's metadata 100.100.100.200 is in it
    "169.254.0.0/16",  # link-local, the cloud metadata address among them
    "fd00:ec2::/32",  # AWS's IPv6 metadata address
    "64:ff9b::/96",  # NAT64: the IPv4 address inside may be private
))


class DestinationRefused(Exception):
    """The URL or one of its addresses may not be called; `reason` is safe to show the client."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_public(address: IPAddress) -> bool:
    """Only globally routable unicast addresses: no loopback, private, link-local, multicast, reserved."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    if address.is_multicast or any(address in network for network in _NEVER):
        return False
    return address.is_global


def _host_matches(host: str, patterns: Iterable[str]) -> bool:
    """An exact host, or a pattern starting with a dot for the domain's subdomains."""
    host = host.lower().rstrip(".")
    for pattern in patterns:
        pattern = pattern.lower().rstrip(".")
        if host == pattern or (pattern.startswith(".") and host.endswith(pattern)):
            return True
    return False


@dataclass(frozen=True)
class Destinations:
    """The rules of one deployment: which hosts skip the check, and whether plain http is allowed."""

    allowed_hosts: frozenset[str] = frozenset()
    require_https: bool = True
    resolver: Resolver = field(default=socket.getaddrinfo)

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to, every one of them public; refused otherwise."""
        try:
            answers = self.resolver(host, port, 0, socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise DestinationRefused("the host name does not resolve") from exc
        addresses = list(dict.fromkeys(str(answer[4][0]).split("%")[0] for answer in answers))
        if not addresses:
            raise DestinationRefused("the host name does not resolve")
        if _host_matches(host, self.allowed_hosts):
            return addresses
        if not all(is_public(ipaddress.ip_address(a)) for a in addresses):
            # Which address it was is not said: the answer must not map the internal network.
            raise DestinationRefused("the host resolves to an address that is not public")
        return addresses

    def check_url(self, url: str, client_hosts: Iterable[str] | None = None) -> str:
        """A URL fit to register, or DestinationRefused saying why (never which internal address)."""
        parts = urlsplit(url)
        schemes = ("https",) if self.require_https else ("http", "https")
        if parts.scheme not in schemes or not parts.hostname:
            raise DestinationRefused("the webhook URL must be an absolute https URL" if self.require_https
                                     else "the webhook URL must be an absolute http(s) URL")
        if parts.username or parts.password:
            raise DestinationRefused("the webhook URL must not carry credentials")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise DestinationRefused("the webhook URL has a bad port") from exc
        if client_hosts is not None and not _host_matches(parts.hostname, client_hosts):
            raise DestinationRefused("the host is not among the hosts allowed for this client")
        self.addresses(parts.hostname, port)
        return url


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves the host itself and connects only to the addresses it checked."""

    def __init__(self, destinations: Destinations) -> None:
        self.destinations = destinations

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Any = None) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self.destinations.addresses(host, port):
            try:
                return super().connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                           socket_options=socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError("no address to connect to")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the connect-time check; TLS still verifies the URL's host name,
    since httpcore passes the origin's host (not the pinned address) as the server name."""

    def __init__(self, destinations: Destinations, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # httpx builds its pool without a way to pass a network backend: rebuild it with ours.
        pool = self._pool
        self._pool = httpcore.ConnectionPool(
            ssl_context=pool._ssl_context, max_connections=pool._max_connections,
            max_keepalive_connections=pool._max_keepalive_connections, keepalive_expiry=pool._keepalive_expiry,
            http1=pool._http1, http2=pool._http2, retries=pool._retries,
            network_backend=_GuardedBackend(destinations))


def guarded_client(destinations: Destinations, timeout: httpx.Timeout) -> httpx.Client:
    """A client that never follows redirects nor an environment's proxy (either would skip the check)."""
    return httpx.Client(transport=GuardedTransport(destinations), timeout=timeout, follow_redirects=False,
                        trust_env=False)


__all__ = ["DestinationRefused", "Destinations", "GuardedTransport", "guarded_client", "is_public"]
