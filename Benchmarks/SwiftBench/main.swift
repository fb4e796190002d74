import Foundation

// singan-bench: the Swift side of `make bench` (see Benchmarks/README.md).
let arguments = CommandLine.arguments.dropFirst()
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[arguments.index(after: $0)]) } ?? 10
switch arguments.first {
case "conv":
    let result = ConvBenchmark.run(runs: runs)
    let data = try JSONEncoder().encode(result)
    print(String(decoding: data, as: UTF8.self))
default:
    FileHandle.standardError.write(Data("usage: singan-bench conv [--runs N]\n".utf8))
    exit(2)
}
