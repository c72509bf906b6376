/// Claim adjustment group code (X12 835 CAS01).
public enum AdjustmentGroup: String, Sendable, Hashable, CaseIterable {
    /// Contractual obligation: the provider may not bill the patient.
    case contractualObligation = "CO"
    /// Other adjustment.
    case otherAdjustment = "OA"
    /// Payer initiated reduction.
    case payerInitiated = "PI"
    /// Patient responsibility: deductible, coinsurance, copay (cost share).
    case patientResponsibility = "PR"
    /// Correction and reversal; exists only in 4010-era files, accepted for legacy data.
    case correctionReversal = "CR"

    /// The group's name as the 835 implementation guide gives it (CAS01 code values).
    public var description: String {
        switch self {
        case .contractualObligation: "Contractual Obligations"
        case .otherAdjustment: "Other Adjustments"
        case .payerInitiated: "Payer Initiated Reductions"
        case .patientResponsibility: "Patient Responsibility"
        case .correctionReversal: "Corrections and Reversals"
        }
    }
}
