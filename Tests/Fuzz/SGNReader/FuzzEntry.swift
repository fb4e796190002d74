import SinGANCheckpoint
import SinGANModel

/// libFuzzer entry point: every input must either read as a model or fail with a typed error;
/// a crash, hang, leak or out-of-bounds access is a bug (AddressSanitizer watches memory).
/// Built only by `make fuzz` (see Makefile), which sets SINGAN_FUZZ=1 for Package.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let archive = try CheckpointReader.read(bytes: bytes)
        _ = try? PyramidArchive.pyramid(from: archive)
        _ = try CheckpointReader.readHeader(bytes: bytes)
    } catch is CheckpointError {
    } catch {
        fatalError("untyped error: \(error)")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables through `<target>_main`; hand control to libFuzzer's driver.
@_cdecl("sgn_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { fuzzOneInput($0, $1) }
}
