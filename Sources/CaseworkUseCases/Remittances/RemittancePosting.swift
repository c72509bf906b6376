import CaseworkDomain
import X12

/// Posting an X12 835 file (DESIGN §9): every payment in it, claims matched or created, denials found,
/// cases opened and changed by the work rules, in one write transaction of `database` (a file is
/// posted whole or not at all) at `ambient`'s time.
public struct RemittancePosting: Sendable {
    /// The file's bytes in chunks; nil at the end.
    public typealias ByteSource = () throws -> [UInt8]?

    let database: any Transactions
    let ambient: Ambient

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Posts the file `read` yields, payment after payment, as the file streams in: every payment
    /// (transaction set) of it, or nothing when the reader or posting refuses any part. A payment
    /// posted before (same payer and content, any formatting) changes nothing and reports its
    /// earlier summary as a duplicate.
    /// - Parameters:
    ///   - caller: the user the postings, cases and timeline entries are attributed to.
    ///   - read: the file's bytes in chunks; the reader keeps only what an unfinished payment needs.
    ///   - sourceName: the file name, kept with each payment; nil for an upload.
    ///   - today: the organization's today, for follow-up dates of payments without a date.
    /// - Throws: `X12Error` naming the segment, byte offset and segment id where the file is damaged or
    ///   holds a value posting refuses; storage errors. Nothing is posted then.
    public func post(caller: Caller, sourceName: String?, today: Day, read: ByteSource) throws -> FilePostingResult {
        try database.write { tx in
            var posting = try FilePosting(tx, ambient, caller: caller, sourceName: sourceName, today: today)
            var reader = ERAReader()
            while let chunk = try read() {
                for payment in try reader.feed(chunk) { try posting.post(payment) }
            }
            posting.result.warnings += try reader.finish().map(\.description)
            return posting.result
        }
    }

    /// Posts `bytes` (a whole file in memory), reading it in 64 KiB chunks; see `post(caller:sourceName:today:read:)`.
    public func post(caller: Caller, sourceName: String?, today: Day, bytes: [UInt8]) throws -> FilePostingResult {
        var start = 0
        return try post(caller: caller, sourceName: sourceName, today: today) {
            guard start < bytes.count || (start == 0 && bytes.isEmpty) else { return nil }
            let end = min(start + 65_536, bytes.count)
            defer { start = end + (bytes.isEmpty ? 1 : 0) }
            return Array(bytes[start..<end])
        }
    }
}
