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

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
                    file: String, function: String, line number: UInt) {
        var line = sink.timestamp()
        line += " "
        line += level.rawValue
        line += " "
        line += label
        line += " :"
        let merged = explicit.map { metadata.merging($0) { _, new in new } } ?? metadata
        for key in merged.keys.sorted() {
            line += " "
            line += key
            line += "="
            line += merged[key]!.description
        }
        line += " ["
        line += source
        line += "] "
        line += message.description
        line += "\n"
        sink.write(Array(line.utf8))
    }
}
