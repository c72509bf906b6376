"""Checks a response body against a schema of openapi.yaml (JSON Schema 2020-12, as OpenAPI 3.1 uses)."""
import functools
import pathlib

import jsonschema
import yaml

SPEC = pathlib.Path(__file__).resolve().parents[2] / "openapi.yaml"


@functools.cache
def _document():
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def problems(schema_name, body):
    """Every way `body` breaks `#/components/schemas/<schema_name>`, as readable strings (empty when it conforms)."""
    root = dict(_document())
    root["$ref"] = f"#/components/schemas/{schema_name}"
    validator = jsonschema.Draft202012Validator(root)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)]
