/// The billing team's page (issue 12): Case Insights, Tier 1, the six views, a case and the
/// denied claims without a case. HTML, CSS and JavaScript modules written by hand and embedded
/// in the binary at build time (`Files/`), so there is no build step and nothing to install. The
/// page holds no data: it asks the API for it with the bearer token the user pastes (kept in
/// sessionStorage), so serving it needs no token.
public enum BillingPage {
    /// One embedded file: its `Content-Type` and bytes.
    public struct File: Sendable {
        public let contentType: String
        public let bytes: [UInt8]
    }

    /// The page itself (served at `/`).
    public static let index = File(contentType: "text/html; charset=utf-8", bytes: PackageResources.index_html)

    /// What the page loads, by file name (served at `/page/<name>`).
    public static let files: [String: File] = [
        "app.css": File(contentType: "text/css; charset=utf-8", bytes: PackageResources.app_css),
        "main.js": script(PackageResources.main_js),
        "api.js": script(PackageResources.api_js),
        "format.js": script(PackageResources.format_js),
        "controls.js": script(PackageResources.controls_js),
        "bars.js": script(PackageResources.bars_js),
        "insights.js": script(PackageResources.insights_js),
        "tier1.js": script(PackageResources.tier1_js),
        "views.js": script(PackageResources.views_js),
        "case.js": script(PackageResources.case_js),
        "timeline.js": script(PackageResources.timeline_js),
        "denied.js": script(PackageResources.denied_js),
    ]

    /// Sent with every file: scripts, styles and API calls from this origin only, no inline script
    /// or style, never framed (CSP Level 3); no MIME sniffing; no referrer leaves the page.
    public static let securityHeaders = [
        ("Content-Security-Policy",
         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
         "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]

    private static func script(_ bytes: [UInt8]) -> File {
        File(contentType: "text/javascript; charset=utf-8", bytes: bytes)
    }
}
