import Hummingbird
import NIOCore

/// JSON and problem+json responses.
enum Responses {
    static func json(_ status: HTTPResponse.Status, _ body: [UInt8], etag: String? = nil,
              contentType: String = "application/json") -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if let etag { headers[.eTag] = etag }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func problem(_ status: HTTPResponse.Status, _ title: String) -> Response {
        var body = JSONWriter()
        body.open()
        body.key("type"); body.string("about:blank")
        body.key("title"); body.string(title)
        body.key("status"); body.int(Int(status.code))
        body.close()
        var response = json(status, body.bytes, contentType: "application/problem+json")
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }
}
