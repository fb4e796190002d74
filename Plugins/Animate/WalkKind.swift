import ArgumentParser

/// `--walk`: which random walk the animation's noise takes.
public enum WalkKind: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The official walk bent to end where it started, so the loop has no jump (the default).
    case loop
    /// The official `generate_gif` walk as it is: it wanders off, so the file jumps when it restarts.
    case official
}
