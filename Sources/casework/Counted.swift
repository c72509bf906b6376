/// "1 payment", "3 payments": a count and its noun, plural unless the count is one (the summary
/// lines of `read-835` and `import-835`).
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
