package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hugging Face BERT, RoBERTa and DistilBERT classifiers: imported logits equal an independent plain-loop forward
 * pass of the checkpoint's own tensors, and import → export → import gives back every tensor and dtype exactly.
 */
class HfEncodersTest {
  @TempDir Path dir;

  /** Rows of 5, 3 and 4 real tokens in a batch of length 5; ids avoid RoBERTa's padding id. */
  private static TextTokenizer.Batch batch(String family, long seed) {
    Random r = new Random(seed);
    int[] lengths = {5, 3, 4};
    int pad = family.equals("roberta") ? TinyHfEncoders.ROBERTA_PAD : 0;
    long[][] ids = new long[3][5];
    long[][] types = new long[3][5];
    long[][] mask = new long[3][5];
    for (int b = 0; b < 3; b++) {
      for (int t = 0; t < 5; t++) {
        boolean real = t < lengths[b];
        ids[b][t] = real ? 2 + r.nextInt(TinyHfEncoders.V - 2) : pad;
        types[b][t] = real && family.equals("bert") && t >= 2 ? 1 : 0;
        mask[b][t] = real ? 1 : 0;
      }
    }
    return new TextTokenizer.Batch(ids, types, mask);
  }

  @ParameterizedTest
  @CsvSource({"bert, F16, 1e-12", "roberta, F32, 1e-5", "distilbert, BF16, 1e-12"})
  void importedClassifierMatchesAPlainLoopForwardPass(String family, String dtype, double eps) throws Exception {
    Path ck = dir.resolve(family);
    Map<String, INDArray> tensors = TinyHfEncoders.write(ck, family, dtype, true, 7);
    EncoderBundle b = EncoderBundle.open(ck.toString(), null);
    assertThat(b.numClasses()).isEqualTo(3);
    assertThat(b.pooling()).isEqualTo(EncoderArgs.Pooling.CLS);
    assertThat(b.source().labels()).containsExactly("negative", "neutral", "positive");
    BertClassifier m = b.classifier(new EncoderArgs(ck.toString(), null, 16, null, 0.1, 0, false), 3, 0);
    BertGraph g = (BertGraph) m.graph();
    TextTokenizer.Batch x = batch(family, 3);
    INDArray logits = g.sd().output(g.feedTokens(x), "logits").get("logits");
    NaiveHfEncoder ref = new NaiveHfEncoder(tensors, family, eps);
    double worst = 0;
    for (int i = 0; i < 3; i++) {
      int length = (int) java.util.Arrays.stream(x.mask()[i]).sum();
      double[] want = ref.logits(x.ids()[i], x.typeIds()[i], length);
      for (int c = 0; c < 3; c++) {
        worst = Math.max(worst, Math.abs(logits.getDouble(i, c) - want[c]));
      }
    }
    assertThat(worst).as(family).isLessThanOrEqualTo(1e-4);
    assertThat(Math.abs(logits.getDouble(0, 0))).as("not a trivial output").isGreaterThan(1e-3);
  }

  @ParameterizedTest
  @CsvSource({"bert, F16", "roberta, F32", "distilbert, BF16"})
  void importExportImportIsBitExact(String family, String dtype) throws Exception {
    Path hf = dir.resolve("hf");
    TinyHfEncoders.write(hf, family, dtype, true, 11);
    CliRun in = CliRun.of("import", "--hf", hf.toString(), "--out", dir.resolve("ck").toString());
    assertThat(in.exitCode()).as(in.err()).isZero();
    assertThat(in.out()).contains("3 classes [negative, neutral, positive]");
    CliRun out = CliRun.of("export", dir.resolve("ck").toString(), "--hf", "--out", dir.resolve("back").toString());
    assertThat(out.exitCode()).as(out.err()).isZero();
    Path back = dir.resolve("back");
    assertThat(Safetensors.dtypes(back.resolve("model.safetensors")))
        .isEqualTo(Safetensors.dtypes(hf.resolve("model.safetensors")));
    Map<String, INDArray> a = Safetensors.read(hf.resolve("model.safetensors"));
    Map<String, INDArray> c = Safetensors.read(back.resolve("model.safetensors"));
    for (String k : a.keySet()) {
      assertThat(c.get(k)).as(k).isEqualTo(a.get(k));
    }
    JsonNode cfg = new ObjectMapper().readTree(back.resolve("config.json").toFile());
    assertThat(cfg.at("/id2label/2").asText()).isEqualTo("positive");
    assertThat(cfg.path("model_type").asText()).isEqualTo(family);
    assertThat(back.resolve("tokenizer.json")).hasSameTextualContentAs(hf.resolve("tokenizer.json"));
    EncoderBundle first = EncoderBundle.open(dir.resolve("ck").toString(), null);
    EncoderBundle again = EncoderBundle.open(back.toString(), null);
    assertThat(again.weights().keySet()).isEqualTo(first.weights().keySet());
    first.weights().forEach((k, v) -> assertThat(again.weights().get(k)).as(k).isEqualTo(v));
  }

  @ParameterizedTest
  @CsvSource({"bert", "roberta", "distilbert"})
  void aBaseModelGetsANewHeadAndBertKeepsItsPooler(String family) throws Exception {
    Map<String, INDArray> t = TinyHfEncoders.write(dir.resolve("base"), family, "F32", false, 5);
    EncoderBundle b = EncoderBundle.open(dir.resolve("base").toString(), null);
    assertThat(b.numClasses()).isZero();
    BertClassifier m = b.classifier(new EncoderArgs("x", null, 16, null, 0.1, 0, false), 2, 3);
    assertThat(m.weights().get(BertClassifier.HEAD_WEIGHT).shape()).containsExactly(TinyHfEncoders.D, 2);
    assertThat(m.weights()).containsKey(BertClassifier.DENSE_WEIGHT);
    assertThat(m.weights().get(BertWeights.WORD)).isEqualTo(t.get("embeddings.word_embeddings.weight"));
  }

  @ParameterizedTest
  @CsvSource({"bert, bert.encoder.layer.1.attention.self.key.bias", "roberta, classifier.out_proj.weight",
      "distilbert, distilbert.transformer.layer.0.ffn.lin1.weight"})
  void aMissingTensorIsNamed(String family, String tensor) throws Exception {
    Path ck = dir.resolve("ck");
    Map<String, INDArray> t = new LinkedHashMap<>(TinyHfEncoders.write(ck, family, "F32", true, 1));
    t.remove(tensor);
    if (tensor.startsWith("classifier.out_proj")) {                  // misshapen instead: [3, D + 1]
      t.put(tensor, org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3,
          TinyHfEncoders.D + 1));
    }
    Safetensors.write(ck.resolve("model.safetensors"), t, Map.of());
    assertThatThrownBy(() -> EncoderBundle.open(ck.toString(), null)).hasMessageContaining("'" + tensor + "'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"model_type|gpt2|model_type 'gpt2' is not supported",
      "hidden_act|relu|hidden_act 'relu' is not supported", "num_hidden_layers|two|'num_hidden_layers' is missing"})
  void unsupportedConfigsFailWithTheirKey(String key, String value, String message) throws Exception {
    Path ck = dir.resolve("ck");
    TinyHfEncoders.write(ck, "bert", "F32", true, 1);
    ObjectNode c = (ObjectNode) new ObjectMapper().readTree(ck.resolve("config.json").toFile());
    c.put(key, value);
    Files.writeString(ck.resolve("config.json"), c.toString());
    assertThatThrownBy(() -> EncoderBundle.open(ck.toString(), null)).hasMessageContaining(message)
        .hasMessageContaining("config.json");
  }

  @org.junit.jupiter.api.Test
  void otherFormatsAndHeadlessExportsAreRefusedWithTheReason() throws Exception {
    Path ck = dir.resolve("ck");
    TinyHfEncoders.write(ck, "bert", "F32", true, 1);
    Files.move(ck.resolve("model.safetensors"), ck.resolve("pytorch_model.bin"));
    assertThatThrownBy(() -> EncoderBundle.open(ck.toString(), null)).hasMessageContaining(
        "pytorch_model.bin only").hasMessageContaining("safe_serialization=True");
    BertClassifier mean = TinyEncoders.classifier(org.nd4j.linalg.api.buffer.DataType.FLOAT,
        EncoderArgs.Pooling.MEAN, 0.1, 3);
    EncoderCheckpoint.write(dir.resolve("mean"), mean.config(), mean.args(), mean.weights(),
        dev.unlearn4j.model.EmbeddedModels.resolve(dev.unlearn4j.model.EmbeddedModels.MINILM).tokenizer(), 3, null);
    CliRun r = CliRun.of("export", dir.resolve("mean").toString(), "--hf", "--out", dir.resolve("x").toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("no transformers counterpart", "unlearn export");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  /** MiniLM from its ONNX export, written in Hugging Face layout and read back: the same hidden states. */
  @org.junit.jupiter.api.Test
  void bertInHuggingFaceLayoutMatchesTheOnnxPath() {
    CliRun in = CliRun.of("import", "--onnx", "embedded:all-minilm-l6-v2", "--out", dir.resolve("ck").toString());
    assertThat(in.exitCode()).as(in.err()).isZero();
    CliRun out = CliRun.of("export", dir.resolve("ck").toString(), "--hf", "--out", dir.resolve("hf").toString());
    assertThat(out.exitCode()).as(out.err()).isZero();
    EncoderArgs args = new EncoderArgs("x", null, 32, EncoderArgs.Pooling.MEAN, 0.1, 0, false);
    BertGraph onnx = (BertGraph) EncoderBundle.open("embedded:all-minilm-l6-v2", null).classifier(args, 2, 0)
        .graph();
    BertClassifier viaHf = EncoderBundle.open(dir.resolve("hf").toString(), null).classifier(args, 2, 0);
    BertGraph hf = (BertGraph) viaHf.graph();
    TextTokenizer.Batch x = viaHf.tokenizer().encode(List.of("The committee approved the budget.",
        "Unlearning removes what a model memorised."));
    INDArray a = onnx.sd().output(onnx.feedTokens(x), "hidden").get("hidden");
    INDArray b = hf.sd().output(hf.feedTokens(x), "hidden").get("hidden");
    assertThat(b.sub(a).amaxNumber().doubleValue()).isLessThanOrEqualTo(1e-6);
  }
}
