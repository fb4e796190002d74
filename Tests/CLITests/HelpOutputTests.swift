import Foundation
import Testing

/// The exact text of `singan-edit --help`, `list` and `sample --help` (80 columns), and routing
/// of unknown command names.
@Suite struct HelpOutputTests {
    func run(_ arguments: [String]) throws -> CommandRunner.Output {
        try CommandRunner.run(arguments, environment: ["COLUMNS": "80"])
    }

    @Test func rootHelp() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout == Self.rootHelp)
    }

    @Test func list() throws {
        let result = try run(["list"])
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(result.stdout == Self.list)
    }

    @Test func sampleHelp() throws {
        let help = try run(["sample", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout == Self.sampleHelp)
        #expect(try run(["help", "sample"]).stdout == Self.sampleHelp)
    }

    @Test func unknownNamesSayWhichExist() throws {
        let expected = "error: unknown command 'paint'; the commands are train, import, batch, info, evaluate, list, serve, sample, "
            + "paint2img, edit, harmonize, super-resolve, animate (see 'singan-edit list' for the plugins)\n"
        for arguments in [["paint", "--model", "m.sgn"], ["help", "paint"]] {
            let result = try run(arguments)
            #expect(result.status == 1 && result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr == expected, "\(arguments)")
        }
    }

    static let rootHelp = """
        OVERVIEW: Learn a generative model from one image and edit with it (SinGAN).

        Train a pyramid of small GANs on one photo, then sample, paint, edit,
        harmonize, super-resolve or animate with it. Models are stored as .sgn files.

        USAGE: singan-edit <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          train                   Train a SinGAN pyramid (or a ConSinGAN model) on one
                                  image and save it as a .sgn model.
          import                  Convert a model trained with the official SinGAN code
                                  into a .sgn model.
          batch                   Train and evaluate a model per image: here, or as a
                                  Slurm job array.
          info                    Describe a .sgn model: format, creator, scales,
                                  training settings and time.
          evaluate                Measure a model: patch distance, diversity and
                                  reconstruction error.
          list                    List the plugins (editing commands) with a one-line
                                  summary each.
          serve                   Start the studio: a local web page and JSON API for
                                  training and editing.
          sample                  Random samples at the training size or any other size.
          paint2img               Turn a clipart into a picture in the model's style.
          edit                    Regenerate an edited region so it fits the picture.
          harmonize               Blend a pasted object into the picture's look.
          super-resolve           Enlarge the training image with the model's finest
                                  generator.
          animate                 Looping GIF or WebP from a random walk in noise space.

          See 'singan-edit help <subcommand>' for detailed help.

        """

    static let list = """
        sample         Random samples at the training size or any other size.
        paint2img      Turn a clipart into a picture in the model's style.
        edit           Regenerate an edited region so it fits the picture.
        harmonize      Blend a pasted object into the picture's look.
        super-resolve  Enlarge the training image with the model's finest generator.
        animate        Looping GIF or WebP from a random walk in noise space.

        """

    static let sampleHelp = """
        OVERVIEW: Random samples at the training size or any other size.

        New images with the patch statistics of the training image, as the official
        random_samples.py: fresh noise from --start-scale on and the fixed
        reconstruction noise z* below it, so a higher start scale keeps more of the
        training image's layout. --size, --scale-h and --scale-v scale the noise maps
        at every scale, so the result is a new image of that size, not a resized one (a
        start scale above 0 needs the training size).

        Examples:
          singan-edit sample --model m.sgn --count 3 -o out/samples
          singan-edit sample --model m.sgn --scale-h 1.5 --count 2 -o out/wide.jpg
          singan-edit sample --model m.sgn --size 64x40 --count 2 -o out/sized
          singan-edit sample --model m.sgn --start-scale 1 --count 2 -o out/layout
          singan-edit sample --model m.sgn --count 4 --sheet out/sheet.png -o out
          singan-edit sample --model m.sgn --reconstruct --count 1 -o out/r.webp
          singan-edit sample --model m.sgn --start-scale all -o out/scales.png

        USAGE: singan-edit sample --model <model.sgn> [--seed <seed>] [--force] [--threads <n>] [--count <count>] [--start-scale <start-scale>] [--size <WxH>] [--scale-h <scale-h>] [--scale-v <scale-v>] --output <dir|name.ext> [--sheet <sheet.png>] [--reconstruct]

        OPTIONS:
          --model <model.sgn>     The trained model (.sgn).
          --seed <seed>           Random seed: the same model, options and seed give
                                  byte-identical images. (default: 1)
          --force                 Overwrite existing output files (without it, a run
                                  whose outputs exist writes nothing).
          --threads <n>           Threads for the computation (1–64; default: one per
                                  processor core).
          --count <count>         Number of samples; default: 50 into a directory, 1
                                  for a file name such as s.png (1–10000).
          --start-scale <start-scale>
                                  First scale with fresh noise: 0 makes new layouts;
                                  higher ones reuse z* below it, keeping the training
                                  image's layout and varying only finer detail; 'all'
                                  writes a sheet of one sample per scale (0 to the
                                  model's finest scale; 0 is the coarsest). (default: 0)
          --size <WxH>            Exact output size, instead of --scale-h/--scale-v
                                  (0.25–4 times the training size per side).
          --scale-h <scale-h>     Width relative to the training image (0.25–4.0).
                                  (default: 1.0)
          --scale-v <scale-v>     Height relative to the training image (0.25–4.0).
                                  (default: 1.0)
          -o, --output <dir|name.ext>
                                  A directory (numbered files, zero-padded: 00.png …
                                  49.png for 50) or a file name such as out/s.jpg
                                  (writes s.jpg; s-0.jpg, s-1.jpg, … with --count).
          --sheet <sheet.png>     Also write all samples as one contact sheet.
          --reconstruct           Also write G(z*), the reconstruction at the training
                                  size, and print its RMSE.
          --version               Show the version.
          -h, --help              Show help information.


        """
}
