"""Results of ``status: ok`` replies, decoded manually and strictly.

A per-entry :class:`OrderError` is a value, not an exception, because a batch can partly
succeed; anything the decoders do not expect is a :class:`~trio_hl.errors.ProtocolError`
(the action was accepted and may have been executed).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from ..._guards import is_array, is_mapping
from ..._numbers import to_decimal
from ...errors import ConfigurationError, ProtocolError
from .._common import normalise_address
from ._wire import (
    Cloid,
)

if TYPE_CHECKING:
    # Only an annotation (attrs does not evaluate it): models do not import the shell.
    from collections.abc import Mapping

    from ..._account import Account  # noqa: TC004


# Results
# ---------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OrderResting:
    """The order rests on the book (``{"resting": {"oid", "cloid"?}}``)."""

    oid: int
    cloid: Cloid | None = None


@attrs.frozen(kw_only=True)
class OrderFilled:
    """The order filled at once (``{"filled": {"totalSz", "avgPx", "oid", "cloid"?}}``).

    ``total_sz`` may be less than the order's size for an IOC order (the rest was
    cancelled).
    """

    total_sz: Decimal
    avg_px: Decimal
    oid: int
    cloid: Cloid | None = None


@attrs.frozen(kw_only=True)
class OrderWaiting:
    """A bare status string: ``"waitingForFill"`` (a TP/SL child waiting for its parent)
    or ``"waitingForTrigger"`` (waiting for its trigger price)."""

    status: str


@attrs.frozen(kw_only=True)
class OrderError:
    """One entry failed (``{"error": message}``); the others in its batch may not have.

    Attributes:
        message: the server's message, e.g. ``Order could not immediately match against
            any resting orders. asset=0`` or ``Order was never placed, already canceled,
            or filled. asset=0``.
    """

    message: str


@attrs.frozen
class CancelSuccess:
    """The cancel succeeded (``"success"``)."""


@attrs.frozen(kw_only=True)
class TwapRunning:
    """The TWAP order runs (``{"running": {"twapId"}}``)."""

    twap_id: int


OrderResult: TypeAlias = OrderResting | OrderFilled | OrderWaiting | OrderError
PlacedOrder: TypeAlias = OrderResting | OrderFilled | OrderWaiting
"""What a single-order call returns (its error raises :class:`~trio_hl.errors.OrderRejected`)."""
CancelResult: TypeAlias = CancelSuccess | OrderError
TwapResult: TypeAlias = TwapRunning | OrderError


@attrs.frozen(kw_only=True)
class ApprovedAgent:
    """The outcome of :meth:`trio_hl.Exchange.approve_agent`.

    Attributes:
        agent_address: the API wallet's address (its nonces are its own).
        name: the agent's name, ``None`` for the unnamed agent.
        account: ``Account(address=<the master account>, secret_key=<the agent's key>)``,
            ready to trade as the master (``await Api.create(account=approved.account)``);
            its secret key is never shown. ``secret_key`` is ``None`` when only an address
            was approved.
    """

    agent_address: str
    name: str | None
    account: Account


# ---------------------------------------------------------------------------------------
# Decoding ``status: ok`` responses (manual and strict: a surprise is a ProtocolError)
# ---------------------------------------------------------------------------------------


def _malformed(what: str, value: object) -> ProtocolError:
    return ProtocolError(
        f"unexpected {what} in an exchange reply (the action was accepted and may have been "
        f"executed): {value!r:.200}"
    )


def _data(response: object, expected: str) -> Mapping[str, Any]:
    if not is_mapping(response) or response.get("type") != expected:
        raise _malformed(f"response (expected type {expected!r})", response)
    data = response.get("data")
    if not is_mapping(data):
        raise _malformed("response data", response)
    return data


def _int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _malformed(what, value)
    return value


def _dec(value: object, what: str) -> Decimal:
    if not isinstance(value, str):
        raise _malformed(what, value)
    try:
        return to_decimal(value, what=what)
    except Exception:
        raise _malformed(what, value) from None


def _reply_cloid(entry: Mapping[str, Any]) -> Cloid | None:
    raw = entry.get("cloid")
    if raw is None:
        return None
    try:
        return Cloid(raw)
    except ConfigurationError:
        raise _malformed("cloid", raw) from None


def _error(entry: object) -> OrderError | None:
    if is_mapping(entry) and set(entry) == {"error"}:
        return OrderError(message=str(entry["error"]))
    return None


def _order_status(entry: object) -> OrderResult:
    if isinstance(entry, str):
        return OrderWaiting(status=entry)
    error = _error(entry)
    if error is not None:
        return error
    if is_mapping(entry):
        resting = entry.get("resting")
        if is_mapping(resting):
            return OrderResting(oid=_int(resting.get("oid"), "oid"), cloid=_reply_cloid(resting))
        filled = entry.get("filled")
        if is_mapping(filled):
            return OrderFilled(
                total_sz=_dec(filled.get("totalSz"), "totalSz"),
                avg_px=_dec(filled.get("avgPx"), "avgPx"),
                oid=_int(filled.get("oid"), "oid"),
                cloid=_reply_cloid(filled),
            )
    raise _malformed("order status", entry)


def _statuses(response: object, expected: str) -> list[object]:
    statuses = _data(response, expected).get("statuses")
    if not is_array(statuses):
        raise _malformed("statuses", response)
    return statuses


def decode_order_statuses(response: object) -> tuple[OrderResult, ...]:
    """Per-order statuses of an ``order`` or ``batchModify`` reply's ``response``.

    Raises:
        ProtocolError: the response does not have the documented shape.
    """
    return tuple(_order_status(entry) for entry in _statuses(response, "order"))


def decode_cancel_statuses(response: object) -> tuple[CancelResult, ...]:
    """Per-cancel statuses of a ``cancel``/``cancelByCloid`` reply's ``response``.

    Raises:
        ProtocolError: the response does not have the documented shape.
    """
    results: list[CancelResult] = []
    for entry in _statuses(response, "cancel"):
        error = _error(entry)
        if error is not None:
            results.append(error)
        elif entry == "success":
            results.append(CancelSuccess())
        else:
            raise _malformed("cancel status", entry)
    return tuple(results)


def decode_twap_order(response: object) -> TwapResult:
    """The status of a ``twapOrder`` reply's ``response``.

    Raises:
        ProtocolError: the response does not have the documented shape.
    """
    status = _data(response, "twapOrder").get("status")
    error = _error(status)
    if error is not None:
        return error
    running = status.get("running") if is_mapping(status) else None
    if is_mapping(running):
        return TwapRunning(twap_id=_int(running.get("twapId"), "twapId"))
    raise _malformed("twap status", status)


def decode_twap_cancel(response: object) -> CancelResult:
    """The status of a ``twapCancel`` reply's ``response``.

    Raises:
        ProtocolError: the response does not have the documented shape.
    """
    status = _data(response, "twapCancel").get("status")
    error = _error(status)
    if error is not None:
        return error
    if status == "success":
        return CancelSuccess()
    raise _malformed("twap cancel status", status)


def decode_created_address(response: object, expected: str) -> str:
    """The new address in a ``createSubAccount``/``createVault`` reply's ``response``.

    Raises:
        ProtocolError: the response does not have the documented shape.
    """
    if not is_mapping(response) or response.get("type") != expected:
        raise _malformed(f"response (expected type {expected!r})", response)
    data = response.get("data")
    try:
        return normalise_address(data)
    except ConfigurationError:
        raise _malformed("address", data) from None
