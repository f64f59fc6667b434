package dev.unlearn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.data.builtin.SyntheticBlobs;
import dev.unlearn4j.testing.Fixtures;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgetRequestsTest {
  @TempDir Path dir;
  private final Dataset data = new SyntheticBlobs(SyntheticBlobs.Args.defaults()).load();   // 3 × 100

  private static ForgetSpec spec(ForgetSpec.Mode mode, Integer count, String label, String ids) {
    return new ForgetSpec(mode, 0.05, count, label, ids, 0.2, 0);
  }

  @Test
  void splitsAreDisjointAndCoverTheDataset() {
    ForgetRequest r = ForgetRequests.draw(data, ForgetSpec.defaults(), 3);
    Set<String> f = new HashSet<>(r.forget().ids());
    Set<String> re = new HashSet<>(r.retain().ids());
    Set<String> t = new HashSet<>(r.test().ids());
    assertThat(f).doesNotContainAnyElementsOf(re).doesNotContainAnyElementsOf(t);
    assertThat(re).doesNotContainAnyElementsOf(t);
    assertThat(f.size() + re.size() + t.size()).isEqualTo(300);
    assertThat(t).hasSize(60);                       // 20% of each class of 100
    assertThat(f).hasSize(12);                       // 5% of the 240 training examples
  }

  @Test
  void mislabelledForgetsRandomExamplesUnderAnotherClassAndKeepsTheirTruth() {
    ForgetSpec spec = spec(ForgetSpec.Mode.MISLABELLED, 30, null, null);
    ForgetRequest r = ForgetRequests.draw(data, spec, 3);
    ForgetRequest random = ForgetRequests.draw(data, spec(ForgetSpec.Mode.RANDOM, 30, null, null), 3);
    assertThat(r.forget().ids()).isEqualTo(random.forget().ids());           // the same draw as random mode
    assertThat(r.retain().examples()).isEqualTo(random.retain().examples());
    assertThat(r.extra("forget_true").examples()).isEqualTo(random.forget().examples());
    assertThat(r.extra("forget_true").name()).isEqualTo("forget_true");
    Set<Integer> shifts = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      int wrong = r.forget().examples().get(i).label();
      int truth = r.extra("forget_true").examples().get(i).label();
      assertThat(wrong).isNotEqualTo(truth).isBetween(0, 2);
      shifts.add((wrong - truth + 3) % 3);
    }
    assertThat(shifts).as("both other classes are drawn").containsExactlyInAnyOrder(1, 2);
    assertThat(r.train().examples()).containsAll(r.forget().examples());     // the original learns the wrong labels
    assertThat(r.evaluationSplits()).extracting(Split::name).containsExactly("forget", "retain", "test",
        "forget_true");
    assertThat(ForgetRequests.draw(data, spec, 3).forget().examples()).isEqualTo(r.forget().examples());
    java.util.List<Example> binary = java.util.List.of(new Example("a", 0, "x", null), new Example("b", 1, "y", null));
    assertThat(Mislabels.relabel(binary, 2, 3)).as("binary labels flip").extracting(Example::label)
        .containsExactly(1, 0);
    assertThatThrownBy(() -> Mislabels.relabel(binary, 1, 3)).isInstanceOf(UnlearnException.class)
        .hasMessageContaining("at least two classes");
  }

  @Test
  void testSplitIsStratified() {
    ForgetRequest r = ForgetRequests.draw(data, ForgetSpec.defaults(), 3);
    Map<Integer, Long> perClass = r.test().examples().stream()
        .collect(Collectors.groupingBy(Example::label, Collectors.counting()));
    assertThat(perClass).containsOnly(Map.entry(0, 20L), Map.entry(1, 20L), Map.entry(2, 20L));
  }

  @Test
  void sameSeedSameSplitsOtherSeedOtherSplits() {
    ForgetRequest a = ForgetRequests.draw(data, ForgetSpec.defaults(), 3);
    ForgetRequest b = ForgetRequests.draw(data, ForgetSpec.defaults(), 3);
    ForgetRequest c = ForgetRequests.draw(data, ForgetSpec.defaults(), 4);
    assertThat(a.forget().ids()).isEqualTo(b.forget().ids());
    assertThat(a.test().ids()).isEqualTo(b.test().ids());
    assertThat(a.forget().ids()).isNotEqualTo(c.forget().ids());
  }

  @Test
  void subsetIsAStratifiedSeededSample() {
    ForgetSpec spec = new ForgetSpec(ForgetSpec.Mode.RANDOM, 0.1, null, null, null, 0.2, 90);
    ForgetRequest a = ForgetRequests.draw(data, spec, 5);
    ForgetRequest b = ForgetRequests.draw(data, spec, 5);
    int total = a.forget().size() + a.retain().size() + a.test().size();
    assertThat(total).isEqualTo(90);
    assertThat(a.train().examples().stream().filter(e -> e.label() == 2).count()).isEqualTo(24);
    assertThat(a.forget().ids()).isEqualTo(b.forget().ids());
  }

  @Test
  void countAndClassModes() {
    assertThat(ForgetRequests.draw(data, spec(ForgetSpec.Mode.RANDOM, 7, null, null), 1).forget().size())
        .isEqualTo(7);
    ForgetRequest r = ForgetRequests.draw(data, spec(ForgetSpec.Mode.CLASS, null, "c1", null), 1);
    assertThat(r.forget().examples()).hasSize(80).allMatch(e -> e.label() == 1);
    assertThat(r.retain().examples()).noneMatch(e -> e.label() == 1);
    assertThat(r.extra("test_forgotten_class").examples()).hasSize(20).allMatch(e -> e.label() == 1);
    assertThat(r.extra("test_other_classes").examples()).hasSize(40).noneMatch(e -> e.label() == 1);
  }

  @Test
  void explicitIdsAreForgottenAndNeverInTheTestSplit() {
    Path ids = Fixtures.write(dir, "ids.txt", "blob-0-0000\nblob-2-0042\n\n");
    ForgetRequest r = ForgetRequests.draw(data, spec(ForgetSpec.Mode.IDS, null, null, ids.toString()), 1);
    assertThat(r.forget().ids()).containsExactly("blob-0-0000", "blob-2-0042");
    assertThat(r.test().ids()).doesNotContain("blob-0-0000", "blob-2-0042");
  }

  @Test
  void aDatasetWithOneExamplePerClassHasNoTestSplitAndFails() {
    Dataset singles = new Dataset("singles", java.util.List.of("a", "b", "c"), java.util.List.of(
        new Example("x", 0, "x", null), new Example("y", 1, "y", null), new Example("z", 2, "z", null)), Map.of());
    assertThatThrownBy(() -> ForgetRequests.draw(singles, ForgetSpec.defaults(), 1))
        .hasMessageStartingWith("the test split of dataset 'singles' is empty: forget.testFraction 0.2 holds out "
            + "no example of any class (3 examples outside the forget ids)");
  }

  @Test
  void badForgetRequestsFailNamingTheCause() {
    Path unknown = Fixtures.write(dir, "bad.txt", "blob-0-0000\nno-such-id\n");
    assertThatThrownBy(() -> ForgetRequests.draw(data,
        spec(ForgetSpec.Mode.IDS, null, null, unknown.toString()), 1))
        .isInstanceOf(UnlearnException.class).hasMessageContaining("id 'no-such-id' is not in dataset");
    Path empty = Fixtures.write(dir, "empty.txt", "\n");
    assertThatThrownBy(() -> ForgetRequests.draw(data, spec(ForgetSpec.Mode.IDS, null, null,
        empty.toString()), 1)).hasMessage("forget.idsFile " + empty + ": no ids (write one id per line)");
    assertThatThrownBy(() -> ForgetRequests.draw(data, spec(ForgetSpec.Mode.IDS, null, null, dir.toString()), 1))
        .hasMessage("forget.idsFile " + dir + ": not a regular file");
    assertThatThrownBy(() -> ForgetRequests.draw(data, spec(ForgetSpec.Mode.CLASS, null, "c9", null), 1))
        .hasMessageContaining("forget.label 'c9' is not a label");
    assertThatThrownBy(() -> ForgetRequests.draw(data, spec(ForgetSpec.Mode.RANDOM, 1000, null, null), 1))
        .hasMessageContaining("forget.count 1000");
  }
}
