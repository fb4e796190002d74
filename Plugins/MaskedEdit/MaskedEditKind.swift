import SinGANImaging

/// What tells `edit` and `harmonize` apart: both inject a changed picture at a scale and blend
/// the result back through a dilated, blurred mask; they differ in the disk radius and the words.
public protocol MaskedEditKind: Sendable {
    /// The subcommand.
    static var nickname: String { get }
    /// One line for `list`.
    static var summary: String { get }
    /// What the official script does, for `help`.
    static var discussion: String { get }
    /// The mask dilation (disk radius) of the official script.
    static var purpose: MaskDilation.Purpose { get }
}

/// `singan-edit edit` (the official `editing.py`).
public enum Editing: MaskedEditKind {
    public static let nickname = "edit"
    public static let summary = "Regenerate an edited region so it fits the picture."
    public static let discussion = """
        The official editing.py: the edited picture (resized to the model's training size if \
        needed) enters at --start-scale as if generated there (down one scale and back up), and \
        the model generates from that scale on with fresh noise. The mask, white over the edited \
        region, is dilated with a disk of radius 20 and blurred (Gaussian, σ 5) into m, and the \
        output is (1 − m)·input + m·generated: pixels far enough from the mask keep their values. \
        Radius and σ are the official ones for a 250-px model and shrink with a smaller model \
        (--mask-dilate, --mask-blur set them).
        """
    public static let purpose = MaskDilation.Purpose.editing
}

/// `singan-edit harmonize` (the official `harmonization.py`).
public enum Harmonization: MaskedEditKind {
    public static let nickname = "harmonize"
    public static let summary = "Blend a pasted object into the picture's look."
    public static let discussion = """
        The official harmonization.py: the picture with the pasted object (resized to the \
        model's training size if needed) enters at --start-scale as if generated there (down one \
        scale and back up), and the model generates from that scale on with fresh noise. The \
        mask, white over the pasted object, is dilated with a disk of radius 7 and blurred \
        (Gaussian, σ 5) into m, and the output is (1 − m)·input + m·generated: pixels far enough \
        from the object keep their values. Radius and σ are the official ones for a 250-px model \
        and shrink with a smaller model (--mask-dilate, --mask-blur set them).
        """
    public static let purpose = MaskDilation.Purpose.harmonization
}
