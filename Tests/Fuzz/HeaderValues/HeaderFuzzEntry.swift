import SinGANCheckpoint
import SinGANModel
import SinGANRuntime
import SinGANTensor
@testable import Paint2ImagePlugin

/// Structure-aware libFuzzer target for the model header: every input is a list of edits to the
/// header of a valid model (one trained scale and a mid-scale snapshot of the next), written as a
/// valid container with correct CRCs. Each edited model must either be refused with a typed error
/// or survive what the commands do with it: `info`'s facts, a generated sample, the first
/// iteration of a resumed training and of a `paint2img --quantize` retraining. A trap (such as a
/// range with lowerBound > upperBound) is a bug. Built only by `make fuzz`.
enum HeaderFuzz {
    /// The unedited model, trained once per process.
    static let base: CheckpointArchive = {
        var config = TrainingConfig()
        config.maxSize = 42
        config.minSize = 25
        config.iterations = 2
        config.seed = 5
        let trainer = Trainer()
        let pyramid = try! trainer.prepare(image: picture(ImageSize(height: 34, width: 42)), config: config, profile: .standard)
        let stop = StopObserver(scale: 1)
        _ = try! trainer.train(pyramid, image: picture(pyramid.geometry.imageSize), observer: stop)
        return try! PyramidArchive.archive(pyramid, creator: "fuzz", inProgress: stop.snapshot)
    }()

    /// Every leaf of the "model" header member, as a path of keys and indices.
    static let leaves: [[PathStep]] = {
        var found: [[PathStep]] = []
        func walk(_ value: JSONValue, _ path: [PathStep]) {
            if let object = value.objectValue {
                for key in object.keys.sorted() { walk(object[key]!, path + [.key(key)]) }
            } else if let array = value.arrayValue {
                for i in array.indices { walk(array[i], path + [.index(i)]) }
                found.append(path)
            } else {
                found.append(path)
            }
        }
        walk(base.header["model"]!, [])
        return found
    }()

    enum PathStep { case key(String), index(Int) }

    static func setting(_ json: JSONValue, at path: ArraySlice<PathStep>, to value: JSONValue) -> JSONValue {
        guard let step = path.first else { return value }
        switch (step, json) {
        case (.key(let key), .object(var object)):
            object[key] = setting(object[key] ?? .null, at: path.dropFirst(), to: value)
            return .object(object)
        case (.index(let i), .array(var array)) where array.indices.contains(i):
            array[i] = setting(array[i], at: path.dropFirst(), to: value)
            return .array(array)
        default:
            return value
        }
    }

    /// One run: decode the edits, write and read the container, use the model.
    static func run(_ bytes: [UInt8]) {
        var input = ByteStream(bytes)
        var model = base.header["model"]!
        for _ in 0...(input.byte() % 4) {
            let path = leaves[Int(input.byte()) % leaves.count]
            model = setting(model, at: path[...], to: input.value())
        }
        var archive = base
        archive.header["model"] = model
        let pyramid: TrainedPyramid
        do {
            pyramid = try PyramidArchive.pyramid(from: try CheckpointReader.read(bytes: try CheckpointWriter.encode(archive)))
        } catch is CheckpointError {
            return
        } catch is ModelFileError {
            return
        } catch {
            fatalError("untyped error: \(error)")
        }
        use(pyramid)
    }

    /// What the commands do with an accepted model, each on the smallest scale of work.
    static func use(_ pyramid: TrainedPyramid) {
        // info
        let c = pyramid.config
        _ = pyramid.geometry.levelSizes.indices.map { c.width(atScale: $0) }
        _ = pyramid.trainingSeconds
        // sample
        if !pyramid.scales.isEmpty, let runtime = try? Runtime(model: pyramid, modelPath: "fuzz.sgn", seed: 1) {
            _ = try? runtime.generate(GenerationRequest(noise: .fresh(from: 0)))
            // paint2img --quantize: one retraining iteration of the finest trained scale
            let scale = pyramid.scales.count - 1
            _ = PaintQuantization(runtime: runtime, scale: scale).retrainScale(of: pyramid, iterations: 1)
        }
        // train --resume: the first iteration
        let size = pyramid.geometry.imageSize
        guard !pyramid.isComplete, size.width * size.height <= 1 << 16 else { return }
        _ = try? Trainer().train(pyramid, image: picture(size), observer: StopObserver(scale: pyramid.scales.count))
    }

    /// A structured test picture.
    static func picture(_ size: ImageSize) -> Tensor {
        var t = Tensor.zeros([1, 3, size.height, size.width])
        for c in 0..<3 { for y in 0..<size.height { for x in 0..<size.width {
            t[0, c, y, x] = Float((x / 3 + y / 5 + c) % 2) * 0.8 - 0.4
        } } }
        return t
    }
}

/// Stops training after the first iteration of `scale`, keeping its snapshot.
final class StopObserver: TrainingObserver {
    let scale: Int
    var snapshot: ScaleSnapshot?
    init(scale: Int) { self.scale = scale }
    func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int) {}
    func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses,
                           snapshot: () -> any TrainingSnapshot) -> Bool {
        guard scale == self.scale else { return true }
        self.snapshot = snapshot() as? ScaleSnapshot
        return false
    }
    func scaleFinished(index: Int, model: any GenerativeModel, seconds: Double) throws {}
}

/// The fuzzer's bytes read as small integers and JSON values (zeros once exhausted).
struct ByteStream {
    private let bytes: [UInt8]
    private var position = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    mutating func word() -> UInt64 { (0..<8).reduce(0) { word, _ in word << 8 | UInt64(byte()) } }

    /// A value of a kind chosen by the next byte: numbers near the edges of every range, any
    /// 64-bit integer or double, strings, null, booleans, empty containers.
    mutating func value() -> JSONValue {
        switch byte() % 10 {
        case 0: return .int(Int64(Int8(bitPattern: byte())))
        case 1: return .int(Int64(bitPattern: word()))
        case 2: return .double(Double(bitPattern: word()))
        case 3: return .double(Double(Int8(bitPattern: byte())) / 16)
        case 4: return .int([0, 1, -1, Int64.max, Int64.min, 1 << 31, 1 << 40][Int(byte()) % 7])
        case 5: return .string(String(word(), radix: 16))
        case 6: return .null
        case 7: return .bool(byte() & 1 == 1)
        case 8: return .array([])
        default: return .object([:])
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func headerFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    HeaderFuzz.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables through `<target>_main`; hand control to libFuzzer's driver.
@_cdecl("header_fuzz_main")
public func headerFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { headerFuzzOneInput($0, $1) }
}
