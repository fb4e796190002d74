// swift-tools-version: 6.1
// singan-edit: SinGAN (Shaham, Dekel, Michaeli, ICCV 2019) as a plugin-based image-editing engine.
// Module directions (arrows = may import), see "How it is built" in README.md:
//   singan-edit → Plugins/* → SinGANRuntime → SinGANModel → SinGANNN → SinGANAutodiff → SinGANTensor
//   SinGANModel → SinGANCheckpoint → SinGANTensor;  SinGANRuntime → SinGANImaging → CVips
//   singan-edit → SinGANEvaluation → SinGANRuntime (quality measures, `evaluate`)
//   singan-edit → SinGANBatch → SinGANModel (many trainings: image lists, status, Slurm job script)
//   singan-edit → SinGANStudio (`serve`) → PluginCatalog → Plugins/*;  SinGANStudio → Hummingbird
//   singan-edit → SinGANTorchImport → SinGANModel (`import` of official PyTorch models)
//   SinGANTensor → CTensorKernels (product and transform kernels), CWorkerPool (thread pool), COpenBLAS
import Foundation
import PackageDescription

let package = Package(
    name: "singan-edit",
    products: [
        .executable(name: "singan-edit", targets: ["singan-edit"]),
        .library(name: "SinGANTensor", targets: ["SinGANTensor"]),
        .library(name: "SinGANAutodiff", targets: ["SinGANAutodiff"]),
        .library(name: "SinGANNN", targets: ["SinGANNN"]),
        .library(name: "SinGANModel", targets: ["SinGANModel"]),
        .library(name: "SinGANCheckpoint", targets: ["SinGANCheckpoint"]),
        .library(name: "SinGANImaging", targets: ["SinGANImaging"]),
        .library(name: "SinGANRuntime", targets: ["SinGANRuntime"]),
        .library(name: "SinGANEvaluation", targets: ["SinGANEvaluation"]),
        .library(name: "SinGANBatch", targets: ["SinGANBatch"]),
        .library(name: "SinGANTorchImport", targets: ["SinGANTorchImport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The studio's web server (`serve`); no traits: swift-configuration is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // System libraries (apt: libopenblas-dev, libvips-dev, zlib1g-dev; the Makefile installs them).
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas"),
        .systemLibrary(name: "CLibVips", pkgConfig: "vips"),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib"),
        .target(name: "CVips", dependencies: ["CLibVips"]),

        // Core: builds and tests without libvips.
        .target(name: "CTensorKernels"),
        // The kernels' thread pool: workers spin briefly between kernels instead of sleeping.
        .target(name: "CWorkerPool"),
        .target(name: "SinGANTensor", dependencies: ["COpenBLAS", "CTensorKernels", "CWorkerPool"]),
        .target(name: "SinGANAutodiff", dependencies: ["SinGANTensor"]),
        .target(name: "SinGANNN", dependencies: ["SinGANAutodiff"]),
        .target(name: "SinGANCheckpoint", dependencies: ["SinGANTensor", "CZlib"]),
        .target(name: "SinGANModel", dependencies: ["SinGANNN", "SinGANCheckpoint"]),

        // Reading models trained by the official code (PyTorch files, without Python), see "Using models trained with the official code" in README.md.
        .target(name: "SinGANTorchImport", dependencies: ["SinGANModel", "CZlib"]),

        // Image I/O and processing: the only importer of CVips.
        .target(name: "SinGANImaging", dependencies: ["SinGANTensor", "CVips"]),

        // Generation from any scale, the plugin protocol, descriptors and the registry type.
        .target(name: "SinGANRuntime", dependencies: [
            "SinGANModel", "SinGANImaging", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Quality measures of a trained model (patch SWD, diversity, reconstruction), see Docs/evaluation.md.
        .target(name: "SinGANEvaluation", dependencies: ["SinGANRuntime"]),

        // Many trainings (`batch`): image lists, per-image layout, status from the models, the Slurm job script.
        .target(name: "SinGANBatch", dependencies: ["SinGANModel", "SinGANCheckpoint"]),

        // Plugins: one library target per application (see Docs/writing-a-plugin.md).
        .target(name: "SamplePlugin", dependencies: ["SinGANRuntime"], path: "Plugins/Sample"),
        .target(name: "Paint2ImagePlugin", dependencies: ["SinGANRuntime"], path: "Plugins/Paint2Image"),
        // edit and harmonize: one generic plugin, MaskedEditPlugin<Editing | Harmonization>.
        .target(name: "MaskedEditPlugin", dependencies: ["SinGANRuntime"], path: "Plugins/MaskedEdit"),
        .target(name: "SuperResolvePlugin", dependencies: ["SinGANRuntime"], path: "Plugins/SuperResolve"),
        .target(name: "AnimatePlugin", dependencies: ["SinGANRuntime"], path: "Plugins/Animate"),
        // A plugin to copy (Docs/writing-a-plugin.md): built and tested, not registered.
        .target(name: "TemplatePlugin", dependencies: ["SinGANRuntime"], path: "Plugins/Template"),

        // The one list of registered plugins, shared by the CLI and the studio.
        .target(name: "PluginCatalog", dependencies: [
            "SinGANRuntime",
            // Every plugin target, also listed once in Sources/PluginCatalog/PluginCatalog.swift.
            "SamplePlugin", "Paint2ImagePlugin", "MaskedEditPlugin", "SuperResolvePlugin", "AnimatePlugin",
        ]),

        // `singan-edit serve`: the web studio (HTTP API, training queue, the page in Page/).
        .target(name: "SinGANStudio", dependencies: [
            "PluginCatalog", "SinGANRuntime", "SinGANCheckpoint", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], resources: [.copy("Page")]),

        .executableTarget(
            name: "singan-edit",
            dependencies: [
                "SinGANModel", "SinGANCheckpoint", "SinGANImaging", "SinGANRuntime", "SinGANEvaluation", "SinGANBatch",
                "SinGANTorchImport", "PluginCatalog", "SinGANStudio",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .executableTarget(name: "singan-bench", dependencies: ["SinGANModel", "SinGANImaging"], path: "Benchmarks/SwiftBench"),

        .testTarget(name: "SinGANTensorTests", dependencies: ["SinGANTensor"]),
        .testTarget(name: "SinGANAutodiffTests", dependencies: ["SinGANAutodiff", "SinGANNN"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SinGANCheckpointTests", dependencies: ["SinGANCheckpoint"]),
        .testTarget(name: "SinGANModelTests", dependencies: ["SinGANModel"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CLITests", dependencies: ["singan-edit", "SinGANImaging", "SinGANCheckpoint", "SinGANTensor", "SinGANEvaluation", "PluginTestKit",
                                                     "SuperResolvePlugin", "AnimatePlugin"]),
        // Tiny models and the plugin conformance kit, for any test target.
        .target(name: "PluginTestKit", dependencies: ["SinGANRuntime"], path: "Tests/PluginTestKit"),
        .testTarget(name: "SinGANRuntimeTests", dependencies: ["SinGANRuntime", "PluginTestKit", "TemplatePlugin"]),
        .testTarget(name: "SinGANEvaluationTests", dependencies: ["SinGANEvaluation", "PluginTestKit"]),
        .testTarget(name: "SinGANBatchTests", dependencies: ["SinGANBatch"]),
        .testTarget(name: "SinGANTorchImportTests", dependencies: ["SinGANTorchImport", "SinGANRuntime", "SinGANImaging", "PluginTestKit",
                                                             "SuperResolvePlugin", "AnimatePlugin", "Paint2ImagePlugin"]),
        .testTarget(name: "SinGANImagingTests", dependencies: ["SinGANImaging"], resources: [.copy("Fixtures")]),
        // The studio against the real `singan-edit serve` on a free loopback port.
        .testTarget(name: "StudioTests", dependencies: ["singan-edit", "PluginCatalog", "PluginTestKit", "SinGANImaging"]),
    ]
)

// `make fuzz` builds a libFuzzer harness for the .sgn reader (needs -sanitize=fuzzer, so it is
// declared only when asked for).
if ProcessInfo.processInfo.environment["SINGAN_FUZZ"] == "1" {
    package.targets.append(.executableTarget(
        name: "sgn-fuzz", dependencies: ["SinGANCheckpoint", "SinGANModel"], path: "Tests/Fuzz/SGNReader",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    package.targets.append(.executableTarget(
        name: "header-fuzz",
        dependencies: ["SinGANCheckpoint", "SinGANModel", "SinGANRuntime", "SinGANTensor", "Paint2ImagePlugin"],
        path: "Tests/Fuzz/HeaderValues", swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    // `make fuzz-torch`: the same for the PyTorch reader of `import`.
    package.targets.append(.executableTarget(
        name: "torch-fuzz", dependencies: ["SinGANTorchImport"], path: "Tests/Fuzz/TorchReader",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
