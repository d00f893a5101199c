"""Disjoint sets: grouping by pairwise links (actors across documents, storylines)."""

from __future__ import annotations


class UnionFind:
    """Union-find with path halving; a group's root is its smallest member, so results
    do not depend on the order links are found in."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
