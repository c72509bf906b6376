import CaseworkPage
import HTTPServer

/// `GET /` (the billing team's page) and `GET /page/{file}` (its scripts and style sheet), open to
/// anyone: the files hold no data. Each answer carries a content ETag and honours
/// `If-None-Match` with 304, so a reload costs a revalidation only.
enum PageRoutes {
    static func register(_ table: inout RouteTable) {
        let index = asset(BillingPage.index)
        let files = BillingPage.files.mapValues(asset)
        let headers = BillingPage.securityHeaders
        table.addOpen("GET", "/") { request, _ in index.response(to: request, headers: headers) }
        table.addOpen("GET", "/page/{file}") { request, parameters in
            let name = parameters["file"] ?? ""
            guard let file = files[name] else { return APIError.notFound("page file", name).response }
            return file.response(to: request, headers: headers)
        }
    }

    private static func asset(_ file: BillingPage.File) -> StaticAsset {
        StaticAsset(contentType: file.contentType, body: file.bytes, etag: EntityTag.of(file.bytes))
    }
}
