// swift-tools-version: 6.1
//
// Switchboard: an operator console for a swarm of agents.
// The targets follow the layers of ../shared/DESIGN.md; a module never imports one above it:
//
//   SwitchboardCore     domain, messaging core, task manager, agent intelligence, engine (pure)
//   SwitchboardStore    SQLite through GRDB: durable queues and engine state
//   SwitchboardAgents   drivers that turn processes, commands and simulations into agents
//   SwitchboardUI       pure rendering into a Canvas and pure key handling
//   SwitchboardConfig   TOML files: task graphs, swarms, themes, key bindings (errors name the line)
//   SwitchboardTerminal the only code that calls ncurses (through CNcursesw)
//   SwitchboardRuntime  the engine host: threads, real clock, wiring of engine, store and agents
//   SwitchboardSimulation deterministic simulation of engine and store under seeded faults
//   SwitchboardBench    the `switchboard bench` measurements
//   switchboard         the command-line program: wiring and subcommands only

import PackageDescription

let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
        .library(name: "SwitchboardCore", targets: ["SwitchboardCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "SwitchboardCore",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SwitchboardStore",
            dependencies: [
                "SwitchboardCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift
        ),
        .systemLibrary(name: "CSystemShims"),
        .target(
            name: "SwitchboardAgents",
            dependencies: ["SwitchboardCore", "SwitchboardRuntime", "CSystemShims"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SwitchboardConfig",
            dependencies: ["SwitchboardCore", "SwitchboardAgents", "SwitchboardUI", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SwitchboardUI",
            dependencies: ["SwitchboardCore"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SwitchboardTerminal",
            dependencies: ["CNcursesw", "SwitchboardUI"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SwitchboardRuntime",
            dependencies: ["SwitchboardCore", "SwitchboardStore", "SwitchboardUI", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SwitchboardSimulation",
            dependencies: [
                "SwitchboardCore", "SwitchboardStore", "SwitchboardRuntime", "SwitchboardAgents",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SwitchboardBench",
            dependencies: [
                "SwitchboardCore",
                "SwitchboardStore",
                "SwitchboardRuntime",
                "SwitchboardAgents",
                "SwitchboardUI",
                "SwitchboardTerminal",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "SwitchboardCore",
                "SwitchboardStore",
                "SwitchboardRuntime",
                "SwitchboardAgents",
                "SwitchboardConfig",
                "SwitchboardBench",
                "SwitchboardSimulation",
                "SwitchboardTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SwitchboardTestSupport",
            dependencies: ["SwitchboardCore", "SwitchboardRuntime"],
            path: "Tests/SwitchboardTestSupport",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SwitchboardCoreTests",
            dependencies: ["SwitchboardCore", "SwitchboardTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SwitchboardStoreTests",
            dependencies: [
                "SwitchboardStore", "SwitchboardTestSupport", "switchboard",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SwitchboardRuntimeTests",
            dependencies: [
                "SwitchboardRuntime", "SwitchboardStore", "SwitchboardTestSupport", "switchboard",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SwitchboardAgentsTests",
            dependencies: ["SwitchboardAgents", "SwitchboardConfig", "SwitchboardStore", "SwitchboardTestSupport", "switchboard"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SwitchboardConfigTests",
            dependencies: ["SwitchboardConfig", "SwitchboardTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SwitchboardUITests",
            dependencies: ["SwitchboardUI", "SwitchboardTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Golden"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SwitchboardTerminalTests",
            dependencies: ["SwitchboardTerminal", "SwitchboardTestSupport", "switchboard"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SwitchboardSimulationTests",
            dependencies: [
                "SwitchboardSimulation", "SwitchboardStore", "SwitchboardAgents", "SwitchboardTestSupport", "switchboard",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CNcurseswTests",
            dependencies: ["CNcursesw", "SwitchboardTestSupport", "switchboard"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SwitchboardBenchTests",
            dependencies: ["SwitchboardBench", "SwitchboardTestSupport"],
            swiftSettings: strictSwift
        ),
    ]
)
