/// Minimal e-mail address check: one `@`, non-empty local part, a dot in the domain, no spaces.
public enum EmailAddress {
    /// The address lower-cased and trimmed, or nil when it is not plausibly an address.
    public static func normalized(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace().lowercased()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !trimmed.contains(where: { $0 == " " || $0.isNewline }), trimmed.utf8.count <= 254 else { return nil }
        return trimmed
    }
}
