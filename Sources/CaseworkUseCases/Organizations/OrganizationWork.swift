import CaseworkDomain

/// The use cases of an organization (a tenant): creating one, adding to its subject list, changing its
/// settings and its denial categories (CARC → subject). Each runs in one write transaction of
/// `database`, at `ambient`'s time, and is audited.
public struct OrganizationWork: Sendable {
    let database: any Transactions
    let ambient: Ambient

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Creates an organization named `name` with the default subject list (`Subject.defaults`); returns its id.
    /// - Throws: `StorageError.duplicate` when the name is taken.
    public func create(name: String) throws -> String {
        try database.write { tx in
            let duplicate = StorageError.duplicate(entity: "organization", field: "name", value: name)
            if try tx.organizationNameTaken(name) { throw duplicate }
            let id = ambient.newID("org")
            let now = ambient.now()
            do {
                try tx.insertOrganization(id: id, name: name, subjects: Subject.defaults, at: now)
            } catch let error where StorageError.isUniqueViolation(error) {
                throw duplicate
            }
            try tx.insertAuditEntry(AuditEntry(organizationID: id, actorID: nil, entityType: "organization", entityID: id, action: "create",
                                               changes: [AuditChange(field: "name", before: AuditValue.null, after: name)], at: now))
            return id
        }
    }

    /// Adds a subject at the end of the organization's list.
    /// - Throws: `StorageError.duplicate` when the list has it already.
    public func addSubject(organizationID: String, name: String, actorID: String) throws {
        try database.write { tx in
            // Two additions take turns for the next position.
            try tx.lockOrganization(organizationID: organizationID)
            if try tx.subjectExists(organizationID: organizationID, subject: name) {
                throw StorageError.duplicate(entity: "subject", field: "name", value: name)
            }
            try tx.insertSubject(organizationID: organizationID, name: name, position: tx.nextSubjectPosition(organizationID: organizationID))
            try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "subject", entityID: name,
                                               action: "create", changes: [AuditChange(field: "name", before: AuditValue.null, after: name)],
                                               at: ambient.now()))
        }
    }

    /// Changes the settings: `change` gets them as stored, locked until the transaction ends (two
    /// changes of different settings never undo each other), and returns them changed (the time zone
    /// name as given: the caller checks it). Each change is audited.
    /// - Throws: `StorageError.notFound` for an unknown organization; what `change` throws.
    public func updateSettings(organizationID: String, actorID: String?,
                               change: (OrganizationSettings) throws -> OrganizationSettings) throws -> OrganizationSettings {
        try database.write { tx in
            guard let before = try tx.settingsForChange(organizationID: organizationID) else {
                throw StorageError.notFound(entity: "organization", id: organizationID)
            }
            let settings = try change(before)
            var changes: [AuditChange] = []
            changes.note("auto_resolve_paid_cases", before.autoResolvePaidCases, settings.autoResolvePaidCases)
            changes.note("time_zone", before.timeZone, settings.timeZone)
            guard !changes.isEmpty else { return settings }
            try tx.updateSettings(settings, organizationID: organizationID)
            try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "organization",
                                               entityID: organizationID, action: "update", changes: changes, at: ambient.now()))
            return settings
        }
    }

    /// Sets the subject of reason code `carcCode` (upper-cased) for the organization; what it replaces
    /// (the organization's own or the seed's) is audited.
    /// - Throws: `CaseRuleViolation.unknownSubject` when the subject is not on the organization's list.
    public func setDenialCategory(organizationID: String, carcCode: String, subject: String, actorID: String) throws -> DenialCategoryEntry {
        try database.write { tx in
            try CaseOpening.requireSubject(tx, organizationID: organizationID, subject: subject)
            let code = carcCode.uppercased()
            let before = try tx.denialCategories(organizationID: organizationID).subjectsByCode[code]
            let now = ambient.now()
            try tx.saveDenialCategory(organizationID: organizationID, carcCode: code, subject: subject, at: now)
            try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "denial_category", entityID: code,
                                               action: "update",
                                               changes: [AuditChange(field: "subject", before: before, after: subject)], at: now))
            return DenialCategoryEntry(carcCode: code, subject: subject, customized: true)
        }
    }
}
