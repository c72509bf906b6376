import CaseworkDomain

/// One line of a work list (DESIGN §4): the case and the columns a list shows.
public struct CaseRow: Sendable {
    public var `case`: Case
    public var payerName: String
    public var patientName: String?
    public var ownerName: String?
    /// Subjects of the case's open tasks.
    public var openTasks: [String]
    /// Claim numbers of the case's claims, in the order they joined it.
    public var claimNumbers: [String]
    public var totalOutstanding: Cents
    public var totalCostShareOutstanding: Cents
    /// The earliest deadline of its claims still open.
    public var deadline: Day?
    public var paymentReceived: Bool

    /// A value with every field given (as documented on the type).
    public init(case: Case, payerName: String, patientName: String?, ownerName: String?, openTasks: [String], claimNumbers: [String], totalOutstanding: Cents, totalCostShareOutstanding: Cents, deadline: Day?, paymentReceived: Bool) {
        self.case = `case`; self.payerName = payerName; self.patientName = patientName; self.ownerName = ownerName; self.openTasks = openTasks; self.claimNumbers = claimNumbers; self.totalOutstanding = totalOutstanding; self.totalCostShareOutstanding = totalCostShareOutstanding; self.deadline = deadline; self.paymentReceived = paymentReceived
    }
}
