-- Casework schema, version 8: the published code lists (CARC, RARC) with their meanings.
-- Shared by every organization (they are X12's lists, not a tenant's). Casework loads the lists it
-- ships into an empty database; `casework codes import FILE` replaces a whole list at once.

CREATE TABLE code_lists (
    kind        TEXT PRIMARY KEY CHECK (kind IN ('carc', 'rarc')),
    source      TEXT NOT NULL,
    list_date   TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    code_count  INTEGER NOT NULL
);

CREATE TABLE codes (
    kind        TEXT NOT NULL REFERENCES code_lists(kind),
    code        TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_on   TEXT,
    stops_on    TEXT,
    PRIMARY KEY (kind, code)
) WITHOUT ROWID;
