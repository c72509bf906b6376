/// What a payer did with a claim (X12 835 CLP02, claim status code), in words.
public enum ClaimStatusCode {
    /// The meaning of `code`, or nil for a code the 5010 835 does not define.
    public static func description(_ code: String) -> String? {
        switch code {
        case "1": "Processed as primary"
        case "2": "Processed as secondary"
        case "3": "Processed as tertiary"
        case "4": "Denied"
        case "19": "Processed as primary, forwarded to additional payers"
        case "20": "Processed as secondary, forwarded to additional payers"
        case "21": "Processed as tertiary, forwarded to additional payers"
        case "22": "Reversal of previous payment"
        case "23": "Not our claim, forwarded to additional payers"
        case "25": "Predetermination pricing only, no payment"
        default: nil
        }
    }
}
