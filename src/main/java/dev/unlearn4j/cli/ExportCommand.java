package dev.unlearn4j.cli;

import dev.unlearn4j.model.encoder.EncoderCheckpoint;
import dev.unlearn4j.model.encoder.EncoderBundle;
import dev.unlearn4j.model.encoder.HfEncoderExport;
import dev.unlearn4j.model.encoder.OnnxExport;
import dev.unlearn4j.util.CacheDir;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unlearn export CHECKPOINT --out FILE.onnx [--onnx ORIGINAL]} or {@code --hf --out DIR}. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a checkpoint's encoder weights into a copy of its original ONNX graph, or (--hf) as a "
        + "Hugging Face checkpoint directory that transformers loads.")
public final class ExportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "CHECKPOINT", description = "checkpoint directory")
  Path checkpoint;

  @Option(names = "--out", required = true, paramLabel = "FILE|DIR",
      description = "the new ONNX file, or with --hf the new checkpoint directory")
  Path out;

  @Option(names = "--hf", description = "write config.json, model.safetensors and tokenizer.json in Hugging Face "
      + "layout (a model imported from Hugging Face keeps its family, tensor names and dtypes)")
  boolean hf;

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
    if (hf) {
      if (original != null) {
        throw new UnlearnException("--onnx goes with an ONNX export, not with --hf");
      }
      HfEncoderExport.write(checkpoint, out);
      spec.commandLine().getOut().println("exported " + checkpoint + " to " + out + " (Hugging Face layout)");
      return 0;
    }
    EncoderBundle b = EncoderCheckpoint.read(checkpoint);
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
    if (abs.startsWith(CacheDir.root().toAbsolutePath().normalize())) {
      throw new UnlearnException(target + ": refusing to write into the unlearn4j cache "
          + CacheDir.root() + " (later runs read its files)");
    }
    if (hf && Files.exists(target)) {
      boolean empty;
      try (var s = Files.isDirectory(target) ? Files.list(target) : Stream.of(target)) {
        empty = s.findAny().isEmpty();
      } catch (IOException e) {
        throw new UnlearnException(target + ": exists and cannot be listed (" + e.getMessage() + ")");
      }
      if (!empty) {
        throw new UnlearnException(target + ": exists and is not an empty directory; choose another --out");
      }
    }
    if (!hf && Files.exists(target) && !force) {
      throw new UnlearnException(target + ": exists; choose another --out or add --force to replace it");
    }
  }
}
