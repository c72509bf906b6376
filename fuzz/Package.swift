// swift-tools-version:6.0
// The HTTP request parser on its own, for fuzzing and sanitizer runs (make/fuzz.mk).
//
// Sources/HTTPServer holds symlinks to the parser's code in the main package
// (Parsing/ and Message/ — the parser's only dependencies), so this package compiles
// exactly what the server ships, without CZlib, swift-log or the socket layer.
// Tests/ParserTests links the main package's parser unit tests unchanged; they
// `@testable import HTTPServer`, hence the library's name.
//
// The libFuzzer entry point (Fuzzer/) is not a target here: it has no `main` of
// its own (libFuzzer supplies one), so `make fuzz` builds it with swiftc directly.
// Never built by `make build` or the main package's `swift build`.
import PackageDescription

let package = Package(
    name: "CaseworkParserFuzz",
    platforms: [.macOS(.v14)],
    targets: [
        .target(name: "HTTPServer", path: "Sources/HTTPServer"),
        .testTarget(name: "ParserTests", dependencies: ["HTTPServer"], path: "Tests/ParserTests"),
    ]
)
