import CaseworkDomain
import CaseworkUseCases

/// The meanings of the CARCs and RARCs one response shows, read from the stored code lists in one
/// lookup per list; a code the lists lack has a null description.
struct CodeMeanings {
    var carc: [String: CodeEntry] = [:]
    var rarc: [String: CodeEntry] = [:]

    /// Looks up `carcs` (reason codes without group) and `rarcs`.
    static func load(_ store: any CaseworkData, carcs: some Collection<String>, rarcs: some Collection<String> = [String]()) throws -> CodeMeanings {
        CodeMeanings(carc: try store.codes.entries(.carc, codes: carcs), rarc: try store.codes.entries(.rarc, codes: rarcs))
    }

    /// The meanings every code of `remits` needs: their adjustments' CARCs and their remark codes.
    static func load(_ store: any CaseworkData, remits: [ClaimRemitRecord], moreCarcs: [CARC] = [], moreRarcs: [String] = []) throws -> CodeMeanings {
        try load(store, carcs: remits.flatMap { $0.adjustments.map(\.carc.code) } + moreCarcs.map(\.code),
                 rarcs: remits.flatMap(\.allRemarkCodes) + moreRarcs)
    }

    /// The CARC's meaning (group aside), or null.
    func description(of carc: CARC) -> JSONValue { .optional(self.carc[carc.code]?.description) }

    /// `[{code, description}]` for remark codes, in their order.
    func remarks(_ codes: [String]) -> JSONValue {
        .array(codes.map { .object([("code", .string($0)), ("description", .optional(rarc[$0.uppercased()]?.description))]) })
    }

    /// `[{code, group_description, description}]` for CARCs written GROUP-CODE, in their order.
    func carcs(_ codes: [CARC]) -> JSONValue {
        .array(codes.map {
            .object([("code", .string($0.description)), ("group_description", .string($0.group.description)), ("description", description(of: $0))])
        })
    }
}
