import Testing
@testable import X12

/// X12 "R" amounts read as exact integer cents.
@Suite struct X12AmountTests {
    @Test(arguments: [
        ("0", 0), ("5", 500), ("12.3", 1230), ("12.34", 1234), (".28", 28), ("-1.27", -127), ("5.", 500),
        ("1.230", 123), ("1.2300000", 123), ("0063.00", 6300), ("-0", 0), ("-.5", -50),
        ("1000000000", 100_000_000_000), ("-1000000000.00", -100_000_000_000), ("0000000001000000000.00", 100_000_000_000),
    ])
    func readsCents(_ text: String, _ cents: Int) {
        #expect(X12Amount.read(text) == .cents(cents), "\(text)")
    }

    @Test(arguments: ["-", ".", "-.", "1.235", "1.2.3", "1,000", "+5", "1e3", " 5", "5 ", "abc", "--1", "1-"])
    func refusesWhatIsNotAnAmount(_ text: String) {
        #expect(X12Amount.read(text) == .invalid, "\(text)")
    }

    @Test func emptyIsEmpty() {
        #expect(X12Amount.read("") == .empty)
    }

    /// Beyond $1,000,000,000.00 either way, whether the text is short or long (a file of such amounts
    /// overflowed the sums of its posting).
    @Test(arguments: ["1000000000.01", "-1000000000.01", "9999999999999", "92233720368547758.07", "92233720368547758.08",
                      "99999999999999999999", String(repeating: "9", count: 5000), "-" + String(repeating: "1", count: 40) + ".00"])
    func refusesWhatDoesNotFitInsteadOfTrapping(_ text: String) {
        #expect(X12Amount.read(text) == .tooLarge)
    }
}

/// CCYYMMDD dates, checked against the calendar.
@Suite struct X12DateTests {
    @Test func readsEightAndSixDigitDates() {
        #expect(X12Date(x12: "20240229") == X12Date(year: 2024, month: 2, day: 29))
        #expect(X12Date(x12: "000229") == X12Date(year: 2000, month: 2, day: 29))
        #expect(X12Date(x12: "991231") == X12Date(year: 1999, month: 12, day: 31))
        #expect(X12Date(x12: "20240229")?.description == "2024-02-29")
        #expect(X12Date(year: 5, month: 1, day: 2)?.description == "0005-01-02")
    }

    @Test(arguments: ["20230229", "20002316", "20240431", "20240001", "20241300", "2024010", "202401011",
                      "2024-01-01", "", "00000101", "19000229"])
    func refusesImpossibleDates(_ text: String) {
        #expect(X12Date(x12: text) == nil, "\(text)")
    }

    @Test func ordersByDay() throws {
        let early = try #require(X12Date(year: 2023, month: 12, day: 31))
        let late = try #require(X12Date(year: 2024, month: 1, day: 1))
        #expect(early < late)
    }
}
