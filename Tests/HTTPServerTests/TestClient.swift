#if canImport(Glibc)
import Glibc
#endif

/// Failures of the test client; every blocking read is bounded by a receive timeout.
enum TestClientError: Error {
    case timeout
    case closed
    case malformed(String)
    case system(String, Int32)
}

/// A response as the test client read it.
struct TestResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// How many data chunks a chunked body had (`nil` when not chunked).
    var chunkCount: Int?

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A tiny blocking HTTP/1.1 client over a POSIX socket, for live tests.
final class TestClient {
    let fd: Int32
    /// Received bytes not yet consumed (see TestClient+Body.swift).
    var buffer: [UInt8] = []
    private var isOpen = true
    /// The last read ended with ECONNRESET rather than an orderly end of stream.
    private(set) var sawReset = false

    /// Connects to 127.0.0.1:`port`; reads and writes give up after `timeout` seconds.
    /// `receiveBuffer` (bytes) fixes `SO_RCVBUF` before connecting, which turns off the
    /// kernel's receive-buffer autotuning for this socket.
    init(port: Int, timeout: Double = 5, receiveBuffer: Int? = nil) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestClientError.system("socket", errno) }
        if var size = receiveBuffer.map(Int32.init) {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            let code = errno
            Glibc.close(fd)
            throw TestClientError.system("connect", code)
        }
        self.fd = fd
    }

    deinit { close() }

    func close() {
        guard isOpen else { return }
        isOpen = false
        Glibc.close(fd)
    }

    /// Whether connecting to `port` is refused (nothing listening).
    static func isRefused(port: Int) -> Bool {
        do {
            _ = try TestClient(port: port)
            return false
        } catch TestClientError.system("connect", let code) {
            return code == ECONNREFUSED
        } catch {
            return false
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw TestClientError.system("send", errno)
            }
            offset += count
        }
    }

    /// Reads more bytes into the buffer; returns false at end of stream.
    func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                sawReset = false
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count == 0 { return false }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw TestClientError.timeout
            case ECONNRESET:
                sawReset = true
                return false
            default: throw TestClientError.system("recv", errno)
            }
        }
    }

    /// Reads one response (an interim 1xx counts as one). `head` marks a response to HEAD.
    func readResponse(head: Bool = false) throws -> TestResponse {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var end: Int?
        while end == nil {
            if let range = buffer.firstRange(of: terminator) {
                end = range.upperBound
            } else if try !fill() {
                throw TestClientError.closed
            }
        }
        let headText = String(decoding: buffer[..<end!], as: UTF8.self)
        buffer.removeFirst(end!)
        var lines = headText.split(separator: "\r\n").map(String.init)
        guard !lines.isEmpty else { throw TestClientError.malformed(headText) }
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw TestClientError.malformed(headText)
        }
        let headers = lines.map { line -> (name: String, value: String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1].drop { $0 == " " }) : "")
        }
        var response = TestResponse(status: status, headers: headers, body: [])
        if head || (100..<200).contains(status) || status == 204 || status == 304 { return response }
        if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            (response.body, response.chunkCount) = try readChunkedBody()
            return response
        }
        guard let length = response.header("Content-Length").flatMap({ Int($0) }) else {
            guard response.header("Connection") == "close" else {
                throw TestClientError.malformed("no Content-Length, chunked framing or Connection: close")
            }
            response.body = try readUntilEndOfStream()
            return response
        }
        response.body = try readExactly(length)
        return response
    }

    /// Waits for the server to close: true on end of stream or reset, false if bytes arrive.
    func readUntilClosed() throws -> Bool {
        while buffer.isEmpty {
            if try !fill() { return true }
        }
        return false
    }

    /// Closes with SO_LINGER 0 so the kernel sends RST instead of FIN.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        close()
    }
}
