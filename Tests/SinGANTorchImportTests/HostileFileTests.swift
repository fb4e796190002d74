import Foundation
@testable import SinGANTorchImport
import Testing

/// The PyTorch reader refuses everything an official model file does not contain, and damaged
/// files, with an error instead of a crash or a huge allocation.
struct HostileFileTests {
    /// A legacy-format file around `main` (the pickle of the saved object) and `tail` (storage keys and data).
    static func legacyFile(_ main: [UInt8], tail: [UInt8] = [0x80, 0x02, 0x5D, 0x2E]) -> [UInt8] {
        let magic: [UInt8] = [0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19, 0x2E]
        let protocolVersion: [UInt8] = [0x80, 0x02, 0x4D, 0xE9, 0x03, 0x2E]
        let info: [UInt8] = [0x80, 0x02, 0x7D, 0x2E]
        return magic + protocolVersion + info + main + tail
    }

    static func pickle(_ text: String) -> [UInt8] { [0x80, 0x02] + Array(text.utf8) + [0x2E] }

    func refusal(_ bytes: [UInt8]) -> TorchImportError? {
        do { _ = try TorchFile(bytes: bytes); return nil } catch { return error }
    }

    @Test func aPickleThatAsksForAnyOtherGlobalIsRefused() {
        // cos\nsystem\n(X...tR: the classic code-execution pickle.
        let attack = Self.pickle("cos\nsystem\n(X\u{02}\0\0\0lstR")
        #expect(refusal(Self.legacyFile(attack)) == .refused("the pickle asks for os.system"))
        let eval = Self.pickle("cbuiltins\neval\n(X\u{01}\0\0\0xtR")
        #expect(refusal(Self.legacyFile(eval)) == .refused("the pickle asks for builtins.eval"))
    }

    @Test func reduceOfAnAllowedClassThatIsNoConstructorIsRefused() {
        let reduce = Self.pickle("ctorch.nn.modules.conv\nConv2d\n)R")
        #expect(refusal(Self.legacyFile(reduce)) == .refused("the pickle calls torch.nn.modules.conv Conv2d"))
        let storage = Self.pickle("ctorch\nFloatStorage\n)R")
        #expect(refusal(Self.legacyFile(storage)) == .refused("the pickle calls torch FloatStorage"))
    }

    @Test func unknownOpcodesAreRefused() {
        // 'S' (STRING, protocol 0) is not among the opcodes these files use.
        #expect(refusal(Self.legacyFile(Self.pickle("S'x'\n"))) == .refused("pickle opcode 0x53"))
    }

    @Test func referenceCyclesAreRefused() {
        // A list appended to itself; a dict stored in a list, then given the list (found by the fuzzer).
        #expect(refusal(Self.legacyFile(Self.pickle("]q\0h\0a"))) == .refused("the pickle changes a list after using it"))
        let dict = Self.pickle("]q\0}q\u{01}ah\u{01}X\u{01}\0\0\0kh\0s")
        #expect(refusal(Self.legacyFile(dict)) == .refused("the pickle changes a dict after using it"))
    }

    @Test func deepNestingIsRefused() {
        // Freeing a value recurses through its nesting: 100 000 nested tuples would overflow the stack
        // (found by make fuzz-torch). Official files nest about 12 deep; more than 64 is refused.
        let tuples: [UInt8] = [0x80, 0x02, 0x29] + [UInt8](repeating: 0x85, count: 100) + [0x2E]  // (), then TUPLE1 × 100
        #expect(refusal(Self.legacyFile(tuples)) == .refused("values nested more than 64 deep"))
        let lists = Self.pickle(String(repeating: "]", count: 100) + String(repeating: "a", count: 99))
        #expect(refusal(Self.legacyFile(lists)) == .refused("values nested more than 64 deep"))
        let shallow: [UInt8] = [0x80, 0x02, 0x29] + [UInt8](repeating: 0x85, count: 60) + [0x2E]
        #expect(refusal(Self.legacyFile(shallow)) != .refused("values nested more than 64 deep"))
    }

    @Test func aStorageLargerThanTheFileIsRefusedBeforeAllocating() {
        // ('storage', FloatStorage, '0', 'cpu', 2**31 - 1, None) as a persistent id.
        let id = "(X\u{07}\0\0\0storagectorch\nFloatStorage\nX\u{01}\0\0\00X\u{03}\0\0\0cpuJ\u{FF}\u{FF}\u{FF}\u{7F}NtQ"
        let bytes = Self.legacyFile(Array([0x80, 0x02] as [UInt8]) + Array(id.unicodeScalars.map { UInt8($0.value & 0xFF) }) + [0x2E])
        #expect(refusal(bytes) == .corrupt("storage 0 claims 2147483647 elements, more than the file holds"))
    }

    @Test func aTensorReachingOutsideItsStorageIsRefused() {
        // A 4-element storage viewed as 2×2 with a row stride of 3: element 4 is past its end.
        let id = "(X\u{07}\0\0\0storagectorch\nFloatStorage\nX\u{01}\0\0\00X\u{03}\0\0\0cpuK\u{04}NtQ"
        let tensor = "ctorch._utils\n_rebuild_tensor_v2\n(" + id + "K\0K\u{02}K\u{02}\u{86}K\u{03}K\u{01}\u{86}\u{89}N" + "tR"
        let main = [0x80, 0x02] + Array(tensor.unicodeScalars.map { UInt8($0.value & 0xFF) }) + [0x2E]
        let tail: [UInt8] = [0x80, 0x02, 0x5D, 0x58, 1, 0, 0, 0, 0x30, 0x61, 0x2E] + [4, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 16)
        #expect(refusal(Self.legacyFile(main, tail: tail)) == .corrupt("a tensor reaches outside its storage"))
    }

    @Test func everyTruncationOfARealFileIsAnError() throws {
        for format in ["zip", "legacy"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: OfficialFixtures.tinyModel(format) + "/NoiseAmp.pth")))
            _ = try TorchFile(bytes: bytes)
            for length in stride(from: 0, to: bytes.count, by: 7) {
                #expect(refusal(Array(bytes.prefix(length))) != nil, "\(format) cut at \(length)")
            }
        }
    }

    @Test func aFlippedByteInAStorageFailsTheZipChecksum() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: OfficialFixtures.tinyModel("zip") + "/reals.pth")))
        let zip = try ZipDirectory(bytes)
        let entry = zip.entries.values.first { $0.name.hasSuffix("data/0") }!
        bytes[entry.dataRange.lowerBound + 3] ^= 0x40
        #expect(refusal(bytes) == .corrupt("\(entry.name) does not match its checksum"))
    }

    @Test func otherFilesAreNotTakenForModels() {
        #expect(refusal(Array("hello".utf8)) == .notATorchFile("it starts neither like PyTorch's zip format nor like its legacy format"))
        #expect(refusal([]) != nil)
    }
}
