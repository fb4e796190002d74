import Foundation

/// Decoded `Fixtures/pyramid.json` (official SinGAN pyramid geometry).
struct PyramidFixtures: Decodable {
    struct Case: Decodable {
        let inputHw: [Int]
        let minSize: Int
        let maxSize: Int
        let scaleFactorInit: Double
        let numScales: Int
        let stopScale: Int
        let scale2stop: Int
        let scale1: Double
        let scaleFactor: Double
        let scaledRealHw: [Int]
        let levelScales: [Double]
        let realsHw: [[Int]]
        let srFactor: Double?
        let inference: Inference?
    }
    struct Inference: Decodable {
        let inScale: Double
        let iterNum: Int
        let upscaleStep: Double
        let realsSrHw: [[Int]]
        let finalCropHw: [Int]
    }
    struct CaseList: Decodable { let cases: [Case] }
    struct InferenceParams: Decodable {
        let srFactor: Double
        let iterNum: Int
        let inScale: Double
        let scaleFactor: Double
        let inScalePowIterNum: Double
    }
    struct SuperResolution: Decodable {
        let cases: [Case]
        let inferenceParams: [InferenceParams]
    }

    let `default`: [Case]
    let maxSize128: [Case]
    let animationMinSize20: CaseList
    let sr: SuperResolution
}

/// Decoded `Fixtures/imresize.json` (official SinGAN imresize outputs).
struct ResizeFixtures: Decodable {
    struct Input: Decodable {
        let shape: [Int]
        let uint8Levels: [Int]
        let values: [Double]
    }
    struct Case: Decodable {
        let call: String
        let scale: Double?
        let outputShape: [Int]?
        let shape: [Int]
        let values: [Double]
    }
    struct Sample: Decodable {
        let atNchw: [Int]
        let value: Double
    }
    struct ChecksumCase: Decodable {
        let inputShape: [Int]
        let inputSum: Double
        let outputShape: [Int]
        let outputSum: Double
        let outputSumOfSquares: Double
        let samples: [Sample]
    }

    let input: Input
    let cases: [Case]
    let checksumCase: ChecksumCase
}

/// Loads the JSON fixtures bundled with the test target.
enum Fixture {
    static func decode<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/\(name).json"])
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: Data(contentsOf: url))
    }

    static func pyramid() throws -> PyramidFixtures { try decode(PyramidFixtures.self, from: "pyramid") }
    static func resize() throws -> ResizeFixtures { try decode(ResizeFixtures.self, from: "imresize") }
}

/// `|actual - expected| <= tolerance · |expected|` (or absolute when `expected` is 0).
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * Swift.max(abs(expected), Double.leastNormalMagnitude)
}
