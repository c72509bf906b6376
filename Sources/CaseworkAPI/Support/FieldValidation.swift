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
        // Invisible format characters (bidi overrides, zero-width, BOM) can disguise a value; the
        // joiners and tags inside an emoji sequence (👩‍⚕️, subdivision flags) only draw the emoji.
        if Self.hasDisguisingFormat(text, allowingLayout: allowEmpty) {
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

    /// Whether `text` holds a format character (Unicode category Cf) that could disguise it: with
    /// `allowingLayout` (long free text) only bidirectional controls count. A zero-width joiner
    /// between two emoji and the tags of an emoji tag sequence never count (Unicode TS #51 §1.4.5–6).
    static func hasDisguisingFormat(_ text: String, allowingLayout: Bool) -> Bool {
        for character in text {
            let scalars = Array(character.unicodeScalars)
            for (index, scalar) in scalars.enumerated() where scalar.properties.generalCategory == .format {
                if allowingLayout && !isBidiControl(scalar) { continue }
                if isEmojiSequencePart(scalars, at: index) { continue }
                return true
            }
        }
        return false
    }

    /// A ZWJ (U+200D) with an emoji (or its presentation selector or skin tone) before it and an
    /// emoji after it, within one grapheme; or a tag (U+E0020–U+E007F) in a grapheme that starts
    /// with the black flag U+1F3F4.
    static func isEmojiSequencePart(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        func isEmoji(_ scalar: Unicode.Scalar) -> Bool { scalar.value > 0x7F && scalar.properties.isEmoji }
        let scalar = scalars[index]
        if scalar.value == 0x200D {
            guard index > 0, index + 1 < scalars.count, isEmoji(scalars[index + 1]) else { return false }
            let before = scalars[index - 1]
            return isEmoji(before) || before.value == 0xFE0F
        }
        return (0xE0020...0xE007F).contains(scalar.value) && scalars.first?.value == 0x1F3F4
    }

    /// U+202A–U+202E and U+2066–U+2069: they reorder how text displays.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}

import Foundation
