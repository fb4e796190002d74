/// Facts about an animated (or still) image file: frame count, frame size, delays and looping.
public struct AnimationInfo: Sendable, Equatable {
    /// Number of frames (1 for a still image).
    public let frameCount: Int
    /// Width of one frame in pixels.
    public let frameWidth: Int
    /// Height of one frame in pixels.
    public let frameHeight: Int
    /// Display time of each frame in milliseconds, as libvips reports it (GIF centiseconds × 10);
    /// empty when the file stores none.
    public let delaysMilliseconds: [Int]
    /// How many times the animation plays; 0 means forever; nil when the file does not say.
    public let loopCount: Int?

    /// Creates the facts directly (e.g. for comparisons in tests).
    public init(frameCount: Int, frameWidth: Int, frameHeight: Int, delaysMilliseconds: [Int],
                loopCount: Int?) {
        self.frameCount = frameCount
        self.frameWidth = frameWidth
        self.frameHeight = frameHeight
        self.delaysMilliseconds = delaysMilliseconds
        self.loopCount = loopCount
    }

    /// Reads the header of every frame of `path` (GIF, WebP, multi-page TIFF, or any still image).
    public static func read(_ path: String) throws(ImagingError) -> AnimationInfo {
        try InputFileCheck.requireReadableFile(path)
        do {
            let image = try VipsImage.open(path: path, allPages: true)
            let pageHeight = max(1, image.pageHeight)
            return AnimationInfo(frameCount: image.height / pageHeight, frameWidth: image.width,
                                 frameHeight: pageHeight,
                                 delaysMilliseconds: image.intArrayMetadata("delay") ?? [],
                                 loopCount: image.intMetadata("loop"))
        } catch .libvipsFailed(_, let reason) {
            throw .notAnImage(path: path, reason: reason)
        }
    }
}
