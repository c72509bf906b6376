import CaseworkDomain
import Testing
@testable import CaseworkUseCases

/// `CaseInsights.init(cells:split:)`: the Case Insights figures summed from rollup cells, without a database.
@Suite struct InsightsCellsTests {
    private func cell(_ group: InsightsGroup?, _ status: String, _ stage: String = "new", subject: String = "eligibility",
                      payer: String = "pay_a", cases: Int, cents: Int = 0) -> InsightsCell {
        InsightsCell(group: group, status: status, stage: stage, subject: subject, payerID: payer,
                     payerName: "Payer \(payer)", cases: cases, outstanding: cents)
    }

    @Test func figuresSumTheOpenCellsByKeyAndCountEveryStatus() {
        let cells = [
            cell(nil, "active", subject: "eligibility", payer: "pay_b", cases: 2, cents: 100),
            cell(nil, "active", "in_progress", subject: "eligibility", payer: "pay_b", cases: 3, cents: 50),
            cell(nil, "active", subject: "coding error", payer: "pay_a", cases: 1, cents: 7),
            cell(nil, "resolved", subject: "eligibility", payer: "pay_a", cases: 4, cents: 900),
            cell(nil, "canceled", subject: "timely filing", payer: "pay_a", cases: 5, cents: 800),
        ]
        let figures = CaseInsights(cells: cells, split: false)
        #expect(figures.openBySubject.map { "\($0.key)=\($0.count)" } == ["coding error=1", "eligibility=5"])
        #expect(figures.byStatus.map { "\($0.key)=\($0.count)" } == ["active=6", "canceled=5", "resolved=4"])
        #expect(figures.openByPayer.map { "\($0.key)=\($0.count) \($0.name ?? "-")" } == ["pay_a=1 Payer pay_a", "pay_b=5 Payer pay_b"])
        // Closed cases' money is not open outstanding.
        #expect(figures.outstandingByPayerSubject.map { "\($0.payerID)/\($0.subject)=\($0.outstanding.amount)" }
                == ["pay_a/coding error=7", "pay_b/eligibility=150"])
        #expect(figures.statusCounts == [.init(group: nil, canceled: 5, resolved: 4, inProgress: 3)])
    }

    @Test func pairsOrderByPayerThenSubjectEvenWhenOnePayerIdStartsAnother() {
        // Concatenated without a separator, "pay_a" + "zeta" would sort after "pay_ab" + "alpha".
        let cells = [
            cell(nil, "active", subject: "alpha", payer: "pay_ab", cases: 1, cents: 1),
            cell(nil, "active", subject: "zeta", payer: "pay_a", cases: 1, cents: 2),
        ]
        #expect(CaseInsights(cells: cells, split: false).outstandingByPayerSubject.map { "\($0.payerID)/\($0.subject)" }
                == ["pay_a/zeta", "pay_ab/alpha"])
    }

    @Test func groupsComeUnownedFirstThenByKindAndIdAsBytes() {
        let bo = InsightsGroup.owner(.user("usr_b"), name: "Bo")
        let ann = InsightsGroup.owner(.user("usr_a"), name: "Ann")
        let team = InsightsGroup.owner(.team("team_z"), name: "Billing")
        let nobody = InsightsGroup.owner(nil, name: nil)
        let cells = [cell(bo, "active", cases: 1), cell(team, "active", cases: 2), cell(nobody, "active", cases: 3),
                     cell(ann, "active", cases: 4), cell(bo, "canceled", cases: 5)]
        let figures = CaseInsights(cells: cells, split: true)
        #expect(figures.openBySubject.map(\.group) == [nobody, team, ann, bo])
        #expect(figures.openBySubject.map(\.count) == [3, 2, 4, 1])
        // Split: only groups with a canceled, resolved or in-progress case have status counts.
        #expect(figures.statusCounts == [.init(group: bo, canceled: 5, resolved: 0, inProgress: 0)])
    }

    @Test func carcGroupsPutCasesWithoutACodeFirst() {
        let cells = [cell(.carcCode("CO-45"), "active", cases: 1), cell(.carcCode(nil), "active", cases: 2),
                     cell(.carcCode("CO-16"), "active", cases: 3)]
        #expect(CaseInsights(cells: cells, split: true).openBySubject.map(\.group)
                == [.carcCode(nil), .carcCode("CO-16"), .carcCode("CO-45")])
    }

    @Test func noCellsGiveEmptyListsAndOneZeroStatusRowWithoutASplit() {
        let figures = CaseInsights(cells: [], split: false)
        #expect(figures.openBySubject.isEmpty && figures.byStatus.isEmpty && figures.outstandingByPayerSubject.isEmpty)
        #expect(figures.statusCounts == [.init(group: nil, canceled: 0, resolved: 0, inProgress: 0)])
        #expect(CaseInsights(cells: [], split: true).statusCounts.isEmpty)
    }
}
