package dev.unlearn4j.cli;

import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.model.encoder.Checkpoint;
import dev.unlearn4j.model.encoder.EncoderBundle;
import dev.unlearn4j.model.encoder.OnnxExport;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unlearn export CHECKPOINT --out FILE.onnx [--onnx ORIGINAL]}. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a checkpoint's encoder weights into a copy of its original ONNX graph.")
public final class ExportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "CHECKPOINT", description = "checkpoint directory")
  Path checkpoint;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the new ONNX file")
  Path out;

  @Option(names = "--onnx", paramLabel = "FILE",
      description = "the original ONNX file (default: the one recorded in the checkpoint)")
  Path original;

  @Option(names = "--force", description = "replace an existing --out file (never the checkpoint's own files, the "
      + "original ONNX file or a file in the unlearn4j cache)")
  boolean force;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    requireWritable(out);
    EncoderBundle b = Checkpoint.read(checkpoint);
    if (b.origin() == null) {
      throw new UnlearnException(checkpoint + ": the checkpoint records no ONNX origin");
    }
    OnnxExport.write(b.weights(), b.origin(), original != null ? original : b.origin().file(), out);
    spec.commandLine().getOut().println("exported " + checkpoint + " to " + out);
    return 0;
  }

  /** An existing target only with --force, and never one that later runs read as an input. */
  private void requireWritable(Path target) {
    Path abs = target.toAbsolutePath().normalize();
    if (abs.startsWith(checkpoint.toAbsolutePath().normalize())) {
      throw new UnlearnException(target + ": refusing to write into the checkpoint " + checkpoint);
    }
    if (abs.startsWith(EmbeddedModels.cacheDir().toAbsolutePath().normalize())) {
      throw new UnlearnException(target + ": refusing to write into the unlearn4j cache "
          + EmbeddedModels.cacheDir() + " (later runs read its files)");
    }
    if (Files.exists(target) && !force) {
      throw new UnlearnException(target + ": exists; choose another --out or add --force to replace it");
    }
  }
}
