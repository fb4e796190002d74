import Foundation
import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor

/// `train --preview DIR`: after every finished scale (stage), a sheet of the training image at
/// that scale followed by `sampleCount` random samples of the model so far, as
/// `DIR/scale-NN.png` (NN counted from 1), so the user sees the model grow. The samples use their
/// own seed, so a preview never changes the training.
final class TrainingPreview: ScaleFinishedObserver {
    let inner: TrainingObserver
    private let folder: String
    /// Samples per sheet.
    static let sampleCount = 7

    /// Writes previews into `folder` (created if missing) and passes every event on to `inner`.
    init(_ inner: TrainingObserver, folder: String) throws {
        self.inner = inner
        self.folder = folder
        try OutputFolder.create(for: Self.path(in: folder, index: 0))
    }

    /// The sheet written after scale `index` (0-based).
    static func path(in folder: String, index: Int) -> String {
        (folder as NSString).appendingPathComponent(String(format: "scale-%02d.png", index + 1))
    }

    func afterScale(index: Int, model: any GenerativeModel) {
        var random = RandomSource(seed: UInt64(index + 1))
        let samples = (0..<Self.sampleCount).map { _ in model.previewSample(random: &random) }
        let sheet = ([model.trainingImage(at: index)] + samples).map(PixelRange.display(fromModel:))
        do {
            try ContactSheet.save(sheet, columns: 4, to: Self.path(in: folder, index: index), spacing: 2)
        } catch {
            FileHandle.standardError.write(Data("warning: could not write the preview of scale \(index + 1): \(error)\n".utf8))
        }
    }
}
