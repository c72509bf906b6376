/// One claim as a payer's remittance reports it (an X12 835 CLP loop), reduced to what posting decides on.
///
/// Money is integer cents; a reversal (CLP02 = 22) carries negative amounts.
public struct RemittedClaim: Sendable, Hashable {
    /// CLP01, the provider's claim number (patient control number).
    public var claimNumber: String
    /// CLP02 status: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19–21 forwarded,
    /// 22 reversal of a previous payment, 23 not our claim.
    public var statusCode: String
    /// CLP03 total charge.
    public var charge: Cents
    /// CLP04 amount paid.
    public var paid: Cents
    /// CLP05 patient responsibility.
    public var patientResponsibility: Cents
    /// CLP07 payer claim control number.
    public var payerClaimNumber: String?
    /// CAS at claim (2100) and line (2110) level.
    public var adjustments: [RemittanceAdjustment]
    /// RARCs: MOA/MIA at claim level and LQ*HE at line level, de-duplicated in order.
    public var remarkCodes: [String]
    /// Service period: DTM*232/233, else the earliest and latest DTM*472 of the lines.
    public var serviceStart: Day?
    public var serviceEnd: Day?
    /// The patient (NM1*QC) to create the claim with when it is unknown. PHI: never logged.
    public var patient: RemittedPatient?

    public init(claimNumber: String, statusCode: String, charge: Cents, paid: Cents, patientResponsibility: Cents,
                payerClaimNumber: String?, adjustments: [RemittanceAdjustment], remarkCodes: [String],
                serviceStart: Day?, serviceEnd: Day?, patient: RemittedPatient?) {
        self.claimNumber = claimNumber; self.statusCode = statusCode; self.charge = charge; self.paid = paid
        self.patientResponsibility = patientResponsibility; self.payerClaimNumber = payerClaimNumber
        self.adjustments = adjustments; self.remarkCodes = remarkCodes
        self.serviceStart = serviceStart; self.serviceEnd = serviceEnd; self.patient = patient
    }

    /// CLP02 = 22: this CLP takes back an earlier payment; its amounts are negative.
    public var isReversal: Bool { statusCode == "22" }

    /// The contractual write-down (CO-45, CO-42, CO-A2, CO-131, CO-253) of this remit.
    public var contractualAdjustment: Cents {
        adjustments.filter { $0.carc.isContractual }.map(\.amount).sum()
    }
}

/// The patient named on a remittance (X12 835 NM1*QC). PHI: stored, never logged.
public struct RemittedPatient: Sendable, Hashable {
    public var firstName: String
    public var lastName: String
    /// NM109 when NM108 is MI (member id) or another id qualifier.
    public var memberID: String?

    public init(firstName: String, lastName: String, memberID: String?) {
        self.firstName = firstName; self.lastName = lastName; self.memberID = memberID
    }
}
