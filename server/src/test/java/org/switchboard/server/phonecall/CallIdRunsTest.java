package org.switchboard.server.phonecall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CallIdRunsTest {
    @Test
    void consecutiveIdsBecomeRunsAndComeBackInOrder() {
        List<Long> ids = List.of(101L, 102L, 103L, 200L, 7L, 8L, 5000L);
        String runs = CallIdRuns.encode(ids);
        assertThat(runs).isEqualTo("101-103,200,7-8,5000");
        assertThat(CallIdRuns.decode(runs)).isEqualTo(ids);
    }

    @Test
    void aBatchWithoutCallsIsEmpty() {
        assertThat(CallIdRuns.encode(List.of())).isEmpty();
        assertThat(CallIdRuns.decode("")).isEmpty();
    }
}
