package dev.borealis.jdbc.customendpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.Topology;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribeClientTest {

  private final DescribeClient client = new DescribeClient("http://127.0.0.1:1", "ep", null, 1_000);

  @Test
  void staticMembersWinAndReaderEndpointsSkipTheWriter() throws IOException {
    EndpointInfo info = client.parse("ep", "{\"DBClusterEndpoints\":[{\"DBClusterEndpointIdentifier\":\"ep\","
        + "\"EndpointType\":\"CUSTOM\",\"CustomEndpointType\":\"READER\",\"StaticMembers\":[\"I-1\",\"i-2\"],"
        + "\"ExcludedMembers\":[]}]}");
    Topology view = info.view(topology());
    assertThat(view.hosts()).extracting(HostSpec::instanceId).containsExactly("i-2");
  }

  @Test
  void emptyStaticListMeansAllExceptTheExcluded() throws IOException {
    EndpointInfo info = client.parse("ep", "{\"DBClusterEndpoints\":[{\"CustomEndpointType\":\"ANY\","
        + "\"StaticMembers\":[],\"ExcludedMembers\":[\"i-2\"]}]}");
    assertThat(info.view(topology()).hosts()).extracting(HostSpec::instanceId).containsExactly("i-1", "i-3");
  }

  @Test
  void answersThatAreNotDescribeResponsesAreNamed() {
    assertThatThrownBy(() -> client.parse("ep", "{\"DBClusterEndpoints\":[]}"))
        .isInstanceOf(IOException.class).hasMessageContaining("no DBClusterEndpoints entry");
    assertThatThrownBy(() -> client.parse("ep", "{\"DBClusterEndpoints\":[{\"CustomEndpointType\":\"WRITER\"}]}"))
        .isInstanceOf(IOException.class).hasMessageContaining("expected READER or ANY");
    assertThatThrownBy(() -> client.parse("ep", "[" .repeat(100)))
        .isInstanceOf(IOException.class).hasMessageContaining("nested deeper than");
    assertThatThrownBy(() -> client.parse("ep", "{\"DBClusterEndpoints\":[{\"CustomEndpointType\":\"ANY\","
        + "\"StaticMembers\":[1]}]}")).isInstanceOf(IOException.class).hasMessageContaining("not a DescribeDBClusterEndpoints");
  }

  @Test
  void aTopologyFromTheUrlIsNotNarrowed() throws IOException {
    EndpointInfo info = client.parse("ep", "{\"DBClusterEndpoints\":[{\"CustomEndpointType\":\"ANY\","
        + "\"StaticMembers\":[\"i-9\"]}]}");
    Topology fromUrl = Topology.fromUrl(List.of(HostSpec.of("ep.cluster-custom-x.example.com", 3306)), 0);
    assertThat(info.view(fromUrl)).isSameAs(fromUrl);
  }

  private static Topology topology() {
    return new Topology(List.of(host("i-1", HostRole.WRITER), host("i-2", HostRole.READER),
        host("i-3", HostRole.READER)), 0, true);
  }

  private static HostSpec host(String id, HostRole role) {
    return new HostSpec(id + ".example.com", 3306, id, role, 0, 1);
  }
}
