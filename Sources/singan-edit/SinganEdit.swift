import ArgumentParser

/// The `singan-edit` command tree.
@main
struct SinganEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "singan-edit",
        abstract: "Learn a generative model from one image and edit with it (SinGAN).",
        discussion: """
            Train a pyramid of small GANs on one photo, then sample, paint, edit, harmonize, \
            super-resolve or animate with it. Models are stored as .sgn files.
            """,
        version: CreatorVersion.string,
        subcommands: RegisteredPlugins.builtInCommands + RegisteredPlugins.commands)
}

/// The version written into every checkpoint this build creates.
enum CreatorVersion {
    static let string = "0.1.0"
}
