/// The payer's answer to a claim, usually from an X12 835 ERA CLP loop.
public struct Remittance: Sendable, Hashable {
    /// CLP02 claim status code, e.g. `1` processed as primary, `4` denied, `22` reversal.
    public var statusCode: String
    /// CLP04 amount paid.
    public var paid: Cents
    /// CLP05 patient responsibility.
    public var patientResponsibility: Cents
    /// Production date of the payment (BPR16/DTM*405); nil when the file lacked it.
    public var paidOn: Day?
    public var adjustments: [RemittanceAdjustment]
    /// RARCs (MOA/LQ), e.g. `N20`, `MA130`.
    public var remarkCodes: [String]
    /// The file the remittance was read from, when imported.
    public var sourceFile: String?

    public init(statusCode: String, paid: Cents, patientResponsibility: Cents, paidOn: Day?,
                adjustments: [RemittanceAdjustment], remarkCodes: [String], sourceFile: String?) {
        self.statusCode = statusCode; self.paid = paid; self.patientResponsibility = patientResponsibility
        self.paidOn = paidOn; self.adjustments = adjustments; self.remarkCodes = remarkCodes
        self.sourceFile = sourceFile
    }
}
