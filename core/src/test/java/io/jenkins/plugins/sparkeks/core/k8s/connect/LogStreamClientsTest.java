package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogStreamClientsTest {

    private final List<KubernetesClient> made = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000);
    private final Map<KubernetesClient, CompletableFuture<Object>> warmUps = new HashMap<>();
    private final LogStreamClients pool = new LogStreamClients(() -> {
        KubernetesClient c = mock(KubernetesClient.class);
        made.add(c);
        return c;
    }, c -> warmUps.computeIfAbsent(c, k -> new CompletableFuture<>()), 3, now::get, LogStreamClients.IDLE_MILLIS);

    @Test
    void aMemberIsAddedOnlyWhenEveryMemberIsAtTheCap() {
        List<LogStreamClients.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leases.add(pool.lease());
        }
        assertThat(pool.streams()).containsExactly(3);
        leases.add(pool.lease());
        assertThat(pool.streams()).containsExactly(3, 1);
        assertThat(leases.get(3).client()).isSameAs(made.get(1));
    }

    @Test
    void aStreamGoesToTheMemberWithTheFewestStreams() {
        List<LogStreamClients.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            leases.add(pool.lease());
        }
        assertThat(pool.streams()).containsExactly(3, 3);
        leases.get(0).close();
        leases.get(1).close();
        leases.get(3).close();
        assertThat(pool.streams()).containsExactly(1, 2);
        assertThat(pool.lease().client()).isSameAs(made.get(0));
        assertThat(pool.streams()).containsExactly(2, 2);
        assertThat(made).hasSize(2);
    }

    @Test
    void streamsOnANewMemberWaitForItsFirstRequestWhateverItsOutcome() {
        LogStreamClients.Lease first = pool.lease();
        LogStreamClients.Lease second = pool.lease();
        assertThat(first.ready()).isNotDone();
        assertThat(second.ready()).isNotDone();
        warmUps.get(made.get(0)).completeExceptionally(new IllegalStateException("403"));
        assertThat(first.ready()).isCompleted();
        assertThat(second.ready()).isCompleted();
        assertThat(pool.lease().ready()).isCompleted();
    }

    @Test
    void closingALeaseTwiceGivesBackOneSlot() {
        LogStreamClients.Lease first = pool.lease();
        pool.lease();
        first.close();
        first.close();
        assertThat(pool.streams()).containsExactly(1);
    }

    @Test
    void aMemberIdleLongEnoughIsClosedOnTheNextLease() {
        List<LogStreamClients.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            leases.add(pool.lease());
        }
        leases.get(3).close();
        now.addAndGet(LogStreamClients.IDLE_MILLIS - 1);
        leases.get(0).close();
        LogStreamClients.Lease again = pool.lease();
        assertThat(again.client()).isSameAs(made.get(1));
        verify(made.get(1), never()).close();
        again.close();

        now.addAndGet(LogStreamClients.IDLE_MILLIS);
        assertThat(pool.lease().client()).isSameAs(made.get(0));
        verify(made.get(1)).close();
        assertThat(pool.clients()).isEqualTo(1);
    }

    @Test
    void aClientNotFromAConnectorCarriesItsOwnStreams() {
        KubernetesClient elsewhere = mock(KubernetesClient.class);
        assertThat(LogStreamClients.lease(elsewhere).client()).isSameAs(elsewhere);
    }

    @Test
    void aRegisteredClientsStreamsGoToItsPoolAndUnregisteringClosesThePool() {
        KubernetesClient main = mock(KubernetesClient.class);
        LogStreamClients.register(main, pool);
        LogStreamClients.Lease lease = LogStreamClients.lease(main);
        assertThat(lease.client()).isSameAs(made.get(0)).isNotSameAs(main);
        LogStreamClients.unregister(main);
        verify(made.get(0)).close();
        assertThat(LogStreamClients.lease(main).client()).isSameAs(main);
    }
}
