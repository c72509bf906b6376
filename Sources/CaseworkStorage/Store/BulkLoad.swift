import CaseworkDomain
import CaseworkUseCases

/// Many changes in one write transaction, through the same code paths as single requests:
/// for seeding demo and benchmark databases quickly.
public struct BulkLoad {
    let db: any SQLExecutor
    /// The case use cases over the same store: inside the bulk transaction, each joins it as a savepoint.
    let caseWork: CaseWork

    /// Records a payer.
    public func addPayer(organizationID: String, _ payer: (name: String, payerID: String?, kind: PayerKind)) throws -> Payer {
        try PayerWork.add(SQLTransaction(db), .system, organizationID: organizationID, payer: Payer(
            id: "", name: payer.name, payerID: payer.payerID, kind: payer.kind, timelyFilingDays: 365, appealDays: 120),
            importKey: nil, actorID: nil)
    }

    /// Records a patient.
    public func addPatient(organizationID: String, firstName: String, lastName: String, birthDate: Day?, memberID: String?) throws -> Patient {
        try PatientWork.add(SQLTransaction(db), .system, organizationID: organizationID, patient: Patient(
            id: "", firstName: firstName, lastName: lastName, birthDate: birthDate, memberID: memberID), importKey: nil, actorID: nil)
    }

    /// Records a claim; returns its id.
    public func addClaim(organizationID: String, _ claim: NewClaim) throws -> String {
        try ClaimWork.add(SQLTransaction(db), .system, organizationID: organizationID, claim: claim, actorID: nil)
    }

    /// Opens a case (rules checked as for `POST /v1/cases`).
    public func openCase(caller: Caller, _ newCase: NewCase) throws -> CaseRecord {
        let tx = SQLTransaction(db)
        let theCase = try CaseOpening.open(tx, .system, caller: caller, newCase: newCase, applyRules: false)
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
        _ = try ActivityWork.add(SQLTransaction(db), .system, caller: caller, caseID: caseID, activity: activity)
    }
}

extension CaseworkStore {
    /// Runs `body` in one write transaction; everything it did is rolled back if it throws.
    /// Afterwards the query planner's statistics are refreshed (ANALYZE), since a bulk load
    /// changes the shape of the data.
    public func bulk<T>(_ body: (BulkLoad) throws -> T) throws -> T {
        let result = try database.write { db in
            try db.planForGrowingTables()
            return try body(BulkLoad(db: db, caseWork: CaseWork(database: self)))
        }
        try database.write { db in try db.executeScript("ANALYZE") }
        return result
    }
}
