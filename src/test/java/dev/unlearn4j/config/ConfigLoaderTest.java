package dev.unlearn4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.experiment.Experiment;
import dev.unlearn4j.experiment.ExperimentConfig;
import dev.unlearn4j.testing.Fixtures;
import dev.unlearn4j.train.TrainSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private static final String MINIMAL = """
      name: t
      dataset: {name: synthetic-blobs}
      model: {name: mlp}
      method: {name: finetune}
      """;

  @Test
  void omittedKeysTakeTheDefaultsDeclaredInCode() {
    ExperimentConfig c = ConfigLoader.parse(MINIMAL, List.of());
    assertThat(c.seed()).isEqualTo(42L);
    assertThat(c.train()).isEqualTo(TrainSpec.defaults());
    assertThat(c.forget().fraction()).isEqualTo(0.05);
    assertThat(c.output()).isEqualTo("results");
  }

  @Test
  void fileValuesOverrideDefaultsAndSetOverridesTheFile() {
    String yaml = MINIMAL + "train: {epochs: 10, learningRate: 0.5}\n";
    ExperimentConfig c = ConfigLoader.parse(yaml, List.of("train.epochs=3", "seed=9"));
    assertThat(c.train().epochs()).isEqualTo(3);
    assertThat(c.train().learningRate()).isEqualTo(0.5);
    assertThat(c.train().batchSize()).isEqualTo(32);
    assertThat(c.seed()).isEqualTo(9L);
  }

  @Test
  void unknownConfigKeyIsRejectedWithItsNameAndTheFile() {
    Path f = Fixtures.write(dir, "exp.yaml", MINIMAL + "train: {epoch: 3}\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(f + ": unknown key 'train.epoch'")
        .hasMessageContaining("did you mean 'epochs'");
  }

  @Test
  void unknownKeyFromSetIsRejectedToo() {
    assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL, List.of("forget.fractoin=0.1")))
        .hasMessageContaining("unknown key 'forget.fractoin'").hasMessageContaining("'fraction'");
  }

  @Test
  void unknownMethodArgumentIsRejectedWithItsFullPath() {
    String yaml = MINIMAL.replace("{name: finetune}", "{name: finetune, args: {train: {lerningRate: 1}}}");
    ExperimentConfig c = ConfigLoader.parse(yaml, List.of());
    assertThatThrownBy(() -> Experiment.resolve(c, "exp.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("exp.yaml: unknown key 'method.args.train.lerningRate'")
        .hasMessageContaining("did you mean 'learningRate'");
  }

  @Test
  void wrongTypesNameTheKeyAndTheExpectedType() {
    assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL + "train: {epochs: many}\n", List.of()))
        .hasMessage("key 'train.epochs' expects an integer, got 'many'");
    assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL + "train: {epochs: 2.5}\n", List.of()))
        .hasMessageContaining("key 'train.epochs' expects an integer");
    assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL + "seed: '7'\n", List.of()))
        .hasMessageContaining("key 'seed' expects an integer");
    assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL + "train: {optimizer: lamb}\n", List.of()))
        .hasMessageContaining("key 'train.optimizer' expects one of [adam, sgd, nesterov]");
  }

  @Test
  void missingRequiredKeyIsNamed() {
    assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL.replace("method: {name: finetune}\n", ""), List.of()))
        .hasMessage("missing required key 'method'");
  }

  @Test
  void outOfRangeValueIsRejected() {
    assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL + "forget: {fraction: 1.5}\n", List.of()))
        .hasMessageContaining("forget.fraction' must be in (0, 1)");
  }

  @Test
  void unknownComponentNameListsTheKnownOnes() {
    ExperimentConfig c = ConfigLoader.parse(MINIMAL.replace("finetune", "deepcutt"), List.of());
    assertThatThrownBy(() -> Experiment.resolve(c, "e.yaml"))
        .hasMessageStartingWith("e.yaml: unknown method 'deepcutt'")
        .hasMessageContaining("gradient-ascent");
  }

  @Test
  void malformedYamlNamesTheLine() {
    Path f = Fixtures.write(dir, "bad.yaml", "name: t\ndataset: {name: x\nmodel: y\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .hasMessageStartingWith(f + ": malformed YAML at line 3: expected ',' or '}'")    // the problem's line
        .hasMessageEndingWith("(while parsing a flow mapping opened at line 2)");           // and the context's
  }

  @Test
  void aKeyGivenTwiceIsRejectedWithItsLine() {
    String yaml = MINIMAL + "train: {learningRate: 0.5}\nseed: 3\ntrain: {epochs: 2}\n";
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, List.of()))
        .hasMessage("line 7: key 'train' is given twice in one mapping; merge the two");
    String nested = MINIMAL + "train:\n  epochs: 2\n  epochs: 3\n";
    assertThatThrownBy(() -> ConfigLoader.parse(nested, List.of()))
        .hasMessageContaining("key 'train.epochs' is given twice");
  }

  @Test
  void anchorsAndAliasesAreRejectedWithTheirKey() {
    String alias = "name: &n t\noutput: *n\ndataset: {name: synthetic-blobs}\nmodel: {name: mlp}\n"
        + "method: {name: finetune}\n";
    assertThatThrownBy(() -> ConfigLoader.parse(alias, List.of()))       // read as output: "n" without the check
        .hasMessage("line 2: alias '*n' at key 'output': anchors and aliases are not supported; write the value "
            + "out");
    assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL + "train: &t {epochs: 2}\n", List.of()))
        .hasMessageStartingWith("line 5: anchor '&t' at key 'train'");
    String aliasOnly = MINIMAL + "output: *n\n";
    assertThatThrownBy(() -> ConfigLoader.parse(aliasOnly, List.of()))
        .hasMessageStartingWith("line 5: ");
  }

  @Test
  void anOversizedConfigIsRefusedBeforeItIsScanned() {
    String big = MINIMAL + "output: \"" + "x".repeat(YamlGuard.MAX_CHARS) + "\"\n";
    assertThatThrownBy(() -> ConfigLoader.parse(big, List.of())).hasMessageContaining("at most 1048576 are read");
    Path f = Fixtures.write(dir, "big.yaml", big + "x".repeat(4 * YamlGuard.MAX_CHARS));
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of())).hasMessageStartingWith(f + ": ")
        .hasMessageContaining("a config is at most");
  }

  @Test
  void aConfigThatIsNotARegularFileIsRefused() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(dir, List.of())).hasMessage(dir + ": not a regular file");
    Path fifo = dir.resolve("exp.yaml");                              // reading a FIFO would wait for a writer
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    assertThatThrownBy(() -> ConfigLoader.load(fifo, List.of())).hasMessage(fifo + ": not a regular file");
  }

  @Test
  void missingFileIsNamed() {
    Path f = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of())).hasMessage(f + ": no such file");
  }

  @Test
  void resolvedConfigCarriesEveryComponentArgument() {
    ExperimentConfig c = ConfigLoader.parse(MINIMAL, List.of("model.args.hidden=5"));
    Experiment e = Experiment.resolve(c, "x");
    assertThat(e.resolved().at("/model/args/hidden").asInt()).isEqualTo(5);
    assertThat(e.resolved().at("/dataset/args/perClass").asInt()).isEqualTo(100);
    assertThat(e.resolved().at("/method/args/train/epochs").asInt()).isEqualTo(2);
  }
}
