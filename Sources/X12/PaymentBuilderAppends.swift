/// Appends to the open claim and the open line of `PaymentBuilder`, taking the new element
/// by `consuming` so it is moved into its array, not copied and then destroyed (a closure
/// capturing it, as `updateClaim` takes, copied every string of it).
extension PaymentBuilder {
    /// Appends a service line (SVC) to the open claim; nothing when none is open.
    @inline(__always)
    mutating func appendLine(_ line: consuming ERAServiceLine) {
        guard hasClaim, let last = payment.claims.indices.last else { return }
        if payment.claims[last].serviceLines.isEmpty {
            payment.claims[last].serviceLines.reserveCapacity(PaymentBuilder.firstCapacity)
        }
        payment.claims[last].serviceLines.append(line)
    }

    /// Appends a person (NM1) to the open claim; nothing when none is open.
    @inline(__always)
    mutating func appendPerson(_ person: consuming ERAPerson) {
        guard hasClaim, let last = payment.claims.indices.last else { return }
        if payment.claims[last].people.isEmpty {
            payment.claims[last].people.reserveCapacity(PaymentBuilder.firstCapacity)
        }
        payment.claims[last].people.append(person)
    }

    /// Appends a CAS triplet to the open line (`onLine`) or the open claim; nothing when
    /// that is not open.
    @inline(__always)
    mutating func appendAdjustment(_ adjustment: consuming ERAAdjustment, onLine: Bool) {
        guard hasClaim, let claim = payment.claims.indices.last else { return }
        if onLine {
            guard hasLine, let line = payment.claims[claim].serviceLines.indices.last else { return }
            payment.claims[claim].serviceLines[line].adjustments.append(adjustment)
        } else {
            payment.claims[claim].adjustments.append(adjustment)
        }
    }

    /// Appends a REF to the open line (`onLine`; REF*6R, `isControl`, also sets its control
    /// number) or the open claim; nothing when that is not open.
    @inline(__always)
    mutating func appendReference(_ reference: consuming ERAReference, onLine: Bool, isControl: Bool) {
        guard hasClaim, let claim = payment.claims.indices.last else { return }
        if onLine {
            guard hasLine, let line = payment.claims[claim].serviceLines.indices.last else { return }
            if isControl { payment.claims[claim].serviceLines[line].controlNumber = reference.value }
            // Lines often carry two REFs (6R and a provider id): one allocation for both.
            if payment.claims[claim].serviceLines[line].references.isEmpty {
                payment.claims[claim].serviceLines[line].references.reserveCapacity(2)
            }
            payment.claims[claim].serviceLines[line].references.append(reference)
        } else {
            payment.claims[claim].references.append(reference)
        }
    }

    /// Appends an AMT to the open line (`onLine`; AMT*B6, `isAllowed`, also sets its
    /// allowed amount) or the open claim; nothing when that is not open.
    @inline(__always)
    mutating func appendAmount(_ amount: consuming ERAAmount, onLine: Bool, isAllowed: Bool) {
        guard hasClaim, let claim = payment.claims.indices.last else { return }
        if onLine {
            guard hasLine, let line = payment.claims[claim].serviceLines.indices.last else { return }
            if isAllowed { payment.claims[claim].serviceLines[line].allowedCents = amount.cents }
            payment.claims[claim].serviceLines[line].amounts.append(amount)
        } else {
            payment.claims[claim].amounts.append(amount)
        }
    }
}

extension ERAClaim {
    /// A claim with every CLP value (fields as documented on the type), built in one
    /// expression so the builder moves it into its payment. Assigns every field itself:
    /// delegating to the public initializer made the optimizer build the claim twice.
    @inline(__always)
    init(segmentNumber: Int, byteOffset: Int, claimNumber: String, statusCode: String, chargeCents: Int,
         paidCents: Int, patientResponsibilityCents: Int, filingIndicator: String?, payerClaimNumber: String?,
         facilityCode: String?, frequencyCode: String?) {
        self.segmentNumber = segmentNumber
        self.byteOffset = byteOffset
        self.claimNumber = claimNumber
        self.statusCode = statusCode
        self.chargeCents = chargeCents
        self.paidCents = paidCents
        self.patientResponsibilityCents = patientResponsibilityCents
        self.filingIndicator = filingIndicator
        self.payerClaimNumber = payerClaimNumber
        self.facilityCode = facilityCode
        self.frequencyCode = frequencyCode
        adjustments = []
        people = []
        remarkCodes = []
        statementStart = nil
        statementEnd = nil
        receivedDate = nil
        references = []
        amounts = []
        serviceLines = []
    }
}

extension ERAServiceLine {
    /// A line with every SVC value (fields as documented on the type), built in one
    /// expression so the builder moves it into its claim (every field assigned here, as for
    /// the claim).
    @inline(__always)
    init(segmentNumber: Int, procedure: String, chargeCents: Int, paidCents: Int, revenueCode: String?,
         units: String?, originalProcedure: String?) {
        self.segmentNumber = segmentNumber
        self.procedure = procedure
        self.chargeCents = chargeCents
        self.paidCents = paidCents
        self.revenueCode = revenueCode
        self.units = units
        self.originalProcedure = originalProcedure
        serviceDate = nil
        serviceEndDate = nil
        controlNumber = nil
        allowedCents = nil
        remarkCodes = []
        adjustments = []
        references = []
        amounts = []
    }
}
