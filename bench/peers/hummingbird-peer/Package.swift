// swift-tools-version:6.1
// The Hummingbird 2 peer of `make bench-http`: the same two endpoints as `casework serve`
// (GET /healthz, authenticated GET /v1/cases/{id}) over the same SQLite file. Not part of the
// product and not built by `make test`; bench/bench_http.py builds it in release mode.
import PackageDescription

let package = Package(
    name: "HummingbirdPeer",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLitePeer", providers: [.apt(["libsqlite3-dev"])]),
        .executableTarget(
            name: "HummingbirdPeer",
            dependencies: [
                "CSQLitePeer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ]
)
