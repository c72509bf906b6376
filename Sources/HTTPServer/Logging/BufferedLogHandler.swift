import Logging

/// A swift-log handler that formats a line cheaply (cached timestamp, no Foundation formatting) and
/// hands it to a `LogSink`, so that logging never blocks the thread that logs. A line reads
/// `2026-12-06T11:00:00Z info casework : key=value … [Module] message`, metadata keys sorted.
public struct BufferedLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let sink: LogSink

    public init(label: String, sink: LogSink) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let level = event.level, message = event.message, explicit = event.metadata, source = event.source
        var line: [UInt8] = []
        line.reserveCapacity(256)
        line.appendUTF8(sink.timestamp())
        line.append(UInt8(ascii: " "))
        line.appendUTF8(level.rawValue)
        line.append(UInt8(ascii: " "))
        line.appendUTF8(label)
        line.appendUTF8(" :")
        // The handler's own metadata is usually empty: then the call's is used as it is, unmerged.
        let merged = metadata.isEmpty ? (explicit ?? [:]) : metadata.merging(explicit ?? [:]) { _, new in new }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line.append(UInt8(ascii: " "))
            line.appendUTF8(key)
            line.append(UInt8(ascii: "="))
            switch value {
            case .string(let text): line.appendUTF8(text)
            default: line.appendUTF8(value.description)
            }
        }
        line.appendUTF8(" [")
        line.appendUTF8(source)
        line.appendUTF8("] ")
        line.appendUTF8(message.description)
        line.append(UInt8(ascii: "\n"))
        sink.write(line)
    }
}
