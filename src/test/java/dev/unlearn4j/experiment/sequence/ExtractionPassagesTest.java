package dev.unlearn4j.experiment.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.causal.BpeTrainer;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.GptConfig;
import dev.unlearn4j.model.causal.GptWeights;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.NpyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The paper's data layout end to end: {@code experiments/icu-gpt-neo-125m.yaml} as committed, pointed by
 * {@code --set} at a tiny random GPT-Neo checkpoint and a 16 × 200 uint16 pool with a {@code doc_id} forget CSV,
 * runs one epoch and writes its run directory; the forget set is the CSV's rows in ascending order and every
 * analogue another pool row. Forget texts work too, and each bad input ends with one line naming it.
 */
@Tag("slow")
class ExtractionPassagesTest {
  @TempDir Path dir;
  private Path ckpt;
  private int vocab;

  @BeforeEach
  void tinyCheckpointAndPool() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add("The address number " + i + " spoke of budgets, railways and the common defence of the union.");
    }
    BpeTrainer.Result bpe = BpeTrainer.train(texts, 300);
    vocab = bpe.vocab().size();
    ckpt = dir.resolve("gpt-neo-tiny");
    Path tokenizer = dir.resolve("tokenizer.json");
    BpeTrainer.write(bpe, tokenizer);
    GptConfig c = new GptConfig(GptConfig.NEO, vocab, 256, 16, 2, 64, 1e-5, List.of("global", "local"), 256);
    CausalCheckpoint.save(new CausalLm(c, GptWeights.random(c, 3, DataType.FLOAT)), tokenizer, ckpt);
    Random r = new Random(4);
    int[][] pool = new int[16][200];
    for (int[] row : pool) {
      for (int j = 0; j < row.length; j++) {
        row[j] = 1 + r.nextInt(vocab - 1);
      }
    }
    NpyFiles.write(dir.resolve("train_dataset.npy"), pool, "<u2", false);
  }

  private CliRun run(String forget, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "experiments/icu-gpt-neo-125m.yaml", "--no-progress",
        "--run-id", "r", "--set", "original.checkpoint=" + ckpt, "--set", "original.cache=" + dir.resolve("cache"),
        "--set", "passages.pool=" + dir.resolve("train_dataset.npy"), "--set", "passages.forget=" + forget,
        "--set", "method.args.train.epochs=1", "--set", "output=" + dir.resolve("runs")));
    for (String m : more) {
      args.add("--set");
      args.add(m);
    }
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void thePaperConfigRunsOneEpochOnTheBenchmarkLayout() throws Exception {
    Path csv = Files.writeString(dir.resolve("lm_extraction_128_0.csv"),
        "doc_id,corpus,text\n11,github,\"a, b\"\n2,pile-cc,x\n7,github,y\n5,enron,z\n");
    CliRun r = run(csv.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Path run = dir.resolve("runs/icu-gpt-neo-125m/r");
    assertThat(Files.readAllLines(run.resolve("splits/forget.txt"))).containsExactly("doc2", "doc5", "doc7", "doc11");
    List<String> analogues = Files.readAllLines(run.resolve("splits/analogues.csv"));
    assertThat(analogues).hasSize(5);
    for (String line : analogues.subList(1, 5)) {
      assertThat(line).matches("doc\\d+,doc\\d+").doesNotContain(",doc2", ",doc5", ",doc7", ",doc11");
    }
    JsonNode s = Mappers.JSON.readTree(run.resolve("summary.json").toFile());
    assertThat(s.at("/before/threshold.ma").asDouble()).isEqualTo(0.5994);
    assertThat(s.at("/after/forget.ma").asDouble()).isBetween(0.0, 1.0);
    JsonNode cfg = Mappers.YAML.readTree(run.resolve("config.yaml").toFile());
    assertThat(cfg.at("/method/args/train/microBatch").asInt()).isEqualTo(1);
    assertThat(cfg.at("/method/args/train/learningRate").asDouble()).isEqualTo(5e-6);
  }

  @Test
  void aBenchFixtureRunsThroughTheSameConfig() {
    GptConfig c = new GptConfig(GptConfig.NEO, 300, 256, 16, 2, 64, 1e-5, List.of("global", "local"), 256);
    Path fx = dir.resolve("fixture");
    dev.unlearn4j.bench.RunFixture.write(c, fx, 10, 3, 1);
    ckpt = fx.resolve("checkpoint");
    CliRun r = run(fx.resolve("lm_extraction_128_0.csv").toString(), "passages.pool=" + fx.resolve(
        "train_dataset.npy"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(dir.resolve("runs/icu-gpt-neo-125m/r/summary.json")).exists();
  }

  @Test
  void forgetTextsAreTokenisedWithTheCheckpointsTokenizer() throws Exception {
    String text = "The address number 3 spoke of budgets, railways and the common defence of the union. ".repeat(30);
    Path jsonl = Files.writeString(dir.resolve("forget.jsonl"), "{\"text\": \"" + text + "\"}\n{\"text\": \""
        + text.toUpperCase() + "\"}\n");
    CliRun r = run(jsonl.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("runs/icu-gpt-neo-125m/r/splits/forget.txt")))
        .containsExactly("text1", "text2");
  }

  @Test
  void badInputsNameTheFileAndTheRow() throws Exception {
    Path outside = Files.writeString(dir.resolve("outside.csv"), "doc_id\n3\n16\n");
    assertThat(run(outside.toString()).err()).contains("outside.csv line 3: doc_id 16 is outside the pool's 16 rows");
    Path twice = Files.writeString(dir.resolve("twice.csv"), "doc_id\n3\n3\n");
    assertThat(run(twice.toString()).err()).contains("twice.csv line 3: doc_id 3 is listed twice");
    Path shortText = Files.writeString(dir.resolve("short.csv"), "text\nthe union\n");
    assertThat(run(shortText.toString()).err()).contains("short.csv line 2: the text has", "passages need 200");
    int[][] big = new int[4][200];
    big[2][9] = vocab;
    Path wide = NpyFiles.write(dir.resolve("big.npy"), big, "<i4", false);
    Path csv = Files.writeString(dir.resolve("f.csv"), "doc_id\n1\n");
    CliRun r = run(csv.toString(), "passages.pool=" + wide);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("big.npy: row 2, column 9: token id " + vocab + " is not in the model's vocabulary");
    Path narrow = NpyFiles.write(dir.resolve("unseen.npy"), new int[3][100], "<u2", false);
    assertThat(run(csv.toString(), "passages.unseen=" + narrow).err())
        .contains("unseen.npy: rows of 100 tokens; the pool's have 200");
    CliRun noUnseen = run(csv.toString(), "eval.thresholds=unseen");
    assertThat(noUnseen.exitCode()).isEqualTo(2);
    assertThat(noUnseen.err()).contains("'passages.unseen' is not set");
    assertThat(dir.resolve("runs/icu-gpt-neo-125m/r")).doesNotExist();
  }
}
