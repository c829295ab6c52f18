"""The API's OpenAPI schema: made from its own endpoints only, with its error answers.

Error answers: every operation documents the JSON error body it may answer with
(400 for a parameter that is not valid, 401 without a usable token, 404, 405 for anything but
reading, 429 beyond the token's rate), so that clients and the fuzzing tests know them."""

from drf_spectacular.generators import SchemaGenerator

API_URLCONF = "community.api.schema"


class ApiSchemaGenerator(SchemaGenerator):
    """The schema of the API's endpoints at their full path (/api/v1/…), never of the Wagtail
    admin's own API: for the schema view, `manage.py spectacular` and `check --deploy`."""

    def __init__(self, *args, urlconf=None, **kwargs):
        super().__init__(*args, urlconf=urlconf or API_URLCONF, **kwargs)


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {
                    "oneOf": [
                        {
                            "type": "object",
                            "additionalProperties": {"type": "array", "items": {"type": "string"}},
                        },
                        {"type": "array", "items": {"type": "string"}},
                    ]
                },
            },
        }
    },
}

ERRORS = {
    "400": "A parameter is not valid; `details` says which, and why.",
    "401": "No token, or one that is not valid, revoked or expired.",
    "404": "Nothing public has this address.",
    "405": "The API only reads.",
    "429": "Too many requests for this token; the Retry-After header says when to try again.",
}


def add_error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result
