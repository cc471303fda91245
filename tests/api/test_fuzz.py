"""Property-based fuzzing of the API against its own OpenAPI schema (schemathesis).

Every GET operation and POST /code (generated texts through the real pipeline) get generated
requests, valid (positive mode) and invalid (negative mode); none may answer 500, and every error
must come in the API's one error shape. Bounded: 30 examples per operation and mode. POST /ingest
is left out (it writes; its bad input is covered in test_api.py).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

pytestmark = pytest.mark.slow

EXAMPLES = 30  # per operation


def _operations(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "GET" or operation.path == "/code":
            yield operation


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_errors_and_one_error_shape(read_app, mode):
    checked = []
    for operation in _operations(read_app):
        has_input = list(operation.iter_parameters()) or operation.method.upper() == "POST"
        if mode is GenerationMode.NEGATIVE and not has_input:
            continue  # nothing to make invalid

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def fuzz(case):
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])
            if response.status_code >= 400:
                body = response.json()
                assert body["ok"] is False and body["status"] == response.status_code
                assert isinstance(body["error"], str)

        fuzz()
        checked.append(operation.path)
    assert {"/events", "/articles/{article_id}", "/dyads/{a}/{b}/timeline", "/code"} <= set(checked)
