import CaseworkDomain

/// What `q=` finds (DESIGN §4 work lists): a claim by its claim number, a payer claim number of one
/// of its submissions, or its patient's name; a case by its number or by any of its claims'. Text
/// matches ignore case and may be any part of the value (`lower(value) LIKE '%q%'` with `q` lower-cased
/// and its wildcards escaped: the same on SQLite, whose LIKE folds ASCII case, and PostgreSQL, whose does not).
struct SearchSQL {
    let sql: String
    let bindings: [SQLValue]

    /// Over `claims cl`.
    static func claim(_ text: String) -> SearchSQL {
        let like = SQLValue.text("%" + escaped(text.lowercased()) + "%")
        return SearchSQL(sql: """
            (lower(cl.claim_number) LIKE ? ESCAPE '\\'
             OR EXISTS (SELECT 1 FROM submissions s WHERE s.claim_id = cl.id AND lower(s.payer_claim_number) LIKE ? ESCAPE '\\')
             OR EXISTS (SELECT 1 FROM patients pt WHERE pt.id = cl.patient_id
                        AND (lower(pt.first_name || ' ' || pt.last_name) LIKE ? ESCAPE '\\'
                             OR lower(pt.last_name || ' ' || pt.first_name) LIKE ? ESCAPE '\\')))
            """, bindings: [like, like, like, like])
    }

    /// Over `cases c`.
    static func `case`(_ text: String) -> SearchSQL {
        let claims = claim(text)
        var sql = "EXISTS (SELECT 1 FROM case_claims ql JOIN claims cl ON cl.id = ql.claim_id WHERE ql.case_id = c.id AND \(claims.sql))"
        var bindings = claims.bindings
        if let number = CaseNumber(text) {
            sql = "(c.number = ? OR \(sql))"
            bindings.insert(.integer(Int64(number.sequence)), at: 0)
        }
        return SearchSQL(sql: sql, bindings: bindings)
    }

    /// `text` with the LIKE wildcards and the escape character taken literally.
    private static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
