package dev.borealis.cluster.server.admin;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.InstanceState;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.EchoProtocol;
import dev.borealis.cluster.server.NetworkFault;
import dev.borealis.cluster.server.ServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AdminServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String name;
    private Cluster cluster;
    private ClusterServer server;
    private AdminServer admin;

    @BeforeEach
    void start() throws IOException {
        name = "adm" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        cluster = Cluster.builder().engine(Engine.MYSQL).name(name).readers(2)
                .failoverDelay(Duration.ofMillis(100)).rebootDelay(Duration.ofMillis(100)).start();
        server = ClusterServer.start(cluster, ServerOptions.defaults().withPort(0)
                .withProtocol(new EchoProtocol(Engine.MYSQL)).withDnsDelay(Duration.ofMillis(100)));
        admin = AdminServer.start(server, 0);
    }

    @AfterEach
    void stop() throws InterruptedException {
        admin.close();
        server.close();
        cluster.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("borealis-" + name + "-"))) {
            assertThat(System.nanoTime()).as("threads of " + name + " ended").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void getClusterShowsTopologyEndpointsAndStorage() throws Exception {
        Reply reply = call("GET", "/cluster", null);
        assertThat(reply.status).isEqualTo(200);
        Map<String, Object> body = reply.object();
        assertThat(body).containsEntry("name", name).containsEntry("engine", "mysql")
                .containsEntry("writer", cluster.writer().id()).containsKeys("endpoints", "storage", "hostsFile");
        List<Map<String, Object>> instances = (List<Map<String, Object>>) body.get("instances");
        assertThat(instances).hasSize(3);
        assertThat(instances.get(0)).containsEntry("role", "writer").containsEntry("state", "available")
                .containsKeys("tier", "lagMs", "host", "ip", "port", "az");
        assertThat((Map<String, Object>) instances.get(0).get("network")).containsEntry("mode", "normal");
        Map<String, Object> endpoints = (Map<String, Object>) body.get("endpoints");
        assertThat((Map<String, Object>) endpoints.get("cluster")).containsEntry("host", server.names().clusterHost());
        assertThat((Map<String, Object>) body.get("storage")).containsEntry("segmentsUp", 6L);
    }

    @Test
    void failoverPromotesTheTargetOrThePromotionPick() throws Exception {
        String target = cluster.topology().readers().get(1).id();
        Reply reply = call("POST", "/failover", "{\"target\":\"" + target + "\"}");
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.object()).containsEntry("writer", target);
        assertThat(cluster.topology().writerId()).isEqualTo(target);
        assertThat(cluster.awaitAvailable(cluster.topology().readers().get(0).id(), Duration.ofSeconds(5))).isTrue();
        Reply again = call("POST", "/failover", null);
        assertThat(again.status).isEqualTo(200);
        assertThat(cluster.topology().writerId()).isNotEqualTo(target);
    }

    @Test
    void crashRestartAndLagChangeTheInstance() throws Exception {
        String reader = cluster.topology().readers().get(0).id();
        assertThat(call("POST", "/instances/" + reader + "/crash", null).status).isEqualTo(200);
        assertThat(cluster.topology().instance(reader).orElseThrow().state()).isNotEqualTo(InstanceState.AVAILABLE);
        assertThat(call("POST", "/instances/" + reader + "/restart", "").status).isEqualTo(200);
        assertThat(cluster.awaitAvailable(reader, Duration.ofSeconds(5))).isTrue();
        Reply lag = call("POST", "/instances/" + reader + "/lag", "{\"ms\": 250}");
        assertThat(lag.status).isEqualTo(200);
        assertThat(lag.object()).containsEntry("configuredLagMs", 250L);
        assertThat(cluster.topology().instance(reader).orElseThrow().configuredLagMillis()).isEqualTo(250);
    }

    @Test
    void instancesCanBeAddedAndRemoved() throws Exception {
        Reply added = call("POST", "/instances", "{\"id\":\"" + name + "-extra\",\"tier\":3}");
        assertThat(added.status).isEqualTo(201);
        assertThat(added.object()).containsEntry("id", name + "-extra").containsEntry("tier", 3L).containsKey("ip");
        Reply generated = call("POST", "/instances", null);
        assertThat(generated.status).isEqualTo(201);
        assertThat(generated.object().get("id").toString()).startsWith(name + "-instance-");
        assertThat(call("DELETE", "/instances/" + name + "-extra", null).status).isEqualTo(200);
        assertThat(cluster.topology().instance(name + "-extra")).isEmpty();
        assertThat(server.endpoints().instances()).doesNotContainKey(name + "-extra");
    }

    @Test
    void networkModesAreAppliedAndValidated() throws Exception {
        String reader = cluster.topology().readers().get(0).id();
        Reply latency = call("POST", "/instances/" + reader + "/network", "{\"mode\":\"latency\",\"ms\":20}");
        assertThat(latency.status).isEqualTo(200);
        assertThat(server.networkFault(reader)).isEqualTo(new NetworkFault.Latency(Duration.ofMillis(20)));
        assertThat(call("POST", "/instances/" + reader + "/network", "{\"mode\":\"blackhole\"}").status).isEqualTo(200);
        assertThat(server.networkFault(reader)).isEqualTo(NetworkFault.BLACKHOLE);
        assertThat(call("POST", "/instances/" + reader + "/network", "{\"mode\":\"reset\"}").status).isEqualTo(200);
        assertThat(call("POST", "/instances/" + reader + "/network", "{\"mode\":\"normal\"}").status).isEqualTo(200);
        assertThat(server.networkFault(reader)).isEqualTo(NetworkFault.NORMAL);

        Reply badMode = call("POST", "/instances/" + reader + "/network", "{\"mode\":\"sideways\"}");
        assertThat(badMode.status).isEqualTo(400);
        assertThat(badMode.error()).contains("mode").contains("sideways");
        Reply noMs = call("POST", "/instances/" + reader + "/network", "{\"mode\":\"latency\"}");
        assertThat(noMs.status).isEqualTo(400);
        assertThat(noMs.error()).contains("ms");
        Reply tooSlow = call("POST", "/instances/" + reader + "/network", "{\"mode\":\"latency\",\"ms\":999999}");
        assertThat(tooSlow.status).isEqualTo(400);
        assertThat(tooSlow.error()).contains("999999").contains("1..60000");
    }

    @Test
    void anAzCanFailAndRecover() throws Exception {
        Reply failed = call("POST", "/storage/azs/az2/fail", null);
        assertThat(failed.status).isEqualTo(200);
        assertThat(cluster.storage().segmentsUp()).isEqualTo(4);
        assertThat(call("POST", "/storage/azs/2/recover", null).status).isEqualTo(200);
        assertThat(cluster.storage().segmentsUp()).isEqualTo(6);
        Reply unknown = call("POST", "/storage/azs/az9/fail", null);
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.error()).contains("az9");
    }

    @Test
    void passwordChangesAreNeverEchoed() throws Exception {
        Reply reply = call("POST", "/users/admin/password", "{\"password\":\"s3cr3t-value\"}");
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.text).doesNotContain("s3cr3t-value").contains("admin");
        assertThat(cluster.users().password("admin")).contains("s3cr3t-value");
        Reply missing = call("POST", "/users/admin/password", "{}");
        assertThat(missing.status).isEqualTo(400);
        assertThat(missing.error()).contains("password");
    }

    @Test
    void iamUsersNeedAClusterInIamMode() throws Exception {
        Reply refused = call("POST", "/users/app/iam", null);
        assertThat(refused.status).isEqualTo(409);
        assertThat(refused.error()).contains("IAM authentication is off");
        cluster.users().configureIam(new dev.borealis.cluster.auth.IamAuth("AKIDTEST", "secret-key", "us-east-1",
                java.time.Clock.systemUTC()));
        Reply reply = call("POST", "/users/app/iam", null);
        assertThat(reply.status).isEqualTo(200);
        assertThat(cluster.users().isIamUser("app")).isTrue();
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        Reply unknown = call("POST", "/instances/nope/crash", null);
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.error()).contains("no instance 'nope'");
        Reply badJson = call("POST", "/instances/" + cluster.writer().id() + "/lag", "{\"ms\": ");
        assertThat(badJson.status).isEqualTo(400);
        assertThat(badJson.error()).contains("bad JSON");
        Reply notObject = call("POST", "/failover", "[1,2]");
        assertThat(notObject.status).isEqualTo(400);
        Reply badLag = call("POST", "/instances/" + cluster.writer().id() + "/lag", "{\"ms\": -5}");
        assertThat(badLag.status).isEqualTo(400);
        assertThat(badLag.error()).contains("ms: -5 is out of range");
        Reply removeWriter = call("DELETE", "/instances/" + cluster.writer().id(), null);
        assertThat(removeWriter.status).isEqualTo(400);
        assertThat(removeWriter.error()).contains("writer");
        Reply wrongMethod = call("DELETE", "/cluster", null);
        assertThat(wrongMethod.status).isEqualTo(405);
        assertThat(wrongMethod.headers.firstValue("Allow")).contains("GET");
        assertThat(call("GET", "/nowhere", null).status).isEqualTo(404);
        assertThat(call("POST", "/failover", "{\"target\":\"ghost\"}").status).isEqualTo(404);
        assertThat(call("GET", "/cluster", null).status).as("the API still serves").isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void customEndpointIsCreatedDescribedInRdsShapeModifiedAndDeleted() throws Exception {
        String r1 = cluster.topology().readers().get(0).id();
        String r2 = cluster.topology().readers().get(1).id();
        Reply created = call("POST", "/endpoints", "{\"DBClusterEndpointIdentifier\":\"analytics\","
                + "\"EndpointType\":\"READER\",\"StaticMembers\":[\"" + r1 + "\"]}");
        assertThat(created.status).as(created.text).isEqualTo(201);
        assertThat(created.object()).containsEntry("EndpointType", "CUSTOM").containsEntry("CustomEndpointType", "READER")
                .containsEntry("Status", "available").containsEntry("StaticMembers", List.of(r1))
                .containsEntry("ExcludedMembers", List.of())
                .containsEntry("Endpoint", server.names().customHost("analytics"));

        Reply all = call("GET", "/endpoints", null);
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) all.object().get("DBClusterEndpoints");
        assertThat(endpoints).extracting(e -> e.get("EndpointType")).containsExactly("WRITER", "READER", "CUSTOM");

        Reply modified = call("POST", "/endpoints/analytics", "{\"ExcludedMembers\":[\"" + r2 + "\"]}");
        assertThat(modified.status).as(modified.text).isEqualTo(200);
        assertThat(modified.object()).containsEntry("StaticMembers", List.of()).containsEntry("ExcludedMembers", List.of(r2))
                .containsEntry("CustomEndpointType", "READER");
        Reply one = call("GET", "/endpoints/analytics", null);
        assertThat((List<Object>) one.object().get("DBClusterEndpoints")).hasSize(1);

        assertThat(call("DELETE", "/endpoints/analytics", null).status).isEqualTo(200);
        assertThat(cluster.customEndpoints()).isEmpty();
        assertThat(call("GET", "/endpoints/analytics", null).status).isEqualTo(404);
    }

    @Test
    void badCustomEndpointRequestsNameTheProblem() throws Exception {
        String r1 = cluster.topology().readers().get(0).id();
        Reply unknown = call("POST", "/endpoints", "{\"DBClusterEndpointIdentifier\":\"ep\",\"EndpointType\":\"ANY\","
                + "\"StaticMembers\":[\"nope\"]}");
        assertThat(unknown.status).isEqualTo(400);
        assertThat(unknown.error()).contains("no instance 'nope'");
        Reply type = call("POST", "/endpoints", "{\"DBClusterEndpointIdentifier\":\"ep\",\"EndpointType\":\"WRITER\"}");
        assertThat(type.status).isEqualTo(400);
        assertThat(type.error()).contains("EndpointType").contains("READER or ANY");
        Reply both = call("POST", "/endpoints", "{\"DBClusterEndpointIdentifier\":\"ep\",\"EndpointType\":\"ANY\","
                + "\"StaticMembers\":[\"" + r1 + "\"],\"ExcludedMembers\":[\"" + r1 + "\"]}");
        assertThat(both.status).isEqualTo(400);
        assertThat(both.error()).contains("not both");
        assertThat(call("POST", "/endpoints", "{\"DBClusterEndpointIdentifier\":\"ep\",\"EndpointType\":\"ANY\"}").status)
                .isEqualTo(201);
        Reply duplicate = call("POST", "/endpoints", "{\"DBClusterEndpointIdentifier\":\"ep\",\"EndpointType\":\"ANY\"}");
        assertThat(duplicate.status).isEqualTo(400);
        assertThat(duplicate.error()).contains("already exists");
        Reply missing = call("DELETE", "/endpoints/ghost", null);
        assertThat(missing.status).isEqualTo(404);
        assertThat(missing.error()).contains("no custom endpoint 'ghost'");
    }

    private Reply call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(admin.url().resolve(URI.create(path.substring(1))))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", admin.token().bearer())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    private record Reply(int status, String text, java.net.http.HttpHeaders headers) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) Json.parse(text);
        }

        String error() {
            return String.valueOf(object().get("error"));
        }
    }
}
