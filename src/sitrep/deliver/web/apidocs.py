"""``/docs``: the API reference rendered on the server from the OpenAPI schema.

Swagger UI would need scripts from a CDN (no network here) and inline script
(forbidden by the Content-Security-Policy), so the reference is plain HTML; the
machine-readable schema stays at ``/openapi.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Param:
    name: str
    where: str
    type: str
    required: bool
    default: object = None
    description: str = ""


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    params: list[Param] = field(default_factory=list)


def _type(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    return schema.get("type", "object")


def api_reference(openapi: dict) -> dict:
    ops = []
    for path, methods in sorted(openapi.get("paths", {}).items()):
        for method, op in methods.items():
            params = [
                Param(
                    p["name"],
                    p.get("in", ""),
                    _type(p.get("schema", {})),
                    p.get("required", False),
                    p.get("schema", {}).get("default"),
                    p.get("description") or p.get("schema", {}).get("description", ""),
                )
                for p in op.get("parameters", [])
            ]
            ops.append(Operation(method.upper(), path, op.get("summary", ""), params))
    info = openapi.get("info", {})
    return {
        "title": info.get("title", "API"),
        "description": info.get("description", ""),
        "version": info.get("version", ""),
        "openapi": openapi.get("openapi", ""),
        "operations": ops,
    }
