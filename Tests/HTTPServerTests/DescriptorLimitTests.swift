import Glibc
import Testing
@testable import HTTPServer

@Suite("Descriptor headroom")
struct DescriptorLimitTests {
    /// Connections are refused (503) once an accepted descriptor reaches the ceiling, so
    /// some descriptors always stay free for SQLite and libdispatch (whose pool monitor
    /// crashes the process when it cannot open /proc files).
    @Test func ceilingLeavesHeadroomBelowTheOpenFileLimit() {
        var limit = rlimit()
        #expect(getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0)
        let soft = Int64(min(limit.rlim_cur, rlim_t(Int32.max)))
        let ceiling = Int64(Socket.descriptorCeiling())
        #expect(ceiling < soft)
        #expect((16...256).contains(soft - ceiling))
        #expect(ceiling >= soft - max(16, min(256, soft / 16)))
    }

    @Test func descriptorsInUseNowAreBelowTheCeiling() {
        let fd = open("/dev/null", O_RDONLY)
        defer { close(fd) }
        #expect(fd >= 0)
        #expect(fd < Socket.descriptorCeiling())
    }
}
