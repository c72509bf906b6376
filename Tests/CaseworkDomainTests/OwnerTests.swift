import Testing
@testable import CaseworkDomain

/// `Owner`'s written form `kind:id`, as the API's `owner` filter reads it and the audit log writes it.
@Suite struct OwnerTests {
    @Test func aReferenceReadsBackAsTheSameOwner() {
        for owner in [Owner.user("usr_1"), .team("team_9"), .user("a:b")] {
            #expect(Owner(reference: owner.reference) == owner, "\(owner.reference)")
        }
        #expect(Owner.team("team_9").reference == "team:team_9")
    }

    @Test func otherTextIsNoOwner() {
        for text in ["", "user", "user:", "group:x", ":x"] { #expect(Owner(reference: text) == nil, "\(text)") }
    }
}
