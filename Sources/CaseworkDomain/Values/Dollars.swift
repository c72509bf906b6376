/// Money written for people: `$1,234.56`, `-$0.05`.
public enum Dollars {
    /// `cents` as dollars with a thousands separator and two decimals.
    public static func text(cents: Int) -> String {
        let magnitude = cents.magnitude
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let fraction = magnitude % 100
        return (cents < 0 ? "-$" : "$") + whole + grouped + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
