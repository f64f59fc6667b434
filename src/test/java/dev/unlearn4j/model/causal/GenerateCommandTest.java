package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.WordTokenizers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unlearn generate}: greedy continuations equal the generator's, beams change nothing about the format. */
class GenerateCommandTest {
  @TempDir Path dir;

  @Test
  void greedyContinuationsEqualTheGenerators() throws Exception {
    Path ck = dir.resolve("neo");
    TinyCheckpoints.write(ck, true, 4);
    WordTokenizers.write(ck.resolve("tokenizer.json"), TinyCheckpoints.V);
    String prompt = "word3 word17 word8";
    CliRun r = CliRun.of("generate", "--model", ck.toString(), "--prompt", prompt, "--prompt", "word40",
        "--max-new-tokens", "6");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode first = Mappers.JSON.readTree(lines[0]);
    CausalLm lm = CausalCheckpoint.load(ck);
    try (TextTokenizer tok = TextTokenizer.untruncated(ck.resolve("tokenizer.json"))) {
      int[] ids = java.util.Arrays.stream(tok.ids(prompt)).mapToInt(x -> (int) x).toArray();
      int[] want = Generator.greedy(lm, new int[][] {ids}, 6, -1)[0];
      assertThat(first.path("continuation").asText()).isEqualTo(tok.decode(want));
      assertThat(first.path("tokens").asInt()).isEqualTo(6);
    }
    CliRun beams = CliRun.of("generate", "--model", ck.toString(), "--prompt", prompt, "--beams", "2",
        "--max-new-tokens", "4");
    assertThat(beams.exitCode()).as(beams.err()).isZero();
    assertThat(Mappers.JSON.readTree(beams.out().strip()).path("tokens").asInt()).isEqualTo(4);
  }
}
