import CaseworkDomain

/// Collects field errors while turning raw input into domain values, so a client sees every
/// problem of a request at once.
struct FieldValidation {
    /// At most this many errors are listed, so a huge bad body cannot make a huger answer.
    static let maximumErrors = 20
    private(set) var errors: [FieldError] = []
    private var unlisted = 0

    mutating func fail(_ pointer: String, _ detail: String) {
        if errors.count < Self.maximumErrors { errors.append(FieldError(pointer: pointer, detail)) } else { unlisted += 1 }
    }

    /// A list of at most `limit` items.
    mutating func count(_ items: [some Any], at pointer: String, limit: Int) {
        if items.count > limit { fail(pointer, "At most \(limit) items.") }
    }

    /// A CARC parsed from `GROUP-CODE`, else an error at `pointer`.
    mutating func carc(_ text: String, at pointer: String) -> CARC? {
        if let carc = CARC(text) { return carc }
        fail(pointer, "\"\(text)\" is not a CARC: write GROUP-CODE with group CO, OA, PI, PR or CR and a 1–5 character code, e.g. CO-16.")
        return nil
    }

    /// CARCs of a list, each checked.
    mutating func carcs(_ texts: [String], at pointer: String) -> [CARC] {
        texts.enumerated().compactMap { carc($0.element, at: "\(pointer)/\($0.offset)") }
    }

    /// A day parsed from `YYYY-MM-DD`.
    mutating func day(_ text: String, at pointer: String) -> Day? {
        if let day = Day(text) { return day }
        fail(pointer, "\"\(text)\" is not a date: use YYYY-MM-DD.")
        return nil
    }

    /// A value of a string enum.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ text: String, _ type: E.Type, at pointer: String) -> E?
    where E.RawValue == String {
        if let value = E(rawValue: text) { return value }
        fail(pointer, "\"\(text)\" is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")).")
        return nil
    }

    /// Text that must be non-blank and at most `limit` characters.
    mutating func text(_ text: String, at pointer: String, limit: Int = 200, allowEmpty: Bool = false) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !allowEmpty && trimmed.isEmpty { fail(pointer, "Must not be blank."); return nil }
        if text.count > limit { fail(pointer, "At most \(limit) characters."); return nil }
        let allowed: Set<Unicode.Scalar> = allowEmpty ? ["\n", "\r", "\t"] : []
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            fail(pointer, "Must not contain control characters."); return nil
        }
        // Invisible format characters (bidi overrides, zero-width, BOM) can disguise a value.
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .format && (!allowEmpty || Self.isBidiControl($0)) }) {
            fail(pointer, "Must not contain invisible formatting characters."); return nil
        }
        return allowEmpty ? text : trimmed
    }

    /// Throws the collected errors as one 422.
    func check() throws {
        guard !errors.isEmpty else { return }
        var listed = errors
        if unlisted > 0 { listed.append(FieldError(pointer: "", "\(unlisted) more errors are not listed.")) }
        throw APIError.validation(listed)
    }

    /// U+202A–U+202E and U+2066–U+2069: they reorder how text displays.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}

import Foundation
