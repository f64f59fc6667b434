package dev.unlearn4j.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layering of docs/architecture.md: each package imports only those below it, and no package cycle exists. */
class ArchitectureTest {
  /** Bottom to top; a layer may use any layer listed before it. */
  static final List<String> LAYERS = List.of("util", "config", "nn", "data", "loss", "model", "train", "eval",
      "pretrain", "method", "catalog", "experiment", "bench", "spark", "cli");

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.unlearn4j");

  @Test
  void everyPackageImportsOnlyTheLayersBelowIt() {
    Architectures.LayeredArchitecture arch = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (String layer : LAYERS) {
      arch = arch.layer(layer).definedBy("dev.unlearn4j." + layer + "..");
    }
    for (int i = 0; i < LAYERS.size() - 1; i++) {
      arch = arch.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(
          LAYERS.subList(i + 1, LAYERS.size()).toArray(String[]::new));
    }
    arch = arch.whereLayer("cli").mayNotBeAccessedByAnyLayer();
    EvaluationResult r = arch.evaluate(MAIN);
    assertThat(r.getFailureReport().getDetails()).isEmpty();
  }

  @Test
  void noPackageCycles() {
    EvaluationResult r = slices().matching("dev.unlearn4j.(**)").should().beFreeOfCycles().evaluate(MAIN);
    assertThat(r.getFailureReport().getDetails()).isEmpty();
  }

  @Test
  void everyMainPackageIsALayer() {
    assertThat(MAIN.stream().map(c -> c.getPackageName().replaceFirst("^dev\\.unlearn4j\\.?", "").split("\\.")[0])
        .filter(p -> !p.isEmpty()).distinct()).allMatch(LAYERS::contains);
  }
}
