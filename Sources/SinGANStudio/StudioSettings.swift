import Foundation

/// How `singan-edit serve` was asked to run.
public struct StudioSettings: Sendable {
    /// The folder of `.sgn` models (created when missing); the studio keeps its jobs and results
    /// in `.studio/` inside it.
    public var modelsFolder: URL
    /// The address to listen on; 127.0.0.1 unless the user chose another.
    public var host: String
    /// The port; 0 picks a free one (the address is printed when the server is ready).
    public var port: Int
    /// The secret every API call must carry (`Authorization: Bearer …` or `?token=`); nil on loopback
    /// unless given.
    public var token: String?
    /// The largest upload in bytes.
    public var uploadLimit: Int
    /// The `singan-edit` binary that trains and runs the plugins, each in its own process.
    public var executable: URL
    /// Generation requests that may wait for their turn before new ones are refused.
    public var queueLimit: Int
    /// Seconds a generation request may take, waiting included, before it is cancelled.
    public var generationTimeout: Double

    public init(modelsFolder: URL, host: String, port: Int, token: String?, uploadLimit: Int, executable: URL,
                queueLimit: Int = 32, generationTimeout: Double = 600) {
        self.modelsFolder = modelsFolder
        self.host = host
        self.port = port
        self.token = token
        self.uploadLimit = uploadLimit
        self.executable = executable
        self.queueLimit = queueLimit
        self.generationTimeout = generationTimeout
    }

    /// True for 127.0.0.1, ::1 and localhost: only this machine can connect.
    public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) }

    /// A fresh random token (32 hex digits).
    public static func generatedToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }.joined()
    }
}
