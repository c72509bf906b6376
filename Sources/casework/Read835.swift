import ArgumentParser
import CaseworkAPI
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
/// stderr, for benchmarks; `--envelope-only` reads without building payments (their claims,
/// imbalances and warnings count 0), the reader's ceiling.
struct Read835: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-835", abstract: "Read X12 835 remittance files; print a summary or JSON.")

    @Flag(help: "Print every payment as JSON (includes patient data).")
    var json = false

    @Option(name: .customLong("repeat"), help: "Read each file this many times and print MB/s on stderr.")
    var repetitions: Int = 1

    @Flag(name: .customLong("envelope-only"),
          help: ArgumentHelp("Split segments, check the envelope and fingerprint each payment, building nothing else "
                             + "(the reader's ceiling, for benchmarks; claims count 0)."))
    var envelopeOnly = false

    @Argument(help: "X12 835 files.")
    var paths: [String]

    func run() throws {
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1.") }
        guard !(envelopeOnly && json) else { throw ValidationError("--envelope-only builds no payment to print as JSON.") }
        var failed = false
        var documents: [JSONValue] = []
        for path in paths {
            var outcome: Outcome = .failed("not read")
            var bytes = 0
            let started = Read835.now()
            for round in 0..<repetitions {
                let result = Read835.read(path: path, keep: json && round == 0, buildingPayments: !envelopeOnly)
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
                documents.append(JSONValue.object([("path", .string(path)), ("error", .string(message))]))
            case .read(let summary, let payments, let warnings):
                if json {
                    documents.append(.object([
                        ("path", .string(path)), ("payments", .array(payments.map(JSON.payment))),
                        ("warnings", .array(warnings.map(JSON.warning))),
                    ]))
                } else {
                    print("\(path): " + [counted(summary.payments, "payment"), counted(summary.claims, "claim"),
                                           counted(summary.imbalances, "imbalance"), counted(summary.warnings, "warning")]
                        .joined(separator: ", "))
                }
            }
        }
        if json { print(String(decoding: JSONValue.object([("files", .array(documents))]).serialized(), as: UTF8.self)) }
        if failed { throw ExitCode(1) }
    }

    struct Summary { var payments = 0, claims = 0, imbalances = 0, warnings = 0 }
    enum Outcome { case read(Summary, [ERAPayment], [X12Warning]), failed(String) }

    /// Streams one file through `ERAReader` in 64 KiB chunks; keeps the payments if asked.
    static func read(path: String, keep: Bool, buildingPayments: Bool = true) -> (outcome: Outcome, bytes: Int) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return (.failed("cannot open the file"), 0) }
        defer { close(descriptor) }
        var reader = ERAReader(buildingPayments: buildingPayments)
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

/// The JSON document of `read-835 --json`: snake_case keys, null for absent values, built as
/// the API's `JSONValue`.
private enum JSON {
    static func payment(_ p: ERAPayment) -> JSONValue {
        .object([
            ("version", .optional(p.version)), ("transaction_control_number", .optional(p.transactionControlNumber)),
            ("segment_number", .optional(p.segmentNumber)), ("byte_offset", .optional(p.byteOffset)),
            ("handling_code", .optional(p.handlingCode)), ("total_payment_cents", .optional(p.totalPaymentCents)),
            ("credit_debit", .optional(p.creditDebit)), ("payment_method", .optional(p.paymentMethod)),
            ("payment_date", .optional(p.paymentDate?.description)), ("trace_number", .optional(p.traceNumber)),
            ("trace_originator_id", .optional(p.traceOriginatorID)), ("production_date", .optional(p.productionDate?.description)),
            ("payer", party(p.payer)), ("payee", p.payee.map(party) ?? .null),
            ("claims", .array(p.claims.map(claim))),
            ("provider_adjustments", .array(p.providerAdjustments.map { a in
                .object([("provider_id", .optional(a.providerID)), ("fiscal_period_date", .optional(a.fiscalPeriodDate?.description)),
                        ("reason", .optional(a.reason)), ("reference", .optional(a.reference)),
                        ("amount_cents", .optional(a.amountCents))])
            })),
            ("imbalances", .array(p.imbalances.map { i in
                .object([("level", .optional(i.level.rawValue)), ("claim_number", .optional(i.claimNumber)),
                        ("line_number", .optional(i.lineNumber)), ("segment_number", .optional(i.segmentNumber)),
                        ("expected_cents", .optional(i.expectedCents)), ("actual_cents", .optional(i.actualCents)),
                        ("difference_cents", .optional(i.differenceCents))])
            })),
            ("fingerprint", .optional(p.fingerprint)), ("warnings", .array(p.warnings.map(warning))),
        ])
    }

    static func party(_ p: ERAParty) -> JSONValue {
        .object([("name", .optional(p.name)), ("id_qualifier", .optional(p.idQualifier)), ("id", .optional(p.id)),
                ("additional_ids", .array(p.additionalIDs.map(reference)))])
    }

    static func reference(_ r: ERAReference) -> JSONValue {
        .object([("qualifier", .optional(r.qualifier)), ("value", .optional(r.value))])
    }

    static func amount(_ a: ERAAmount) -> JSONValue {
        .object([("qualifier", .optional(a.qualifier)), ("cents", .optional(a.cents))])
    }

    static func adjustment(_ a: ERAAdjustment) -> JSONValue {
        .object([("group", .optional(a.group)), ("reason", .optional(a.reason)), ("amount_cents", .optional(a.amountCents)),
                ("quantity", .optional(a.quantity))])
    }

    static func claim(_ c: ERAClaim) -> JSONValue {
        .object([
            ("segment_number", .optional(c.segmentNumber)), ("byte_offset", .optional(c.byteOffset)),
            ("claim_number", .optional(c.claimNumber)), ("status_code", .optional(c.statusCode)),
            ("charge_cents", .optional(c.chargeCents)), ("paid_cents", .optional(c.paidCents)),
            ("patient_responsibility_cents", .optional(c.patientResponsibilityCents)),
            ("filing_indicator", .optional(c.filingIndicator)), ("payer_claim_number", .optional(c.payerClaimNumber)),
            ("facility_code", .optional(c.facilityCode)), ("frequency_code", .optional(c.frequencyCode)),
            ("adjustments", .array(c.adjustments.map(adjustment))),
            ("people", .array(c.people.map { n in
                .object([("entity", .optional(n.entity)), ("last_name", .optional(n.lastName)),
                        ("first_name", .optional(n.firstName)), ("middle_name", .optional(n.middleName)),
                        ("id_qualifier", .optional(n.idQualifier)), ("id", .optional(n.id))])
            })),
            ("remark_codes", .strings(c.remarkCodes)), ("statement_start", .optional(c.statementStart?.description)),
            ("statement_end", .optional(c.statementEnd?.description)), ("received_date", .optional(c.receivedDate?.description)),
            ("references", .array(c.references.map(reference))), ("amounts", .array(c.amounts.map(amount))),
            ("service_lines", .array(c.serviceLines.map(line))),
        ])
    }

    static func line(_ l: ERAServiceLine) -> JSONValue {
        .object([
            ("segment_number", .optional(l.segmentNumber)), ("procedure", .optional(l.procedure)),
            ("charge_cents", .optional(l.chargeCents)), ("paid_cents", .optional(l.paidCents)),
            ("revenue_code", .optional(l.revenueCode)), ("units", .optional(l.units)),
            ("original_procedure", .optional(l.originalProcedure)), ("service_date", .optional(l.serviceDate?.description)),
            ("service_end_date", .optional(l.serviceEndDate?.description)), ("control_number", .optional(l.controlNumber)),
            ("allowed_cents", .optional(l.allowedCents)), ("remark_codes", .strings(l.remarkCodes)),
            ("adjustments", .array(l.adjustments.map(adjustment))),
            ("references", .array(l.references.map(reference))), ("amounts", .array(l.amounts.map(amount))),
        ])
    }

    static func warning(_ w: X12Warning) -> JSONValue {
        .object([("segment_number", .optional(w.segmentNumber)), ("byte_offset", .optional(w.byteOffset)),
                ("segment_id", .optional(w.segmentID)), ("message", .optional(w.message))])
    }
}
