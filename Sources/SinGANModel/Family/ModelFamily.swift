/// The network layouts a `.sgn` model can have. Each family has its own trainer, archive layout
/// and sampler; the runtime and the applications see every family through `GenerativeModel`.
public enum ModelFamily: String, Sendable, Codable, CaseIterable {
    /// SinGAN (Shaham, Dekel, Michaeli, ICCV 2019): one generator and critic per scale, trained
    /// coarse to fine, images passed between scales.
    case singan
    /// ConSinGAN (Hinz, Fisher, Wang, Wermter, WACV 2021): one growing generator whose last stages
    /// train concurrently, features passed between stages.
    case consingan

    /// The name users read ("SinGAN", "ConSinGAN").
    public var displayName: String {
        switch self {
        case .singan: "SinGAN"
        case .consingan: "ConSinGAN"
        }
    }
}
