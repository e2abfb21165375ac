"""Typed helpers for hypothesis strategies shared by the tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

from hypothesis import strategies as st

__all__ = ["build"]

A = TypeVar("A")
B = TypeVar("B")
C = TypeVar("C")
D = TypeVar("D")
E = TypeVar("E")
F = TypeVar("F")
G = TypeVar("G")
H = TypeVar("H")
J = TypeVar("J")
T = TypeVar("T")


# ``st.builds(target, *strategies)`` types its target as ``Callable[..., T]``: a lambda target's
# parameters stay unknown to type checkers (pyright strict reports each one). Naming the
# strategies first solves their types, and the lambda given to the returned function is then
# checked against them: ``build(assets, oids)(lambda a, o: {"a": a, "o": o})``.
@overload
def build(a: st.SearchStrategy[A], /) -> Callable[[Callable[[A], T]], st.SearchStrategy[T]]: ...
@overload
def build(
    a: st.SearchStrategy[A], b: st.SearchStrategy[B], /
) -> Callable[[Callable[[A, B], T]], st.SearchStrategy[T]]: ...
@overload
def build(
    a: st.SearchStrategy[A], b: st.SearchStrategy[B], c: st.SearchStrategy[C], /
) -> Callable[[Callable[[A, B, C], T]], st.SearchStrategy[T]]: ...
@overload
def build(
    a: st.SearchStrategy[A],
    b: st.SearchStrategy[B],
    c: st.SearchStrategy[C],
    d: st.SearchStrategy[D],
    /,
) -> Callable[[Callable[[A, B, C, D], T]], st.SearchStrategy[T]]: ...
@overload
def build(
    a: st.SearchStrategy[A],
    b: st.SearchStrategy[B],
    c: st.SearchStrategy[C],
    d: st.SearchStrategy[D],
    e: st.SearchStrategy[E],
    /,
) -> Callable[[Callable[[A, B, C, D, E], T]], st.SearchStrategy[T]]: ...
@overload
def build(
    a: st.SearchStrategy[A],
    b: st.SearchStrategy[B],
    c: st.SearchStrategy[C],
    d: st.SearchStrategy[D],
    e: st.SearchStrategy[E],
    f: st.SearchStrategy[F],
    /,
) -> Callable[[Callable[[A, B, C, D, E, F], T]], st.SearchStrategy[T]]: ...
@overload
def build(
    a: st.SearchStrategy[A],
    b: st.SearchStrategy[B],
    c: st.SearchStrategy[C],
    d: st.SearchStrategy[D],
    e: st.SearchStrategy[E],
    f: st.SearchStrategy[F],
    g: st.SearchStrategy[G],
    /,
) -> Callable[[Callable[[A, B, C, D, E, F, G], T]], st.SearchStrategy[T]]: ...
@overload
def build(
    a: st.SearchStrategy[A],
    b: st.SearchStrategy[B],
    c: st.SearchStrategy[C],
    d: st.SearchStrategy[D],
    e: st.SearchStrategy[E],
    f: st.SearchStrategy[F],
    g: st.SearchStrategy[G],
    h: st.SearchStrategy[H],
    /,
) -> Callable[[Callable[[A, B, C, D, E, F, G, H], T]], st.SearchStrategy[T]]: ...
@overload
def build(
    a: st.SearchStrategy[A],
    b: st.SearchStrategy[B],
    c: st.SearchStrategy[C],
    d: st.SearchStrategy[D],
    e: st.SearchStrategy[E],
    f: st.SearchStrategy[F],
    g: st.SearchStrategy[G],
    h: st.SearchStrategy[H],
    j: st.SearchStrategy[J],
    /,
) -> Callable[[Callable[[A, B, C, D, E, F, G, H, J], T]], st.SearchStrategy[T]]: ...
def build(
    *strategies: st.SearchStrategy[Any],
) -> Callable[[Callable[..., Any]], st.SearchStrategy[Any]]:
    """``build(s1, s2)(f)`` is ``st.builds(f, s1, s2)``, with ``f``'s parameters typed."""

    def with_target(target: Callable[..., Any]) -> st.SearchStrategy[Any]:
        return st.builds(target, *strategies)

    return with_target
