package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code unlearn predict} on a Hugging Face RoBERTa classifier: the independent reference's probabilities. */
class PredictCommandTest {
  @TempDir Path dir;

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> l = new java.util.ArrayList<>();
    for (String s : out.strip().split("\n")) {
      l.add(Mappers.JSON.readTree(s));
    }
    return l;
  }

  @Test
  void printsLabelsAndProbabilitiesOfTheReferenceForwardPass() throws Exception {
    Path ck = dir.resolve("roberta");
    Map<String, INDArray> t = TinyHfEncoders.write(ck, "roberta", "F32", true, 21);
    List<String> texts = List.of("word3 word7 word1 word20", "word11 word5");
    CliRun r = CliRun.of("predict", "--model", ck.toString(), "--text", texts.get(0), "--text", texts.get(1));
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<JsonNode> out = lines(r.out());
    assertThat(out).hasSize(2);
    NaiveHfEncoder ref = new NaiveHfEncoder(t, "roberta", 1e-5);
    try (TextTokenizer tok = TextTokenizer.load(ck.resolve("tokenizer.json"), 16)) {
      for (int i = 0; i < 2; i++) {
        long[] ids = tok.ids(texts.get(i));
        double[] z = ref.logits(ids, new long[ids.length], ids.length);
        double max = java.util.Arrays.stream(z).max().orElseThrow();
        double sum = java.util.Arrays.stream(z).map(v -> Math.exp(v - max)).sum();
        int best = 0;
        List<String> names = List.of("negative", "neutral", "positive");
        for (int c = 0; c < 3; c++) {
          assertThat(out.get(i).at("/probabilities/" + names.get(c)).asDouble())
              .isCloseTo(Math.exp(z[c] - max) / sum, within(1e-4));
          best = z[c] > z[best] ? c : best;
        }
        assertThat(out.get(i).path("label").asText()).isEqualTo(names.get(best));
        assertThat(out.get(i).path("index").asInt()).isEqualTo(i);
      }
    }
  }

  @Test
  void readsAFileKeepsIdsAndEmbedsOnRequest() throws Exception {
    Path ck = dir.resolve("distil");
    TinyHfEncoders.write(ck, "distilbert", "F32", true, 3);
    Path csv = dir.resolve("in.csv");
    Files.writeString(csv, "id,body\nm-1,word1 word2\nm-2,\"word4, word9\"\nm-3,word12\n");
    CliRun r = CliRun.of("predict", "--model", ck.toString(), "--input", csv.toString(), "--text-column", "body",
        "--embed", "--batch", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<JsonNode> out = lines(r.out());
    assertThat(out).extracting(n -> n.path("id").asText()).containsExactly("m-1", "m-2", "m-3");
    assertThat(out.get(2).path("embedding").size()).isEqualTo(TinyHfEncoders.D);
    double sum = 0;
    for (JsonNode p : out.get(1).path("probabilities")) {
      sum += p.asDouble();
    }
    assertThat(sum).isCloseTo(1.0, within(1e-9));

    CliRun missing = CliRun.of("predict", "--model", ck.toString(), "--input", csv.toString());
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("in.csv line 2", "'text'", "--text-column");
  }

  @Test
  void anEncoderWithoutAHeadOnlyEmbeds() throws Exception {
    Path ck = dir.resolve("base");
    TinyHfEncoders.write(ck, "bert", "F32", false, 3);
    CliRun r = CliRun.of("predict", "--model", ck.toString(), "--text", "word1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("no classifier head", "--embed");
    CliRun e = CliRun.of("predict", "--model", ck.toString(), "--text", "word1", "--embed");
    assertThat(e.exitCode()).as(e.err()).isZero();
    JsonNode o = lines(e.out()).get(0);
    assertThat(o.has("label")).isFalse();
    assertThat(o.path("embedding").size()).isEqualTo(TinyHfEncoders.D);
  }
}
