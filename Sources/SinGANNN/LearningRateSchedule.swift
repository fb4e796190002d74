/// PyTorch's `MultiStepLR`: the rate is multiplied by `gamma` at each milestone epoch.
public struct MultiStepSchedule: Sendable, Equatable {
    public let baseRate: Float
    public let milestones: [Int]
    public let gamma: Float

    public init(baseRate: Float, milestones: [Int], gamma: Float) {
        self.baseRate = baseRate
        self.milestones = milestones.sorted()
        self.gamma = gamma
    }

    /// The rate used during `epoch` (0-based; the scheduler steps after each epoch).
    public func rate(atEpoch epoch: Int) -> Float {
        var rate = baseRate
        for milestone in milestones where epoch >= milestone { rate *= gamma }
        return rate
    }
}
