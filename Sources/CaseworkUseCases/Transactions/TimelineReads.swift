import CaseworkDomain

/// Reads of a case's timeline.
public protocol TimelineReads {
    /// Open tasks and scheduled appointments of the case, oldest first.
    func openWork(caseID: String) throws -> [Activity]
}
