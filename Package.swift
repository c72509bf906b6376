// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Casework",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "casework", targets: ["casework"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CPostgreSQL", providers: [.apt(["libpq-dev"])]),
        // Linux epoll(7) and eventfd(2), which the Glibc module does not export.
        .systemLibrary(name: "CEpoll"),
        // glibc's mallinfo2(3) (what the heap holds), which the Glibc module does not export.
        .systemLibrary(name: "CMalloc"),

        // Bytes → requests → responses. Knows no domain word.
        .target(
            name: "HTTPServer",
            dependencies: [
                "CZlib", "CEpoll", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        // Pure values and rules of denial and outstanding-balance cases.
        .target(name: "CaseworkDomain"),
        // The application layer: use cases over a transaction protocol (`Transactions`), with an
        // injected clock and ids. Names no database; storage drivers conform to its protocols.
        .target(name: "CaseworkUseCases", dependencies: ["CaseworkDomain", "X12", .product(name: "Crypto", package: "swift-crypto")]),
        // SQLite: connections, migrations, repositories, the driver of `Transactions`. The only place with SQL.
        .target(
            name: "CaseworkStorage",
            dependencies: [
                "CSQLite", "CPostgreSQL", "CaseworkDomain", "CaseworkUseCases", "X12",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            // Sources/CaseworkStorage/Migrations links to the top-level migrations/; CodeLists holds the shipped CARC and RARC lists.
            resources: [.embedInCode("Migrations"), .embedInCode("CodeLists")]
        ),
        // The billing team's page: HTML, CSS and JavaScript embedded in the binary, no build step.
        .target(name: "CaseworkPage", resources: [.embedInCode("Files")]),
        // Routes and handlers joining HTTP to the domain and storage.
        .target(
            name: "CaseworkAPI",
            dependencies: [
                "HTTPServer", "CaseworkDomain", "CaseworkUseCases", "X12", "CaseworkPage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // X12 835 remittance reader: bytes → payments. Knows no case, HTTP or SQL.
        .target(name: "X12", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .executableTarget(
            name: "casework",
            dependencies: [
                "CaseworkAPI", "CaseworkStorage", "CaseworkUseCases", "CaseworkDomain", "HTTPServer", "X12", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),

        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "CaseworkDomainTests", dependencies: ["CaseworkDomain"]),
        // What several test targets share: a throwaway PostgreSQL server.
        .target(name: "CaseworkTestSupport", dependencies: ["CaseworkStorage"], path: "Tests/Support"),
        .testTarget(name: "CaseworkStorageTests", dependencies: ["CaseworkStorage", "CaseworkUseCases", "CaseworkDomain", "CaseworkTestSupport"]),
        .testTarget(name: "CaseworkUseCasesTests",
                    dependencies: ["CaseworkUseCases", "CaseworkStorage", "CaseworkDomain", "CaseworkTestSupport", "X12"]),
        .testTarget(name: "X12Tests", dependencies: ["X12"]),
        .testTarget(name: "CaseworkAPITests", dependencies: ["CaseworkAPI", "CaseworkStorage", "CaseworkUseCases", "CaseworkDomain", "HTTPServer"]),
    ]
)
