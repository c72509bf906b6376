"""Schemathesis hook module (SCHEMATHESIS_HOOKS): how to put a generated `application/edi-x12` body on the
wire. The generated value is text or bytes (the schema says a string); it is sent as its bytes."""
import schemathesis


@schemathesis.serializer("application/edi-x12")
def x12_bytes(ctx, value):
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "surrogatepass") if value is not None else b""
