package dev.unlearn4j.data;

import dev.unlearn4j.util.InputFiles;
import dev.unlearn4j.util.Seeds;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Draws a {@link ForgetRequest} from a dataset: a stratified test split (or the dataset's separate test file), then
 * the forget set from the rest.
 */
public final class ForgetRequests {
  private ForgetRequests() {}

  public static ForgetRequest draw(Dataset full, ForgetSpec spec, long seed) {
    if (full.examples().isEmpty()) {
      throw new UnlearnException("dataset '" + full.name() + "' has no examples");
    }
    Set<String> explicit = spec.mode() == ForgetSpec.Mode.IDS ? readIds(full, Path.of(spec.idsFile())) : Set.of();
    Dataset data = subset(full, spec.subset(), explicit, seed);
    // explicitly requested ids, and the documents they come from, never land in the test split
    Set<String> explicitGroups = data.examples().stream().filter(e -> explicit.contains(e.id()))
        .map(Example::groupOrId).collect(Collectors.toSet());
    List<Example> pool = data.examples().stream().filter(e -> !explicitGroups.contains(e.groupOrId())).toList();
    List<Example> test = data.testIds().isEmpty()
        ? stratifiedSample(pool, spec.testFraction(), Seeds.random(seed, "split.test"))
        : data.examples().stream().filter(e -> data.testIds().contains(e.id())).toList();
    if (test.isEmpty()) {                             // test metrics would be NaN and the run would still "succeed"
      throw new UnlearnException("the test split of dataset '" + data.name() + "' is empty: forget.testFraction "
          + spec.testFraction() + " holds out no example of any class (" + pool.size() + " examples outside the "
          + "forget ids); give more examples per class or raise forget.testFraction");
    }
    Set<String> testIds = test.stream().map(Example::id).collect(Collectors.toSet());
    List<Example> train = data.examples().stream().filter(e -> !testIds.contains(e.id())).toList();

    List<Example> forget = switch (spec.mode()) {
      case RANDOM, MISLABELLED -> randomForget(train, spec, seed);
      case CLASS -> {
        int label = data.labels().indexOf(spec.label());
        if (label < 0) {
          throw new UnlearnException("forget.label '" + spec.label() + "' is not a label of dataset '"
              + data.name() + "'; labels: " + data.labels());
        }
        yield train.stream().filter(e -> e.label() == label).toList();
      }
      case IDS -> train.stream().filter(e -> explicit.contains(e.id())).toList();
    };
    if (forget.isEmpty()) {
      throw new UnlearnException("the forget set is empty (forget.mode " + spec.mode().key() + ")");
    }
    Set<String> forgetIds = forget.stream().map(Example::id).collect(Collectors.toSet());
    List<Example> retain = train.stream().filter(e -> !forgetIds.contains(e.id())).toList();
    if (retain.isEmpty()) {
      throw new UnlearnException("the retain set is empty: everything in the training split would be forgotten");
    }
    return inScenario(spec, data, seed, forget, retain, test);
  }

  /**
   * The request for a drawn forget set (dataset labels) under the spec's scenario: mislabelled gives the forget
   * split its wrong training labels and adds {@link ForgetRequest#FORGET_TRUE}; class adds the test split cut by
   * the forgotten label. Replaying a run directory's ids goes through here too, so both see the same splits.
   */
  public static ForgetRequest inScenario(ForgetSpec spec, Dataset data, long seed, List<Example> forget,
      List<Example> retain, List<Example> test) {
    Split r = new Split("retain", retain);
    Split t = new Split("test", test);
    return switch (spec.mode()) {
      case MISLABELLED -> new ForgetRequest(new Split("forget", Mislabels.relabel(forget, data.numClasses(), seed)),
          r, t, List.of(new Split(ForgetRequest.FORGET_TRUE, forget)));
      case CLASS -> {
        int label = data.labels().indexOf(spec.label());
        yield new ForgetRequest(new Split("forget", forget), r, t, List.of(
            new Split(ForgetRequest.TEST_FORGOTTEN_CLASS, test.stream().filter(e -> e.label() == label).toList()),
            new Split(ForgetRequest.TEST_OTHER_CLASSES, test.stream().filter(e -> e.label() != label).toList())));
      }
      default -> new ForgetRequest(new Split("forget", forget), r, t);
    };
  }

  /**
   * A stratified sample of about {@code n} examples (by group), always keeping explicitly requested ids; a separate
   * test file is kept whole and {@code n} counts the training examples only.
   */
  private static Dataset subset(Dataset full, int n, Set<String> keep, long seed) {
    List<Example> trainable = full.examples().stream().filter(e -> !full.testIds().contains(e.id())).toList();
    if (n == 0 || n >= trainable.size()) {
      return full;
    }
    double fraction = (double) n / trainable.size();
    Set<String> chosen = stratifiedSample(trainable, fraction, Seeds.random(seed, "split.subset")).stream()
        .map(Example::id).collect(Collectors.toSet());
    chosen.addAll(keep);
    chosen.addAll(full.testIds());
    List<Example> kept = full.examples().stream().filter(e -> chosen.contains(e.id())).toList();
    return new Dataset(full.name(), full.labels(), kept, full.inputFiles(), full.testIds());
  }

  private static List<Example> randomForget(List<Example> train, ForgetSpec spec, long seed) {
    int n = spec.count() != null ? spec.count() : (int) Math.max(1, Math.round(spec.fraction() * train.size()));
    if (n >= train.size()) {
      throw new UnlearnException("forget.count " + n + " is not smaller than the training split (" + train.size()
          + " examples)");
    }
    List<Example> shuffled = new ArrayList<>(train);
    Collections.shuffle(shuffled, Seeds.random(seed, "split.forget"));
    Set<String> chosen = shuffled.subList(0, n).stream().map(Example::id).collect(Collectors.toSet());
    return train.stream().filter(e -> chosen.contains(e.id())).toList();   // keep dataset order
  }

  /**
   * Takes round(fraction·n_c) groups of every class c (at least one where the class has two or more groups) and
   * returns their examples. A group is a source document (see {@link Example#group}); an example without one is
   * its own group, so this is a plain stratified sample for ungrouped data.
   */
  static List<Example> stratifiedSample(List<Example> pool, double fraction, Random rng) {
    Map<String, Integer> groupLabel = new LinkedHashMap<>();
    for (Example e : pool) {
      groupLabel.putIfAbsent(e.groupOrId(), e.label());
    }
    Map<Integer, List<String>> byLabel = new TreeMap<>();
    groupLabel.forEach((g, label) -> byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(g));
    Set<String> chosen = new HashSet<>();
    for (List<String> groups : byLabel.values()) {
      int k = (int) Math.round(fraction * groups.size());
      if (k == 0 && groups.size() >= 2) {
        k = 1;
      }
      List<String> shuffled = new ArrayList<>(groups);
      Collections.shuffle(shuffled, rng);
      chosen.addAll(shuffled.subList(0, Math.min(k, groups.size())));
    }
    return pool.stream().filter(e -> chosen.contains(e.groupOrId())).toList();
  }

  private static Set<String> readIds(Dataset data, Path file) {
    List<String> lines;
    InputFiles.requireRegular(file, "forget.idsFile " + file);
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UnlearnException("forget.idsFile " + file + ": cannot read (" + e.getMessage() + ")");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String l : lines) {
      if (!l.isBlank()) {
        ids.add(l.strip());
      }
    }
    if (ids.isEmpty()) {
      throw new UnlearnException("forget.idsFile " + file + ": no ids (write one id per line)");
    }
    Map<String, Example> byId = data.examples().stream().collect(Collectors.toMap(Example::id, Function.identity()));
    for (String id : ids) {
      if (!byId.containsKey(id)) {
        throw new UnlearnException("forget.idsFile " + file + ": id '" + id + "' is not in dataset '"
            + data.name() + "'");
      }
      if (data.testIds().contains(id)) {
        throw new UnlearnException("forget.idsFile " + file + ": id '" + id + "' is in the test file "
            + "(dataset.args.testPath), which is never trained on");
      }
    }
    return ids;
  }
}
