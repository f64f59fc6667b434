package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unlearn import} / {@code export} end to end, and every bad input they must refuse. */
class ImportCommandTest {
  @TempDir Path dir;
  private final Path tokenizer = EmbeddedModels.resolve(EmbeddedModels.MINILM).tokenizer();

  @Test
  void importVerifyWritesACheckpointAndExportReproducesTheOriginalBytes() throws Exception {
    Path ck = dir.resolve("ck");
    CliRun r = CliRun.of("import", "--onnx", EmbeddedModels.MINILM, "--out", ck.toString(), "--verify");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("6 layers, hidden 384, 12 heads").containsPattern(
        "max \\|SameDiff - onnxruntime\\| = [0-9.]+e-0[5-9]");
    assertThat(ck.resolve("config.json")).exists();
    Path out = dir.resolve("copy.onnx");
    CliRun e = CliRun.of("export", ck.toString(), "--out", out.toString());
    assertThat(e.exitCode()).as(e.err()).isZero();
    // unchanged weights written back give the original file byte for byte
    assertThat(Arrays.equals(Files.readAllBytes(out),
        Files.readAllBytes(EmbeddedModels.resolve(EmbeddedModels.MINILM).onnx()))).isTrue();
  }

  @Test
  void aCheckpointRecordsTheOnnxFileItWasImportedFrom() throws Exception {
    Path copy = Files.copy(EmbeddedModels.resolve(EmbeddedModels.MINILM).onnx(), dir.resolve("mine.onnx"));
    Path ck = dir.resolve("ck");
    CliRun r = CliRun.of("import", "--onnx", copy.toString(), "--tokenizer", tokenizer.toString(), "--out",
        ck.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    var args = dev.unlearn4j.config.Mappers.JSON.readTree(ck.resolve("config.json").toFile()).path("args");
    assertThat(args.path("source").asText()).isEqualTo(copy.toString());
    assertThat(args.path("tokenizer").asText()).isEqualTo(tokenizer.toString());
  }

  @Test
  void missingFileFailsWithItsName() {
    Path missing = dir.resolve("none.onnx");
    CliRun r = CliRun.of("import", "--onnx", missing.toString(), "--tokenizer", tokenizer.toString(), "--out",
        dir.resolve("o").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("unlearn: " + missing + ": no such file or checkpoint directory");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void nonBertGraphFailsNamingWhatIsMissing() throws Exception {
    Path relu = Files.write(dir.resolve("relu.onnx"), OnnxBytes.reluModel());
    CliRun r = CliRun.of("import", "--onnx", relu.toString(), "--tokenizer", tokenizer.toString(), "--out",
        dir.resolve("o").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains(relu + ": not a supported BERT-family graph: no initializer "
        + "'embeddings.word_embeddings.weight'");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void truncatedFileFailsClearly() throws Exception {
    byte[] whole = Files.readAllBytes(EmbeddedModels.resolve(EmbeddedModels.MINILM).onnx());
    Path cut = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(whole, 1_000_000));
    CliRun r = CliRun.of("import", "--onnx", cut.toString(), "--tokenizer", tokenizer.toString(), "--out",
        dir.resolve("o").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains(cut + ": not a readable ONNX model:").contains("truncated");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void exportRefusesExistingTargetsAndNeverWritesAnInput() throws Exception {
    Path ck = dir.resolve("ck");
    assertThat(CliRun.of("import", "--onnx", EmbeddedModels.MINILM, "--out", ck.toString()).exitCode()).isZero();
    Path original = EmbeddedModels.resolve(EmbeddedModels.MINILM).onnx();       // in the cache later runs read
    byte[] before = Files.readAllBytes(original);
    for (CliRun r : new CliRun[] {CliRun.of("export", ck.toString(), "--out", original.toString()),
        CliRun.of("export", ck.toString(), "--out", original.toString(), "--force")}) {
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("refusing to write into the unlearn4j cache");
    }
    Path own = ck.resolve("model.safetensors");
    byte[] ownBefore = Files.readAllBytes(own);
    CliRun r = CliRun.of("export", ck.toString(), "--out", own.toString(), "--force");
    assertThat(r.err().strip()).isEqualTo("unlearn: " + own + ": refusing to write into the checkpoint " + ck);
    Path taken = Files.write(dir.resolve("taken.onnx"), new byte[] {1, 2, 3});
    CliRun t = CliRun.of("export", ck.toString(), "--out", taken.toString());
    assertThat(t.exitCode()).isEqualTo(1);
    assertThat(t.err().strip()).isEqualTo("unlearn: " + taken + ": exists; choose another --out or add --force "
        + "to replace it");
    assertThat(Files.readAllBytes(taken)).containsExactly(1, 2, 3);
    assertThat(CliRun.of("export", ck.toString(), "--out", taken.toString(), "--force").exitCode()).isZero();
    assertThat(Files.readAllBytes(original)).isEqualTo(before);
    assertThat(Files.readAllBytes(own)).isEqualTo(ownBefore);
  }
}
