@testable import HTTPServer

/// Feeds `text` to a fresh parser in one piece (or the given pieces) and returns the events.
func parse(_ pieces: [String], limits: HTTPParserLimits = HTTPParserLimits()) -> [HTTPParserEvent] {
    var parser = HTTPRequestParser(limits: limits)
    return pieces.flatMap { parser.feed(Array($0.utf8)) }
}

func parse(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> [HTTPParserEvent] {
    parse([text], limits: limits)
}

extension HTTPParserEvent {
    var request: HTTPRequest? {
        if case .request(let request) = self { return request }
        return nil
    }

    var errorStatus: Int? {
        if case .error(let error) = self { return error.status }
        return nil
    }

    var isExpectContinue: Bool {
        if case .expectContinue = self { return true }
        return false
    }
}

/// A comparable summary of events, for checking that different feeds agree.
func summary(_ events: [HTTPParserEvent]) -> [String] {
    events.map { event in
        switch event {
        case .expectContinue:
            return "continue"
        case .request(let r):
            let headers = r.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ";")
            let query = r.query.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
            return "\(r.method) \(r.target) \(r.path) ?\(query) \(r.version) [\(headers)] \(r.body)"
        case .error(let error):
            return "error \(error.status)"
        }
    }
}
