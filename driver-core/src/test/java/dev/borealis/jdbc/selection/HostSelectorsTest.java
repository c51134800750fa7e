package dev.borealis.jdbc.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostSelectorsTest {

  private static HostSpec reader(String id, double lagMs) {
    return new HostSpec(id + ".example", 3306, id, HostRole.READER, lagMs, 1);
  }

  private final List<HostSpec> readers = List.of(reader("r1", 0), reader("r2", 0), reader("r3", 0));

  private static Map<String, Integer> count(HostSelector s, List<HostSpec> candidates, int picks) {
    Map<String, Integer> n = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      n.merge(s.select(candidates).instanceId(), 1, Integer::sum);
    }
    return n;
  }

  /** Bound: with 3000 picks each host gets 1000 ± 150 (about 5 standard deviations at a fixed seed). */
  @Test
  void randomSpreadsEvenlyWithinFifteenPercent() {
    HostSelector s = HostSelectors.create("random", new HostStats(), Map.of(), new Random(42));
    assertThat(count(s, readers, 3000).values()).hasSize(3).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
  }

  @Test
  void weightedRoundRobinIsExactOverEveryFullCycle() {
    HostSelector s = HostSelectors.create("roundRobin", new HostStats(), HostSelectors.parseWeights("r1:3,r2:1"),
        new Random(1));
    Map<String, Integer> n = count(s, readers, 500);
    assertThat(n).containsEntry("r1", 300).containsEntry("r2", 100).containsEntry("r3", 100);
  }

  @Test
  void weightedRoundRobinInterleavesRatherThanBursting() {
    HostSelector s = HostSelectors.create("roundRobin", new HostStats(), HostSelectors.parseWeights("r1:2"),
        new Random(1));
    List<HostSpec> two = readers.subList(0, 2);
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      order.append(s.select(two).instanceId()).append(' ');
    }
    assertThat(order.toString()).isEqualTo("r1 r2 r1 r1 r2 r1 ");
  }

  @Test
  void leastConnectionsPicksTheEmptiestHost() {
    HostStats stats = new HostStats();
    stats.moved(null, readers.get(0));
    stats.moved(null, readers.get(0));
    stats.moved(null, readers.get(1));
    HostSelector s = HostSelectors.create("leastConnections", stats, Map.of(), new Random(3));
    assertThat(count(s, readers, 50)).containsOnlyKeys("r3");
    stats.moved(readers.get(0), readers.get(2));
    stats.moved(readers.get(0), readers.get(2));
    assertThat(count(s, readers, 50)).containsOnlyKeys("r1");
  }

  @Test
  void fastestResponseTriesUnmeasuredHostsFirstThenTheFastest() {
    HostStats stats = new HostStats();
    stats.recordResponse(readers.get(0), 5_000_000);
    stats.recordResponse(readers.get(1), 1_000_000);
    HostSelector s = HostSelectors.create("fastestResponse", stats, Map.of(), new Random(3));
    assertThat(s.select(readers).instanceId()).isEqualTo("r3");
    stats.recordResponse(readers.get(2), 9_000_000);
    assertThat(count(s, readers, 20)).containsOnlyKeys("r2");
  }

  @Test
  void lowestLagPicksTheFreshestReader() {
    List<HostSpec> lagging = List.of(reader("r1", 40), reader("r2", 5), reader("r3", 900));
    HostSelector s = HostSelectors.create("lowestLag", new HostStats(), Map.of(), new Random(3));
    assertThat(count(s, lagging, 20)).containsOnlyKeys("r2");
  }

  @Test
  void maxReplicaLagBoundExcludesLaggingReadersAndZeroMeansNoBound() {
    List<HostSpec> lagging = List.of(reader("r1", 40), reader("r2", 1000), reader("r3", 1001));
    assertThat(HostSelectors.withinLag(lagging, 1000)).extracting(HostSpec::instanceId).containsExactly("r1", "r2");
    assertThat(HostSelectors.withinLag(lagging, 10)).isEmpty();
    assertThat(HostSelectors.withinLag(lagging, 0)).hasSize(3);
  }
}
