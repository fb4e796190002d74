/// The only classes and functions a pickle may name (`GLOBAL`): what official SinGAN model files
/// contain. Anything else — `os.system`, `builtins.eval`, any other class — is refused before it
/// could be used.
public enum TorchGlobal: String, CaseIterable, Sendable {
    case generator = "SinGAN.models GeneratorConcatSkip2CleanAdd"
    case convBlock = "SinGAN.models ConvBlock"
    case sequential = "torch.nn.modules.container Sequential"
    case conv2d = "torch.nn.modules.conv Conv2d"
    case batchNorm2d = "torch.nn.modules.batchnorm BatchNorm2d"
    case leakyReLU = "torch.nn.modules.activation LeakyReLU"
    case tanh = "torch.nn.modules.activation Tanh"
    case orderedDict = "collections OrderedDict"
    case set = "builtins set"
    case rebuildTensor = "torch._utils _rebuild_tensor_v2"
    case rebuildParameter = "torch._utils _rebuild_parameter"
    case floatStorage = "torch FloatStorage"
    case doubleStorage = "torch DoubleStorage"
    case longStorage = "torch LongStorage"
    case intStorage = "torch IntStorage"

    /// The global `module name`, mapping Python 2's `__builtin__` (protocol 2 writes it) to `builtins`.
    init?(module: String, name: String) {
        let module = module == "__builtin__" ? "builtins" : module
        self.init(rawValue: module + " " + name)
    }

    /// Whether it is a torch.nn module class (built with NEWOBJ, filled with BUILD).
    var isModuleClass: Bool {
        switch self {
        case .generator, .convBlock, .sequential, .conv2d, .batchNorm2d, .leakyReLU, .tanh: true
        default: false
        }
    }

    /// The storage element type it names, if it is a storage class.
    var storageType: StorageType? { StorageType(rawValue: rawValue) }
}
