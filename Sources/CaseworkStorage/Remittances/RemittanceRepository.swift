import CaseworkDomain

/// Reads of posted X12 835 payments (posting a file is `RemittancePosting`'s, in CaseworkUseCases).
public struct RemittanceRepository: Sendable {
    let database: any SQLDatabase
}
