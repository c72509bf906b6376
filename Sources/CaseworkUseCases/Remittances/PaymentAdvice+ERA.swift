import CaseworkDomain
import X12

extension PaymentAdvice {
    /// The domain's view of a payment the X12 reader produced: claim- and line-level CAS as
    /// `RemittanceAdjustment`s, RARCs of MOA/MIA and LQ, the service period, the patient (NM1*QC,
    /// else NM1*IL). Payment date: BPR16, else DTM*405.
    /// - Throws: `X12Error` at the claim's CLP for a CAS whose reason code is not a CARC (1–5 letters or digits).
    init(era payment: ERAPayment) throws {
        let claims = try payment.claims.map(RemittedClaim.init(era:))
        self.init(paymentDate: (payment.paymentDate ?? payment.productionDate).flatMap(Day.init(era:)), claims: claims)
    }
}

extension RemittedClaim {
    init(era claim: ERAClaim) throws {
        func carc(_ adjustment: ERAAdjustment) throws -> CARC {
            guard let group = AdjustmentGroup(rawValue: adjustment.group), let carc = CARC(group: group, code: adjustment.reason) else {
                throw X12Error(segmentNumber: claim.segmentNumber, byteOffset: claim.byteOffset, segmentID: "CLP",
                                          message: "CAS \(adjustment.group)-\(adjustment.reason) is not a claim adjustment reason code.")
            }
            return carc
        }
        var adjustments = try claim.adjustments.map { RemittanceAdjustment(carc: try carc($0), amount: Cents($0.amountCents), level: .claim) }
        var remarks = claim.remarkCodes
        var days: [Day] = []
        for line in claim.serviceLines {
            adjustments += try line.adjustments.map { RemittanceAdjustment(carc: try carc($0), amount: Cents($0.amountCents), level: .line) }
            remarks += line.remarkCodes.filter { !remarks.contains($0) }
            days += [line.serviceDate, line.serviceEndDate].compactMap { $0.flatMap(Day.init(era:)) }
        }
        let person = claim.people.first { $0.entity == "QC" } ?? claim.people.first { $0.entity == "IL" }
        self.init(claimNumber: claim.claimNumber, statusCode: claim.statusCode, charge: Cents(claim.chargeCents),
                  paid: Cents(claim.paidCents), patientResponsibility: Cents(claim.patientResponsibilityCents),
                  payerClaimNumber: claim.payerClaimNumber, adjustments: adjustments, remarkCodes: remarks,
                  serviceStart: claim.statementStart.flatMap(Day.init(era:)) ?? days.min(),
                  serviceEnd: claim.statementEnd.flatMap(Day.init(era:)) ?? days.max(),
                  patient: person.map { RemittedPatient(firstName: $0.firstName ?? "", lastName: $0.lastName, memberID: $0.id) })
    }
}

extension Day {
    /// The same calendar date; nil never in practice (the reader validates dates).
    init?(era date: X12Date) { self.init(year: date.year, month: date.month, day: date.day) }
}
