package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.eval.text.BertScore;
import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.model.TextTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token and sentence vectors of MiniLM against onnxruntime's last hidden state, and what BERTScore reads. */
class TokenVectorsTest {
  private static final List<String> TEXTS = List.of("The Congress shall assemble at least once in every year.",
      "We must balance the budget.", "Tariffs protect domestic manufactures from foreign competition.");

  @Test
  void lastLayerTokensAndMeanPoolingMatchOnnxRuntime() {
    TokenVectors tv = new TokenVectors(EmbeddedModels.MINILM, 6, 64);
    List<TokenVectors.Encoded> enc = tv.tokens(TEXTS);
    EmbeddedModels.EncoderFiles f = EmbeddedModels.resolve(EmbeddedModels.MINILM);
    TextTokenizer.Batch tok = TextTokenizer.load(f.tokenizer(), 64).encode(TEXTS);
    float[][][] ort = EncoderParity.onnxRuntime(f.onnx(), tok);
    double[][] sent = tv.sentences(TEXTS);
    for (int i = 0; i < TEXTS.size(); i++) {
      double[][] v = enc.get(i).vectors();
      assertThat(enc.get(i).special()[0]).isTrue();
      assertThat(enc.get(i).special()[v.length - 1]).isTrue();
      assertThat(enc.get(i).special()[1]).isFalse();
      double[] mean = new double[v[0].length];
      for (int j = 0; j < v.length; j++) {
        for (int k = 0; k < v[j].length; k++) {
          assertThat(v[j][k]).isCloseTo(ort[i][j][k], within(1e-4));
          mean[k] += ort[i][j][k] / v.length;
        }
      }
      double norm = 0;
      for (double m : mean) {
        norm += m * m;
      }
      for (int k = 0; k < mean.length; k++) {
        assertThat(sent[i][k]).isCloseTo(mean[k] / Math.sqrt(norm), within(1e-5));
      }
    }
  }

  @Test
  void bertScoreOfATextWithItselfIsOneAndHigherThanWithAnother() {
    TokenVectors tv = new TokenVectors(EmbeddedModels.MINILM, 5, 64);
    List<TokenVectors.Encoded> e = tv.tokens(TEXTS);
    BertScore.Score self = BertScore.score(e.get(0).vectors(), e.get(0).special(), e.get(0).vectors(),
        e.get(0).special());
    BertScore.Score other = BertScore.score(e.get(1).vectors(), e.get(1).special(), e.get(0).vectors(),
        e.get(0).special());
    assertThat(self.f1()).isCloseTo(1.0, within(1e-9));
    assertThat(other.f1()).isLessThan(0.9);
  }
}
