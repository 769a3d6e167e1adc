package io.jenkins.plugins.sparkeks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.AwsService;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Real SDK calls against the AWS emulator, with a proxy stub that records what reaches it: which hosts Jenkins' "No
 * Proxy Host" entries send around the proxy, and that a changed proxy is used by the next clients.
 */
class AwsHttpClientsTest {

    private AwsEmulator aws;
    private RecordingProxy proxy;

    @BeforeEach
    void start() {
        aws = AwsEmulator.start();
        proxy = new RecordingProxy();
    }

    @AfterEach
    void stop() {
        proxy.close();
        aws.close();
    }

    private ControllerProxy proxyBypassing(String noProxyHosts) {
        return new ControllerProxy("127.0.0.1", proxy.port(), null, null, noProxyHosts);
    }

    /** "direct" when the emulator answered, "proxy" when the call reached the proxy stub instead. */
    private String route(SdkHttpClient http, String host) {
        int before = aws.calls(Operation.GET_CALLER_IDENTITY);
        int proxiedBefore = proxy.targets().size();
        URI endpoint = URI.create("http://" + host + ":" + aws.endpoint().getPort());
        try (StsClient sts = StsClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build()) {
            sts.getCallerIdentity();
        } catch (RuntimeException refusedByTheStub) {
            // the stub answers 502; where the call went is read from the counters below
        }
        boolean direct = aws.calls(Operation.GET_CALLER_IDENTITY) == before + 1;
        boolean viaProxy = proxy.targets().size() == proxiedBefore + 1;
        assertThat(direct ^ viaProxy)
                .as("the call to %s went exactly one way", host)
                .isTrue();
        return direct ? "direct" : "proxy";
    }

    private String route(String noProxyHosts, String host) {
        return route(AwsHttpClients.build(proxyBypassing(noProxyHosts)), host);
    }

    @Test
    void globEntriesWorkAsInJenkinsInsteadOfFailingEveryCall() {
        assertThat(route("*.corp, localhost", "localhost")).isEqualTo("direct");
        assertThat(route("*.corp", "localhost")).isEqualTo("proxy");
        assertThat(route("127.0.0.*", "127.0.0.1")).isEqualTo("direct");
        assertThat(route("local*", "localhost")).isEqualTo("direct");
        assertThat(route("*host", "localhost")).isEqualTo("direct");
        assertThat(route("*", "localhost")).isEqualTo("direct");
    }

    @Test
    void plainEntriesMatchTheWholeHostAndTheirDotsLiterally() {
        assertThat(route("localhost", "localhost")).isEqualTo("direct");
        assertThat(route("127.0.0.1", "127.0.0.1")).isEqualTo("direct");
        assertThat(route("127.0.0.10", "127.0.0.1")).as("no prefix match").isEqualTo("proxy");
        assertThat(route("27.0.0.1", "127.0.0.1")).as("no suffix match").isEqualTo("proxy");
        assertThat(route("127x0x0x1", "127.0.0.1")).isEqualTo("proxy");
        assertThat(route("127.0.0.1", "127x0x0x1.invalid")).isEqualTo("proxy");
        assertThat(route("LocalHost", "localhost"))
                .as("host names are case-insensitive")
                .isEqualTo("direct");
    }

    @Test
    void entriesAreSplitOnEverySeparatorJenkinsAccepts() {
        for (String separator : List.of(" ", "\t", "\n", ",", "|", ", ", " |\n")) {
            assertThat(route("*.corp" + separator + "127.0.0.1", "127.0.0.1"))
                    .as("separated by %s", separator)
                    .isEqualTo("direct");
        }
        assertThat(route("", "localhost")).isEqualTo("proxy");
        assertThat(route((String) null, "localhost")).isEqualTo("proxy");
    }

    @Test
    void anEntryNotEvenJenkinsCouldCompileIsTakenLiterally() {
        assertThat(route("db[1.corp, localhost", "localhost")).isEqualTo("direct");
        assertThat(NoProxyHosts.toSdkPatterns("db[1.corp"))
                .singleElement()
                .satisfies(p -> assertThat("db[1.corp".matches(p)).isTrue());
    }

    @Test
    void noProxyConfiguredMeansDirect() {
        assertThat(route(AwsHttpClients.build(ControllerProxy.NONE), "127.0.0.1"))
                .isEqualTo("direct");
    }

    @Test
    void aChangedProxyIsUsedByTheNextClientsWithoutARestart() {
        AwsHttpClients http = new AwsHttpClients();
        AwsSettings settings = AwsSettings.of(aws.region())
                .withCredentials(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
                .withEndpoint(
                        AwsService.STS,
                        URI.create("http://127.0.0.1:" + aws.endpoint().getPort()));
        try (AwsClientFactory factory = new AwsClientFactory(http, Clock.systemUTC(), Duration.ofHours(1))) {
            http.follow(ControllerProxy.NONE);
            factory.sts(settings).getCallerIdentity();
            assertThat(proxy.targets()).isEmpty();

            http.follow(proxyBypassing("*.corp"));
            try {
                factory.sts(settings).getCallerIdentity();
            } catch (RuntimeException refusedByTheStub) {
                // expected: the stub answers 502
            }
            int viaProxy = proxy.targets().size();
            assertThat(viaProxy)
                    .as("the factory's retries all went through the new proxy")
                    .isPositive();

            SdkHttpClient current = http.get();
            assertThat(http.follow(proxyBypassing("*.corp")))
                    .as("unchanged proxy, same client")
                    .isSameAs(current);
            assertThat(http.follow(proxyBypassing("*.corp 127.0.0.1"))).isNotSameAs(current);
            factory.sts(settings).getCallerIdentity();
            assertThat(proxy.targets()).as("127.0.0.1 now bypasses the proxy").hasSize(viaProxy);
        }
    }

    @Test
    void readsTheControllersProxySettingsEachTime() {
        ProxyConfiguration configured = mock(ProxyConfiguration.class);
        when(configured.getName()).thenReturn(" proxy.corp ");
        when(configured.getPort()).thenReturn(3128);
        when(configured.getUserName()).thenReturn("builder");
        Secret password = mock(Secret.class);
        when(configured.getSecretPassword()).thenReturn(password);
        when(configured.getNoProxyHost()).thenReturn("*.corp");
        Jenkins jenkins = mock(Jenkins.class);
        try (MockedStatic<Jenkins> statics = mockStatic(Jenkins.class);
                MockedStatic<Secret> secrets = mockStatic(Secret.class)) {
            statics.when(Jenkins::getInstanceOrNull).thenReturn(jenkins);
            secrets.when(() -> Secret.toString(password)).thenReturn("s3cret");

            assertThat(ControllerProxy.read()).isEqualTo(ControllerProxy.NONE);
            jenkins.proxy = configured;
            ControllerProxy read = ControllerProxy.read();
            assertThat(read).isEqualTo(new ControllerProxy("proxy.corp", 3128, "builder", "s3cret", "*.corp"));
            assertThat(read.toString()).doesNotContain("s3cret");
            when(configured.getPort()).thenReturn(8080);
            assertThat(ControllerProxy.read()).isNotEqualTo(read);
        }
    }
}
