package dev.unlearn4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.config.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The docs follow the registries: {@code docs/components.md} is the generated reference of every component's
 * arguments, and {@code docs/methods.md} has a row for every registered method.
 */
class ReferenceTest {
  @Test
  void componentsReferenceIsTheGeneratedOne() throws Exception {
    String committed = Files.readString(Path.of("docs/components.md"));
    assertThat(committed).as("docs/components.md is stale: regenerate it with "
        + "./unlearn list --markdown > docs/components.md").isEqualTo(Reference.markdown());
  }

  @Test
  void referenceListsEveryArgumentWithItsDefault() {
    String md = Reference.markdown();
    // DeepCUT's γ and temperature with their defaults, from the Args record
    Object deepcut = Methods.REGISTRY.entry("deepcut", "method").defaults().get();
    assertThat(md).contains("### `deepcut`", "| `gamma` | `" + ((dev.unlearn4j.method.classifier.DeepCut.Args)
        deepcut).gamma() + "` |");
    for (Registry<?> r : new Registry<?>[] {Methods.REGISTRY, Models.REGISTRY, Datasets.REGISTRY}) {
      r.names().forEach(n -> assertThat(md).contains("### `" + n + "`"));
    }
  }

  @Test
  void methodsPageHasARowForEveryMethod() throws Exception {
    String methods = Files.readString(Path.of("docs/methods.md"));
    for (String name : Methods.REGISTRY.names()) {
      assertThat(methods).as("docs/methods.md has no row for method '" + name + "'").contains("| `" + name + "` |");
    }
  }
}
