/// A party of the payment header: payer (X12 835 loop 1000A, N1*PR) or payee (1000B, N1*PE).
///
/// `name` = N102, `idQualifier` = N103 (e.g. "XV", "PI" for a payer, "XX" NPI, "FI" tax id
/// for a payee), `id` = N104, `additionalIDs` = the REF segments of the loop in order
/// (payer: REF*2U additional payer id, REF*EO, …; payee: REF*TJ tax id, REF*PQ, …).
/// A payment without N1*PR has a payer with an empty name.
public struct ERAParty: Sendable, Hashable {
    public var name: String
    public var idQualifier: String?
    public var id: String?
    public var additionalIDs: [ERAReference]

    /// A party; every field as documented on the type.
    public init(name: String = "", idQualifier: String? = nil, id: String? = nil,
                additionalIDs: [ERAReference] = []) {
        self.name = name
        self.idQualifier = idQualifier
        self.id = id
        self.additionalIDs = additionalIDs
    }
}

/// A reference number (X12 REF): `qualifier` = REF01 (e.g. "2U", "6R", "EA", "F8"),
/// `value` = REF02, both as written.
public struct ERAReference: Sendable, Hashable {
    public var qualifier: String
    public var value: String

    /// A reference: REF01 qualifier and REF02 value.
    public init(qualifier: String, value: String) {
        self.qualifier = qualifier
        self.value = value
    }
}

/// A supplemental amount (X12 AMT): `qualifier` = AMT01 (e.g. "AU" coverage amount,
/// "B6" allowed, "I" interest), `cents` = AMT02 in integer cents (may be negative).
public struct ERAAmount: Sendable, Equatable {
    public var qualifier: String
    public var cents: Int

    /// An amount: AMT01 qualifier and AMT02 in cents.
    public init(qualifier: String, cents: Int) {
        self.qualifier = qualifier
        self.cents = cents
    }
}

/// One adjustment: one (reason, amount, quantity) triplet of an X12 CAS segment.
///
/// `group` = CAS01 (CO contractual, OA other, PI payer initiated, PR patient responsibility,
/// CR correction/reversal in 4010); `reason` = CAS02/05/08/11/14/17, a CARC such as "45";
/// `amountCents` = CAS03/06/…, integer cents, positive reduces the payment; `quantity` =
/// CAS04/07/…, as written (nil when empty).
public struct ERAAdjustment: Sendable, Equatable {
    public var group: String
    public var reason: String
    public var amountCents: Int
    public var quantity: String?

    /// An adjustment triplet with its CAS01 group.
    public init(group: String, reason: String, amountCents: Int, quantity: String? = nil) {
        self.group = group
        self.reason = reason
        self.amountCents = amountCents
        self.quantity = quantity
    }
}

/// A person or organization named in a claim (X12 835 loop 2100, NM1). Patient data (PHI):
/// never log it.
///
/// `entity` = NM101 (QC patient, IL insured, 74 corrected patient, 82 rendering provider,
/// TT crossover carrier, PR corrected payer, …); `lastName` = NM103 (or organization name,
/// "" when empty); `firstName` = NM104; `middleName` = NM105; `idQualifier` = NM108 (MI
/// member id, XX NPI, …); `id` = NM109. Optional fields are nil when empty.
public struct ERAPerson: Sendable, Equatable {
    public var entity: String
    public var lastName: String
    public var firstName: String?
    public var middleName: String?
    public var idQualifier: String?
    public var id: String?

    /// A person; every field as documented on the type.
    public init(entity: String, lastName: String = "", firstName: String? = nil, middleName: String? = nil,
                idQualifier: String? = nil, id: String? = nil) {
        self.entity = entity
        self.lastName = lastName
        self.firstName = firstName
        self.middleName = middleName
        self.idQualifier = idQualifier
        self.id = id
    }
}
