/// Everything the API reads and writes: the use cases' transactions, and the queries its read
/// endpoints make. Storage drivers conform; nothing here names one.
public protocol CaseworkData: Transactions {
    associatedtype Cases: CaseQueries
    associatedtype Claims: ClaimQueries
    associatedtype Remittances: RemittanceQueries
    associatedtype Dashboards: DashboardQueries
    associatedtype Activities: ActivityQueries
    associatedtype Audit: AuditQueries
    associatedtype Users: UserQueries
    associatedtype Payers: PayerQueries
    associatedtype Patients: PatientQueries
    associatedtype Tokens: TokenQueries
    associatedtype Organizations: OrganizationQueries
    associatedtype Rules: WorkRuleQueries
    associatedtype DenialCategories: DenialCategoryQueries
    associatedtype Codes: CodeQueries

    var cases: Cases { get }
    var claims: Claims { get }
    var remittances: Remittances { get }
    var dashboards: Dashboards { get }
    var activities: Activities { get }
    var audit: Audit { get }
    var users: Users { get }
    var payers: Payers { get }
    var patients: Patients { get }
    var tokens: Tokens { get }
    var organizations: Organizations { get }
    var rules: Rules { get }
    var denialCategories: DenialCategories { get }
    var codes: Codes { get }

    /// Runs `body` with every read it makes through these queries (on this thread) in one read
    /// transaction: one snapshot of the database. Writes inside `body` commit on their own.
    /// - Throws: what `body` throws, or the driver's failure.
    func snapshot<T>(_ body: () throws -> T) throws -> T
}
