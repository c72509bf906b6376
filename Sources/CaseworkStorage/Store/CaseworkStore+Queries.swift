import CaseworkUseCases

// The store answers the API's queries (CaseworkUseCases/Queries) through its repositories.
extension CaseworkStore: CaseworkData {}
extension CaseRepository: CaseQueries {}
extension ClaimRepository: ClaimQueries {}
extension RemittanceRepository: RemittanceQueries {}
extension DashboardRepository: DashboardQueries {}
extension ActivityRepository: ActivityQueries {}
extension AuditRepository: AuditQueries {}
extension UserRepository: UserQueries {}
extension PayerRepository: PayerQueries {}
extension PatientRepository: PatientQueries {}
extension TokenRepository: TokenQueries {}
extension OrganizationRepository: OrganizationQueries {}
extension WorkRuleRepository: WorkRuleQueries {}
extension DenialCategoryRepository: DenialCategoryQueries {}
extension CodeListRepository: CodeQueries {}
