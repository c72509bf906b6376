import CaseworkDomain

/// Many changes in one write transaction, through the same code paths as single requests: for
/// seeding demo and benchmark databases quickly. Made by `BulkLoad.run(on:ambient:_:)`.
public struct BulkLoad {
    let tx: any WriteTransaction
    let ambient: Ambient
    /// The case use cases over the same database: inside the bulk transaction, each joins it as a savepoint.
    let caseWork: CaseWork

    /// Runs `body` in one write transaction (planned for tables that grow as it goes); everything it did
    /// is rolled back if it throws. Afterwards the database refreshes its planner statistics, since a
    /// bulk load changes the shape of the data.
    /// - Throws: what `body` throws, or the driver's failure.
    public static func run<T>(on database: any Transactions, ambient: Ambient = .system, _ body: (BulkLoad) throws -> T) throws -> T {
        let result = try database.write { tx in
            try tx.expectManyRows()
            return try body(BulkLoad(tx: tx, ambient: ambient, caseWork: CaseWork(database: database, ambient: ambient)))
        }
        try database.refreshStatistics()
        return result
    }

    /// Records a payer (timely filing 365 days, appeals 120).
    public func addPayer(organizationID: String, _ payer: (name: String, payerID: String?, kind: PayerKind)) throws -> Payer {
        try PayerWork.add(tx, ambient, organizationID: organizationID, payer: Payer(
            id: "", name: payer.name, payerID: payer.payerID, kind: payer.kind, timelyFilingDays: 365, appealDays: 120),
            importKey: nil, actorID: nil)
    }

    /// Records a patient.
    public func addPatient(organizationID: String, firstName: String, lastName: String, birthDate: Day?, memberID: String?) throws -> Patient {
        try PatientWork.add(tx, ambient, organizationID: organizationID, patient: Patient(
            id: "", firstName: firstName, lastName: lastName, birthDate: birthDate, memberID: memberID), importKey: nil, actorID: nil)
    }

    /// Records a claim; returns its id.
    public func addClaim(organizationID: String, _ claim: NewClaim) throws -> String {
        try ClaimWork.add(tx, ambient, organizationID: organizationID, claim: claim, actorID: nil)
    }

    /// Opens a case (rules checked as for `POST /v1/cases`).
    public func openCase(caller: Caller, _ newCase: NewCase) throws -> CaseRecord {
        let theCase = try CaseOpening.open(tx, ambient, caller: caller, newCase: newCase, applyRules: false)
        return try CaseSaving.requireRecord(tx, organizationID: caller.organizationID, id: theCase.id)
    }

    /// Changes a case's fields or stage.
    public func update(caller: Caller, caseID: String, _ changes: CaseChanges) throws {
        _ = try caseWork.update(caller: caller, id: caseID, changes: changes, expectedRevision: nil)
    }

    /// Resolves or cancels a case, canceling its open work.
    public func close(caller: Caller, caseID: String, _ closing: CaseClosing, note: String?) throws {
        _ = try caseWork.close(caller: caller, id: caseID, closing: closing, note: note, cancelOpenWork: true, expectedRevision: nil)
    }

    /// Logs an activity on a case.
    public func addActivity(caller: Caller, caseID: String, _ activity: NewActivity) throws {
        _ = try ActivityWork.add(tx, ambient, caller: caller, caseID: caseID, activity: activity)
    }
}
