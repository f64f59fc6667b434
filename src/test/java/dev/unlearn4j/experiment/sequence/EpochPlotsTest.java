package dev.unlearn4j.experiment.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpochPlotsTest {
  @Test
  void aRunThatStoppedEarlyCountsWithItsLastCheck() {
    assertThat(EpochPlots.meanPerEpoch(List.of(List.of(1.0, 2.0, 3.0), List.of(4.0, 5.0))))
        .containsExactly(2.5, 3.5, 4.0);
    assertThat(EpochPlots.meanPerEpoch(List.of())).isEmpty();
  }
}
