"""openapi.yaml is a valid OpenAPI 3.1 document (the tenancy and role walks then read its operations)."""
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from test_tenancy import SPEC


def test_openapi_document_validates():
    document, _ = read_from_filename(str(SPEC))
    validate(document)
    assert "/v1/remittances" in document["paths"] and "put" in document["paths"]["/v1/denial-categories/{carc}"]
