import ArgumentParser
import X12
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `casework read-835 [--json] [--repeat N] PATH…`: reads X12 835 files through the
/// streaming `ERAReader` (64 KiB chunks) and prints, per file, one summary line
/// "PATH: N payments, M claims, K imbalances, W warnings" (no patient data), or with
/// `--json` one document {"files": [{"path", "payments": […], "warnings": […]}]} with every
/// field in snake_case, dates "YYYY-MM-DD", money in integer cents. The JSON holds patient
/// names and ids: a local debugging tool, never a log. An unreadable file prints
/// "PATH: segment S (byte B, ID): message" on stderr (and "error" in the JSON) and the
/// command exits 1. `--repeat N` reads each file N times and prints the speed (MB/s) on
/// stderr, for benchmarks.
struct Read835: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-835", abstract: "Read X12 835 remittance files; print a summary or JSON.")

    @Flag(help: "Print every payment as JSON (includes patient data).")
    var json = false

    @Option(name: .customLong("repeat"), help: "Read each file this many times and print MB/s on stderr.")
    var repetitions: Int = 1

    @Argument(help: "X12 835 files.")
    var paths: [String]

    func run() throws {
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1.") }
        var failed = false
        var documents: [String] = []
        for path in paths {
            var outcome: Outcome = .failed("not read")
            var bytes = 0
            let started = Read835.now()
            for round in 0..<repetitions {
                let result = Read835.read(path: path, keep: json && round == 0)
                if round == 0 { outcome = result.outcome }
                bytes += result.bytes
            }
            if repetitions > 1 {
                let seconds = max(Read835.now() - started, 1e-9)
                let rate = Double(bytes) / 1_000_000 / seconds
                Read835.printError("\(path): \(bytes) bytes in \(format3(seconds)) s, \(format3(rate)) MB/s")
            }
            switch outcome {
            case .failed(let message):
                failed = true
                Read835.printError("\(path): \(message)")
                documents.append(JSON.object([("path", JSON.string(path)), ("error", JSON.string(message))]))
            case .read(let summary, let payments, let warnings):
                if json {
                    documents.append(JSON.object([
                        ("path", JSON.string(path)), ("payments", JSON.array(payments.map(JSON.payment))),
                        ("warnings", JSON.array(warnings.map(JSON.warning))),
                    ]))
                } else {
                    print("\(path): \(summary.payments) payments, \(summary.claims) claims, "
                        + "\(summary.imbalances) imbalances, \(summary.warnings) warnings")
                }
            }
        }
        if json { print(JSON.object([("files", JSON.array(documents))])) }
        if failed { throw ExitCode(1) }
    }

    struct Summary { var payments = 0, claims = 0, imbalances = 0, warnings = 0 }
    enum Outcome { case read(Summary, [ERAPayment], [X12Warning]), failed(String) }

    /// Streams one file through `ERAReader` in 64 KiB chunks; keeps the payments if asked.
    static func read(path: String, keep: Bool) -> (outcome: Outcome, bytes: Int) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return (.failed("cannot open the file"), 0) }
        defer { close(descriptor) }
        var reader = ERAReader()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var summary = Summary()
        var kept: [ERAPayment] = []
        var total = 0
        do throws(X12Error) {
            while true {
                let count = chunk.withUnsafeMutableBytes { readChunk(descriptor, $0) }
                if count < 0 { return (.failed("cannot read the file"), total) }
                if count == 0 { break }
                total += count
                let payments = try chunk.withUnsafeBufferPointer { (buffer) throws(X12Error) -> [ERAPayment] in
                    try reader.feed(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<count]))
                }
                for payment in payments {
                    summary.payments += 1
                    summary.claims += payment.claims.count
                    summary.imbalances += payment.imbalances.count
                    summary.warnings += payment.warnings.count
                }
                if keep { kept.append(contentsOf: payments) }
            }
            let fileWarnings = try reader.finish()
            summary.warnings += fileWarnings.count
            let warnings = (fileWarnings + kept.flatMap(\.warnings)).sorted { $0.segmentNumber < $1.segmentNumber }
            return (.read(summary, kept, warnings), total)
        } catch {
            return (.failed(error.description), total)
        }
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func printError(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}

/// read(2) into `buffer`: the byte count, 0 at the end, negative on error.
private func readChunk(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(descriptor, buffer.baseAddress, buffer.count)
}

/// A number with three decimals, e.g. "123.456".
private func format3(_ value: Double) -> String {
    let scaled = Int((value * 1000).rounded())
    let fraction = String(scaled % 1000)
    return "\(scaled / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}

/// Minimal JSON text for `read-835 --json`: snake_case keys, null for absent values.
private enum JSON {
    static func string(_ value: String?) -> String {
        guard let value else { return "null" }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
    static func int(_ value: Int?) -> String { value.map(String.init) ?? "null" }
    static func date(_ value: X12Date?) -> String { string(value?.description) }
    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    static func strings(_ items: [String]) -> String { array(items.map { string($0) }) }
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func payment(_ p: ERAPayment) -> String {
        object([
            ("version", string(p.version)), ("transaction_control_number", string(p.transactionControlNumber)),
            ("segment_number", int(p.segmentNumber)), ("byte_offset", int(p.byteOffset)),
            ("handling_code", string(p.handlingCode)), ("total_payment_cents", int(p.totalPaymentCents)),
            ("credit_debit", string(p.creditDebit)), ("payment_method", string(p.paymentMethod)),
            ("payment_date", date(p.paymentDate)), ("trace_number", string(p.traceNumber)),
            ("trace_originator_id", string(p.traceOriginatorID)), ("production_date", date(p.productionDate)),
            ("payer", party(p.payer)), ("payee", p.payee.map(party) ?? "null"),
            ("claims", array(p.claims.map(claim))),
            ("provider_adjustments", array(p.providerAdjustments.map { a in
                object([("provider_id", string(a.providerID)), ("fiscal_period_date", date(a.fiscalPeriodDate)),
                        ("reason", string(a.reason)), ("reference", string(a.reference)),
                        ("amount_cents", int(a.amountCents))])
            })),
            ("imbalances", array(p.imbalances.map { i in
                object([("level", string(i.level.rawValue)), ("claim_number", string(i.claimNumber)),
                        ("line_number", int(i.lineNumber)), ("segment_number", int(i.segmentNumber)),
                        ("expected_cents", int(i.expectedCents)), ("actual_cents", int(i.actualCents)),
                        ("difference_cents", int(i.differenceCents))])
            })),
            ("fingerprint", string(p.fingerprint)), ("warnings", array(p.warnings.map(warning))),
        ])
    }

    static func party(_ p: ERAParty) -> String {
        object([("name", string(p.name)), ("id_qualifier", string(p.idQualifier)), ("id", string(p.id)),
                ("additional_ids", array(p.additionalIDs.map(reference)))])
    }

    static func reference(_ r: ERAReference) -> String {
        object([("qualifier", string(r.qualifier)), ("value", string(r.value))])
    }

    static func amount(_ a: ERAAmount) -> String {
        object([("qualifier", string(a.qualifier)), ("cents", int(a.cents))])
    }

    static func adjustment(_ a: ERAAdjustment) -> String {
        object([("group", string(a.group)), ("reason", string(a.reason)), ("amount_cents", int(a.amountCents)),
                ("quantity", string(a.quantity))])
    }

    static func claim(_ c: ERAClaim) -> String {
        object([
            ("segment_number", int(c.segmentNumber)), ("byte_offset", int(c.byteOffset)),
            ("claim_number", string(c.claimNumber)), ("status_code", string(c.statusCode)),
            ("charge_cents", int(c.chargeCents)), ("paid_cents", int(c.paidCents)),
            ("patient_responsibility_cents", int(c.patientResponsibilityCents)),
            ("filing_indicator", string(c.filingIndicator)), ("payer_claim_number", string(c.payerClaimNumber)),
            ("facility_code", string(c.facilityCode)), ("frequency_code", string(c.frequencyCode)),
            ("adjustments", array(c.adjustments.map(adjustment))),
            ("people", array(c.people.map { n in
                object([("entity", string(n.entity)), ("last_name", string(n.lastName)),
                        ("first_name", string(n.firstName)), ("middle_name", string(n.middleName)),
                        ("id_qualifier", string(n.idQualifier)), ("id", string(n.id))])
            })),
            ("remark_codes", strings(c.remarkCodes)), ("statement_start", date(c.statementStart)),
            ("statement_end", date(c.statementEnd)), ("received_date", date(c.receivedDate)),
            ("references", array(c.references.map(reference))), ("amounts", array(c.amounts.map(amount))),
            ("service_lines", array(c.serviceLines.map(line))),
        ])
    }

    static func line(_ l: ERAServiceLine) -> String {
        object([
            ("segment_number", int(l.segmentNumber)), ("procedure", string(l.procedure)),
            ("charge_cents", int(l.chargeCents)), ("paid_cents", int(l.paidCents)),
            ("revenue_code", string(l.revenueCode)), ("units", string(l.units)),
            ("original_procedure", string(l.originalProcedure)), ("service_date", date(l.serviceDate)),
            ("service_end_date", date(l.serviceEndDate)), ("control_number", string(l.controlNumber)),
            ("allowed_cents", int(l.allowedCents)), ("remark_codes", strings(l.remarkCodes)),
            ("adjustments", array(l.adjustments.map(adjustment))),
            ("references", array(l.references.map(reference))), ("amounts", array(l.amounts.map(amount))),
        ])
    }

    static func warning(_ w: X12Warning) -> String {
        object([("segment_number", int(w.segmentNumber)), ("byte_offset", int(w.byteOffset)),
                ("segment_id", string(w.segmentID)), ("message", string(w.message))])
    }
}
