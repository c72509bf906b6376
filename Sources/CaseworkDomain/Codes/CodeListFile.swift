/// Reads a code list file: UTF-8 text, `# key: value` header lines (`list` = carc or rarc,
/// `source`, `date`; other `#` lines are comments), the column line
/// `code<TAB>description<TAB>starts_on<TAB>stops_on`, then one code per line with the same
/// four tab-separated columns (dates `YYYY-MM-DD` or empty). Blank lines are skipped.
public enum CodeListFile {
    /// The list in `text`.
    /// - Throws: `CodeListFileError` listing every problem with its line number: a missing or
    ///   unknown `list`, a missing `source` or `date`, a header given twice with different values,
    ///   a wrong column line, a row without four columns, a code that is not 1–5 letters and
    ///   digits (CARC, X12 CAS02) or 1–6 (RARC), an empty description, a bad date, a last day
    ///   before the first, a code listed twice, or no codes at all.
    public static func parse(_ text: String) throws(CodeListFileError) -> CodeList {
        var problems: [String] = []
        var header: [String: (value: String, line: Int)] = [:]
        var sixCharacterCodes: [(line: Int, code: String)] = []   // too long for a CARC; known only once `list` is read
        var entries: [CodeEntry] = []
        var seen: Set<String> = []
        var sawColumns = false
        // CR LF is one Character in Swift, so lines split on any newline, CR LF included.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = index + 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if line.hasPrefix("#") {
                let body = line.dropFirst().drop { $0 == " " }
                if let colon = body.firstIndex(of: ":") {
                    let key = body[..<colon].trimmingSpaces, value = body[body.index(after: colon)...].trimmingSpaces
                    if ["list", "source", "date"].contains(key), !value.isEmpty {
                        if let first = header[key] {
                            if first.value != value {
                                problems.append("line \(number): a second \"# \(key):\" (\"\(value)\") differs from line \(first.line) (\"\(first.value)\").")
                            }
                        } else {
                            header[key] = (value, number)
                        }
                    }
                }
                continue
            }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            if !sawColumns {
                sawColumns = true
                if columns != ["code", "description", "starts_on", "stops_on"] {
                    problems.append("line \(number): the column line must be code, description, starts_on, stops_on (tab-separated).")
                }
                continue
            }
            guard columns.count == 4 else {
                problems.append("line \(number): \(columns.count) columns; a code has 4 (code, description, starts_on, stops_on)."); continue
            }
            let code = columns[0].uppercased()
            var ok = true
            if !(1...6).contains(code.count) || !code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) {
                problems.append("line \(number): \"\(columns[0])\" is not a code (1–6 letters and digits)."); ok = false
            }
            if columns[1].isEmpty { problems.append("line \(number): code \(code) has no description."); ok = false }
            func day(_ text: String, _ name: String) -> Day? {
                guard !text.isEmpty else { return nil }
                guard let day = Day(text) else { problems.append("line \(number): \(name) \"\(text)\" is not a date YYYY-MM-DD."); ok = false; return nil }
                return day
            }
            let starts = day(columns[2], "starts_on"), stops = day(columns[3], "stops_on")
            if let starts, let stops, stops < starts { problems.append("line \(number): code \(code) stops before it starts."); ok = false }
            if ok, code.count == 6 { sixCharacterCodes.append((number, code)) }
            if ok, !seen.insert(code).inserted { problems.append("line \(number): code \(code) is listed twice."); ok = false }
            if ok { entries.append(CodeEntry(code: code, description: columns[1], startsOn: starts, stopsOn: stops)) }
        }
        let kind = header["list"].flatMap { CodeListKind(rawValue: $0.value) }
        if kind == nil { problems.insert("header: \"# list: carc\" or \"# list: rarc\" is required.", at: 0) }
        if kind == .carc {
            problems += sixCharacterCodes.map { "line \($0.line): \"\($0.code)\" is not a CARC (1–5 letters and digits)." }
        }
        if header["source"] == nil { problems.append("header: \"# source: ...\" (who publishes the list) is required.") }
        if header["date"] == nil { problems.append("header: \"# date: ...\" (as of when) is required.") }
        if !sawColumns { problems.append("the column line code, description, starts_on, stops_on is missing.") }
        if problems.isEmpty, entries.isEmpty { problems.append("the file lists no codes.") }
        guard problems.isEmpty, let kind else { throw CodeListFileError(problems: problems) }
        return CodeList(kind: kind, source: header["source"]!.value, date: header["date"]!.value, entries: entries)
    }
}

/// Why a code list file was refused: every problem found, each naming its line.
public struct CodeListFileError: Error, Sendable, Equatable {
    public var problems: [String]
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
