import Foundation
import Hummingbird
import Logging
import NIOCore
import PluginCatalog
import ServiceLifecycle
import SinGANRuntime

/// `singan-edit serve`: the web server, its training queue and its plugin runner.
public enum Studio {
    /// Serves until SIGINT or SIGTERM; then interrupts the running training (it saves a snapshot
    /// and continues when the studio starts again) and returns. Prints `studio: URL` on stdout once
    /// it listens. `checkTraining` checks a `train` command line as the CLI does (nil when valid).
    public static func run(_ settings: StudioSettings, checkTraining: @escaping @Sendable ([String]) -> String?) async throws {
        let store = try ModelStore(folder: settings.modelsFolder, executable: settings.executable)
        let queue = TrainingQueue(store: store, executable: settings.executable, check: checkTraining)
        let results = ResultStore(folder: store.studioFolder.appendingPathComponent("results", isDirectory: true))
        let runner = PluginRunner(store: store, results: results, gate: GenerationGate(limit: settings.queueLimit),
                                  executable: settings.executable, timeout: settings.generationTimeout)
        let forms = PluginCatalog.all.map { form(of: $0) }
        let port = BoundPort(settings.port)

        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(RequestGuard(settings: settings, port: { port.value }))
        StudioRoutes(settings: settings, store: store, queue: queue, results: results, runner: runner, forms: forms)
            .register(on: router)
        JobRoutes(queue: queue).register(on: router)
        PageAssets.register(on: router)

        var logger = Logger(label: "singan-edit.studio")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "singan-edit"),
            onServerRunning: { channel in
                port.value = channel.localAddress?.port ?? settings.port
                let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
                var lines = ["studio: http://\(host):\(port.value)/", "models: \(settings.modelsFolder.path)"]
                if let token = settings.token {
                    lines.append("token: \(token) (open http://\(host):\(port.value)/?token=\(token); scripts send 'Authorization: Bearer TOKEN')")
                }
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            },
            logger: logger)
        // Shut down in reverse order: the training first (its snapshot is saved), then the server.
        let group = ServiceGroup(configuration: .init(services: [app, TrainingService(queue: queue)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw StudioError(.serviceUnavailable, "port \(settings.port) of \(settings.host) is in use; choose another --port (0 picks a free one)")
        }
    }

    private static func form<Plugin: EditPlugin>(of plugin: Plugin.Type) -> PluginForm { PluginForm(plugin) }
}

/// Runs the training queue as long as the server runs; on SIGINT/SIGTERM it interrupts the
/// running training and waits until it is saved.
struct TrainingService: Service {
    let queue: TrainingQueue

    func run() async throws {
        await queue.start()
        try? await gracefulShutdown()
        await queue.stop()
    }
}

/// The port the server really listens on, set once it runs.
final class BoundPort: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int
    init(_ port: Int) { self.port = port }
    var value: Int {
        get { lock.withLock { port } }
        set { lock.withLock { port = newValue } }
    }
}
