package dev.unlearn4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.data.ForgetRequest;
import dev.unlearn4j.data.ForgetRequests;
import dev.unlearn4j.data.ForgetSpec;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dataset.args.testPath: a separate test file is the test split, whole, and never trained on or forgotten. */
class TestFileTest {
  @TempDir Path dir;

  private Path csvFile(String name, int rows, String... labels) throws Exception {
    StringBuilder b = new StringBuilder("text,label\n");
    for (int i = 0; i < rows; i++) {
      b.append(name).append(" text ").append(i).append(',').append(labels[i % labels.length]).append('\n');
    }
    return Files.writeString(dir.resolve(name + ".csv"), b.toString());
  }

  private static Dataset csv(Path train, Path test) {
    return new CsvSource(new CsvSource.Args(train.toString(), "text", "label", null, null, ",",
        test == null ? null : test.toString())).load();
  }

  @Test
  void theTestFileIsTheTestSplitAndTheForgetSetComesFromTraining() throws Exception {
    Dataset d = csv(csvFile("train", 40, "a", "b"), csvFile("test", 10, "a", "b"));
    assertThat(d.examples()).hasSize(50);
    assertThat(d.testIds()).hasSize(10).allMatch(id -> id.startsWith("test-row-"));
    for (long seed : new long[] {1, 2}) {
      ForgetRequest r = ForgetRequests.draw(d, ForgetSpec.defaults(), seed);
      assertThat(ids(r.test().examples())).isEqualTo(d.testIds());
      assertThat(r.forget().examples()).hasSize(2).noneMatch(e -> d.testIds().contains(e.id()));
      assertThat(r.retain().examples()).hasSize(38).noneMatch(e -> d.testIds().contains(e.id()));
    }
    // a subset counts the training rows only; the test file stays whole
    ForgetRequest sub = ForgetRequests.draw(d, new ForgetSpec(ForgetSpec.Mode.RANDOM, 0.05, null, null, null, 0.2, 20), 1);
    assertThat(sub.test().size()).isEqualTo(10);
    assertThat(sub.forget().size() + sub.retain().size()).isEqualTo(20);
  }

  @Test
  void withoutATestFileTheSplitIsDrawnAndTheFingerprintUnchanged() throws Exception {
    Path train = csvFile("train", 40, "a", "b");
    Dataset plain = csv(train, null);
    assertThat(plain.testIds()).isEmpty();
    assertThat(plain.fingerprint()).isEqualTo(new Dataset(plain.name(), plain.labels(), plain.examples(),
        plain.inputFiles()).fingerprint());
    assertThat(ForgetRequests.draw(plain, ForgetSpec.defaults(), 1).test().size()).isEqualTo(8);
    Dataset withTest = csv(train, csvFile("test", 40, "a", "b"));
    assertThat(withTest.fingerprint()).isNotEqualTo(new Dataset(withTest.name(), withTest.labels(),
        withTest.examples(), withTest.inputFiles()).fingerprint());
  }

  @Test
  void jsonlAndTextFolderTakeATestPathToo() throws Exception {
    Path train = Files.writeString(dir.resolve("t.jsonl"), "{\"text\":\"x\",\"label\":\"a\"}\n"
        + "{\"text\":\"y\",\"label\":\"b\"}\n");
    Path test = Files.writeString(dir.resolve("v.jsonl"), "{\"text\":\"z\",\"label\":\"b\"}\n");
    Dataset j = new JsonlSource(new JsonlSource.Args(train.toString(), "text", "label", null, null,
        test.toString())).load();
    assertThat(j.testIds()).containsExactly("test-line-1");
    for (String part : new String[] {"train/a", "train/b", "held/a"}) {
      Files.createDirectories(dir.resolve(part));
      Files.writeString(dir.resolve(part).resolve("f.txt"), part);
    }
    Dataset f = new TextFolderSource(new TextFolderSource.Args(dir.resolve("train").toString(),
        dir.resolve("held").toString())).load();
    assertThat(f.testIds()).containsExactly("test-a/f.txt");
    assertThat(f.examples()).hasSize(3);
  }

  @Test
  void badTestFilesNameTheFileAndTheCause() throws Exception {
    Path train = csvFile("train", 10, "a", "b");
    Path newClass = csvFile("newclass", 3, "a", "c");
    assertThatThrownBy(() -> csv(train, newClass)).isInstanceOf(UnlearnException.class)
        .hasMessage(newClass + ": test example 'test-row-2' has class 'c', which " + train
            + " never uses (column 'label')");
    Path empty = Files.writeString(dir.resolve("empty.csv"), "text,label\n");
    assertThatThrownBy(() -> csv(train, empty)).hasMessage(empty + ": no examples (dataset.args.testPath)");
    Path ids = Files.writeString(dir.resolve("ids.txt"), "test-row-1\n");
    Dataset d = csv(train, csvFile("test", 4, "a", "b"));
    assertThatThrownBy(() -> ForgetRequests.draw(d, new ForgetSpec(ForgetSpec.Mode.IDS, 0.05, null, null,
        ids.toString(), 0.2, 0), 1))
        .hasMessage("forget.idsFile " + ids + ": id 'test-row-1' is in the test file (dataset.args.testPath), "
            + "which is never trained on");
  }

  private static Set<String> ids(java.util.List<Example> ex) {
    return ex.stream().map(Example::id).collect(Collectors.toSet());
  }
}
