import SinGANTorchImport

/// libFuzzer entry point for the PyTorch reader (zip and legacy formats, the pickle interpreter):
/// every input must either read or fail with a `TorchImportError`; a crash, hang, leak or
/// out-of-bounds access is a bug (AddressSanitizer watches memory). Every tensor that reads is
/// also expanded, so its storage bounds are exercised. Built only by `make fuzz-torch`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let file = try? TorchFile(bytes: bytes) else { return 0 }
    var pending = [file.root], visited = 0, expanded = 0
    while let value = pending.popLast(), visited < 100_000 {
        visited += 1
        switch value {
        case .tensor(let tensor):
            // Each tensor is bounded by its storage (so by the file), but many may view one storage.
            expanded += tensor.shape.reduce(1, *)
            if expanded < 1 << 26 { _ = tensor.scalars() }
        case .list(let list): pending += list.items
        case .tuple(let items): pending += items
        case .dict(let dict): pending += dict.entries.map(\.value)
        case .object(let object): if let state = object.state { pending += state.entries.map(\.value) }
        default: break
        }
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables through `<target>_main`; hand control to libFuzzer's driver.
@_cdecl("torch_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { fuzzOneInput($0, $1) }
}
