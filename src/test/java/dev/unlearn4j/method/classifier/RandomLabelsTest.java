package dev.unlearn4j.method.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RandomLabelsTest {
  @Test
  void everyForgetSampleGetsAnotherClassUniformlyAndReproducibly() {
    List<Example> forget = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      forget.add(new Example("e" + i, i % 3, "t", null));
    }
    RandomLabels m = new RandomLabels(RandomLabels.Args.defaults());
    List<Example> a = m.forgetExamples(forget, 3, 9);
    assertThat(a).hasSize(3000);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).label()).isNotEqualTo(forget.get(i).label());
      assertThat(a.get(i).id()).isEqualTo(forget.get(i).id());
    }
    assertThat(m.forgetExamples(forget, 3, 9)).isEqualTo(a);
    // class 0 samples go to 1 and 2 about equally often
    Map<Integer, Long> fromZero = a.stream().filter(e -> Integer.parseInt(e.id().substring(1)) % 3 == 0)
        .collect(Collectors.groupingBy(Example::label, Collectors.counting()));
    assertThat(fromZero.get(1)).isBetween(400L, 600L);
    assertThat(fromZero.get(2)).isBetween(400L, 600L);
  }
}
