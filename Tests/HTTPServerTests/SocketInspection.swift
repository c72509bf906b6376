import Foundation

/// Descriptors of this process that are TCP connections whose *local* port is `port`:
/// for a server on `port`, exactly its accepted connections (the listener, in state
/// LISTEN, and the test clients, whose local ports are ephemeral, are not counted).
///
/// Matches `/proc/self/fd/*` links `socket:[inode]` against the inodes that
/// `/proc/net/tcp` and `/proc/net/tcp6` list for that local port. Unlike a raw count
/// of `/proc/self/fd`, this is not disturbed by tests running in parallel.
func serverConnectionDescriptors(port: Int) -> Int {
    var inodes = Set<String>()
    let portHex = String(format: "%04X", port)
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        for line in readWholeFile(table).split(separator: "\n").dropFirst() {
            let columns = line.split(separator: " ")
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            guard columns.count > 9, columns[1].hasSuffix(":" + portHex), columns[3] != "0A" else { continue }
            inodes.insert(String(columns[9]))
        }
    }
    let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return fds.filter { fd in
        guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + fd),
              link.hasPrefix("socket:[") else { return false }
        return inodes.contains(String(link.dropFirst(8).dropLast()))
    }.count
}

/// The whole text of a (proc) file, read with `read(2)` until end of file:
/// `String(contentsOfFile:)` stops after the first block of a file whose size
/// `stat` reports as 0, as /proc files do. Empty when it cannot be opened.
func readWholeFile(_ path: String) -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return "" }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { break }
        bytes.append(contentsOf: chunk[..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

